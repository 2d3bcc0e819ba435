#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The languages owner speaks: the one list. The config's `language`, `--lang` of draft, new and
// escalate, a case's `lang`, `[templates.LANG]`, the completions and the man pages take their
// codes from here (tests/e2e/test_architecture.py fails on a code written anywhere else in src/).
// A language's words are columns in that same order: the catalogue's texts, day and month names
// and date words (domain/catalogue.cpp), and the built-in message templates (domain/messages.cpp).
// ARCHITECTURE.md "Adding a language" is the checklist.
namespace owner {

struct Language {
    std::string_view code;    // "de": what the config, --lang and a case's `lang` say
    std::string_view name;    // "German": in help and error messages (which are in English)
    int weekday_prefix = 2;   // the letters of a day's name that are enough as input ("fr", "fri")
    char decimal_mark = '.';  // "1.5 working days", "1,5 Arbeitstage"
};

inline constexpr std::array kLanguages = {
    Language{"en", "English", 3, '.'},
    Language{"nl", "Dutch", 2, ','},
    Language{"de", "German", 2, ','},
};
inline constexpr std::size_t kLanguageCount = kLanguages.size();

// The first language: the default, and the one the program's own words are in (help, errors,
// log events, JSON, the escalation rules' lines).
inline constexpr std::string_view kBaseLanguage = kLanguages[0].code;

// A language's column: its place in kLanguages; the base language's for a code not in the list.
constexpr std::size_t column_of(std::string_view code) {
    for (std::size_t i = 0; i < kLanguageCount; ++i) {
        if (kLanguages[i].code == code) {
            return i;
        }
    }
    return 0;
}
constexpr bool is_language(std::string_view code) {
    for (const Language& l : kLanguages) {
        if (l.code == code) {
            return true;
        }
    }
    return false;
}
// The codes in order, for CLI11's IsMember.
inline std::vector<std::string> language_codes() {
    std::vector<std::string> out;
    for (const Language& l : kLanguages) {
        out.emplace_back(l.code);
    }
    return out;
}
// The codes as a person reads a choice: "a, b or c" (`joiner` before the last one, `quote`
// around each), for help and error messages.
inline std::string language_choices(std::string_view joiner = " or ", std::string_view quote = "") {
    std::string out;
    for (std::size_t i = 0; i < kLanguageCount; ++i) {
        out.append(i == 0 ? "" : i + 1 == kLanguageCount ? joiner : ", ");
        out.append(quote).append(kLanguages[i].code).append(quote);
    }
    return out;
}

}  // namespace owner
