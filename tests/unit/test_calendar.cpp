#include <doctest/doctest.h>

#include "domain/calendar.hpp"
#include "zone.hpp"

using namespace owner;

namespace {
WorkCalendar around_the_clock() {
    return WorkCalendar({true, true, true, true, true, true, true}, 0, 24 * 60, {});
}
}  // namespace

TEST_CASE("WorkCalendar::add_working_days") {
    ZoneGuard zone("Europe/Amsterdam");
    const WorkCalendar cal;
    SUBCASE("over a weekend") {
        CHECK(cal.add_working_days(ts("2026-11-27T10:00:00+01:00"), 1).rfc3339() ==
              "2026-11-30T10:00:00+01:00");
    }
    SUBCASE("over holidays") {
        const WorkCalendar xmas({true, true, true, true, true, false, false}, 9 * 60, 17 * 60,
                                {Date{2026, 12, 25}, Date{2026, 12, 28}});
        CHECK(xmas.add_working_days(ts("2026-12-24T10:00:00+01:00"), 1).rfc3339() ==
              "2026-12-29T10:00:00+01:00");
        CHECK_FALSE(xmas.is_working_day(Date{2026, 12, 25}));
        CHECK(xmas.next_working_day(Date{2026, 12, 25}) == Date{2026, 12, 29});
    }
    SUBCASE("across the spring DST change keeps the wall-clock time") {
        CHECK(cal.add_working_days(ts("2027-03-26T10:00:00+01:00"), 1).rfc3339() ==
              "2027-03-29T10:00:00+02:00");
    }
}

TEST_CASE("WorkCalendar::previous_working_day") {
    SUBCASE("the day before on a working day") {
        const WorkCalendar cal;
        CHECK(cal.previous_working_day(Date{2026, 11, 25}) == Date{2026, 11, 24});
        CHECK(cal.previous_working_day(Date{2026, 11, 24}) == Date{2026, 11, 23});
    }
    SUBCASE("Friday before a Monday, and before the weekend itself") {
        const WorkCalendar cal;
        CHECK(cal.previous_working_day(Date{2026, 11, 30}) == Date{2026, 11, 27});
        CHECK(cal.previous_working_day(Date{2026, 11, 29}) == Date{2026, 11, 27});
        CHECK(cal.previous_working_day(Date{2026, 11, 28}) == Date{2026, 11, 27});
    }
    SUBCASE("over holidays") {
        const WorkCalendar xmas({true, true, true, true, true, false, false}, 9 * 60, 17 * 60,
                                {Date{2026, 12, 25}, Date{2026, 12, 28}});
        CHECK(xmas.previous_working_day(Date{2026, 12, 29}) == Date{2026, 12, 24});
    }
    SUBCASE("a quarter of holidays: it stops a month back") {
        std::set<Date> off;
        for (Date d{2026, 10, 1}; d <= Date{2026, 12, 31}; d = d.plus_days(1)) {
            off.insert(d);
        }
        const WorkCalendar closed({true, true, true, true, true, false, false}, 9 * 60, 17 * 60,
                                  off);
        CHECK(closed.previous_working_day(Date{2026, 12, 31}) == Date{2026, 11, 30});
    }
}

TEST_CASE("WorkCalendar::add_working_minutes") {
    ZoneGuard zone("Europe/Amsterdam");
    const WorkCalendar cal;
    SUBCASE("within a day") {
        CHECK(cal.add_working_minutes(ts("2026-11-25T10:00:00+01:00"), 120).rfc3339() ==
              "2026-11-25T12:00:00+01:00");
    }
    SUBCASE("over a weekend") {
        CHECK(cal.add_working_minutes(ts("2026-11-27T16:00:00+01:00"), 120).rfc3339() ==
              "2026-11-30T10:00:00+01:00");
    }
    SUBCASE("from outside working hours counting starts at the next opening") {
        CHECK(cal.add_working_minutes(ts("2026-11-28T12:00:00+01:00"), 60).rfc3339() ==
              "2026-11-30T10:00:00+01:00");
        CHECK(cal.add_working_minutes(ts("2026-11-25T20:00:00+01:00"), 0).rfc3339() ==
              "2026-11-26T09:00:00+01:00");
    }
}

TEST_CASE("WorkCalendar::working_minutes_between and working_midpoint") {
    SUBCASE("over a weekend") {
        ZoneGuard zone("Europe/Amsterdam");
        const WorkCalendar cal;
        CHECK(cal.working_minutes_between(ts("2026-11-27T16:00:00+01:00"),
                                          ts("2026-11-30T10:00:00+01:00")) == 120);
        CHECK(cal.working_minutes_between(ts("2026-11-30T10:00:00+01:00"),
                                          ts("2026-11-27T16:00:00+01:00")) == -120);
        CHECK(cal.working_midpoint(ts("2026-11-30T09:00:00+01:00"), ts("2026-12-02T17:00:00+01:00"))
                  .rfc3339() == "2026-12-01T13:00:00+01:00");
    }
    SUBCASE("across the spring DST change in Europe/Amsterdam the lost hour is not worked") {
        ZoneGuard zone("Europe/Amsterdam");
        CHECK(around_the_clock().working_minutes_between(
                  ts("2027-03-27T00:00:00+01:00"), ts("2027-03-29T00:00:00+02:00")) == 47 * 60);
        CHECK(WorkCalendar().working_minutes_between(ts("2027-03-26T09:00:00+01:00"),
                                                     ts("2027-03-29T17:00:00+02:00")) == 16 * 60);
    }
    SUBCASE("across the autumn DST change in America/New_York the extra hour is worked") {
        ZoneGuard zone("America/New_York");
        CHECK(around_the_clock().working_minutes_between(
                  ts("2026-10-31T00:00:00-04:00"), ts("2026-11-02T00:00:00-05:00")) == 49 * 60);
        CHECK(WorkCalendar().add_working_minutes(ts("2026-10-30T16:00:00-04:00"), 120).rfc3339() ==
              "2026-11-02T10:00:00-05:00");
    }
}

TEST_CASE("WorkCalendar::sub_working_minutes and working time") {
    ZoneGuard zone("Europe/Amsterdam");
    const WorkCalendar cal({true, true, true, true, true, false, false}, 9 * 60, 17 * 60,
                           {Date{2026, 12, 25}});
    SUBCASE("back over a weekend") {
        CHECK(cal.sub_working_minutes(ts("2026-11-30T13:00:00+01:00"), 8 * 60).rfc3339() ==
              "2026-11-27T13:00:00+01:00");
    }
    SUBCASE("from outside working hours, counting starts at the closing before") {
        CHECK(cal.sub_working_minutes(ts("2026-11-25T20:00:00+01:00"), 60).rfc3339() ==
              "2026-11-25T16:00:00+01:00");
        CHECK(cal.sub_working_minutes(ts("2026-11-28T12:00:00+01:00"), 0).rfc3339() ==
              "2026-11-27T17:00:00+01:00");
    }
    SUBCASE("working time includes the closing minute, not the night or a holiday") {
        CHECK(cal.is_working_time(ts("2026-11-25T17:00:00+01:00")));
        CHECK(cal.is_working_time(ts("2026-11-25T09:00:00+01:00")));
        CHECK_FALSE(cal.is_working_time(ts("2026-11-25T17:01:00+01:00")));
        CHECK_FALSE(cal.is_working_time(ts("2026-12-25T12:00:00+01:00")));
        CHECK(cal.next_working_moment(ts("2026-12-24T18:00:00+01:00")).rfc3339() ==
              "2026-12-28T09:00:00+01:00");
        CHECK(cal.next_working_moment(ts("2026-12-24T08:00:00+01:00")).rfc3339() ==
              "2026-12-24T09:00:00+01:00");
    }
}
