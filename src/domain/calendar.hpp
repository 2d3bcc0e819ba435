#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <vector>

#include "domain/time.hpp"

namespace owner {

// The team's working time: which weekdays, which hours, which holidays. Working-time arithmetic
// (checks halfway, "overdue by a working day", slack) goes through here.
class WorkCalendar {
  public:
    // Mon-Fri 09:00-17:00, no holidays.
    WorkCalendar();
    WorkCalendar(std::array<bool, 7> working_weekdays, int start_minute, int end_minute,
                 std::set<Date> holidays);

    bool is_working_day(const Date& d) const;
    int start_minute() const { return m_start; }
    int end_minute() const { return m_end; }
    int minutes_per_day() const { return m_end - m_start; }
    const std::array<bool, 7>& working_weekdays() const { return m_weekdays; }
    const std::set<Date>& holidays() const { return m_holidays; }

    // The first working day on or after d.
    Date next_working_day(Date d) const;
    // The last working day before d: "yesterday" for `today`'s done list, `status` and the demo.
    // A calendar without working days gives the day 31 days before d.
    Date previous_working_day(Date d) const;
    // n working days after d (n >= 0); 0 gives the first working day on or after d.
    Date add_working_days(Date d, int n) const;
    // The same wall-clock time n working days later: "+2wd" from Friday 10:00 is Tuesday 10:00.
    Timestamp add_working_days(const Timestamp& t, int n) const;
    // The instant `minutes` of working time after t; from outside working hours, counting starts
    // at the next opening.
    Timestamp add_working_minutes(const Timestamp& t, std::int64_t minutes) const;
    // The instant `minutes` of working time before t (t itself may lie outside working hours).
    Timestamp sub_working_minutes(const Timestamp& t, std::int64_t minutes) const;
    // True on a working day from the opening to the closing minute, both included: a check at
    // 17:00 is still in the working day that ends then.
    bool is_working_time(const Timestamp& t) const;
    // The first moment in working time at or after t (t itself when it is in working time).
    Timestamp next_working_moment(const Timestamp& t) const;
    // Working minutes in [a, b); negative when b is before a. Spans longer than ten years count
    // as ten years (bounded work for any input).
    std::int64_t working_minutes_between(const Timestamp& a, const Timestamp& b) const;
    // Halfway between a and b in working time.
    Timestamp working_midpoint(const Timestamp& a, const Timestamp& b) const;
    // The end of the working day on d (17:00 by default).
    Timestamp end_of_day(const Date& d) const;
    Timestamp start_of_day(const Date& d) const;

  private:
    // What the arithmetic asks about one day, computed once per day and zone (wall-clock
    // arithmetic is dear, and every view asks about the same few hundred days for each case).
    struct Day {
        std::int64_t open = 0;  // start_of_day, end_of_day
        std::int64_t close = 0;
        std::int64_t before = 0;  // working seconds in the table's days before this one
        int open_offset = 0;
        int close_offset = 0;
        bool working = false;

        std::int64_t seconds() const { return working ? close - open : 0; }
    };
    // The day `serial` (days since 1970-01-01), from the table, which grows to hold it; days far
    // outside the supported dates are computed each time.
    Day day(std::int64_t serial) const {
        const auto i = static_cast<std::uint64_t>(serial - m_base);
        if (i < m_days.size() && m_zone == zone_generation()) {
            return m_days[i];
        }
        return day_slow(serial);
    }
    Day day_slow(std::int64_t serial) const;
    Day compute_day(std::int64_t serial) const;
    // Working seconds in the whole days [from, to) (serials).
    std::int64_t whole_days_seconds(std::int64_t from, std::int64_t to) const;

    mutable std::int64_t m_base = 0;  // the serial of m_days[0]
    mutable std::vector<Day> m_days;
    mutable std::uint32_t m_zone = 0;  // zone_generation() when m_days was filled

    std::array<bool, 7> m_weekdays;
    int m_start;
    int m_end;
    std::set<Date> m_holidays;
};

}  // namespace owner
