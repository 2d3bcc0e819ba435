#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// Step 2 (plan generously) and step 4 (check twice): pure rules about actions and their times.
namespace owner {

struct SlackAdvice {
    bool enough = true;
    std::int64_t slack_minutes = 0;     // working time between the action's due and the deadline
    std::int64_t wanted_minutes = 0;    // the margin the team asks for
    bool after_deadline = false;
};

// How much room an action due at `due` leaves before the case's promised deadline. The margin is
// the larger of plan.slack_days working days and plan.slack_share of the working time left.
std::optional<SlackAdvice> slack_before_deadline(const Case& c, const Timestamp& due,
                                                 const Timestamp& now, const Config& config);

// The two checks on work handed to a colleague: shortly after hand-over (check.first_after_hours
// of working time) and halfway to the due time in working time. Both lie before `due`; when the
// time is too short they collapse into one.
std::vector<Timestamp> schedule_checks(const Timestamp& handed_over, const Timestamp& due,
                                       const Config& config);

// "3.5 working days", "2 working hours" — a length of working time for people.
std::string describe_working_minutes(std::int64_t minutes, const WorkCalendar& calendar);

// The action a person means by `typed`: its number as shown by `show` (1-based), or words that
// match one open action's `what` (exactly, else as a unique case-insensitive part). Returns the
// index or an error message.
struct ActionLookup {
    std::optional<std::size_t> index;
    std::string error;
};
ActionLookup find_action(const Case& c, const std::string& typed, bool open_only = true);

// True when the action is the owner's own (no `who`, or the owner's name).
bool is_own(const Action& a, const Config& config);

} // namespace owner
