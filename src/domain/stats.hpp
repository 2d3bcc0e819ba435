#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// Step 6 and what customers value: lead time, promises kept, updates before they had to ask.
namespace owner {

// What closing a case tells: shown by `close`, summed by `stats`.
struct CaseOutcome {
    double lead_days = 0;          // calendar days from opened to closed
    double lead_working_days = 0;  // working days
    std::optional<bool> deadline_met;
    int handovers = 0;    // actions handed to colleagues
    int checks = 0;       // checks recorded
    int escalations = 0;
    bool updated_in_time = true;  // never went update.every_days working days without an update
    std::vector<std::string> helpers;
};

CaseOutcome outcome_of(const Case& c, const Timestamp& closed, const Config& config);

struct WeekCount {
    Date monday;
    int closed = 0;
};

struct Stats {
    int closed = 0;     // accepted
    int withdrawn = 0;  // closed without acceptance, counted apart
    int open = 0;
    std::optional<double> lead_median_days, lead_p90_days;
    std::optional<double> lead_median_working_days, lead_p90_working_days;
    std::optional<double> deadline_met_share;  // of accepted cases with a promised deadline
    std::optional<double> updated_in_time_share;
    std::optional<double> handovers_per_case;
    int escalations = 0;
    std::vector<WeekCount> per_week;
};

// Over closed cases closed at or after `since` (all when absent) and the open cases.
Stats compute_stats(const std::vector<Case>& closed, const std::vector<Case>& open,
                    const std::optional<Timestamp>& since, const Config& config);

// The q-quantile (0..1) of values by linear interpolation; nullopt when empty.
std::optional<double> quantile(std::vector<double> values, double q);

} // namespace owner
