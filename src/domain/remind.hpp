#pragma once

#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// What `owner remind` (cron) says: everything due now, each with a key that stays the same for as
// long as the same thing is due, so it is said once.
namespace owner {

struct Reminder {
    std::string key;   // kind|case|detail|when
    std::string kind;  // action, check, escalation, update, deadline, deadline_missed
    std::string case_id;
    std::string customer;
    std::string title;
    std::string text;  // one line for people
    std::string who;
    Timestamp when;
};

std::vector<Reminder> due_reminders(const std::vector<Case>& cases, const Timestamp& now, const Config& config);

} // namespace owner
