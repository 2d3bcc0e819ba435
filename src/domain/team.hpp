#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"
#include "domain/escalation.hpp"

// The lead's view (`owner team`): per person on the team's roster, what they own, what others
// asked of them and the escalations to them not yet answered; then the promises at risk across
// the team. Pure: the cases, now and the config in, counts and pointers into the cases out.
namespace owner {

// The latest escalation in the case to `person` still waiting for them, by the one rule of
// unanswered_escalations (domain/escalation.hpp): its moment, or nullopt.
std::optional<Timestamp> unanswered_escalation_to(const Case& c, std::string_view person,
                                                  const Config& config);

// An escalation to a person still waiting for them.
struct TeamEscalation {
    const Case* c = nullptr;
    Timestamp since;  // when it was escalated
};

// One person of the roster, or an owner the roster no longer has.
struct TeamMember {
    std::string name;  // the roster's name
    std::string role;  // "lead", or empty
    std::size_t open_cases = 0;
    std::size_t overdue_cases = 0;  // the promised deadline passed, or an action past its due time
    std::size_t at_risk_cases = 0;  // promise_at_risk
    std::size_t asked_open = 0;     // open actions in others' cases whose `who` is them
    std::size_t asked_overdue = 0;  // … past their due time
    std::vector<TeamEscalation> escalations;  // unanswered, the oldest first
};

// A promise at risk, with whose it is.
struct TeamRisk {
    const Case* c = nullptr;
    std::string owner;
    std::string detail;  // the deadline rule's line (English, as `escalate` and JSON give it)
    std::string reason;  // the same in the config's language
};

struct TeamView {
    Date date;
    std::vector<TeamMember> members;  // the roster's order, then other owners as they come
    std::vector<TeamRisk> at_risk;    // the earliest deadline first
};

// An overdue case, as `today`'s "Overdue" counts it: its promised deadline passed (unless the
// case awaits the customer's acceptance), or one of its open actions is past its due time.
bool case_overdue(const Case& c, const Timestamp& now);

// The view of the open cases given (every owner's). Points into them: they must outlive it.
TeamView build_team(const std::vector<Case>& open, const Timestamp& now, const Config& config);
TeamView build_team(const std::vector<Case>&& open, const Timestamp& now,
                    const Config& config) = delete;

// A person a new roster drops (neither their name nor an alias left) while they still have work
// in the open cases: a roster edit that would lock them out of it, or leave it to nobody.
struct DroppedPerson {
    std::string name;                // the old roster's name
    std::size_t open_cases = 0;      // open cases they own
    std::size_t open_actions = 0;    // open actions (call-backs too) asked of them
    std::vector<std::string> cases;  // the ids of those cases, in the order given
};

// Who of the `before` roster the `after` roster drops while they own an open case or have an open
// action asked of them, in the order of `before`. A rename that keeps the old name as an alias
// drops nobody; a name on neither roster is not the edit's doing and is passed over.
std::vector<DroppedPerson> dropped_with_work(const std::vector<Case>& open, const Roster& before,
                                             const Roster& after);
// For people: "Dini: owns 2 open cases and has 1 open action asked of them (cases k7rq, m2xd)".
std::string describe_dropped(const DroppedPerson& p);

}  // namespace owner
