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
    std::int64_t slack_minutes = 0;   // working time between the action's due and the deadline
    std::int64_t wanted_minutes = 0;  // the margin the team asks for
    bool after_deadline = false;
};

// How much room an action due at `due` leaves before the case's promised deadline. The margin is
// the larger of the action's effort (working minutes; plan.default_effort when not given) and
// plan.slack_share of the working time left: a five-minute task asks for little room, a long
// promise for a fifth of its time.
std::optional<SlackAdvice> slack_before_deadline(const Case& c, const Timestamp& due,
                                                 const Timestamp& now, const Config& config,
                                                 std::optional<std::int64_t> effort = {});

// How much work an action takes, in working minutes: "15m" (minutes), "2wh" (working hours),
// "1wd" (working days of `calendar`), a whole or decimal number; nullopt when it is none of these
// or not above zero.
std::optional<std::int64_t> parse_effort(std::string_view text, const WorkCalendar& calendar);
inline constexpr std::string_view kEffortForms = "15m, 2wh or 1wd (minutes, working hours or "
                                                 "working days)";

// The two checks on work handed to a colleague: shortly after hand-over (check.first_after_hours
// of working time) and halfway to the due time in working time. Both lie in working time, before
// `due`, on whole minutes and at different minutes: when the hand-over is too short for the first
// one, it moves to a quarter of the way. Only with less than two working minutes is there no check.
std::vector<Timestamp> schedule_checks(const Timestamp& handed_over, const Timestamp& due,
                                       const Config& config);

// The next check after a check found the action stalled: check.first_after_hours of working time
// from now, or halfway to the due time if that comes sooner.
Timestamp follow_up_check(const Action& a, const Timestamp& now, const Config& config);

enum class CheckOutcome { done, on_track, stalled };
struct CheckResult {
    std::optional<Timestamp> follow_up;  // the check planned after a stalled one
};
// Records a check's outcome on action `index`: the check done leaves the list, the log says what
// was found; done closes the action; stalled plans a follow-up check (and the escalation rule
// applies from now).
CheckResult record_check(Case& c, std::size_t index, CheckOutcome outcome, const std::string& note,
                         const Timestamp& now, const Config& config);

// "3.5 working days", "2 working hours" — a length of working time for people.
std::string describe_working_minutes(std::int64_t minutes, const WorkCalendar& calendar);
// The same, appended to `out`.
void append_working_minutes(std::string& out, std::int64_t minutes, const WorkCalendar& calendar);

// The action a person means by `typed`: its number as shown by `show` (1-based), or words that
// match one open action's `what` or its customer wording (`tell`): exactly, else as a unique
// case-insensitive part. Returns the index, or an error message (`several` when the words fit
// more than one action: the message lists them).
struct ActionLookup {
    std::optional<std::size_t> index;
    std::string error;
    bool several = false;
};
ActionLookup find_action(const Case& c, const std::string& typed, bool open_only = true);

// What `plan CASE WHAT` means: add a new action (`add`, or words that match no open action), or
// re-plan or remove an existing one (named by number, or by words that match exactly one open
// action, as find_action). `error` says why neither applies (an empty text, no such action, words
// that fit several); then the command is refused. `note` tells the person which action their words
// re-planned when they were not its exact text.
enum class PlanMode { add, replan, remove };
struct PlanTarget {
    PlanMode mode = PlanMode::add;
    std::optional<std::size_t> index;
    std::string error;
    std::string note;
};
PlanTarget plan_target(const Case& c, const std::string& what, bool has_due, bool remove,
                       bool add = false);

// Renegotiates the promise: sets the deadline and logs the old and the new one (event "deadline",
// keys `from` and `to`), so that stats can tell the first promise from the last.
void move_deadline(Case& c, const Timestamp& to, const std::string& reason, const Timestamp& now);

// The promise of a reopened case: sets the deadline and logs it at the reopening's instant (event
// "deadline", `to`, and `from` when one stood), which stats counts as the new period's own promise,
// not a moved one.
void promise_on_reopening(Case& c, const Timestamp& to, const std::string& reason,
                          const Timestamp& now);

// Records a wait on the customer (event "waiting", key `until` when given).
void start_wait(Case& c, const std::optional<Timestamp>& until, const std::string& note,
                const Timestamp& now);

// The warning owed when a due time or deadline falls outside working time: a promise on a day off
// or at night. Empty when it is inside; otherwise names the next working moment.
std::string outside_working_time(const Timestamp& t, const WorkCalendar& calendar);

// What a handoff did to the actions (see hand_over_case).
struct HandoffEffect {
    std::size_t kept = 0;   // the old owner's own actions, written out as theirs, now checked
    std::size_t taken = 0;  // actions the new owner had been asked to do: their own now
    std::vector<Timestamp> checks;  // the checks planned on the kept ones, in order
};

// Makes `to` the case's owner (roster names; `from` is the owner until now) and logs it (event
// "handoff", keys `from` and `to`). No action moves silently: the old owner's own open actions get
// `who = from` and, being work handed to a colleague now, two checks like `plan --who`; the new
// owner's actions become their own (no `who`, no checks: nobody checks on themselves).
HandoffEffect hand_over_case(Case& c, const std::string& from, const std::string& to,
                             const std::string& note, const Timestamp& now, const Config& config);

// True when the action is the case owner's own: no `who`, or the case's `owner` (a case without
// one is the runner's, as in a store of one person). Whoever runs owner: a lead on a colleague's
// case judges by the colleague.
bool is_own(const Case& c, const Action& a, const Config& config);
// True when the runner does the action: theirs by `who`, or an own action of their own case.
bool is_mine(const Case& c, const Action& a, const Config& config);

}  // namespace owner
