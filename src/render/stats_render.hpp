#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stats.hpp"
#include "render/json.hpp"

// `stats` for scripts and for the terminal, from the one computation of domain/stats.
namespace owner {

// What `stats --json` writes: every figure of `s` (rounded as `rounded` says), the weeks of
// `weeks` (week_series), and the period asked for.
Json stats_json(const Stats& s, const std::vector<WeekStats>& weeks,
                const std::optional<Timestamp>& since, const std::optional<Timestamp>& until);

// The weeks as JSON objects (the `weeks` of stats_json).
Json weeks_json(const std::vector<WeekStats>& weeks);

// `stats --weekly`: a line per week, its closed cases as a bar (Unicode blocks, or `#` when
// `ascii`), lead time median and 90th percentile, deadlines met, first promises kept and first
// confirmations in time; then what the columns mean, in `lang`, within `width` columns (at
// most 80). `first_within_hours` names the confirmation's limit.
std::string render_weekly(const std::vector<WeekStats>& weeks, std::string_view lang,
                          std::size_t width, bool ascii, double first_within_hours);

// A bar of `value` of `max` in `cells` columns: eighths of a block, or `#` per whole cell.
std::string text_bar(double value, double max, std::size_t cells, bool ascii);

// The name of an escalation rule for people, in `lang` ("other": by hand or not recorded).
std::string rule_label(std::string_view rule, std::string_view lang);

}  // namespace owner
