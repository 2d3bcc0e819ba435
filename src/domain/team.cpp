#include "domain/team.hpp"

#include <algorithm>

#include "domain/escalation.hpp"

namespace owner {

using namespace std::string_view_literals;

std::optional<Timestamp> unanswered_escalation_to(const Case& c, std::string_view person,
                                                  const Config& config) {
    std::optional<Timestamp> latest;
    for (const std::size_t i : unanswered_escalations(c, config.people)) {
        if (config.people.same(escalated_to(c.log[i]), person)) {
            latest = c.log[i].at;
        }
    }
    return latest;
}

bool case_overdue(const Case& c, const Timestamp& now) {
    if (c.deadline && *c.deadline < now && !awaiting_acceptance(c)) {
        return true;
    }
    return std::any_of(c.actions.begin(), c.actions.end(),
                       [&](const Action& a) { return a.open() && a.due < now; });
}

TeamView build_team(const std::vector<Case>& open, const Timestamp& now, const Config& config) {
    TeamView v;
    v.date = to_local(now.seconds).date;
    for (const Person& p : config.people.people()) {
        v.members.push_back(TeamMember{.name = p.name, .role = p.role});
    }
    // The member a name is (its index), added at the end when the roster does not have them.
    const auto member = [&](std::string_view name) {
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            if (config.people.same(v.members[i].name, name)) {
                return i;
            }
        }
        v.members.push_back(TeamMember{.name = std::string(name)});
        return v.members.size() - 1;
    };
    DueTimes due;
    for (const Case& c : open) {
        if (c.is_closed()) {
            continue;
        }
        const std::string_view owner = config.owner_of(c);
        const std::size_t mine = member(owner);
        ++v.members[mine].open_cases;
        v.members[mine].overdue_cases += case_overdue(c, now) ? 1 : 0;
        if (const auto hit = promise_at_risk(c, now, config, due)) {
            ++v.members[mine].at_risk_cases;
            v.at_risk.push_back(TeamRisk{
                &c, v.members[mine].name, escalation_line(*hit),
                escalation_reason(c, hit->rule, hit->action, now, config, config.language)});
        }
        for (const Action& a : c.actions) {
            if (a.open() && a.who && !config.people.same(*a.who, owner)) {
                TeamMember& asked = v.members[member(*a.who)];
                ++asked.asked_open;
                asked.asked_overdue += a.due < now ? 1 : 0;
            }
        }
    }
    // Escalations: only cases with one are asked, for each member (a roster is a handful).
    for (const Case& c : open) {
        if (c.is_closed() || std::none_of(c.log.begin(), c.log.end(), [](const LogEntry& e) {
                return !escalated_to(e).empty();
            })) {
            continue;
        }
        for (TeamMember& m : v.members) {
            if (const auto since = unanswered_escalation_to(c, m.name, config)) {
                m.escalations.push_back(TeamEscalation{&c, *since});
            }
        }
    }
    for (TeamMember& m : v.members) {
        std::stable_sort(
            m.escalations.begin(), m.escalations.end(),
            [](const TeamEscalation& a, const TeamEscalation& b) { return a.since < b.since; });
    }
    std::stable_sort(v.at_risk.begin(), v.at_risk.end(), [](const TeamRisk& a, const TeamRisk& b) {
        return a.c->deadline.value_or(Timestamp{}) < b.c->deadline.value_or(Timestamp{});
    });
    return v;
}

std::vector<DroppedPerson> dropped_with_work(const std::vector<Case>& open, const Roster& before,
                                             const Roster& after) {
    std::vector<DroppedPerson> dropped;
    for (const Person& p : before.people()) {
        const bool kept = after.find(p.name) != nullptr ||
                          std::any_of(p.aliases.begin(), p.aliases.end(), [&](const auto& alias) {
                              return after.find(alias) != nullptr;
                          });
        if (!kept) {
            dropped.push_back(DroppedPerson{.name = p.name});
        }
    }
    const auto of = [&](std::string_view name) -> DroppedPerson* {
        const Person* p = before.find(name);
        if (p == nullptr || after.find(name) != nullptr) {
            return nullptr;
        }
        for (DroppedPerson& d : dropped) {
            if (d.name == p->name) {
                return &d;
            }
        }
        return nullptr;
    };
    for (const Case& c : open) {
        std::vector<DroppedPerson*> involved;
        if (DroppedPerson* d = c.owner ? of(*c.owner) : nullptr) {
            ++d->open_cases;
            involved.push_back(d);
        }
        for (const Action& a : c.actions) {
            if (DroppedPerson* d = a.open() && a.who ? of(*a.who) : nullptr) {
                ++d->open_actions;
                involved.push_back(d);
            }
        }
        for (DroppedPerson* d : involved) {
            if (std::find(d->cases.begin(), d->cases.end(), c.id) == d->cases.end()) {
                d->cases.push_back(c.id);
            }
        }
    }
    std::erase_if(dropped, [](const DroppedPerson& d) { return d.cases.empty(); });
    return dropped;
}

std::string describe_dropped(const DroppedPerson& p) {
    const auto count = [](std::size_t n, std::string_view one, std::string_view many) {
        return std::to_string(n) + " " + std::string(n == 1 ? one : many);
    };
    std::string line = p.name + ":";
    if (p.open_cases > 0) {
        line += " owns " + count(p.open_cases, "open case", "open cases");
    }
    if (p.open_actions > 0) {
        line += std::string(p.open_cases > 0 ? " and" : "") + " has " +
                count(p.open_actions, "open action", "open actions") + " asked of them";
    }
    std::string ids;
    constexpr std::size_t kShown = 5;
    for (std::size_t i = 0; i < p.cases.size() && i < kShown; ++i) {
        ids += (i > 0 ? ", " : "") + p.cases[i];
    }
    if (p.cases.size() > kShown) {
        ids += " and " + std::to_string(p.cases.size() - kShown) + " more";
    }
    return line + " (" + (p.cases.size() == 1 ? "case " : "cases ") + ids + ")";
}

}  // namespace owner
