#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/language.hpp"

// Calendar dates and instants. The only outside state is the process time zone (TZ), read through
// the C library; nothing here reads the clock.
namespace owner {

// A day in the proleptic Gregorian calendar.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    auto operator<=>(const Date&) const = default;

    // Days since 1970-01-01.
    std::int64_t serial() const;
    static Date from_serial(std::int64_t days);
    Date plus_days(std::int64_t n) const { return from_serial(serial() + n); }
    // 0 = Monday … 6 = Sunday.
    int weekday() const;
    static int days_in_month(int year, int month);
    bool valid() const;
    std::string iso() const;  // 2026-11-25
};

// An instant, with the UTC offset it was written with so that rewriting a file keeps its text.
struct Timestamp {
    std::int64_t seconds = 0;  // since the Unix epoch, UTC
    int offset_minutes = 0;    // east of UTC, as written

    friend bool operator==(const Timestamp& a, const Timestamp& b) {
        return a.seconds == b.seconds;
    }
    friend auto operator<=>(const Timestamp& a, const Timestamp& b) {
        return a.seconds <=> b.seconds;
    }

    Timestamp plus_seconds(std::int64_t s) const;  // keeps the local offset right
    std::string rfc3339() const;                   // 2026-11-25T09:12:00+01:00
};

// The dates owner accepts at input (arguments, case files, imports): anything outside is a typo
// or an attack (a deadline of 9999-12-31 would make every view count working days for 8000 years).
inline constexpr Date kFirstDate{1970, 1, 1};
inline constexpr Date kLastDate{2099, 12, 31};
inline constexpr std::string_view kDateRangeText = "1970-01-01 to 2099-12-31";
inline bool in_supported_range(const Date& d) {
    return d >= kFirstDate && d <= kLastDate;
}

// Wall-clock time in the user's zone.
struct LocalTime {
    Date date;
    int minute_of_day = 0;  // 0 … 1439
    int second = 0;
    int offset_minutes = 0;
};

// The instant as wall-clock time in the process time zone.
LocalTime to_local(std::int64_t seconds);
// Call after changing TZ in a running process (tests do): forgets remembered UTC offsets.
void time_zone_changed();
// Changes with every time_zone_changed() (never 0): what is remembered from wall-clock
// arithmetic (the working calendar's days) is valid only as long as this stays the same.
namespace detail {
extern std::uint32_t g_zone_generation;
}
inline std::uint32_t zone_generation() {
    return detail::g_zone_generation;
}
// to_local(seconds).date.serial(), without building the date.
std::int64_t local_day(std::int64_t seconds);
// A wall-clock time in the process time zone; times skipped by a DST change move forward.
Timestamp from_local(Date date, int minute_of_day, int second = 0);
Timestamp local_timestamp(std::int64_t seconds);

// Parses 2026-11-25T09:12:00+01:00 (also Z, a space for T, no seconds); without an offset the
// time is local.
std::optional<Timestamp> parse_rfc3339(std::string_view text);
std::optional<Date> parse_iso_date(std::string_view text);

// "Wed 25 Nov 09:12" in the user's zone, for people.
// In `lang` through the catalogue (domain/catalogue): "Wed 25 Nov 14:00", "wo 25 nov 14:00".
std::string human_time(const Timestamp& t, std::string_view lang = kBaseLanguage);
// human_time(t, lang) appended to `out`: no string of its own.
void append_human_time(std::string& out, const Timestamp& t, std::string_view lang = kBaseLanguage);
std::string human_date(const Date& d, std::string_view lang = kBaseLanguage);  // "Wed 25 Nov"
std::string hhmm(int minute_of_day);                                           // "09:05"
std::string_view weekday_name(int weekday);                                    // "Mon"

}  // namespace owner
