#include <doctest/doctest.h>

#include "domain/planning.hpp"
#include "domain/team.hpp"
#include "fixture.hpp"
#include "render/team_render.hpp"

using namespace owner;
using fixture::action;
using fixture::make_case;

namespace {

// Sam and Dini own cases, Lena leads; Wednesday 25 November 2026, 10:00.
struct Crew {
    Config config;
    Timestamp now = ts("2026-11-25T10:00:00+01:00");

    Crew() {
        config.name = "Sam";
        config.team = true;
        config.people = Roster({Person{"Sam", {}, {}, ""}, Person{"Dini", {"Dini K"}, {}, ""},
                                Person{"Lena Visser", {"Lena"}, {}, std::string(kLeadRole)}});
    }
};

Case owned(std::string id, std::string owner) {
    Case c = make_case({.id = std::move(id), .title = "Refund", .customer = "Kim"});
    c.owner = std::move(owner);
    return c;
}

void log_by(Case& c, const char* at, std::string event, std::string text,
            std::optional<std::string> by = std::nullopt) {
    c.add_log(ts(at), std::move(event), std::move(text));
    c.log.back().by = std::move(by);
}

}  // namespace

TEST_CASE("unanswered_escalation_to: waits for the person until they record something") {
    ZoneGuard zone("Europe/Amsterdam");
    const Crew t;
    Case c = owned("aaaaa", "Sam");
    CHECK_FALSE(unanswered_escalation_to(c, "Lena Visser", t.config));
    log_by(c, "2026-11-24T10:00:00+01:00", "escalated", "to Lena Visser: a check found it stalled");
    SUBCASE("escalated to her, nothing since: unanswered since the escalation, by any name") {
        CHECK(unanswered_escalation_to(c, "Lena Visser", t.config) ==
              ts("2026-11-24T10:00:00+01:00"));
        CHECK(unanswered_escalation_to(c, "lena", t.config));
        CHECK_FALSE(unanswered_escalation_to(c, "Dini", t.config));
    }
    SUBCASE("the owner's own note does not answer it; hers does; a new escalation waits again") {
        log_by(c, "2026-11-24T11:00:00+01:00", "note", "called Kim");
        CHECK(unanswered_escalation_to(c, "Lena Visser", t.config));
        log_by(c, "2026-11-24T12:00:00+01:00", "note", "I call Kim today", "Lena Visser");
        CHECK_FALSE(unanswered_escalation_to(c, "Lena Visser", t.config));
        log_by(c, "2026-11-25T09:00:00+01:00", "escalated", "to Lena: overdue");
        CHECK(unanswered_escalation_to(c, "Lena Visser", t.config) ==
              ts("2026-11-25T09:00:00+01:00"));
    }
    SUBCASE("a colleague's entry answers only an escalation to that colleague") {
        log_by(c, "2026-11-24T11:00:00+01:00", "done", "Credit note", "Dini");
        CHECK(unanswered_escalation_to(c, "Lena Visser", t.config));
    }
    SUBCASE("after a handoff to her, her entries carry no `by` and still answer it") {
        log_by(c, "2026-11-24T11:00:00+01:00", "handoff", "Sam → Lena Visser");
        c.log.back().extra.insert_or_assign("from", "Sam");
        c.log.back().extra.insert_or_assign("to", "Lena Visser");
        c.owner = "Lena Visser";
        CHECK(unanswered_escalation_to(c, "Lena Visser", t.config));  // Sam handed it over
        log_by(c, "2026-11-24T12:00:00+01:00", "note", "on it");      // hers: she owns it now
        CHECK_FALSE(unanswered_escalation_to(c, "Lena Visser", t.config));
    }
    SUBCASE("an entry's `to` names the person when it has one; other entries' `to` do not") {
        Case d = owned("bbbbb", "Sam");
        log_by(d, "2026-11-24T10:00:00+01:00", "escalated", "deadline at risk");
        d.log.back().extra.insert_or_assign("to", "Dini");
        CHECK(escalated_to(d.log.back()) == "Dini");
        CHECK(unanswered_escalation_to(d, "Dini K", t.config));
        log_by(d, "2026-11-24T11:00:00+01:00", "handoff", "Sam → Dini");
        d.log.back().extra.insert_or_assign("to", "Dini");
        CHECK(escalated_to(d.log.back()).empty());
    }
}

TEST_CASE("author_of: an entry without `by` is its owner's at the time it was written") {
    ZoneGuard zone("Europe/Amsterdam");
    const Crew t;
    Case c = owned("ccccc", "Lena Visser");
    log_by(c, "2026-11-24T10:00:00+01:00", "escalated", "to Lena Visser: angry customer");
    log_by(c, "2026-11-24T11:00:00+01:00", "handoff", "Sam → Lena Visser");
    c.log.back().extra.insert_or_assign("from", "Sam");
    c.log.back().extra.insert_or_assign("to", "Lena Visser");
    // Sam escalated, then handed the case to Lena: the escalation is Sam's, and still hers to
    // answer.
    CHECK(author_of(c, c.log[0]) == "Sam");
    CHECK(author_of(c, c.log[1]) == "Sam");
    CHECK(unanswered_escalations(c, t.config.people) == std::vector<std::size_t>{0});
    log_by(c, "2026-11-24T12:00:00+01:00", "note", "called the customer");
    CHECK(author_of(c, c.log[2]) == "Lena Visser");
    CHECK(unanswered_escalations(c, t.config.people).empty());
}

TEST_CASE("build_team: per person, then the promises at risk") {
    ZoneGuard zone("Europe/Amsterdam");
    const Crew t;
    // Sam's: the deadline passed with an overdue action in its way (overdue, at risk).
    Case late = owned("aaaaa", "Sam");
    late.deadline = ts("2026-11-24T17:00:00+01:00");
    late.actions.push_back(action("Call Kim", "2026-11-24T12:00:00+01:00"));
    late.actions.push_back(action("Credit note", "2026-11-24T12:00:00+01:00", "Dini"));
    late.actions.push_back(action("Approve", "2026-11-27T12:00:00+01:00", "Lena"));
    log_by(late, "2026-11-24T18:00:00+01:00", "escalated", "to Lena Visser: deadline passed");
    // Sam's: a deadline far away, nothing in its way.
    Case calm = owned("bbbbb", "Sam");
    calm.deadline = ts("2026-12-10T17:00:00+01:00");
    calm.actions.push_back(action("Quote", "2026-12-01T12:00:00+01:00"));
    // Dini's: an action asked of Sam (by an alias of nobody: his name), overdue.
    Case hers = owned("ccccc", "Dini K");
    hers.actions.push_back(action("Check the meter", "2026-11-24T15:00:00+01:00", "Sam"));
    // Someone the roster no longer has still shows.
    Case gone = owned("ddddd", "Piet");
    const std::vector<Case> open{late, calm, hers, gone};
    const TeamView v = build_team(open, t.now, t.config);
    CHECK(v.date == Date{2026, 11, 25});
    REQUIRE(v.members.size() == 4);
    const TeamMember& sam = v.members[0];
    CHECK(sam.name == "Sam");
    CHECK(sam.open_cases == 2);
    CHECK(sam.overdue_cases == 1);
    CHECK(sam.at_risk_cases == 1);
    CHECK(sam.asked_open == 1);
    CHECK(sam.asked_overdue == 1);
    const TeamMember& dini = v.members[1];
    CHECK(dini.open_cases == 1);
    CHECK(dini.overdue_cases == 1);  // an action in her case is past due, whoever acts
    CHECK(dini.asked_open == 1);
    CHECK(dini.asked_overdue == 1);
    const TeamMember& lena = v.members[2];
    CHECK(lena.role == "lead");
    CHECK(lena.open_cases == 0);
    CHECK(lena.asked_open == 1);
    CHECK(lena.asked_overdue == 0);
    REQUIRE(lena.escalations.size() == 1);
    CHECK(lena.escalations[0].c->id == "aaaaa");
    CHECK(v.members[3].name == "Piet");
    CHECK(v.members[3].open_cases == 1);
    // An escalation answers the deadline rule for `escalate`, not the risk to the promise.
    REQUIRE(v.at_risk.size() == 1);
    CHECK(v.at_risk[0].c->id == "aaaaa");
    CHECK(v.at_risk[0].owner == "Sam");
    CHECK(v.at_risk[0].detail.starts_with("the deadline promised to Kim"));
    SUBCASE("text, markdown, slack and json from the same view") {
        const StatusFields fields;
        const std::string text = render_team(v, StatusFormat::text, fields);
        CHECK(text.starts_with("Team Wed 25 Nov\n\nPer person (4)\n"));
        CHECK(text.find("- Lena Visser (lead): cases: 0 open, 0 overdue, 0 at risk · asked: 1 "
                        "open, 0 overdue · escalations unanswered: 1\n  - aaaaa Refund (Kim): "
                        "escalated Tue 24 Nov 18:00\n") != std::string::npos);
        CHECK(text.find("Promises at risk (1)\n- aaaaa Refund (Kim) — Sam: the promised deadline "
                        "passed with 3 actions open\n") != std::string::npos);
        const std::string nl = render_team(v, StatusFormat::text, StatusFields{true, true, "nl"});
        CHECK(nl.find("Lena Visser (teamleider): zaken: 0 open") != std::string::npos);
        const std::string md = render_team(v, StatusFormat::markdown, fields);
        CHECK(md.starts_with("**Team Wed 25 Nov**\n\n"));
        CHECK(render_team(v, StatusFormat::slack, fields).find("\"mrkdwn\": true") !=
              std::string::npos);
        const std::string json = render_team(v, StatusFormat::json, StatusFields{false, true});
        CHECK(json.find("\"at_risk\": 1") != std::string::npos);
        CHECK(json.find("Kim") == std::string::npos);  // [status] fields without the customer
    }
}

TEST_CASE(
    "hand_over_case: the old owner's work is written out and checked, the new owner's is theirs") {
    ZoneGuard zone("Europe/Amsterdam");
    Crew t;
    t.config.name = "Lena Visser";  // the lead hands Sam's case to Dini while Sam is away
    Case c = owned("aaaaa", "Sam");
    c.actions.push_back(action("Tell Kim the outcome", "2026-11-26T11:00:00+01:00"));
    Action credit = action("Credit note", "2026-11-26T12:00:00+01:00", "Dini");
    credit.checks = {ts("2026-11-25T11:00:00+01:00")};
    credit.stalled = ts("2026-11-24T15:00:00+01:00");
    c.actions.push_back(credit);
    c.actions.push_back(action("Call Kim back", "2026-11-26T16:00:00+01:00", "Lena Visser"));
    Action done = action("Old step", "2026-11-24T10:00:00+01:00");
    done.done = ts("2026-11-24T09:00:00+01:00");
    c.actions.push_back(done);
    const HandoffEffect e = hand_over_case(c, "Sam", "Dini", "Sam is away", t.now, t.config);
    CHECK(c.owner == "Dini");
    CHECK((e.kept == 1 && e.taken == 1));
    // Sam's own action is his, written out, and checked twice before it is due, like plan --who.
    CHECK(c.actions[0].who == "Sam");
    CHECK(c.actions[0].checks == schedule_checks(t.now, c.actions[0].due, t.config));
    CHECK(c.actions[0].checks.size() == 2);
    CHECK(e.checks == c.actions[0].checks);
    // Dini's action is the owner's own now: nobody checks on themselves; the stall stays known.
    CHECK_FALSE(c.actions[1].who);
    CHECK(c.actions[1].checks.empty());
    CHECK(c.actions[1].stalled);
    CHECK(is_own(c, c.actions[1], t.config));
    // The lead's call-back and a finished step are untouched.
    CHECK(c.actions[2].who == "Lena Visser");
    CHECK(c.actions[2].checks.empty());
    CHECK_FALSE(c.actions[3].who);
    const LogEntry& log = c.log.back();
    CHECK(log.event == "handoff");
    CHECK(log.text == "Sam → Dini: Sam is away");
    CHECK(log.extra.get_as<std::string>("from")->get() == "Sam");
    CHECK(log.extra.get_as<std::string>("to")->get() == "Dini");
}

TEST_CASE("dropped_with_work: who a new roster drops while they still have open work") {
    ZoneGuard zone("Europe/Amsterdam");
    const Crew t;
    std::vector<Case> open{owned("aaaaa", "Dini K"), owned("bbbbb", "Dini"), owned("ccccc", "Sam"),
                           owned("ddddd", "Piet")};
    open[2].actions.push_back(action("Credit note", "2026-11-27T12:00:00+01:00", "dini"));
    open[2].actions.push_back(action("Call Kim back", "2026-11-26T16:00:00+01:00", "Lena"));
    Action done = action("Old report", "2026-11-20T12:00:00+01:00", "Lena");
    done.done = ts("2026-11-20T11:00:00+01:00");
    open[1].actions.push_back(done);
    const Person sam{"Sam", {}, {}, ""};
    SUBCASE("Dini and Lena gone: her cases and actions by any of her names, one case once") {
        const auto dropped = dropped_with_work(open, t.config.people, Roster({sam}));
        REQUIRE(dropped.size() == 2);
        CHECK(dropped[0].name == "Dini");
        CHECK(dropped[0].open_cases == 2);
        CHECK(dropped[0].open_actions == 1);
        CHECK(dropped[0].cases == std::vector<std::string>{"aaaaa", "bbbbb", "ccccc"});
        CHECK(describe_dropped(dropped[0]) == "Dini: owns 2 open cases and has 1 open action "
                                              "asked of them (cases aaaaa, bbbbb, ccccc)");
        // A done action is no work: only the call-back counts.
        CHECK(describe_dropped(dropped[1]) ==
              "Lena Visser: has 1 open action asked of them (case ccccc)");
    }
    SUBCASE("renamed with an old name kept as an alias, or nothing open: nobody is dropped") {
        const Roster renamed(
            {sam, Person{"Dina", {"Dini K"}, {}, ""}, Person{"Lena Visser", {"Lena"}, {}, ""}});
        CHECK(dropped_with_work(open, t.config.people, renamed).empty());
        CHECK(dropped_with_work({}, t.config.people, Roster({sam})).empty());
    }
    SUBCASE("an owner no roster knew (Piet) is not the edit's doing") {
        const auto dropped = dropped_with_work(open, t.config.people, t.config.people);
        CHECK(dropped.empty());
    }
}
