#include "domain/urgency.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "domain/escalation.hpp"

namespace owner {

double working_days_between(const WorkCalendar& cal, const Timestamp& from, const Timestamp& to) {
    return static_cast<double>(cal.working_minutes_between(from, to)) / cal.minutes_per_day();
}

namespace {

// The score, and with `kReasons` the reasons too: views only need the score, and formatting every
// reason for every case costs more than the sum itself.
template <bool kReasons>
void add_up(const Case& c, const Timestamp& now, const Config& config, Urgency& u) {
    const UrgencyWeights& w = config.urgency;
    const WorkCalendar& cal = config.calendar;
    auto add = [&](double points, auto&& text) {
        if (points > 0) {
            points = std::round(points * 10) / 10;
            u.score += points;
            if constexpr (kReasons) {
                u.reasons.push_back(UrgencyReason{text(), points});
            }
        }
    };
    const double level = c.priority == Priority::urgent   ? w.urgent
                         : c.priority == Priority::high   ? w.high
                         : c.priority == Priority::normal ? w.normal
                                                          : w.low;
    add(level, [&] { return fmt::format("priority {}", to_string(c.priority)); });
    // Waiting on the customer (`owner wait`) or awaiting their acceptance, nothing is owed: no
    // next step, and no silence or age accrues from the moment it began.
    const std::optional<Timestamp> solution = awaiting_acceptance(c);
    std::optional<Timestamp> held;
    if (const auto wait = waiting_on_customer(c); wait && (!wait->until || now < *wait->until)) {
        held = wait->since;
    }
    if (solution && (!held || *solution < *held)) {
        held = solution;
    }
    const Timestamp until = held ? std::min(*held, now) : now;
    if (c.deadline && !solution) {
        if (*c.deadline < now) {
            add(w.deadline_passed, [] { return std::string("promised deadline missed"); });
        } else {
            const double left = working_days_between(cal, now, *c.deadline);
            add(w.deadline * std::max(0.0, 1.0 - left / w.deadline_horizon),
                [&] { return fmt::format("deadline in {:.1f} working days", left); });
        }
    }
    int overdue = 0, late_checks = 0, stalled = 0;
    bool any_open = false;
    for (const Action& a : c.actions) {
        if (!a.open()) {
            continue;
        }
        any_open = true;
        overdue += a.due < now;
        stalled += a.stalled.has_value();
        late_checks += static_cast<int>(std::count_if(
            a.checks.begin(), a.checks.end(), [&](const Timestamp& t) { return t <= now; }));
    }
    add(overdue * w.overdue_action,
        [&] { return fmt::format("{} action{} overdue", overdue, overdue == 1 ? "" : "s"); });
    add(late_checks * w.overdue_check,
        [&] { return fmt::format("{} check{} due", late_checks, late_checks == 1 ? "" : "s"); });
    add(stalled * w.stalled,
        [&] { return fmt::format("{} action{} stalled", stalled, stalled == 1 ? "" : "s"); });
    const Timestamp heard = c.last_update_to_customer.value_or(c.opened);
    const double heard_days = heard < until ? working_days_between(cal, heard, until) : 0.0;
    const double silence = std::floor(heard_days);
    add(std::min(w.silence_max, silence * w.silence_per_day), [&] {
        return fmt::format("customer heard nothing for {:.0f} working day{}", silence,
                           silence == 1 ? "" : "s");
    });
    // Never told: heard from when it was opened, counted once.
    const double age =
        std::floor(heard == c.opened ? heard_days : working_days_between(cal, c.opened, until));
    add(std::min(w.age_max, age * w.age_per_day),
        [&] { return fmt::format("open {:.0f} working day{}", age, age == 1 ? "" : "s"); });
    if (!any_open && !held) {
        add(w.no_next_step, [] { return std::string("no next step planned"); });
    }
    u.score = std::round(u.score * 10) / 10;
}

}  // namespace

Urgency urgency_of(const Case& c, const Timestamp& now, const Config& config) {
    Urgency u;
    if (!c.is_closed()) {
        add_up<true>(c, now, config, u);
    }
    return u;
}

double urgency_score(const Case& c, const Timestamp& now, const Config& config) {
    Urgency u;
    if (!c.is_closed()) {
        add_up<false>(c, now, config, u);
    }
    return u.score;
}

std::vector<Urgency> rank_by_urgency(const std::vector<Case>& cases, const Timestamp& now,
                                     const Config& config) {
    std::vector<Urgency> out;
    out.reserve(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        out.push_back(urgency_of(cases[i], now, config));
        out.back().index = i;
    }
    std::stable_sort(out.begin(), out.end(), [&](const Urgency& a, const Urgency& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        const Case& ca = cases[a.index];
        const Case& cb = cases[b.index];
        const auto da = ca.deadline.value_or(Timestamp{INT64_MAX, 0});
        const auto db = cb.deadline.value_or(Timestamp{INT64_MAX, 0});
        if (da != db) {
            return da < db;
        }
        return ca.id < cb.id;
    });
    return out;
}

}  // namespace owner
