#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/messages.hpp"
#include "domain/when.hpp"
#include "fixture.hpp"
#include "store/config_file.hpp"
#include "zone.hpp"

using namespace owner;

namespace {

std::size_t fields(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t pos = text.find("{}"); pos != std::string_view::npos;
         pos = text.find("{}", pos + 2)) {
        ++n;
    }
    return n;
}

std::size_t words(std::string_view text) {
    std::size_t n = 0;
    while (!nth_word(text, n).empty()) {
        ++n;
    }
    return n;
}

std::string when(const std::string& text, const char* now = "2026-11-25T10:30:00+01:00") {
    return parse_when(text, ts(now), WorkCalendar()).rfc3339();
}

}  // namespace

TEST_CASE("the catalogue has every text in every language") {
    REQUIRE(catalogue_size() > 0);
    for (std::size_t key = 0; key < catalogue_size(); ++key) {
        const auto text = static_cast<Text>(key);
        const std::string_view base = catalogue_text(text, 0);
        for (std::size_t column = 0; column < kLanguageCount; ++column) {
            const std::string_view said = catalogue_text(text, column);
            CAPTURE(key);
            CAPTURE(kLanguages[column].code);
            CAPTURE(base);
            CHECK_FALSE(said.empty());
            // The same arguments in every language: a {} lost in translation loses a name.
            CHECK(fields(said) == fields(base));
        }
    }
    SUBCASE("seven days and twelve months in every language") {
        for (const Language& l : kLanguages) {
            CAPTURE(l.code);
            CHECK(words(say(Text::days_short, l.code)) == 7);
            CHECK(words(say(Text::days_long, l.code)) == 7);
            CHECK(words(say(Text::months_short, l.code)) == 12);
            CHECK(words(say(Text::months_long, l.code)) == 12);
        }
    }
    SUBCASE("a short date is its three fields and what stands between them") {
        for (const Language& l : kLanguages) {
            CAPTURE(l.code);
            const std::string_view form = say(Text::date_short, l.code);
            CHECK(form.starts_with("{}"));
            CHECK(form.ends_with("{}"));
            const ShortDateForm parts = short_date_form(l.code);
            CHECK(fmt::format("{{}}{}{{}}{}{{}}", parts.weekday_day, parts.day_month) == form);
        }
    }
}

TEST_CASE("the list of languages") {
    CHECK(kLanguages[column_of("de")].code == "de");
    CHECK(column_of("xx") == 0);  // an unknown code speaks the base language
    CHECK(is_language("de"));
    CHECK_FALSE(is_language("xx"));
    CHECK(language_choices() == "en, nl or de");
    CHECK(language_choices(" or ", "\"") == "\"en\", \"nl\" or \"de\"");
    CHECK(say(Text::today_today, "xx") == say(Text::today_today, kBaseLanguage));
}

TEST_CASE("every built-in template exists in every language and passes its own validation") {
    for (const Language& l : kLanguages) {
        for (auto name : kTemplateNames) {
            CAPTURE(l.code);
            CAPTURE(name);
            const auto text = builtin_template(l.code, name);
            REQUIRE(text.has_value());
            CHECK(template_problem(name, *text) == "");
        }
    }
    CHECK_FALSE(builtin_template("xx", "customer").has_value());
}

TEST_CASE("dates in German") {
    ZoneGuard zone("Europe/Berlin");
    CHECK(human_date(Date{2026, 11, 25}, "de") == "Mi 25. Nov");
    CHECK(human_date(Date{2026, 3, 2}, "de") == "Mo 2. Mär");
    CHECK(long_date(Date{2026, 11, 25}, "de") == "Mittwoch, 25. November 2026");
    CHECK(human_time(ts("2026-12-11T09:05:00+01:00"), "de") == "Fr 11. Dez 09:05");
    CHECK(spoken_day(ts("2026-12-11T12:00:00+01:00"), "de") == "Freitag, 11. Dezember");
    CHECK(spoken_time(ts("2026-12-11T12:00:00+01:00"), "de") == "Freitag, 11. Dezember, 12:00 Uhr");
    CHECK(relative_when(ts("2026-11-26T12:00:00+01:00"), ts("2026-11-25T10:30:00+01:00"), "de") ==
          "morgen 12:00");
    CHECK(spoken_list({"Dini", "Ben", "Kees"}, "de") == "Dini, Ben und Kees");
    CHECK(priority_word("low", "de") == "niedrig");
    SUBCASE("English and Dutch stay as they were") {
        CHECK(human_date(Date{2026, 11, 25}) == "Wed 25 Nov");
        CHECK(human_date(Date{2026, 11, 25}, "nl") == "wo 25 nov");
        CHECK(spoken_time(ts("2026-12-11T12:00:00+01:00"), "en") == "Friday 11 December at 12:00");
        CHECK(spoken_time(ts("2026-12-11T12:00:00+01:00"), "nl") == "vrijdag 11 december om 12:00");
    }
}

TEST_CASE("parse_when in German") {
    ZoneGuard zone("Europe/Berlin");  // now: Wednesday 25 November 2026, 10:30
    CHECK(when("heute") == "2026-11-25T17:00:00+01:00");
    CHECK(when("morgen") == "2026-11-26T17:00:00+01:00");
    CHECK(when("morgen 12:00") == "2026-11-26T12:00:00+01:00");
    CHECK(when("übermorgen") == "2026-11-27T17:00:00+01:00");
    CHECK(when("Übermorgen") == "2026-11-27T17:00:00+01:00");
    CHECK(when("gestern") == "2026-11-24T17:00:00+01:00");
    CHECK(when("Freitag") == "2026-11-27T17:00:00+01:00");
    CHECK(when("Fr 16:00") == "2026-11-27T16:00:00+01:00");
    CHECK(when("Fr. 16:00") == "2026-11-27T16:00:00+01:00");
    CHECK(when("Mo") == "2026-11-30T17:00:00+01:00");
    CHECK(when("Mittwoch") == "2026-12-02T17:00:00+01:00");  // the next one, as in English
    CHECK(when("So") == "2026-11-29T17:00:00+01:00");
    CHECK(when("nächste Woche") == "2026-12-04T17:00:00+01:00");
    CHECK(when("Nächste Woche 10:00") == "2026-12-04T10:00:00+01:00");
    CHECK(when("Ende der Woche") == "2026-11-27T17:00:00+01:00");
    CHECK(when("Ende des Tages") == "2026-11-25T17:00:00+01:00");
    CHECK(when("Monatsende") == "2026-11-30T17:00:00+01:00");
    CHECK_THROWS_AS(when("Ende der"), UsageError);
    CHECK_THROWS_AS(when("M"), UsageError);
}

TEST_CASE("every language's date words mean one thing, whichever language is configured") {
    ZoneGuard zone("Europe/Amsterdam");  // now: Wednesday 25 November 2026, 10:30
    const std::pair<Text, const char*> meanings[] = {
        {Text::when_today, "2026-11-25T17:00:00+01:00"},
        {Text::when_tomorrow, "2026-11-26T17:00:00+01:00"},
        {Text::when_day_after_tomorrow, "2026-11-27T17:00:00+01:00"},
        {Text::when_yesterday, "2026-11-24T17:00:00+01:00"},
        {Text::when_end_of_day, "2026-11-25T17:00:00+01:00"},
        {Text::when_end_of_week, "2026-11-27T17:00:00+01:00"},
        {Text::when_end_of_month, "2026-11-30T17:00:00+01:00"},
        {Text::when_next_week, "2026-12-04T17:00:00+01:00"},
    };
    for (const Language& l : kLanguages) {
        for (const auto& [text, expected] : meanings) {
            const std::string_view all = say(text, l.code);
            for (std::size_t start = 0; start <= all.size();) {
                const std::size_t end = std::min(all.find('|', start), all.size());
                const std::string word(all.substr(start, end - start));
                CAPTURE(l.code);
                CAPTURE(word);
                CHECK(when(word) == expected);
                CHECK(when(word + " 09:00") == std::string(expected).replace(11, 5, "09:00"));
                start = end + 1;
            }
        }
        // A day's name and each abbreviation the language allows: the next such day.
        const std::string_view days = say(Text::days_long, l.code);
        for (std::size_t i = 0; i < 7; ++i) {
            const std::string_view name = nth_word(days, i);
            for (std::size_t n = static_cast<std::size_t>(l.weekday_prefix); n <= name.size();
                 ++n) {
                const std::string typed(name.substr(0, n));
                CAPTURE(l.code);
                CAPTURE(typed);
                const Date d =
                    to_local(
                        parse_when(typed, ts("2026-11-25T10:30:00+01:00"), WorkCalendar()).seconds)
                        .date;
                CHECK(d.weekday() == static_cast<int>(i));
            }
        }
    }
}

TEST_CASE("the error for an unread date lists every language's words") {
    const std::string forms = when_forms();
    CHECK(forms.starts_with(kWhenForms));
    CHECK(forms.find("; in Dutch: vandaag, morgen, overmorgen, maandag..zondag (ma..zo), volgende "
                     "week, eind van de dag, eind van de week") != std::string::npos);
    CHECK(forms.find("; in German: heute, morgen, übermorgen, Montag..Sonntag (Mo..So), nächste "
                     "Woche, Ende des Tages, Ende der Woche") != std::string::npos);
}

TEST_CASE("the config's language and templates take the codes of the list") {
    const Config c = parse_config("language = \"de\"\n[templates.de]\nthanks = \"Danke, {who}!\"\n",
                                  "config.toml", Config{});
    CHECK(c.language == "de");
    CHECK(c.templates.at("de").at("thanks") == "Danke, {who}!");
    auto error_of = [](const char* text) -> std::string {
        try {
            parse_config(text, "config.toml", Config{});
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of("language = \"fr\"\n") ==
          "config.toml:1: language: expected \"en\", \"nl\" or \"de\"");
    CHECK(error_of("[templates.fr]\nthanks = \"Merci {who}\"\n") ==
          "config.toml:1: templates.fr: expected a language: en, nl or de");
}
