#pragma once

#include <set>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// What `owner remind` (cron) says: everything due now, each with a key that stays the same for as
// long as the same thing is due, so it is said once.
namespace owner {

struct Reminder {
    std::string key;   // kind|case|detail|when
    std::string kind;  // action, check, escalation, update, waiting, acceptance, deadline,
                       // deadline_missed; in a team's store also asked, callback, escalated
    std::string case_id;
    std::string customer;
    std::string title;
    std::string text;  // one line for people
    std::string who;
    Timestamp when;
};

// Everything due now: in a team's store (config.team) only what concerns the runner (their own
// cases, actions and call-backs asked of them, escalations to them). Each key is made of recorded
// facts only (kind, case, rule or action, and the recorded moment that made it due), never of now,
// so the same thing keeps the same key.
std::vector<Reminder> due_reminders(const std::vector<Case>& cases, const Timestamp& now,
                                    const Config& config);

// What one run says of one case: its fresh reminders in one line that names every reason (a stall
// and the deadline it endangers are one cause, said once). In the order of each case's first.
struct ReminderLine {
    std::vector<const Reminder*> reasons;  // in time order; the first gives the line's moment
    std::string text;                      // their texts joined by "; "
};
std::vector<ReminderLine> remind_lines(const std::vector<const Reminder*>& fresh);

// Reminders wait for working time: cron may run all night, the owner is told in the morning.
bool remind_quiet(const Timestamp& now, const Config& config);

// What to say now given what was said before: the fresh reminders, and the keys to remember
// (those still due, said before or now). With `all`, everything due is fresh.
struct RemindDiff {
    std::vector<const Reminder*> fresh;
    std::set<std::string> keep;
};
RemindDiff remind_diff(const std::vector<Reminder>& due, const std::set<std::string>& said,
                       bool all);

// The key that remembers, beside the reminders, that `remind --sync` said a failed sync's error:
// one per distinct error (one line), so cron says each once, and again once it changes.
std::string sync_error_key(std::string_view error);

}  // namespace owner
