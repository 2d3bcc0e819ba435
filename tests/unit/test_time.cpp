#include <doctest/doctest.h>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/time.hpp"
#include "domain/times_said.hpp"
#include "zone.hpp"

using namespace owner;

TEST_CASE("Date arithmetic") {
    SUBCASE("serial round trip and weekday") {
        const Date d{2026, 11, 25};
        CHECK(Date::from_serial(d.serial()) == d);
        CHECK(d.weekday() == 2);  // a Wednesday
        CHECK(Date{2024, 2, 28}.plus_days(1) == Date{2024, 2, 29});
        CHECK(Date{2026, 12, 31}.plus_days(1) == Date{2027, 1, 1});
    }
    SUBCASE("validity") {
        CHECK(Date{2024, 2, 29}.valid());
        CHECK_FALSE(Date{2026, 2, 29}.valid());
        CHECK_FALSE(Date{2026, 13, 1}.valid());
    }
}

TEST_CASE("parse_rfc3339 and Timestamp::rfc3339") {
    ZoneGuard zone("Europe/Amsterdam");
    SUBCASE("keeps the written offset") {
        CHECK(ts("2026-11-25T09:12:00+01:00").rfc3339() == "2026-11-25T09:12:00+01:00");
        CHECK(ts("2026-11-25T09:12:00-05:30").rfc3339() == "2026-11-25T09:12:00-05:30");
        CHECK(ts("2026-11-25T08:12:00Z").rfc3339() == "2026-11-25T08:12:00+00:00");
        CHECK(ts("2026-11-25T09:12:00+01:00") == ts("2026-11-25T08:12:00Z"));
    }
    SUBCASE("without an offset the time is local, summer or winter") {
        CHECK(ts("2026-11-25T09:12").rfc3339() == "2026-11-25T09:12:00+01:00");
        CHECK(ts("2026-07-01T09:12:00").rfc3339() == "2026-07-01T09:12:00+02:00");
    }
    SUBCASE("rejects nonsense") {
        CHECK_FALSE(parse_rfc3339("2026-11-25T25:00").has_value());
        CHECK_FALSE(parse_rfc3339("2026-02-30T10:00").has_value());
        CHECK_FALSE(parse_rfc3339("2026-11-25T10:00+1").has_value());
        CHECK_FALSE(parse_rfc3339("yesterday").has_value());
    }
}

TEST_CASE("from_local across DST changes") {
    SUBCASE("Europe/Amsterdam: a time in the spring gap moves forward") {
        ZoneGuard zone("Europe/Amsterdam");
        CHECK(from_local(Date{2027, 3, 28}, 2 * 60 + 30).rfc3339() == "2027-03-28T03:30:00+02:00");
        CHECK(from_local(Date{2027, 3, 29}, 9 * 60).rfc3339() == "2027-03-29T09:00:00+02:00");
    }
    SUBCASE("America/New_York: the autumn change") {
        ZoneGuard zone("America/New_York");
        CHECK(from_local(Date{2026, 10, 31}, 9 * 60).rfc3339() == "2026-10-31T09:00:00-04:00");
        CHECK(from_local(Date{2026, 11, 2}, 9 * 60).rfc3339() == "2026-11-02T09:00:00-05:00");
    }
}

TEST_CASE("dates and counts in words, from the catalogue") {
    ZoneGuard zone("Europe/Amsterdam");
    const Timestamp now = *parse_rfc3339("2026-11-25T09:00:00+01:00");  // a Wednesday
    const auto at = [](const char* s) { return *parse_rfc3339(s); };
    SUBCASE("English stays as it was") {
        CHECK(human_date(Date{2026, 11, 25}) == "Wed 25 Nov");
        CHECK(human_time(at("2026-11-23T10:00:00+01:00")) == "Mon 23 Nov 10:00");
        CHECK(long_date(Date{2026, 11, 25}, "en") == "Wednesday 25 November 2026");
        CHECK(relative_when(at("2026-11-24T12:00:00+01:00"), now) == "yesterday 12:00");
        CHECK(relative_when(at("2026-11-25T11:00:00+01:00"), now, "en") == "today 11:00");
        CHECK(say_count(Text::today_header_one, Text::today_header_many, 1, "en") == "1 open case");
        CHECK(say_count(Text::today_header_one, Text::today_header_many, 15, "en") ==
              "15 open cases");
    }
    SUBCASE("Dutch: lower-case day and month names, its own abbreviations") {
        CHECK(human_date(Date{2026, 11, 25}, "nl") == "wo 25 nov");
        CHECK(human_date(Date{2026, 3, 2}, "nl") == "ma 2 mrt");
        CHECK(human_time(at("2026-10-16T17:00:00+02:00"), "nl") == "vr 16 okt 17:00");
        CHECK(long_date(Date{2026, 11, 25}, "nl") == "woensdag 25 november 2026");
        CHECK(capitalized(long_date(Date{2026, 11, 25}, "nl")) == "Woensdag 25 november 2026");
        CHECK(relative_when(at("2026-11-24T12:00:00+01:00"), now, "nl") == "gisteren 12:00");
        CHECK(relative_when(at("2026-11-25T11:00:00+01:00"), now, "nl") == "vandaag 11:00");
        CHECK(relative_when(at("2026-11-26T10:00:00+01:00"), now, "nl") == "morgen 10:00");
        CHECK(relative_when(at("2026-11-23T10:00:00+01:00"), now, "nl") == "ma 23 nov 10:00");
    }
    SUBCASE("Dutch: the singular and the plural, the verb agreeing") {
        CHECK(say_count(Text::today_header_one, Text::today_header_many, 1, "nl") == "1 open zaak");
        CHECK(say_count(Text::today_header_one, Text::today_header_many, 3, "nl") ==
              "3 open zaken");
        CHECK(say_count(Text::status_owed_one, Text::status_owed_many, 1, "nl") ==
              "1 wacht op bericht");
        CHECK(say_count(Text::status_owed_one, Text::status_owed_many, 13, "nl") ==
              "13 wachten op bericht");
        CHECK(say_count(Text::done_actions_one, Text::done_actions_many, 0, "nl") ==
              "0 acties afgerond");
    }
    SUBCASE("a language without the text falls back to English") {
        CHECK(say(Text::today_overdue, "fr") == "Overdue");
        CHECK(day_name(2, "fr", false) == "Wednesday");
    }
}

TEST_CASE("say_to fills a text as fmt does") {
    using owner::Text;
    for (const std::string_view lang : {"en", "nl"}) {
        for (const Text t : {Text::item_check, Text::item_promised, Text::item_escalate_to,
                             Text::item_not_reviewed, Text::rel_today, Text::since}) {
            std::string out = ">";
            owner::say_to(out, t, lang, {"a", "{b}", "c"});
            CHECK(out == ">" + fmt::format(fmt::runtime(owner::say(t, lang)), "a", "{b}", "c"));
        }
    }
    std::string out;
    owner::append_filled(out, "{{x}} {} and {}!", {"1", "2"});
    CHECK(out == "{x} 1 and 2!");
    out.clear();
    owner::append_filled(out, "only {} of {}", {"one"});
    CHECK(out == "only one of ");
}

TEST_CASE("times_said: the log's times said for people, the rest as written") {
    ZoneGuard zone("Europe/Amsterdam");
    const auto said = [](std::string_view text) {
        return times_said(text, [](const Timestamp& t) { return human_time(t); });
    };
    CHECK(said("moved from 2026-12-14T17:00:00+01:00 to 2026-12-16T17:00:00+01:00: stuck") ==
          "moved from Mon 14 Dec 17:00 to Wed 16 Dec 17:00: stuck");
    CHECK(said("Credit note → Dini, due 2026-12-08T11:00:00+01:00") ==
          "Credit note → Dini, due Tue 8 Dec 11:00");
    CHECK(said("2026-12-08T10:00:00Z") == "Tue 8 Dec 11:00");
    SUBCASE("what only looks like a time stays as it is") {
        for (const std::string_view text :
             {"invoice 2026-1187", "12026-12-08T11:00:00+01:00", "2026-12-08T11:00:00",
              "2026-12-08T11:00", "2026-13-08T11:00:00+01:00", "T", "", "at 2026-12-08 11:00"}) {
            CHECK(said(text) == text);
        }
    }
}
