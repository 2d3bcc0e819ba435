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

bool WorkCalendar::is_working_day(const Date& d) const {
    return m_weekdays[static_cast<std::size_t>(d.weekday())] && !m_holidays.contains(d);
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
    return from_local(d, m_start);
}
Timestamp WorkCalendar::end_of_day(const Date& d) const {
    return from_local(d, m_end);
}

Timestamp WorkCalendar::add_working_minutes(const Timestamp& t, std::int64_t minutes) const {
    std::int64_t remaining = minutes * 60;
    Date d = to_local(t.seconds).date;
    std::int64_t cursor = t.seconds;
    for (int i = 0; i < kMaxDaysScanned * 10; ++i, d = d.plus_days(1)) {
        if (!is_working_day(d)) {
            continue;
        }
        const std::int64_t open = start_of_day(d).seconds;
        const std::int64_t close = end_of_day(d).seconds;
        const std::int64_t from = std::max(cursor, open);
        if (from >= close) {
            continue;
        }
        if (from + remaining <= close) {
            return local_timestamp(from + remaining);
        }
        remaining -= close - from;
        cursor = close;
    }
    return local_timestamp(cursor + remaining);
}

Timestamp WorkCalendar::sub_working_minutes(const Timestamp& t, std::int64_t minutes) const {
    std::int64_t remaining = minutes * 60;
    Date d = to_local(t.seconds).date;
    std::int64_t cursor = t.seconds;
    for (int i = 0; i < kMaxDaysScanned * 10; ++i, d = d.plus_days(-1)) {
        if (!is_working_day(d)) {
            continue;
        }
        const std::int64_t open = start_of_day(d).seconds;
        const std::int64_t close = end_of_day(d).seconds;
        const std::int64_t from = std::min(cursor, close);
        if (from <= open) {
            continue;
        }
        if (from - remaining >= open) {
            return local_timestamp(from - remaining);
        }
        remaining -= from - open;
        cursor = open;
    }
    return local_timestamp(cursor - remaining);
}

bool WorkCalendar::is_working_time(const Timestamp& t) const {
    const LocalTime lt = to_local(t.seconds);
    if (!is_working_day(lt.date)) {
        return false;
    }
    return t.seconds >= start_of_day(lt.date).seconds && t.seconds <= end_of_day(lt.date).seconds;
}

Timestamp WorkCalendar::next_working_moment(const Timestamp& t) const {
    if (is_working_time(t)) {
        return t;
    }
    Date d = to_local(t.seconds).date;
    if (is_working_day(d) && t.seconds < start_of_day(d).seconds) {
        return start_of_day(d);
    }
    return start_of_day(next_working_day(d.plus_days(1)));
}

std::int64_t WorkCalendar::working_minutes_between(const Timestamp& a, const Timestamp& b) const {
    if (b < a) {
        return -working_minutes_between(b, a);
    }
    if (b.seconds - a.seconds > kMaxSpanSeconds) {
        return working_minutes_between(a, local_timestamp(a.seconds + kMaxSpanSeconds));
    }
    const Date first = to_local(a.seconds).date;
    const Date last = to_local(b.seconds).date;
    // Part of a working day: only the first and the last day need wall-clock arithmetic.
    auto part = [&](const Date& d) -> std::int64_t {
        if (!is_working_day(d)) {
            return 0;
        }
        const std::int64_t from = std::max(a.seconds, start_of_day(d).seconds);
        const std::int64_t to = std::min(b.seconds, end_of_day(d).seconds);
        return to > from ? to - from : 0;
    };
    if (first == last) {
        return part(first) / 60;
    }
    return (part(first) + part(last) + whole_days_seconds(first.plus_days(1), last)) / 60;
}

// A whole working day's length comes from the wall clock, so that working hours across a DST
// change count the hour lost or gained.
std::int64_t WorkCalendar::day_seconds(const Date& d) const {
    return is_working_day(d) ? end_of_day(d).seconds - start_of_day(d).seconds : 0;
}

std::int64_t WorkCalendar::whole_days_seconds(const Date& from, const Date& to) const {
    const std::int64_t lo = from.serial();
    const std::int64_t hi = to.serial();
    if (hi <= lo) {
        return 0;
    }
    if (m_prefix.empty() || lo < m_prefix_base) {
        // (Re)start the table at `lo`, keeping whatever end it had.
        const std::int64_t end =
            m_prefix.empty()
                ? hi
                : std::max(hi, m_prefix_base + static_cast<std::int64_t>(m_prefix.size()) - 1);
        m_prefix_base = lo;
        m_prefix.assign(1, 0);
        m_prefix.reserve(static_cast<std::size_t>(end - lo + 1));
    }
    while (m_prefix_base + static_cast<std::int64_t>(m_prefix.size()) - 1 < hi) {
        const std::int64_t day = m_prefix_base + static_cast<std::int64_t>(m_prefix.size()) - 1;
        m_prefix.push_back(m_prefix.back() + day_seconds(Date::from_serial(day)));
    }
    return m_prefix[static_cast<std::size_t>(hi - m_prefix_base)] -
           m_prefix[static_cast<std::size_t>(lo - m_prefix_base)];
}

Timestamp WorkCalendar::working_midpoint(const Timestamp& a, const Timestamp& b) const {
    return add_working_minutes(a, working_minutes_between(a, b) / 2);
}

}  // namespace owner
