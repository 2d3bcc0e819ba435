#pragma once

// The cases unit tests start from, built in one place. Times are Amsterdam wall-clock times in the
// week of Monday 23 November 2026; set the zone with ZoneGuard (zone.hpp) before reading them as
// local dates.

#include <optional>
#include <string>
#include <utility>

#include "domain/case.hpp"
#include "zone.hpp"

namespace fixture {

inline constexpr const char* kMonday = "2026-11-23T09:00:00+01:00";

// What a test says about a case; everything else keeps Case's defaults. With designated
// initializers, in this order: make_case({.id = "aaaaa", .deadline = "…", .priority = …}).
struct CaseSpec {
    std::string id = "k7rq2";
    std::string title;
    std::string customer;
    std::optional<std::string> ref;
    const char* opened = kMonday;
    const char* deadline = nullptr;
    owner::Priority priority = owner::Priority::normal;
};

inline owner::Case make_case(CaseSpec spec) {
    owner::Case c;
    c.id = std::move(spec.id);
    c.title = std::move(spec.title);
    c.customer = std::move(spec.customer);
    c.ref = std::move(spec.ref);
    c.opened = ts(spec.opened);
    if (spec.deadline) {
        c.deadline = ts(spec.deadline);
    }
    c.priority = spec.priority;
    return c;
}

// An action due at `due` (RFC 3339); `who` absent: the owner's own.
inline owner::Action action(std::string what, const char* due,
                            std::optional<std::string> who = std::nullopt) {
    owner::Action a;
    a.what = std::move(what);
    a.who = std::move(who);
    a.due = ts(due);
    return a;
}

// Opened Monday 23 Nov 09:00, deadline Wednesday 2 Dec 17:00, one action handed to Dini: a credit
// note due Friday 27 Nov 12:00.
inline owner::Case handed_over_case() {
    owner::Case c = make_case({.title = "Double charge",
                               .customer = "M. Jansen",
                               .deadline = "2026-12-02T17:00:00+01:00"});
    c.actions.push_back(action("Credit note", "2026-11-27T12:00:00+01:00", "Dini"));
    return c;
}

}  // namespace fixture
