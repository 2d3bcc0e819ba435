#include <doctest/doctest.h>

#include "domain/status.hpp"
#include "fixture.hpp"

using namespace owner;
using fixture::action;
using fixture::make_case;

namespace {

std::vector<std::string> lines_of(const std::vector<StatusLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) {
        out.push_back(l.c->id + ":" + l.what + ":" + l.who);
    }
    return out;
}

struct Team {
    Config config;
    std::vector<Case> open;
    std::vector<Case> closed;
    Timestamp now = ts("2026-11-25T10:00:00+01:00");  // Wednesday
    Timestamp since = ts("2026-11-23T00:00:00+01:00");

    Team() {
        config.name = "Sam";
        config.people =
            Roster({Person{"Ben", {"Ben Smit", "Ben Smit (billing)"}}, Person{"Dini", {}}});
        Case a = make_case({.id = "aaaaa", .customer = "M. Jansen"});
        a.last_update_to_customer = now;
        a.actions.push_back(action("Call back", "2026-11-25T15:00:00+01:00"));
        a.actions.push_back(action("Credit note", "2026-11-24T12:00:00+01:00", "Dini"));
        a.actions.push_back(action("Ship", "2026-11-27T12:00:00+01:00", "Ben"));
        a.actions.push_back(action("Old", "2026-11-23T12:00:00+01:00", "Dini"));
        a.actions.back().done = ts("2026-11-23T11:00:00+01:00");
        Case b = make_case({.id = "bbbbb", .customer = "Wu"});
        b.last_update_to_customer = now;
        b.actions.push_back(action("Invoice", "2026-11-26T12:00:00+01:00", "Ben Smit"));
        b.add_log(ts("2026-11-23T14:00:00+01:00"), "escalated", "to Anna");
        b.add_log(ts("2026-11-24T14:00:00+01:00"), "escalated", "to Ben");
        Case c = make_case({.id = "ccccc", .customer = "Studio Nørd"});  // never told
        c.actions.push_back(action("Quote", "2026-11-30T12:00:00+01:00"));
        open = {a, b, c};
        Case accepted = make_case({.id = "ddddd"});
        accepted.actions.push_back(action("Refund", "2026-11-24T12:00:00+01:00", "Dini"));
        accepted.actions.back().done = ts("2026-11-24T11:00:00+01:00");
        accepted.closed = ts("2026-11-24T16:00:00+01:00");
        accepted.outcome = "accepted";
        Case withdrawn = accepted;
        withdrawn.id = "eeeee";
        withdrawn.outcome = "withdrawn";
        Case before = accepted;
        before.id = "fffff";
        before.closed = ts("2026-11-20T16:00:00+01:00");
        closed = {accepted, withdrawn, before};
    }
};

}  // namespace

TEST_CASE("build_status: the whole team") {
    ZoneGuard zone("Europe/Amsterdam");
    const Team t;
    const StatusView v = build_status(t.open, t.closed, t.since, std::nullopt, t.now, t.config);
    CHECK(v.date == Date{2026, 11, 25});
    CHECK(v.since == t.since);
    CHECK(v.open_cases == 3);
    SUBCASE("due today: open actions due before tonight, overdue ones too, by time") {
        CHECK(lines_of(v.due_today) ==
              std::vector<std::string>{"aaaaa:Credit note:Dini", "aaaaa:Call back:Sam"});
    }
    SUBCASE("waiting on colleagues: one group per person, whatever the spelling, most first") {
        REQUIRE(v.waiting.size() == 2);
        CHECK(v.waiting[0].who == "Ben");
        CHECK(lines_of(v.waiting[0].lines) ==
              std::vector<std::string>{"bbbbb:Invoice:Ben Smit", "aaaaa:Ship:Ben"});
        CHECK(v.waiting[1].who == "Dini");
        CHECK(lines_of(v.waiting[1].lines) == std::vector<std::string>{"aaaaa:Credit note:Dini"});
    }
    SUBCASE("escalated: the latest escalation of a case is the one that stands") {
        REQUIRE(v.escalated.size() == 1);
        CHECK(v.escalated[0].c->id == "bbbbb");
        CHECK(v.escalated[0].what == "to Ben");
        CHECK(v.escalated[0].when->rfc3339() == "2026-11-24T14:00:00+01:00");
    }
    SUBCASE("owed an update: the case whose customer was never told") {
        REQUIRE(v.owed_update.size() == 1);
        CHECK(v.owed_update[0].c->id == "ccccc");
        CHECK(v.owed_update[0].when == t.open[2].opened);
    }
    SUBCASE("closed: accepted since `since`; withdrawn and earlier ones left out") {
        REQUIRE(v.closed.size() == 1);
        CHECK(v.closed[0].c->id == "ddddd");
    }
}

TEST_CASE("build_status: one colleague, by any of their names") {
    ZoneGuard zone("Europe/Amsterdam");
    const Team t;
    for (const std::string who : {"Ben", "ben smit", "Ben Smit (billing)"}) {
        CAPTURE(who);
        const StatusView v = build_status(t.open, t.closed, t.since, who, t.now, t.config);
        CHECK(v.open_cases == 2);  // the cases with an open action of theirs
        CHECK(v.due_today.empty());
        REQUIRE(v.waiting.size() == 1);
        CHECK(v.waiting[0].lines.size() == 2);
        REQUIRE(v.escalated.size() == 1);
        CHECK(v.escalated[0].c->id == "bbbbb");
        CHECK(v.owed_update.empty());  // ccccc does not involve them
        CHECK(v.closed.empty());       // ddddd was Dini's
    }
    const StatusView dini = build_status(t.open, t.closed, t.since, "Dini", t.now, t.config);
    CHECK(dini.open_cases == 1);
    CHECK(lines_of(dini.due_today) == std::vector<std::string>{"aaaaa:Credit note:Dini"});
    REQUIRE(dini.closed.size() == 1);  // a done action of theirs counts for a closed case
    CHECK(dini.closed[0].c->id == "ddddd");
    Team alike;
    alike.config.people = Roster();  // off the roster, "dini" is still "Dini"
    alike.open[1].actions.push_back(action("Photos", "2026-11-26T15:00:00+01:00", "dini"));
    const StatusView v =
        build_status(alike.open, alike.closed, alike.since, std::nullopt, alike.now, alike.config);
    REQUIRE(v.waiting.size() == 3);  // Dini, then Ben and Ben Smit: no roster joins those
    CHECK(v.waiting[0].who == "Dini");
    CHECK(lines_of(v.waiting[0].lines) ==
          std::vector<std::string>{"aaaaa:Credit note:Dini", "bbbbb:Photos:dini"});
    CHECK(v.waiting[1].who == "Ben");
    CHECK(v.waiting[2].who == "Ben Smit");
    const StatusView nobody = build_status(t.open, t.closed, t.since, "Zed", t.now, t.config);
    CHECK(nobody.open_cases == 0);
    CHECK(nobody.waiting.empty());
    CHECK(nobody.closed.empty());
}
