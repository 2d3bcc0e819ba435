#include "domain/time.hpp"
#include "domain/times_said.hpp"

#include <array>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/memo.hpp"

namespace owner {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_int(std::string_view s, std::size_t& pos, int digits, int& out) {
    if (pos + digits > s.size()) {
        return false;
    }
    int v = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = s[pos + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    pos += digits;
    out = v;
    return true;
}

}  // namespace

std::int64_t Date::serial() const {
    return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

Date Date::from_serial(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Date::weekday() const {
    const std::int64_t s = serial();  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((s % 7) + 7 + 3) % 7);
}

int Date::days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return kDays[m - 1];
}

bool Date::valid() const {
    return year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

std::string Date::iso() const {
    // Written by hand: a view writes one per case, and fmt costs ten times as much.
    if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) {
        return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    }
    const char text[10] = {static_cast<char>('0' + year / 1000),
                           static_cast<char>('0' + year / 100 % 10),
                           static_cast<char>('0' + year / 10 % 10),
                           static_cast<char>('0' + year % 10),
                           '-',
                           static_cast<char>('0' + month / 10),
                           static_cast<char>('0' + month % 10),
                           '-',
                           static_cast<char>('0' + day / 10),
                           static_cast<char>('0' + day % 10)};
    return std::string(text, sizeof text);
}

Timestamp Timestamp::plus_seconds(std::int64_t s) const {
    return local_timestamp(seconds + s);
}

std::string Timestamp::rfc3339() const {
    const std::int64_t local = seconds + offset_minutes * 60;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const std::int64_t sod = local - days * 86400;
    const Date d = Date::from_serial(days);
    const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", d.iso(), sod / 3600, (sod / 60) % 60,
                       sod % 60, offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

namespace {
int offset_by_localtime(std::int64_t seconds) {
    const auto t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    return static_cast<int>(tm.tm_gmtoff);
}

// Marks a day (or an hour) with a change of offset in it.
constexpr int kOffsetChanges = INT32_MIN;

// What the C library said about the zone, remembered under the zone's generation: per thread,
// so that no thread writes what another reads (the clock-free functions below are called from
// const methods everywhere), made on a thread's first question.
struct ZoneMemo {
    SlotMemo<int, 4096> utc_day_offsets;   // 4096 UTC days (eleven years)
    SlotMemo<int, 4096> midnight_offsets;  // at each UTC midnight: a day's end is the next's start
    SlotMemo<int, 2048> hour_offsets;      // for the days with a change
    SlotMemo<int, 2048> day_offsets;       // steady_offset: local days
};
ZoneMemo& zone_memo() {
    thread_local ZoneMemo memo;
    return memo;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : (a - (b - 1)) / b;
}

int offset_at_midnight(std::int64_t day) {
    SlotMemo<int, 4096>& memo = zone_memo().midnight_offsets;
    const std::uint32_t zone = detail::g_zone_generation;
    const int* known = memo.find(day, zone);
    return known != nullptr ? *known : memo.remember(day, offset_by_localtime(day * 86400), zone);
}

// The UTC offset (seconds) at an instant. Remembered per UTC day when the offset is the same at
// its start and at the next day's (no zone in the tz database changes twice within a day and
// back): day after day, one question to the C library each; in a day with a change, per hour
// when it is the same at both ends of the hour; an hour with a change in it always asks the C
// library.
int utc_offset_at(std::int64_t seconds) {
    ZoneMemo& memo = zone_memo();
    const std::uint32_t zone = detail::g_zone_generation;
    const std::int64_t day = floor_div(seconds, 86400);
    const int* steady = memo.utc_day_offsets.find(day, zone);
    if (steady == nullptr) {
        const int start = offset_at_midnight(day);
        const int end = offset_at_midnight(day + 1);
        steady = &memo.utc_day_offsets.remember(day, start == end ? start : kOffsetChanges, zone);
    }
    if (*steady != kOffsetChanges) {
        return *steady;
    }
    const std::int64_t hour = floor_div(seconds, 3600);
    const int* known = memo.hour_offsets.find(hour, zone);
    if (known == nullptr) {
        const int start = offset_by_localtime(hour * 3600);
        const int end = offset_by_localtime(hour * 3600 + 3599);
        known = &memo.hour_offsets.remember(hour, start == end ? start : kOffsetChanges, zone);
    }
    return *known != kOffsetChanges ? *known : offset_by_localtime(seconds);
}
}  // namespace

namespace detail {
std::uint32_t g_zone_generation = 1;
}  // namespace detail

std::int64_t local_day(std::int64_t seconds) {
    return floor_div(seconds + utc_offset_at(seconds), 86400);
}

LocalTime to_local(std::int64_t seconds) {
    const int offset = utc_offset_at(seconds);
    const std::int64_t local = seconds + offset;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const std::int64_t sod = local - days * 86400;
    LocalTime lt;
    lt.date = Date::from_serial(days);
    lt.minute_of_day = static_cast<int>(sod / 60);
    lt.second = static_cast<int>(sod % 60);
    lt.offset_minutes = offset / 60;
    return lt;
}

Timestamp local_timestamp(std::int64_t seconds) {
    return Timestamp{seconds, utc_offset_at(seconds) / 60};  // to_local(seconds).offset_minutes
}

namespace {
// The UTC offset in force all day on a date, or nullopt when it changes that day (DST).
// Remembered per date: mktime is slow and the same days come up again and again.
std::optional<int> steady_offset(const Date& date) {
    SlotMemo<int, 2048>& memo = zone_memo().day_offsets;
    const std::int64_t key = date.serial();
    const int* known = memo.find(key, detail::g_zone_generation);
    if (known == nullptr) {
        auto offset_at = [](std::int64_t local_seconds) {
            // The offset at this local time: probe a UTC instant and correct once. When the
            // correction does not land on the local time itself, it lies in a DST gap (as
            // midnight does where the clocks skip it): no steady offset.
            // (to_local(s).offset_minutes, without the date)
            const auto offset_minutes = [](std::int64_t s) { return utc_offset_at(s) / 60; };
            const int guess = offset_minutes(local_seconds);
            const int off = offset_minutes(local_seconds - guess * 60);
            if (off != guess && offset_minutes(local_seconds - off * 60) != off) {
                return kOffsetChanges;
            }
            return off;
        };
        const std::int64_t midnight = key * 86400;
        const int start = offset_at(midnight);
        const int end = offset_at(midnight + 86400);
        const int noon = offset_at(midnight + 43200);
        known = &memo.remember(key, start == end && start == noon ? start : kOffsetChanges,
                               detail::g_zone_generation);
    }
    return *known != kOffsetChanges ? std::optional<int>(*known) : std::nullopt;
}
}  // namespace

void time_zone_changed() {
    if (++detail::g_zone_generation == 0) {
        detail::g_zone_generation = 1;
    }
}

Timestamp from_local(Date date, int minute_of_day, int second) {
    if (const auto off = steady_offset(date)) {
        return Timestamp{date.serial() * 86400 + minute_of_day * 60 + second - *off * 60LL, *off};
    }
    std::tm tm{};
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month - 1;
    tm.tm_mday = date.day;
    tm.tm_hour = minute_of_day / 60;
    tm.tm_min = minute_of_day % 60;
    tm.tm_sec = second;
    tm.tm_isdst = -1;
    std::time_t t = std::mktime(&tm);
    // In a DST gap glibc may pick the earlier offset, landing before the requested wall time;
    // the wall time people mean is the one after the gap.
    LocalTime back = to_local(t);
    if (back.date < date || (back.date == date && back.minute_of_day < minute_of_day)) {
        t += 3600;
    }
    return local_timestamp(t);
}

std::optional<Date> parse_iso_date(std::string_view s) {
    std::size_t pos = 0;
    Date d;
    if (!read_int(s, pos, 4, d.year) || pos >= s.size() || s[pos++] != '-' ||
        !read_int(s, pos, 2, d.month) || pos >= s.size() || s[pos++] != '-' ||
        !read_int(s, pos, 2, d.day) || pos != s.size() || !d.valid()) {
        return std::nullopt;
    }
    return d;
}

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
    if (s.size() < 16) {
        return std::nullopt;
    }
    auto date = parse_iso_date(s.substr(0, 10));
    if (!date || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
        return std::nullopt;
    }
    std::size_t pos = 11;
    int hh = 0, mm = 0, ss = 0;
    if (!read_int(s, pos, 2, hh) || pos >= s.size() || s[pos++] != ':' ||
        !read_int(s, pos, 2, mm)) {
        return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!read_int(s, pos, 2, ss)) {
            return std::nullopt;
        }
        if (pos < s.size() && s[pos] == '.') {  // fractions of a second are dropped
            ++pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
                ++pos;
            }
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) {
        return std::nullopt;
    }
    if (pos == s.size()) {
        return from_local(*date, hh * 60 + mm, ss);
    }
    int offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!read_int(s, pos, 2, oh) || pos >= s.size() || s[pos++] != ':' ||
            !read_int(s, pos, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    const std::int64_t secs = date->serial() * 86400 + hh * 3600 + mm * 60 + ss - offset * 60;
    return Timestamp{secs, offset};
}

std::string_view weekday_name(int weekday) {
    return day_name(weekday, kBaseLanguage);
}

namespace {
// These run for every line of `today` and the agenda: appended by hand, not through fmt.
void append_hhmm(std::string& out, int minute_of_day) {
    if (minute_of_day < 0 || minute_of_day >= 100 * 60) {
        out += fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
        return;
    }
    const int h = minute_of_day / 60, m = minute_of_day % 60;
    const char text[5] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                          static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
    out.append(text, sizeof text);
}

// "Wed 25 Nov", in the catalogue's words and form for `lang` ("Mi 25. Nov").
void append_human_date(std::string& out, const Date& d, std::string_view lang) {
    const ShortDateForm form = short_date_form(lang);
    out += day_name(d.weekday(), lang);
    out += form.weekday_day;
    if (d.day >= 1 && d.day <= 31) {
        if (d.day >= 10) {
            out += static_cast<char>('0' + d.day / 10);
        }
        out += static_cast<char>('0' + d.day % 10);
    } else {
        out += fmt::format("{}", d.day);
    }
    out += form.day_month;
    out += month_name(d.month, lang);
}
}  // namespace

std::string hhmm(int minute_of_day) {
    std::string out;
    append_hhmm(out, minute_of_day);
    return out;
}

std::string human_date(const Date& d, std::string_view lang) {
    std::string out;
    append_human_date(out, d, lang);
    return out;
}

std::string human_time(const Timestamp& t, std::string_view lang) {
    std::string out;
    append_human_time(out, t, lang);
    return out;
}

void append_human_time(std::string& out, const Timestamp& t, std::string_view lang) {
    const LocalTime lt = to_local(t.seconds);
    append_human_date(out, lt.date, lang);
    out += ' ';
    append_hhmm(out, lt.minute_of_day);
}

std::pair<std::size_t, std::size_t> find_logged_time(std::string_view text, std::size_t from) {
    const auto digit = [&](std::size_t i) {
        return i < text.size() && text[i] >= '0' && text[i] <= '9';
    };
    const auto is = [&](std::size_t i, char ch) { return i < text.size() && text[i] == ch; };
    // 2026-12-14T17:00:00 : the places of its digits and of its separators.
    constexpr std::size_t kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (std::size_t at = text.find('T', from); at != std::string_view::npos;
         at = text.find('T', at + 1)) {
        if (at < from + 10) {
            continue;
        }
        const std::size_t begin = at - 10;
        bool shaped = !digit(begin - 1) && is(begin + 4, '-') && is(begin + 7, '-') &&
                      is(begin + 13, ':') && is(begin + 16, ':');
        for (const std::size_t d : kDigits) {
            shaped = shaped && digit(begin + d);
        }
        if (!shaped) {
            continue;
        }
        if (is(begin + 19, 'Z')) {
            return {begin, 20};
        }
        if ((is(begin + 19, '+') || is(begin + 19, '-')) && digit(begin + 20) &&
            digit(begin + 21) && is(begin + 22, ':') && digit(begin + 23) && digit(begin + 24)) {
            return {begin, 25};
        }
    }
    return {std::string_view::npos, 0};
}

}  // namespace owner
