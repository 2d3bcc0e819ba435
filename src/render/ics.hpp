#pragma once

#include <optional>
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

// An iCalendar (RFC 5545) file of the cases' actions, checks and promised deadlines: CRLF line
// ends, lines folded at 75 octets, text escaped, UIDs stable across exports (an action's from its
// case and words, a check's from its action and its number in the action's life) so calendars
// update in place, and SEQUENCE and LAST-MODIFIED from the item's log entries so they take the
// change. A promised deadline is an all-day, transparent event on its day, with the time in its
// summary: calendar clients show those as a banner on the day (as they show due dates and
// birthdays) where a zero-length event is drawn as a sliver or not at all, and it does not mark
// the owner busy. What was finished at or after `since` (every time, when absent) stays in the
// file so that a client that imported it before closes it: as VTODOs an action done and a check
// recorded are COMPLETED, an action removed or cancelled, everything a closed case left open and
// the checks a finished action no longer needs are CANCELLED; as VEVENTs all of them are
// CANCELLED, the only terminal status of an event. Older finished items are left out.
std::string render_ics(const std::vector<Case>& cases, const Timestamp& now, const Config& config,
                       IcsItems items = IcsItems::events,
                       const std::optional<Timestamp>& since = std::nullopt);

// RFC 5545 TEXT escaping: backslash, semicolon, comma and newline.
std::string ics_escape(std::string_view s);
// Folds one content line at 75 octets without splitting a UTF-8 character; ends with CRLF.
std::string ics_fold(std::string_view line);

}  // namespace owner
