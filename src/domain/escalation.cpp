#include "domain/escalation.hpp"

#include <fmt/format.h>

#include "domain/planning.hpp"

namespace owner {

namespace {
std::optional<Timestamp> last_escalation(const Case& c) {
    std::optional<Timestamp> last;
    for (const auto& e : c.log) {
        if (e.event == "escalated" && (!last || e.at > *last)) {
            last = e.at;
        }
    }
    return last;
}
} // namespace

std::vector<EscalationHit> escalations_due(const Case& c, const Timestamp& now, const Config& config) {
    std::vector<EscalationHit> hits;
    if (c.is_closed()) {
        return hits;
    }
    const EscalationRules& rules = config.escalation;
    const WorkCalendar& cal = config.calendar;
    const auto answered = last_escalation(c);
    auto add = [&](EscalationHit hit) {
        if (hit.since <= now && (!answered || *answered < hit.since)) {
            hits.push_back(std::move(hit));
        }
    };
    std::size_t open_count = 0;
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        const Action& a = c.actions[i];
        if (!a.open()) {
            continue;
        }
        ++open_count;
        const std::string who = a.who.value_or(config.name);
        if (rules.on_stalled && a.stalled) {
            add({"stalled", fmt::format("a check found '{}' ({}) stalled", a.what, who), *a.stalled, i});
        }
        const Timestamp overdue_from = cal.add_working_minutes(a.due, rules.overdue_hours * 60LL);
        if (a.due < now && overdue_from <= now) {
            add({"overdue",
                 fmt::format("'{}' ({}) is overdue by {}", a.what, who,
                             describe_working_minutes(cal.working_minutes_between(a.due, now), cal)),
                 overdue_from, i});
        }
    }
    if (c.deadline && open_count > 0) {
        const auto left = cal.working_minutes_between(now, *c.deadline);
        if (left <= rules.deadline_hours * 60LL) {
            // The rule starts to apply deadline_hours of working time before the deadline.
            Timestamp since = *c.deadline;
            if (*c.deadline > now) {
                since = now.plus_seconds(-60 * (rules.deadline_hours * 60LL - left));
            }
            add({"deadline",
                 *c.deadline < now
                     ? fmt::format("the promised deadline passed with {} action{} open", open_count, open_count == 1 ? "" : "s")
                     : fmt::format("the promised deadline is {} away with {} action{} open",
                                   describe_working_minutes(left, cal), open_count, open_count == 1 ? "" : "s"),
                 since, std::nullopt});
        }
    }
    return hits;
}

std::string escalation_contact(const Case& c, const Config& config) {
    for (const auto& tag : c.tags) {
        if (auto it = config.escalation.by_tag.find(tag); it != config.escalation.by_tag.end()) {
            return it->second;
        }
    }
    return config.escalation.default_contact;
}

Timestamp last_heard(const Case& c) { return c.last_update_to_customer.value_or(c.opened); }

bool update_owed(const Case& c, const Timestamp& now, const Config& config) {
    if (c.is_closed()) {
        return false;
    }
    const WorkCalendar& cal = config.calendar;
    return cal.working_minutes_between(last_heard(c), now) >=
           static_cast<std::int64_t>(config.update_days) * cal.minutes_per_day();
}

} // namespace owner
