#include <doctest/doctest.h>

#include <string>

#include "domain/error.hpp"
#include "domain/when.hpp"
#include "zone.hpp"

using namespace owner;

namespace {
std::string when(const char* text, const char* now = "2026-11-25T10:30:00+01:00") {
    return parse_when(text, ts(now), WorkCalendar()).rfc3339();
}
}  // namespace

TEST_CASE("parse_when") {
    ZoneGuard zone("Europe/Amsterdam");  // now: Wednesday 25 November 2026, 10:30
    SUBCASE("ISO dates and times") {
        CHECK(when("2026-12-02") == "2026-12-02T17:00:00+01:00");
        CHECK(when("2026-12-02T14:00") == "2026-12-02T14:00:00+01:00");
        CHECK(when("2026-12-02T14:00:00+05:00") == "2026-12-02T14:00:00+05:00");
        CHECK(when("2026-12-02 14:00") == "2026-12-02T14:00:00+01:00");
    }
    SUBCASE("named days mean the end of that working day") {
        CHECK(when("now") == "2026-11-25T10:30:00+01:00");
        CHECK(when("today") == "2026-11-25T17:00:00+01:00");
        CHECK(when("eod") == "2026-11-25T17:00:00+01:00");
        CHECK(when("tomorrow") == "2026-11-26T17:00:00+01:00");
        CHECK(when("Tomorrow") == "2026-11-26T17:00:00+01:00");
        CHECK(when("fri") == "2026-11-27T17:00:00+01:00");
        CHECK(when("monday") == "2026-11-30T17:00:00+01:00");
        CHECK(when("wed") == "2026-12-02T17:00:00+01:00");  // the next one, not today
        CHECK(when("eow") == "2026-11-27T17:00:00+01:00");
        CHECK(when("eom") == "2026-11-30T17:00:00+01:00");
    }
    SUBCASE("offsets keep the time of day; working offsets skip the weekend") {
        CHECK(when("+3d") == "2026-11-28T10:30:00+01:00");
        CHECK(when("+2w") == "2026-12-09T10:30:00+01:00");
        CHECK(when("-1d") == "2026-11-24T10:30:00+01:00");
        CHECK(when("+4h") == "2026-11-25T14:30:00+01:00");
        CHECK(when("+2wd") == "2026-11-27T10:30:00+01:00");
        CHECK(when("+3wd") == "2026-11-30T10:30:00+01:00");
        CHECK(when("+3wh") == "2026-11-25T13:30:00+01:00");
        CHECK(when("+7wh") == "2026-11-26T09:30:00+01:00");
    }
    SUBCASE("clock times, alone or after a day") {
        CHECK(when("14:00") == "2026-11-25T14:00:00+01:00");
        CHECK(when("9:05") == "2026-11-25T09:05:00+01:00");
        CHECK(when("tomorrow 10:00") == "2026-11-26T10:00:00+01:00");
        CHECK(when("fri 16:00") == "2026-11-27T16:00:00+01:00");
        CHECK(when("2026-12-02 09:30") == "2026-12-02T09:30:00+01:00");
        CHECK(when("+1wd 11:00") == "2026-11-26T11:00:00+01:00");
    }
    SUBCASE("across the spring DST change") {
        CHECK(when("+2d", "2027-03-26T10:00:00+01:00") == "2027-03-28T10:00:00+02:00");
        CHECK(when("+1wd", "2027-03-26T10:00:00+01:00") == "2027-03-29T10:00:00+02:00");
        CHECK(when("mon", "2027-03-26T10:00:00+01:00") == "2027-03-29T17:00:00+02:00");
    }
    SUBCASE("a bad expression quotes it and lists the accepted forms") {
        for (const char* bad : {"soon", "25:00", "2026-13-01", "+3x", "+d", "fri 25:00", ""}) {
            CAPTURE(bad);
            try {
                when(bad);
                FAIL("expected an error");
            } catch (const UsageError& e) {
                const std::string message = e.what();
                CHECK(message.find(std::string("'") + bad + "'") != std::string::npos);
                CHECK(message.find("tomorrow") != std::string::npos);
                CHECK(e.exit_code() == exit_usage);
            }
        }
    }
}

TEST_CASE("parse_when in Dutch") {
    ZoneGuard zone("Europe/Amsterdam");  // now: Wednesday 25 November 2026, 10:30
    CHECK(when("vandaag") == "2026-11-25T17:00:00+01:00");
    CHECK(when("morgen") == "2026-11-26T17:00:00+01:00");
    CHECK(when("overmorgen") == "2026-11-27T17:00:00+01:00");
    CHECK(when("vrijdag") == "2026-11-27T17:00:00+01:00");
    CHECK(when("vr") == "2026-11-27T17:00:00+01:00");
    CHECK(when("ma 9:30") == "2026-11-30T09:30:00+01:00");
    CHECK(when("Woensdag") == "2026-12-02T17:00:00+01:00");  // the next one, as in English
    CHECK(when("volgende week") == "2026-12-04T17:00:00+01:00");
    CHECK(when("next week") == "2026-12-04T17:00:00+01:00");
    CHECK(when("volgende week 10:00") == "2026-12-04T10:00:00+01:00");
    CHECK(when("eind van de dag") == "2026-11-25T17:00:00+01:00");
    CHECK(when("eind van de week") == "2026-11-27T17:00:00+01:00");
    CHECK(when("morgen 14:30") == "2026-11-26T14:30:00+01:00");
    CHECK_THROWS_AS(when("m"), UsageError);
    CHECK_THROWS_AS(when("eind van de"), UsageError);
}
