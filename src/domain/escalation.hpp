#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// Step 5: the team's escalation rules, applied to a case.
namespace owner {

struct EscalationHit {
    std::string rule;     // "stalled", "overdue", "deadline"
    std::string detail;   // what stalls, since when
    Timestamp since;      // when the rule started to apply
    std::optional<std::size_t> action;  // the action concerned, if any
};

// Rules that apply to the case now and were not answered by an escalation recorded since.
std::vector<EscalationHit> escalations_due(const Case& c, const Timestamp& now, const Config& config);

// To whom: the contact for the first of the case's tags that has one, else the default.
std::string escalation_contact(const Case& c, const Config& config);

// When the customer last heard from the owner (or the case was opened), and whether an update is
// owed now: update.every_days working days without one.
Timestamp last_heard(const Case& c);
bool update_owed(const Case& c, const Timestamp& now, const Config& config);

} // namespace owner
