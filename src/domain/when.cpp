#include "domain/when.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/error.hpp"

namespace owner {

namespace {

// Lower case for ASCII and for the capitals of Latin-1 in UTF-8 ("Ü" → "ü"): what the date
// words of the catalogue's languages need ("Nächste Woche", "Übermorgen").
std::string lower(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') {
            out[i] = static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < out.size()) {
            const auto next = static_cast<unsigned char>(out[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) {
                out[i + 1] = static_cast<char>(next + 0x20);
            }
            ++i;
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

// "14:00", "9:30" → minute of day.
std::optional<int> parse_clock(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3) {
        return std::nullopt;
    }
    int h = 0, m = 0;
    auto r1 = std::from_chars(s.data(), s.data() + colon, h);
    auto r2 = std::from_chars(s.data() + colon + 1, s.data() + s.size(), m);
    if (r1.ec != std::errc{} || r1.ptr != s.data() + colon || r2.ec != std::errc{} ||
        r2.ptr != s.data() + s.size() || h > 23 || m > 59) {
        return std::nullopt;
    }
    return h * 60 + m;
}

// A day's name in any language, or enough of its first letters (the language's weekday_prefix:
// "fri", "vr", "fr"), and a trailing period ("Fr."): 0 = Monday.
std::optional<int> parse_weekday(std::string_view s) {
    if (s.ends_with('.')) {
        s.remove_suffix(1);
    }
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
        if (s.size() < static_cast<std::size_t>(kLanguages[l].weekday_prefix)) {
            continue;
        }
        const std::string names = lower(say(Text::days_long, kLanguages[l].code));
        for (std::size_t i = 0; i < 7; ++i) {
            if (nth_word(names, i).starts_with(s)) {
                return static_cast<int>(i);
            }
        }
    }
    return std::nullopt;
}

// The date words of the catalogue, each for the word parse_day reads.
constexpr std::pair<Text, std::string_view> kDateWords[] = {
    {Text::when_today, "today"},
    {Text::when_tomorrow, "tomorrow"},
    {Text::when_day_after_tomorrow, "dayaftertomorrow"},
    {Text::when_yesterday, "yesterday"},
    {Text::when_end_of_day, "eod"},
    {Text::when_end_of_week, "eow"},
    {Text::when_end_of_month, "eom"},
    {Text::when_next_week, "nextweek"},
};

// A date word of any language at the start becomes parse_day's one word, so that "volgende week
// 10:00" still splits into a day and a time: "eind van de dag" → eod, "morgen" → tomorrow,
// "nächste Woche" → nextweek. The longest phrase that matches wins.
std::string join_phrases(std::string s) {
    std::size_t best = 0;
    std::string_view word;
    for (const auto& [text, meaning] : kDateWords) {
        for (const Language& l : kLanguages) {
            const std::string phrases = lower(say(text, l.code));
            std::size_t start = 0;
            while (start <= phrases.size()) {
                const std::size_t end = std::min(phrases.find('|', start), phrases.size());
                const std::string_view phrase =
                    std::string_view(phrases).substr(start, end - start);
                if (phrase.size() > best && s.starts_with(phrase) &&
                    (s.size() == phrase.size() || s[phrase.size()] == ' ')) {
                    best = phrase.size();
                    word = meaning;
                }
                start = end + 1;
            }
        }
    }
    return best == 0 ? s : std::string(word) + s.substr(best);
}

// The last working day of the week that holds d (Monday-based); if none is left, d.
Date last_working_day_of_week(const Date& d, const WorkCalendar& cal) {
    Date last = d;
    for (Date x = d;; x = x.plus_days(1)) {
        if (cal.is_working_day(x)) {
            last = x;
        }
        if (x.weekday() == 6) {
            break;
        }
    }
    return last;
}

// A day named without a time: today, tomorrow, a weekday, eod/eow/eom, an ISO date.
std::optional<Date> parse_day(std::string_view s, const Date& today, const WorkCalendar& cal) {
    if (s == "today" || s == "eod") {
        return today;
    }
    if (s == "tomorrow") {
        return today.plus_days(1);
    }
    if (s == "dayaftertomorrow") {
        return today.plus_days(2);
    }
    if (s == "yesterday") {
        return today.plus_days(-1);
    }
    if (s == "eow") {
        // The last working day of this week (Monday-based); if none is left, today.
        return last_working_day_of_week(today, cal);
    }
    if (s == "nextweek") {
        // By the end of next week: its last working day.
        const Date monday = today.plus_days(7 - today.weekday());
        const Date last = last_working_day_of_week(monday, cal);
        return cal.is_working_day(last) ? last : cal.next_working_day(monday);
    }
    if (s == "eom") {
        Date last = today;
        for (Date d = today; d.month == today.month; d = d.plus_days(1)) {
            if (cal.is_working_day(d)) {
                last = d;
            }
        }
        return last;
    }
    if (auto wd = parse_weekday(s)) {
        int ahead = (*wd - today.weekday() + 7) % 7;
        return today.plus_days(ahead == 0 ? 7 : ahead);
    }
    return parse_iso_date(s);
}

// +3d, -2w, +2wd, +4h, +3wh, +30m
std::optional<Timestamp> parse_offset(std::string_view s, const Timestamp& now,
                                      const WorkCalendar& cal) {
    if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) {
        return std::nullopt;
    }
    const int sign = s[0] == '-' ? -1 : 1;
    int n = 0;
    auto r = std::from_chars(s.data() + 1, s.data() + s.size(), n);
    if (r.ec != std::errc{} || r.ptr == s.data() + 1 || n > 100000) {
        return std::nullopt;
    }
    const std::string_view unit(r.ptr, static_cast<std::size_t>(s.data() + s.size() - r.ptr));
    const std::int64_t signed_n = sign * static_cast<std::int64_t>(n);
    if (unit == "m" || unit == "min") {
        return now.plus_seconds(signed_n * 60);
    }
    if (unit == "h") {
        return now.plus_seconds(signed_n * 3600);
    }
    if (unit == "d" || unit == "w") {
        const LocalTime lt = to_local(now.seconds);
        const std::int64_t days = unit == "w" ? signed_n * 7 : signed_n;
        return from_local(lt.date.plus_days(days), lt.minute_of_day, lt.second);
    }
    if (sign > 0 && unit == "wd") {
        return cal.add_working_days(now, n);
    }
    if (sign > 0 && unit == "wh") {
        return cal.add_working_minutes(now, signed_n * 60);
    }
    return std::nullopt;
}

std::optional<Timestamp> parse_single(std::string_view s, const Timestamp& now,
                                      const WorkCalendar& cal) {
    const Date today = to_local(now.seconds).date;
    if (s == "now") {
        return now;
    }
    if (auto t = parse_offset(s, now, cal)) {
        return t;
    }
    if (auto clock = parse_clock(s)) {
        return from_local(today, *clock);
    }
    if (auto d = parse_day(s, today, cal)) {
        return cal.end_of_day(*d);
    }
    return parse_rfc3339(s);
}

}  // namespace

std::string when_forms() {
    std::string out(kWhenForms);
    const auto first = [](Text t, std::string_view lang) {
        const std::string_view words = say(t, lang);
        return words.substr(0, words.find('|'));
    };
    for (const Language& l : kLanguages) {
        if (l.code == kBaseLanguage) {
            continue;
        }
        const std::string_view days = say(Text::days_long, l.code);
        const std::string_view abbreviated = say(Text::days_short, l.code);
        out += fmt::format(
            "; in {}: {}, {}, {}, {}..{} ({}..{}), {}, {}, {}", l.name,
            first(Text::when_today, l.code), first(Text::when_tomorrow, l.code),
            first(Text::when_day_after_tomorrow, l.code), nth_word(days, 0), nth_word(days, 6),
            nth_word(abbreviated, 0), nth_word(abbreviated, 6), first(Text::when_next_week, l.code),
            first(Text::when_end_of_day, l.code), first(Text::when_end_of_week, l.code));
    }
    return out;
}

Timestamp parse_when(std::string_view text, const Timestamp& now, const WorkCalendar& cal) {
    const std::string s = join_phrases(lower(trim(text)));
    std::optional<Timestamp> result;
    if (const auto space = s.find(' '); space != std::string::npos) {
        const std::string_view day_part = trim(std::string_view(s).substr(0, space));
        const std::string_view time_part = trim(std::string_view(s).substr(space + 1));
        if (auto clock = parse_clock(time_part)) {
            if (auto offset = parse_offset(day_part, now, cal)) {
                result = from_local(to_local(offset->seconds).date, *clock);
            } else if (auto d = parse_day(day_part, to_local(now.seconds).date, cal)) {
                result = from_local(*d, *clock);
            }
        }
        if (!result) {
            result = parse_rfc3339(s);  // "2026-12-02 14:00+01:00"
        }
    } else {
        result = parse_single(s, now, cal);
    }
    if (!result) {
        throw UsageError(fmt::format("cannot read '{}' as a date or time; expected one of: {}",
                                     text, when_forms()));
    }
    if (!in_supported_range(to_local(result->seconds).date)) {
        throw UsageError(
            fmt::format("'{}' is outside the dates owner accepts ({})", text, kDateRangeText));
    }
    return *result;
}

}  // namespace owner
