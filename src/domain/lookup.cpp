#include "domain/lookup.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

#include <utf8proc.h>

#include "domain/text.hpp"

namespace owner {

namespace {

// Letters that Unicode does not decompose into a base letter and a mark, as people type them
// without their stroke or ligature (after case folding: æ, not Æ).
std::string_view plain_letters(char32_t cp) {
    switch (cp) {
    case 0xE6:  // æ
        return "ae";
    case 0xF0:   // ð
    case 0x111:  // đ
        return "d";
    case 0xF8:  // ø
        return "o";
    case 0xFE:  // þ
        return "th";
    case 0x127:  // ħ
        return "h";
    case 0x131:  // dotless ı
        return "i";
    case 0x138:  // ĸ
        return "k";
    case 0x142:  // ł
        return "l";
    case 0x14B:  // ŋ
        return "n";
    case 0x153:  // œ
        return "oe";
    case 0x167:  // ŧ
        return "t";
    default:
        return "";
    }
}

bool is_letter_or_digit(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

bool is_word(std::string_view folded, std::size_t pos, std::size_t len) {
    return (pos == 0 || folded[pos - 1] == ' ') &&
           (pos + len == folded.size() || folded[pos + len] == ' ');
}

// Every way `typed` (folded) can be a partial match of `field` (folded).
bool partial(std::string_view typed, std::string_view field) {
    if (typed.empty()) {
        return false;
    }
    const std::size_t letters = static_cast<std::size_t>(
        std::count_if(typed.begin(), typed.end(), [](char c) { return c != ' '; }));
    for (std::size_t pos = field.find(typed); pos != std::string_view::npos;
         pos = field.find(typed, pos + 1)) {
        if (letters >= 3 || is_word(field, pos, typed.size())) {
            return true;
        }
    }
    return false;
}

std::string without_spaces(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

}  // namespace

std::string fold_text(std::string_view s) {
    std::string out;
    bool gap = false;
    auto put = [&](std::string_view letters) {
        if (gap && !out.empty()) {
            out += ' ';
        }
        gap = false;
        out += letters;
    };
    // Each letter as utf8proc decomposes it (NFKD), case-folded, without its marks: "É", "é" and
    // "e" + U+0301 (NFD, as macOS writes names) are all "e"; "ß" is "ss", "ĳ" "ij".
    constexpr auto kOptions =
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                       UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    utf8proc_int32_t parts[16];
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                put(std::string_view(&s[i], 1));
            } else if (c >= 'A' && c <= 'Z') {
                const char lower = static_cast<char>(c - 'A' + 'a');
                put(std::string_view(&lower, 1));
            } else {
                gap = true;
            }
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) {
            put(s.substr(i, 1));  // broken UTF-8: this byte alone, kept as it is
            ++i;
            continue;
        }
        int boundary = 0;
        const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts,
                                                           std::size(parts), kOptions, &boundary);
        for (utf8proc_ssize_t k = 0; k < n && k < static_cast<utf8proc_ssize_t>(std::size(parts));
             ++k) {
            const auto part = static_cast<char32_t>(parts[k]);
            if (part < 0x80) {
                const auto a = static_cast<char>(part);
                if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
                    put(std::string_view(&a, 1));
                } else {
                    gap = true;  // e.g. the middle dot of ŀ, the space of a no-break space
                }
            } else if (const std::string_view plain = plain_letters(part); !plain.empty()) {
                put(plain);
            } else if (is_letter_or_digit(part)) {
                std::string letter;
                append_utf8(letter, part);
                put(letter);  // any other script: kept, case-folded
            } else {
                gap = true;  // punctuation, symbols, spaces: dashes, quotes, ×, emoji
            }
        }
        i += len;
    }
    return out;
}

std::vector<std::size_t> match_case_text(std::string_view typed, const std::vector<Case>& cases) {
    const std::string t = fold_text(typed);
    std::vector<std::size_t> exact, part;
    if (t.empty()) {
        return exact;
    }
    const std::string compact = without_spaces(t);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        const std::string name = fold_text(c.customer);
        const std::string ref = c.ref ? fold_text(*c.ref) : std::string();
        // A reference is matched without its punctuation too: inc40211 is INC-40211.
        if (name == t || (!ref.empty() && (ref == t || without_spaces(ref) == compact))) {
            exact.push_back(i);
        } else if (partial(t, name) || partial(t, ref) ||
                   (compact.size() >= 3 &&
                    without_spaces(ref).find(compact) != std::string::npos)) {
            part.push_back(i);
        }
    }
    std::vector<std::size_t>& best = exact.empty() ? part : exact;
    std::sort(best.begin(), best.end(),
              [&](std::size_t a, std::size_t b) { return cases[a].id < cases[b].id; });
    return best;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swap of two neighbours ("Bne" for "Ben") is one edit.
    std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
    std::iota(prev.begin(), prev.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min(
                {prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        before.swap(prev);
        prev.swap(row);
    }
    return prev[b.size()];
}

std::string nearest_text(std::string_view typed, const std::vector<std::string>& candidates) {
    const std::string t = fold_text(typed);
    if (t.empty()) {
        return "";
    }
    std::string best;
    std::size_t best_distance = t.size() / 3 + 1;  // at most a third of the letters wrong
    for (const std::string& candidate : candidates) {
        const std::string folded = fold_text(candidate);
        std::vector<std::string_view> forms{folded};
        for (std::size_t start = 0; start < folded.size();) {
            const std::size_t end = std::min(folded.find(' ', start), folded.size());
            forms.push_back(std::string_view(folded).substr(start, end - start));
            start = end + 1;
        }
        for (std::string_view form : forms) {
            const std::size_t d = edit_distance(t, form);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
    }
    return best;
}

}  // namespace owner
