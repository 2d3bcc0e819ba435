#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <utility>
#include <vector>

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
    SUBCASE("a fall-back across local midnight puts the later instant on the day before") {
        // Newfoundland in 2010: 00:01 NDT became 23:01 NST the day before.
        ZoneGuard zone("America/St_Johns");
        const auto minutes = around_the_clock().working_minutes_between(
            ts("2010-11-07T02:30:00+00:00"), ts("2010-11-07T02:32:00+00:00"));
        CHECK(minutes >= 0);
        CHECK(minutes <= 2);
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

namespace {

// The same arithmetic the slow and obvious way, straight from the C library, day by day: what
// the calendar's table of days and the remembered UTC offsets must agree with.
struct Reference {
    const WorkCalendar& cal;

    static Date local_date(std::int64_t seconds) {
        const auto t = static_cast<std::time_t>(seconds);
        std::tm tm{};
        localtime_r(&t, &tm);
        return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }
    static int offset_minutes(std::int64_t seconds) {
        const auto t = static_cast<std::time_t>(seconds);
        std::tm tm{};
        localtime_r(&t, &tm);
        return static_cast<int>(tm.tm_gmtoff / 60);
    }
    // A wall-clock time through mktime; a time in a DST gap moves forward (as from_local).
    static std::int64_t from_local(const Date& d, int minute) {
        std::tm tm{};
        tm.tm_year = d.year - 1900;
        tm.tm_mon = d.month - 1;
        tm.tm_mday = d.day;
        tm.tm_hour = minute / 60;
        tm.tm_min = minute % 60;
        tm.tm_isdst = -1;
        std::time_t t = std::mktime(&tm);
        const Date back = local_date(t);
        const auto t2 = static_cast<std::time_t>(t);
        std::tm lt{};
        localtime_r(&t2, &lt);
        if (back < d || (back == d && lt.tm_hour * 60 + lt.tm_min < minute)) {
            t += 3600;
        }
        return t;
    }
    bool working(const Date& d) const {
        return cal.working_weekdays()[static_cast<std::size_t>(d.weekday())] &&
               !cal.holidays().contains(d);
    }
    // mktime is slow: each day's opening and closing asked once (a plain map, nothing clever).
    mutable std::map<Date, std::pair<std::int64_t, std::int64_t>> hours;
    const std::pair<std::int64_t, std::int64_t>& day(const Date& d) const {
        auto it = hours.find(d);
        if (it == hours.end()) {
            it = hours
                     .emplace(d, std::pair{from_local(d, cal.start_minute()),
                                           from_local(d, cal.end_minute())})
                     .first;
        }
        return it->second;
    }
    std::int64_t open(const Date& d) const { return day(d).first; }
    std::int64_t close(const Date& d) const { return day(d).second; }

    std::int64_t minutes_between(std::int64_t a, std::int64_t b) const {
        if (b < a) {
            return -minutes_between(b, a);
        }
        std::int64_t seconds = 0;
        for (Date d = local_date(a); d <= local_date(b); d = d.plus_days(1)) {
            if (working(d)) {
                seconds += std::max<std::int64_t>(0, std::min(b, close(d)) - std::max(a, open(d)));
            }
        }
        return seconds / 60;
    }
    std::int64_t add_minutes(std::int64_t t, std::int64_t minutes) const {
        std::int64_t remaining = minutes * 60, cursor = t;
        for (Date d = local_date(t);; d = d.plus_days(1)) {
            const std::int64_t from = std::max(cursor, open(d));
            if (!working(d) || from >= close(d)) {
                continue;
            }
            if (from + remaining <= close(d)) {
                return from + remaining;
            }
            remaining -= close(d) - from;
            cursor = close(d);
        }
    }
    std::int64_t sub_minutes(std::int64_t t, std::int64_t minutes) const {
        std::int64_t remaining = minutes * 60, cursor = t;
        for (Date d = local_date(t);; d = d.plus_days(-1)) {
            const std::int64_t from = std::min(cursor, close(d));
            if (!working(d) || from <= open(d)) {
                continue;
            }
            if (from - remaining >= open(d)) {
                return from - remaining;
            }
            remaining -= from - open(d);
            cursor = open(d);
        }
    }
    bool working_time(std::int64_t t) const {
        const Date d = local_date(t);
        return working(d) && t >= open(d) && t <= close(d);
    }
};

// Every 15 minutes from `first` for `days` days (UTC instants).
std::vector<std::int64_t> quarters(const char* first, int days) {
    std::vector<std::int64_t> out;
    const std::int64_t start = ts(first).seconds;
    for (std::int64_t s = start; s < start + days * 86400LL; s += 15 * 60) {
        out.push_back(s);
    }
    return out;
}

void agrees_with_the_reference(const WorkCalendar& cal, const char* first, int days) {
    const Reference ref{cal, {}};
    const auto instants = quarters(first, days);
    std::int64_t mismatches = 0;
    auto check = [&](bool same, const char* what, std::int64_t at) {
        if (!same && ++mismatches <= 5) {
            FAIL_CHECK(std::string(what) << " differs at " << local_timestamp(at).rfc3339());
        }
    };
    for (const std::int64_t a : instants) {
        const LocalTime lt = to_local(a);
        check(lt.date == Reference::local_date(a) &&
                  lt.offset_minutes == Reference::offset_minutes(a) &&
                  local_timestamp(a).offset_minutes == Reference::offset_minutes(a),
              "to_local", a);
        check(cal.is_working_time(Timestamp{a, 0}) == ref.working_time(a), "is_working_time", a);
        for (const std::int64_t m : {0, 45, 16 * 60, 40 * 60}) {
            check(cal.add_working_minutes(Timestamp{a, 0}, m).seconds == ref.add_minutes(a, m),
                  "add_working_minutes", a);
            check(cal.sub_working_minutes(Timestamp{a, 0}, m).seconds == ref.sub_minutes(a, m),
                  "sub_working_minutes", a);
        }
        // Every two hours against a few fixed instants (as `now` in a view), both ways round.
        for (std::size_t j = 0; a % 7200 == 0 && j < instants.size(); j += 97) {
            const std::int64_t b = instants[j];
            check(cal.working_minutes_between(Timestamp{a, 0}, Timestamp{b, 0}) ==
                      ref.minutes_between(a, b),
                  "working_minutes_between", a);
        }
    }
    // Every wall-clock quarter of every day, the DST gap and the doubled hour included.
    const Date from = Reference::local_date(instants.front());
    for (Date d = from; d < from.plus_days(days); d = d.plus_days(1)) {
        for (int minute = 0; minute < 24 * 60; minute += 15) {
            const Timestamp t = owner::from_local(d, minute);
            check(t.seconds == Reference::from_local(d, minute) &&
                      t.offset_minutes == Reference::offset_minutes(t.seconds),
                  "from_local", t.seconds);
        }
        check(cal.is_working_day(d) == ref.working(d), "is_working_day", ref.open(d));
        check(cal.start_of_day(d).seconds == ref.open(d), "start_of_day", ref.open(d));
        check(cal.end_of_day(d).seconds == ref.close(d), "end_of_day", ref.close(d));
    }
    CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("WorkCalendar: what it remembers agrees with day-by-day arithmetic") {
    // Nights with the DST change inside working hours, holidays, weekends, short days.
    const std::set<Date> holidays = {Date{2027, 3, 26}, Date{2026, 11, 3}, Date{2027, 4, 5},
                                     Date{2026, 9, 7}};
    const std::vector<WorkCalendar> calendars = {
        WorkCalendar(),
        WorkCalendar({true, true, true, true, true, true, true}, 0, 24 * 60, holidays),
        WorkCalendar({true, true, true, true, true, true, false}, 1 * 60, 4 * 60 + 30, holidays),
        WorkCalendar({true, false, true, false, true, false, false}, 13 * 60, 13 * 60 + 15,
                     holidays),
    };
    struct Span {
        const char* zone;
        const char* first;  // two weeks around a change of offset
    };
    for (const Span span : {
             Span{"Europe/Amsterdam", "2027-03-21T00:00:00Z"},
             Span{"America/New_York", "2026-10-25T00:00:00Z"},
             Span{"Australia/Lord_Howe", "2027-03-28T00:00:00Z"},  // DST of half an hour
             Span{"America/Santiago", "2026-08-30T00:00:00Z"},     // changes at midnight
             Span{"Asia/Kathmandu", "2026-11-10T00:00:00Z"},       // +05:45, no DST
         }) {
        const std::string zone_name = span.zone;
        CAPTURE(zone_name);
        ZoneGuard zone(span.zone);
        for (const WorkCalendar& cal : calendars) {
            // A copy per zone: a calendar's table of days starts empty.
            agrees_with_the_reference(WorkCalendar(cal), span.first, 14);
        }
    }
}

TEST_CASE("WorkCalendar: the days it remembers are forgotten when the zone changes") {
    const WorkCalendar cal = around_the_clock();
    // Around the clock, working time is elapsed time in any zone: 73 hours from Saturday 00:00
    // in Amsterdam to Tuesday 00:00, over the night Amsterdam's clocks go back.
    const Timestamp a = ts("2026-10-24T00:00:00+02:00");
    const Timestamp b = ts("2026-10-27T00:00:00+01:00");
    {
        ZoneGuard zone("Europe/Amsterdam");
        CHECK(cal.working_minutes_between(a, b) == 73 * 60);
    }
    {
        // New York's clocks go back a week later: its 25th is 24 hours long, not 25.
        ZoneGuard zone("America/New_York");
        CHECK(cal.working_minutes_between(a, b) == 73 * 60);
    }
}
