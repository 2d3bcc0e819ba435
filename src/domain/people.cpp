#include "domain/people.hpp"

#include <algorithm>

#include "domain/case.hpp"
#include "domain/config.hpp"
#include "domain/lookup.hpp"

namespace owner {

const Person* Roster::find(std::string_view name) const {
    const std::string folded = fold_text(name);
    if (folded.empty()) {
        return nullptr;
    }
    for (const Person& p : m_people) {
        if (fold_text(p.name) == folded) {
            return &p;
        }
        for (const std::string& alias : p.aliases) {
            if (fold_text(alias) == folded) {
                return &p;
            }
        }
    }
    return nullptr;
}

std::string Roster::canonical(std::string_view name) const {
    const Person* p = find(name);
    return p ? p->name : std::string(name);
}

bool Roster::same(std::string_view a, std::string_view b) const {
    if (a == b) {
        return true;
    }
    const Person* pa = find(a);
    if (pa != nullptr) {
        return pa == find(b);
    }
    const std::string fa = fold_text(a);
    return !fa.empty() && fa == fold_text(b) && find(b) == nullptr;
}

std::string Roster::nearest(std::string_view name) const {
    std::vector<std::string> names;
    for (const Person& p : m_people) {
        names.push_back(p.name);
    }
    std::string best = nearest_text(name, names);
    if (best.empty()) {
        // A misspelt alias still points to its person.
        for (const Person& p : m_people) {
            if (!nearest_text(name, p.aliases).empty()) {
                return p.name;
            }
        }
    }
    return best;
}

std::vector<std::string> helpers_of(const Case& c, const Config& config) {
    std::vector<std::string> names;
    // By the roster's name: "Ben" and "Ben Smit (billing)" helped as one person. Neither the
    // case owner nor the one who runs owner (a lead closing a colleague's case) thanks themselves.
    auto add = [&](const std::string& typed) {
        if (typed.empty() || typed == config.name || config.is_me(typed) ||
            (c.owner && config.people.same(typed, *c.owner))) {
            return;
        }
        const std::string name = config.people.canonical(typed);
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    };
    for (const Action& a : c.actions) {
        if (a.who) {
            add(*a.who);
        }
    }
    for (const LogEntry& e : c.log) {
        if (const toml::array* helped =
                e.event == "closed" ? e.extra.get_as<toml::array>("helped") : nullptr) {
            for (const auto& n : *helped) {
                if (auto name = n.value<std::string>()) {
                    add(*name);
                }
            }
        }
    }
    return names;
}

}  // namespace owner

namespace owner {

std::string apply_team(Config& config, const TeamRoster& team) {
    config.team = true;
    config.people = team.people;
    if (!team.escalate_to.empty()) {
        config.escalation.to = team.escalate_to;
    }
    if (!team.escalate_tags.empty()) {
        config.escalation.tags = team.escalate_tags;
    }
    const Person* me = team.people.find(config.name);
    if (me == nullptr) {
        const std::string near = team.people.nearest(config.name);
        return "name: '" + config.name + "' is not on the team's roster (team.toml in the store)" +
               (near.empty() ? std::string() : "; did you mean '" + near + "'?") +
               "; set name to your name on the roster, or add it with 'owner team edit'";
    }
    config.name = me->name;
    return "";
}

}  // namespace owner
