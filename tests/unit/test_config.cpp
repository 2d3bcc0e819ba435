#include <doctest/doctest.h>

#include "domain/error.hpp"
#include "store/config_file.hpp"
#include "store/settings.hpp"

using namespace owner;

TEST_CASE("parse_config") {
    SUBCASE("an empty file gives the defaults") {
        const Config c = parse_config("", "config.toml", Config{});
        CHECK(c.review_days == 5);
        CHECK(c.calendar.start_minute() == 9 * 60);
        CHECK(c.check_first_after_hours == 2);
        CHECK(c.first_check_minutes() == 120);
        CHECK(c.update_first_within_hours == 2);
        CHECK(c.first_update_minutes() == 120);
        CHECK(c.default_effort_minutes == 60);
        CHECK(c.slack_share == 0.2);
    }
    SUBCASE("every section") {
        const Config c = parse_config(R"(name = "Sam de Vries"
language = "nl"
[work]
days = ["mon", "tue", "wed", "thu"]
hours = "08:30-16:30"
holidays = [2026-12-25]
[plan]
default_effort = "0.5wd"
slack_share = 0.1
overbooked = 5
[check]
first_after_hours = 1.5
[update]
every_days = 3
first_within_hours = 0.0083
[escalate]
to = "Anna"
overdue_hours = 4
[escalate.tags]
billing = "Ben"
[urgency]
urgent = 50
)",
                                      "config.toml", Config{});
        CHECK(c.name == "Sam de Vries");
        CHECK(c.language == "nl");
        CHECK_FALSE(c.calendar.is_working_day(Date{2026, 11, 27}));  // a Friday
        CHECK_FALSE(c.calendar.is_working_day(Date{2026, 12, 25}));
        CHECK(c.calendar.start_minute() == 8 * 60 + 30);
        CHECK(c.default_effort_minutes == 4 * 60);  // half of an 8-hour working day
        CHECK(c.slack_share == 0.1);
        CHECK(c.overbooked == 5);
        CHECK(c.check_first_after_hours == 1.5);
        CHECK(c.first_check_minutes() == 90);
        CHECK(c.update_every_days == 3);
        CHECK(c.escalation.to == "Anna");
        CHECK(c.escalation.tags.at("billing") == "Ben");
        CHECK(c.urgency.urgent == 50);
        CHECK(c.first_update_minutes() == 0);  // 0.0083 hours: half a minute, rounded down
    }
    SUBCASE("mistakes are errors with file, line and key") {
        auto error_of = [](const char* text) -> std::string {
            try {
                parse_config(text, "config.toml", Config{});
            } catch (const Error& e) {
                return e.what();
            }
            return "";
        };
        CHECK(error_of("[work]\nhours = \"17:00-09:00\"\n") ==
              "config.toml:2: work.hours: expected a range such as \"09:00-17:00\"");
        CHECK(error_of("nmae = \"x\"\n") ==
              "config.toml:1: unknown setting 'nmae'; see owner(5) for the keys");
        CHECK(error_of("[plan]\noverbooked = 0\n")
                  .starts_with("config.toml:2: plan.overbooked: expected a whole number"));
        CHECK(error_of("name = [\n").starts_with("config.toml:"));
        // A key that went names what replaced it.
        CHECK(error_of("[plan]\nslack_days = 1\n") ==
              "config.toml:2: plan.slack_days is no longer read: set plan.default_effort (an "
              "action's usual size, such as \"1wh\") and plan.slack_share instead (owner(5))");
        CHECK(error_of("[plan]\ndefault_effort = \"2h\"\n")
                  .starts_with("config.toml:2: plan.default_effort: expected a working time such "
                               "as 15m, 2wh or 1wd"));
        CHECK(error_of("[work]\ndays = [\"mon\", \"funday\"]\n").find("work.days") !=
              std::string::npos);
    }
}

TEST_CASE("parse_config: [work] time_zone is an IANA name, checked against the system in load") {
    CHECK(parse_config("", "c.toml", Config{}).time_zone.empty());
    CHECK(
        parse_config("[work]\ntime_zone = \"Europe/Amsterdam\"\n", "c.toml", Config{}).time_zone ==
        "Europe/Amsterdam");
    CHECK(parse_config("[work]\ntime_zone = \"Etc/GMT+5\"\n", "c.toml", Config{}).time_zone ==
          "Etc/GMT+5");
    for (const char* bad : {"\"\"", "\"/etc/localtime\"", "\"../../etc/passwd\"", "\":UTC\"",
                            "\"CET-1CEST,M3.5.0\"", "1"}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(
            parse_config(std::string("[work]\ntime_zone = ") + bad + "\n", "c.toml", Config{}),
            doctest::Contains("c.toml:2: work.time_zone: expected an IANA time zone name such as "
                              "\"Europe/Amsterdam\""),
            Error);
    }
    CHECK(time_zone_name_known("Europe/Amsterdam", ""));
    CHECK(time_zone_name_known("UTC", ""));
    CHECK_FALSE(time_zone_name_known("Europe/Amsterdm", ""));
    CHECK_FALSE(time_zone_name_known("zone.tab", ""));  // a file there, not a zone
    CHECK_FALSE(time_zone_name_known("../../etc/passwd", ""));
}
