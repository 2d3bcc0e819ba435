#pragma once

#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

namespace owner {

// One part of a case's urgency: "deadline in 1.5 working days +25.5".
struct UrgencyReason {
    std::string text;
    double points;
};

struct Urgency {
    std::size_t index = 0;  // into the list of cases that was ranked
    double score = 0;
    std::vector<UrgencyReason> reasons;
};

// How urgent an open case is now: the sum of the points in README "Urgency"; 0 for closed cases.
Urgency urgency_of(const Case& c, const Timestamp& now, const Config& config);
// urgency_of(...).score, without the reasons (what the views sort by).
double urgency_score(const Case& c, const Timestamp& now, const Config& config);
// Most urgent first; ties go to the earlier deadline, then the id.
std::vector<Urgency> rank_by_urgency(const std::vector<Case>& cases, const Timestamp& now,
                                     const Config& config);

// Working days (fractional) between two instants; negative when `to` is earlier.
double working_days_between(const WorkCalendar& cal, const Timestamp& from, const Timestamp& to);

}  // namespace owner
