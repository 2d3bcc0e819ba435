#include "domain/planning.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace owner {

std::optional<SlackAdvice> slack_before_deadline(const Case& c, const Timestamp& due,
                                                 const Timestamp& now, const Config& config) {
    if (!c.deadline) {
        return std::nullopt;
    }
    const WorkCalendar& cal = config.calendar;
    SlackAdvice a;
    a.slack_minutes = cal.working_minutes_between(due, *c.deadline);
    a.after_deadline = *c.deadline < due;
    const auto left = std::max<std::int64_t>(0, cal.working_minutes_between(now, *c.deadline));
    a.wanted_minutes = std::max(static_cast<std::int64_t>(std::llround(config.slack_days * cal.minutes_per_day())),
                                static_cast<std::int64_t>(std::llround(config.slack_share * static_cast<double>(left))));
    a.enough = !a.after_deadline && a.slack_minutes >= a.wanted_minutes;
    return a;
}

std::vector<Timestamp> schedule_checks(const Timestamp& handed_over, const Timestamp& due,
                                       const Config& config) {
    const WorkCalendar& cal = config.calendar;
    std::vector<Timestamp> checks;
    if (due <= handed_over) {
        return checks;
    }
    const Timestamp first = cal.add_working_minutes(handed_over, config.first_check_minutes);
    const Timestamp halfway = cal.working_midpoint(handed_over, due);
    if (first < due) {
        checks.push_back(first);
    }
    if (halfway > handed_over && halfway < due && (checks.empty() || halfway > checks.back())) {
        checks.push_back(halfway);
    }
    if (checks.empty()) {
        checks.push_back(halfway);
    }
    return checks;
}

std::string describe_working_minutes(std::int64_t minutes, const WorkCalendar& calendar) {
    const double day = calendar.minutes_per_day();
    if (std::llabs(minutes) >= 2LL * calendar.minutes_per_day()) {
        const double days = std::round(static_cast<double>(minutes) / day * 10) / 10;
        return fmt::format("{:g} working day{}", days, days == 1 ? "" : "s");
    }
    const double hours = std::round(static_cast<double>(minutes) / 60 * 10) / 10;
    return fmt::format("{:g} working hour{}", hours, hours == 1 ? "" : "s");
}

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}
} // namespace

ActionLookup find_action(const Case& c, const std::string& typed, bool open_only) {
    const bool numeric = !typed.empty() && std::all_of(typed.begin(), typed.end(), [](unsigned char ch) { return std::isdigit(ch); });
    if (numeric) {
        const std::size_t n = typed.size() > 6 ? 0 : std::stoul(typed);
        if (n == 0 || n > c.actions.size()) {
            return {std::nullopt, fmt::format("case {} has no action {} (it has {})", c.id, typed, c.actions.size())};
        }
        if (open_only && !c.actions[n - 1].open()) {
            return {std::nullopt, fmt::format("action {} of case {} is already done", n, c.id)};
        }
        return {n - 1, ""};
    }
    const std::string want = lower(typed);
    std::vector<std::size_t> exact, partial;
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        if (open_only && !c.actions[i].open()) {
            continue;
        }
        const std::string what = lower(c.actions[i].what);
        if (what == want) {
            exact.push_back(i);
        } else if (what.find(want) != std::string::npos) {
            partial.push_back(i);
        }
    }
    const auto& hits = exact.empty() ? partial : exact;
    if (hits.size() == 1) {
        return {hits.front(), ""};
    }
    if (hits.empty()) {
        return {std::nullopt, fmt::format("case {} has no open action matching '{}'", c.id, typed)};
    }
    std::vector<std::string> names;
    for (auto i : hits) {
        names.push_back(fmt::format("{}. {}", i + 1, c.actions[i].what));
    }
    return {std::nullopt, fmt::format("'{}' matches several actions of case {}: {}; give the number", typed, c.id, fmt::join(names, "; "))};
}

bool is_own(const Action& a, const Config& config) { return !a.who || *a.who == config.name || config.is_me(*a.who); }

} // namespace owner
