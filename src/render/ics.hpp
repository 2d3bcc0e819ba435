#pragma once

#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

namespace owner {

// How actions and checks go into the calendar.
enum class IcsItems {
    events,  // VEVENTs at their due time: for calendars (khal, Google, Outlook)
    todos,   // VTODOs with DUE, STATUS and PRIORITY: for task lists (todoman, Thunderbird,
             // Reminders)
};

// An iCalendar (RFC 5545) file of the open cases' actions, checks and promised deadlines: CRLF
// line ends, lines folded at 75 octets, text escaped, UIDs stable across exports so calendars
// update in place. A promised deadline is an all-day, transparent event on its day, with the time
// in its summary: calendar clients show those as a banner on the day (as they show due dates and
// birthdays) where a zero-length event is drawn as a sliver or not at all, and it does not mark
// the owner busy. As VTODOs, actions done are included as COMPLETED so a task list that imported
// them before ticks them off.
std::string render_ics(const std::vector<Case>& cases, const Timestamp& now, const Config& config,
                       IcsItems items = IcsItems::events);

// RFC 5545 TEXT escaping: backslash, semicolon, comma and newline.
std::string ics_escape(std::string_view s);
// Folds one content line at 75 octets without splitting a UTF-8 character; ends with CRLF.
std::string ics_fold(std::string_view line);

}  // namespace owner
