#pragma once

#include <string>
#include <string_view>

// The one catalogue of the words owner shows in the configured language (`language`): headings
// of `today` and `status`, and the lines of `remind`. English is the default; a text missing in a
// language falls back to it. Messages to customers and colleagues have their own templates
// (domain/messages).
namespace owner {

enum class Text {
    today_overdue,
    today_today,
    today_checks,
    today_escalations,
    today_updates,
    today_deadline_one,   // "Deadlines in the next working day"
    today_deadline_many,  // "Deadlines in the next {} working days"
    today_waiting,
    today_no_next_step,
    today_review,
    status_due,
    status_waiting,
    status_escalated,
    status_owed,
    status_closed,    // "Closed since {} — well done!"
    remind_due,       // "due: {}"
    remind_check,     // "check on {}: {}"
    remind_escalate,  // "escalate: {}"
    remind_owed_update,
    remind_owed_first,
    remind_waited,
    remind_deadline_missed,
    remind_deadline_today,  // "promised deadline today at {}"
};

// The text in `lang` ("en", "nl"); texts with {} take one argument through fmt.
std::string_view say(Text key, std::string_view lang);

}  // namespace owner
