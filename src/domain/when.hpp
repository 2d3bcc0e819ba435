#pragma once

#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/time.hpp"

namespace owner {

// The accepted forms in the program's own words; when_forms() adds the date words of the other
// languages (from the catalogue).
inline constexpr std::string_view kWhenForms =
    "2026-12-02, 2026-12-02T14:00, 2026-12-02T14:00+01:00, now, today, tomorrow, mon..sun, "
    "eod, eow, eom, next week, +3d, +2w, +2wd, +4h, +3wh, -1d, 14:00, or a day followed by a time "
    "('tomorrow 10:00', 'fri 16:00')";
// All the accepted forms, for error messages: "…; in Dutch: vandaag, morgen, …".
std::string when_forms();

// Turns what a person typed for a moment into an instant. A day without a time means the end of
// that working day; +Nd/+Nw/+Nh keep the time of day of `now`, +Nwd/+Nwh count working time.
// Throws UsageError quoting the text and listing the accepted forms.
Timestamp parse_when(std::string_view text, const Timestamp& now, const WorkCalendar& calendar);

}  // namespace owner
