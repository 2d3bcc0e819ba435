#include <doctest/doctest.h>

#include "domain/urgency.hpp"
#include "fixture.hpp"

using namespace owner;

namespace {
using fixture::make_case;

bool has_reason(const Urgency& u, std::string_view text) {
    for (const auto& r : u.reasons) {
        if (r.text.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}
}  // namespace

TEST_CASE("urgency ranking and explanations") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    const Timestamp now = ts("2026-11-25T09:00:00+01:00");
    std::vector<Case> cases;
    cases.push_back(make_case(
        {.id = "aaaaa", .opened = "2026-11-25T08:00:00+01:00", .priority = Priority::low}));
    cases.push_back(make_case({.id = "bbbbb",
                               .opened = "2026-11-25T08:00:00+01:00",
                               .deadline = "2026-12-20T17:00:00+01:00",
                               .priority = Priority::high}));
    cases.push_back(make_case({.id = "ccccc",
                               .opened = "2026-11-16T08:00:00+01:00",
                               .deadline = "2026-11-24T17:00:00+01:00"}));
    cases.push_back(make_case({.id = "ddddd",
                               .opened = "2026-11-25T08:00:00+01:00",
                               .deadline = "2026-11-26T17:00:00+01:00"}));
    for (auto& c : cases) {
        c.actions.push_back(Action{.what = "x", .due = ts("2026-11-30T12:00:00+01:00")});
    }
    cases[3].actions[0].due = ts("2026-11-24T12:00:00+01:00");  // overdue
    const auto ranked = rank_by_urgency(cases, now, config);
    REQUIRE(ranked.size() == 4);
    SUBCASE("a missed deadline outranks a high priority far away") {
        CHECK(cases[ranked[0].index].id == "ccccc");
        CHECK(has_reason(ranked[0], "promised deadline missed"));
        CHECK(has_reason(ranked[0], "customer heard nothing for 7 working days"));
    }
    SUBCASE("an overdue action and a near deadline come next") {
        CHECK(cases[ranked[1].index].id == "ddddd");
        CHECK(has_reason(ranked[1], "1 action overdue"));
        CHECK(has_reason(ranked[1], "deadline in 2.0 working days"));
    }
    SUBCASE("low priority with nothing pressing comes last, and scores add up") {
        CHECK(cases[ranked[3].index].id == "aaaaa");
        double sum = 0;
        for (const auto& r : ranked[0].reasons) {
            sum += r.points;
        }
        CHECK(sum == doctest::Approx(ranked[0].score));
    }
    SUBCASE("no next step adds points") {
        Case bare = make_case(
            {.id = "eeeee", .opened = "2026-11-25T08:00:00+01:00", .priority = Priority::low});
        CHECK(has_reason(urgency_of(bare, now, config), "no next step"));
    }
}

TEST_CASE("urgency_score is urgency_of's score, without the reasons") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    const Timestamp now = ts("2026-11-25T09:00:00+01:00");
    for (const Priority p : {Priority::urgent, Priority::high, Priority::normal, Priority::low}) {
        for (const bool with_deadline : {false, true}) {
            Case c;
            c.id = "k7rq2";
            c.priority = p;
            c.opened = ts("2026-11-02T09:00:00+01:00");
            if (with_deadline) {
                c.deadline = ts(p == Priority::low ? "2026-11-20T17:00:00+01:00"
                                                   : "2026-11-27T17:00:00+01:00");
            }
            if (p != Priority::low) {
                Action a;
                a.what = "call";
                a.due = ts("2026-11-24T12:00:00+01:00");
                a.checks = {ts("2026-11-24T15:00:00+01:00")};
                if (p == Priority::urgent) {
                    a.stalled = a.due;
                }
                c.actions.push_back(a);
            }
            const Urgency u = urgency_of(c, now, config);
            CHECK(u.score > 0);
            CHECK(urgency_score(c, now, config) == u.score);
        }
    }
    Case closed;
    closed.closed = now;
    CHECK(urgency_score(closed, now, config) == 0);
}
