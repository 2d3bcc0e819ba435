#include "domain/calendar.hpp"

#include <algorithm>
#include <utility>

namespace owner {

namespace {
// A guard against a calendar with no working day at all: never loop forever.
constexpr int kMaxDaysScanned = 3660;
// Working time is counted over at most this span (ten years): beyond it the answer no longer
// changes a decision, and the work stays bounded whatever dates a file holds.
constexpr std::int64_t kMaxSpanSeconds = std::int64_t{kMaxDaysScanned} * 86400;
}  // namespace

WorkCalendar::WorkCalendar()
    : WorkCalendar({true, true, true, true, true, false, false}, 9 * 60, 17 * 60, {}) {}

WorkCalendar::WorkCalendar(std::array<bool, 7> working_weekdays, int start_minute, int end_minute,
                           std::set<Date> holidays)
    : m_weekdays(working_weekdays), m_start(start_minute), m_end(end_minute),
      m_holidays(std::move(holidays)) {
    if (std::none_of(m_weekdays.begin(), m_weekdays.end(), [](bool b) { return b; })) {
        m_weekdays = {true, true, true, true, true, false, false};
    }
    if (m_end <= m_start) {
        m_start = 9 * 60;
        m_end = 17 * 60;
    }
}

namespace {
// The table of days covers the dates a file can hold and some years either side; days beyond
// (dates a computation ran off to) are computed each time.
constexpr std::int64_t kTableFirst = -25567;  // 1900-01-01
constexpr std::int64_t kTableLast = 84006;    // 2200-01-01
// The table grows by at least this many days at a time.
constexpr std::int64_t kTableStep = 8;
}  // namespace

WorkCalendar::Day WorkCalendar::compute_day(std::int64_t serial) const {
    const Date d = Date::from_serial(serial);
    Day day;
    day.working = m_weekdays[static_cast<std::size_t>(d.weekday())] && !m_holidays.contains(d);
    // A whole working day's length comes from the wall clock, so that working hours across a DST
    // change count the hour lost or gained.
    const Timestamp open = from_local(d, m_start);
    const Timestamp close = from_local(d, m_end);
    day.open = open.seconds;
    day.open_offset = open.offset_minutes;
    day.close = close.seconds;
    day.close_offset = close.offset_minutes;
    return day;
}

WorkCalendar::Day WorkCalendar::day_slow(std::int64_t serial) const {
    if (m_zone != zone_generation()) {
        m_days.clear();
        m_zone = zone_generation();
    }
    if (serial < kTableFirst || serial > kTableLast) {
        return compute_day(serial);
    }
    if (m_days.empty()) {
        m_base = serial;
        m_days.push_back(compute_day(serial));
    }
    const std::int64_t last = m_base + static_cast<std::int64_t>(m_days.size()) - 1;
    if (serial > last) {
        const std::int64_t to = std::min(kTableLast, std::max(serial, last + kTableStep));
        for (std::int64_t s = last + 1; s <= to; ++s) {
            Day d = compute_day(s);
            d.before = m_days.back().before + m_days.back().seconds();
            m_days.push_back(d);
        }
    } else if (serial < m_base) {
        // Grown backwards by at least its own length, so that walking back day by day copies the
        // table a logarithmic number of times, not once a step (push_back does so going forward).
        const std::int64_t step =
            std::max<std::int64_t>(kTableStep, static_cast<std::int64_t>(m_days.size()));
        const std::int64_t from = std::max(kTableFirst, std::min(serial, m_base - step));
        std::vector<Day> days(static_cast<std::size_t>(m_base - from));
        std::int64_t before = m_days.front().before;
        for (std::int64_t s = m_base - 1; s >= from; --s) {
            Day d = compute_day(s);
            before -= d.seconds();
            d.before = before;
            days[static_cast<std::size_t>(s - from)] = d;
        }
        days.insert(days.end(), m_days.begin(), m_days.end());
        m_days = std::move(days);
        m_base = from;
    }
    return m_days[static_cast<std::size_t>(serial - m_base)];
}

bool WorkCalendar::is_working_day(const Date& d) const {
    return day(d.serial()).working;
}

Date WorkCalendar::next_working_day(Date d) const {
    for (int i = 0; i < kMaxDaysScanned && !is_working_day(d); ++i) {
        d = d.plus_days(1);
    }
    return d;
}

Date WorkCalendar::previous_working_day(Date d) const {
    d = d.plus_days(-1);
    for (int i = 0; i < 30 && !is_working_day(d); ++i) {
        d = d.plus_days(-1);
    }
    return d;
}

Date WorkCalendar::add_working_days(Date d, int n) const {
    d = next_working_day(d);
    for (int i = 0; i < n; ++i) {
        d = next_working_day(d.plus_days(1));
    }
    return d;
}

Timestamp WorkCalendar::add_working_days(const Timestamp& t, int n) const {
    const LocalTime lt = to_local(t.seconds);
    Date d = lt.date;
    for (int i = 0; i < n; ++i) {
        d = next_working_day(d.plus_days(1));
    }
    return from_local(d, lt.minute_of_day, lt.second);
}

Timestamp WorkCalendar::start_of_day(const Date& d) const {
    const Day day = this->day(d.serial());
    return Timestamp{day.open, day.open_offset};
}
Timestamp WorkCalendar::end_of_day(const Date& d) const {
    const Day day = this->day(d.serial());
    return Timestamp{day.close, day.close_offset};
}

Timestamp WorkCalendar::add_working_minutes(const Timestamp& t, std::int64_t minutes) const {
    std::int64_t remaining = minutes * 60;
    std::int64_t serial = local_day(t.seconds);
    std::int64_t cursor = t.seconds;
    for (int i = 0; i < kMaxDaysScanned * 10; ++i, ++serial) {
        const Day d = day(serial);
        if (!d.working) {
            continue;
        }
        const std::int64_t from = std::max(cursor, d.open);
        if (from >= d.close) {
            continue;
        }
        if (from + remaining <= d.close) {
            return local_timestamp(from + remaining);
        }
        remaining -= d.close - from;
        cursor = d.close;
    }
    return local_timestamp(cursor + remaining);
}

Timestamp WorkCalendar::sub_working_minutes(const Timestamp& t, std::int64_t minutes) const {
    std::int64_t remaining = minutes * 60;
    std::int64_t serial = local_day(t.seconds);
    std::int64_t cursor = t.seconds;
    for (int i = 0; i < kMaxDaysScanned * 10; ++i, --serial) {
        const Day d = day(serial);
        if (!d.working) {
            continue;
        }
        const std::int64_t from = std::min(cursor, d.close);
        if (from <= d.open) {
            continue;
        }
        if (from - remaining >= d.open) {
            return local_timestamp(from - remaining);
        }
        remaining -= from - d.open;
        cursor = d.open;
    }
    return local_timestamp(cursor - remaining);
}

bool WorkCalendar::is_working_time(const Timestamp& t) const {
    const Day d = day(local_day(t.seconds));
    return d.working && t.seconds >= d.open && t.seconds <= d.close;
}

Timestamp WorkCalendar::next_working_moment(const Timestamp& t) const {
    const Date date = to_local(t.seconds).date;
    const Day d = day(date.serial());
    if (d.working && t.seconds >= d.open && t.seconds <= d.close) {
        return t;
    }
    if (d.working && t.seconds < d.open) {
        return Timestamp{d.open, d.open_offset};
    }
    return start_of_day(next_working_day(date.plus_days(1)));
}

std::int64_t WorkCalendar::working_minutes_between(const Timestamp& a, const Timestamp& b) const {
    if (b < a) {
        return -working_minutes_between(b, a);
    }
    if (b.seconds - a.seconds > kMaxSpanSeconds) {
        return working_minutes_between(a, local_timestamp(a.seconds + kMaxSpanSeconds));
    }
    const std::int64_t first = local_day(a.seconds);
    const std::int64_t last = local_day(b.seconds);
    // Part of a working day: only the first and the last day need wall-clock arithmetic.
    auto part = [&](const Day& d) -> std::int64_t {
        if (!d.working) {
            return 0;
        }
        const std::int64_t from = std::max(a.seconds, d.open);
        const std::int64_t to = std::min(b.seconds, d.close);
        return to > from ? to - from : 0;
    };
    const Day first_day = day(first);
    if (first == last) {
        return part(first_day) / 60;
    }
    const Day last_day = day(last);
    // The whole days between from the table's running sums, read off the two days already
    // looked up (whole_days_seconds(first + 1, last) when both are in the table). None when
    // the later instant's local day is the earlier one's or before it (a fall-back across
    // local midnight).
    const std::int64_t whole = last <= first + 1 ? 0
                               : first >= kTableFirst && last <= kTableLast
                                   ? last_day.before - first_day.before - first_day.seconds()
                                   : whole_days_seconds(first + 1, last);
    return (part(first_day) + part(last_day) + whole) / 60;
}

std::int64_t WorkCalendar::whole_days_seconds(std::int64_t from, std::int64_t to) const {
    if (to <= from) {
        return 0;
    }
    if (from < kTableFirst || to > kTableLast) {
        std::int64_t sum = 0;
        for (std::int64_t s = from; s < to; ++s) {
            sum += day(s).seconds();
        }
        return sum;
    }
    const std::int64_t start = day(from).before;
    return day(to).before - start;
}

Timestamp WorkCalendar::working_midpoint(const Timestamp& a, const Timestamp& b) const {
    return add_working_minutes(a, working_minutes_between(a, b) / 2);
}

}  // namespace owner
