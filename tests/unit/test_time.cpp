#include <doctest/doctest.h>

#include "domain/time.hpp"
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
