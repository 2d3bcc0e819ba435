#include <algorithm>

#include <doctest/doctest.h>

#include "domain/escalation.hpp"
#include "domain/language.hpp"
#include "domain/messages.hpp"
#include "domain/people.hpp"
#include "domain/planning.hpp"
#include "domain/remind.hpp"
#include "domain/stats.hpp"
#include "fixture.hpp"

using namespace owner;
using fixture::handed_over_case;

namespace {
std::vector<std::string> rules_of(const std::vector<EscalationHit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) {
        out.push_back(h.rule);
    }
    return out;
}
}  // namespace

TEST_CASE("unanswered_escalations: an escalation waits on its contact until they answer") {
    Case c = handed_over_case();
    c.owner = "Sam Jansen";
    const Roster people({Person{"Lena Visser", {"Lena"}, "", "lead"}, Person{"Dini", {}, "", ""}});
    const auto to_of = [&](const std::vector<std::size_t>& open) {
        std::vector<std::string> names;
        for (const std::size_t i : open) {
            names.emplace_back(escalated_to(c.log[i]));
        }
        return names;
    };
    c.add_log(ts("2026-11-25T10:00:00+01:00"), "escalated", "to Lena Visser: billing is stuck");
    c.log.back().extra.insert_or_assign("to", "Lena Visser");
    CHECK(escalated_reason(c.log.back()) == "billing is stuck");
    // Written before `to` was kept: the name in the text.
    c.add_log(ts("2026-11-25T10:05:00+01:00"), "escalated", "to Dini: the credit note");
    CHECK(to_of(unanswered_escalations(c, people)) ==
          std::vector<std::string>{"Lena Visser", "Dini"});
    SUBCASE("the contact's own entry answers theirs alone (an alias is the person)") {
        c.add_log(ts("2026-11-25T11:00:00+01:00"), "note", "I called billing");
        c.log.back().by = "Lena";
        CHECK(to_of(unanswered_escalations(c, people)) == std::vector<std::string>{"Dini"});
    }
    SUBCASE("the owner's entries do not; a resolution answers every one before it") {
        c.add_log(ts("2026-11-25T11:00:00+01:00"), "note", "waiting for billing");
        CHECK(unanswered_escalations(c, people).size() == 2);
        c.add_log(ts("2026-11-25T12:00:00+01:00"), std::string(kEscalationResolved), "to both");
        CHECK(unanswered_escalations(c, people).empty());
        c.add_log(ts("2026-11-25T13:00:00+01:00"), "escalated", "to Lena Visser: again");
        CHECK(to_of(unanswered_escalations(c, people)) == std::vector<std::string>{"Lena Visser"});
    }
}

TEST_CASE("escalation rules") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.escalation.to = "Anna";
    config.escalation.tags["billing"] = "Ben";
    Case c = handed_over_case();
    SUBCASE("nothing applies to a case on track") {
        CHECK(escalations_due(c, ts("2026-11-25T10:00:00+01:00"), config).empty());
    }
    SUBCASE("a stalled check") {
        c.actions[0].stalled = ts("2026-11-25T10:00:00+01:00");
        CHECK(rules_of(escalations_due(c, ts("2026-11-25T10:30:00+01:00"), config)) ==
              std::vector<std::string>{"stalled"});
        config.escalation.on_stalled = false;
        CHECK(escalations_due(c, ts("2026-11-25T10:30:00+01:00"), config).empty());
    }
    SUBCASE("overdue by a working day, counted in working time") {
        // Due Friday 12:00; eight working hours later is Monday 12:00.
        CHECK(escalations_due(c, ts("2026-11-30T11:59:00+01:00"), config).empty());
        CHECK(rules_of(escalations_due(c, ts("2026-11-30T12:00:00+01:00"), config)) ==
              std::vector<std::string>{"overdue"});
    }
    SUBCASE("a near deadline alone is no risk: an on-track action due before it raises nothing") {
        c.actions[0].due = ts("2026-12-02T12:00:00+01:00");
        CHECK(escalations_due(c, ts("2026-12-01T16:00:00+01:00"), config).empty());
        CHECK(escalations_due(c, ts("2026-12-02T09:00:00+01:00"), config).empty());
        CHECK(escalations_due(c, ts("2026-12-02T11:59:00+01:00"), config).empty());
        // Overdue with the deadline near: now the promise is at risk, since the action's due time.
        const auto hits = escalations_due(c, ts("2026-12-02T12:30:00+01:00"), config);
        REQUIRE(rules_of(hits) == std::vector<std::string>{"deadline"});
        CHECK(hits[0].since.rfc3339() == "2026-12-02T12:00:00+01:00");
        CHECK(hits[0].detail.find("M. Jansen") != std::string::npos);
        CHECK(hits[0].detail.find("'Credit note' (Dini) is overdue") != std::string::npos);
    }
    SUBCASE(
        "an action due after the deadline puts the promise at risk from deadline_hours before it") {
        c.actions[0].due = ts("2026-12-03T12:00:00+01:00");
        CHECK(escalations_due(c, ts("2026-12-01T16:59:00+01:00"), config).empty());
        const auto a = escalations_due(c, ts("2026-12-02T09:00:00+01:00"), config);
        const auto b = escalations_due(c, ts("2026-12-02T15:17:43+01:00"), config);
        REQUIRE(rules_of(a) == std::vector<std::string>{"deadline"});
        REQUIRE(rules_of(b) == std::vector<std::string>{"deadline"});
        // The moment comes from the deadline, never from now.
        CHECK(a[0].since == b[0].since);
        CHECK(a[0].since.rfc3339() == "2026-12-02T09:00:00+01:00");
    }
    SUBCASE("an answered rule comes back after repeat_after_hours without progress") {
        c.actions[0].stalled = ts("2026-11-25T10:00:00+01:00");
        c.add_log(ts("2026-11-25T11:00:00+01:00"), "escalated", "to Anna");
        CHECK(escalations_due(c, ts("2026-11-27T10:59:00+01:00"), config).empty());
        const auto back = escalations_due(c, ts("2026-11-27T11:00:00+01:00"), config);
        REQUIRE(back.size() == 1);
        CHECK(back[0].repeated);
        // Progress (a check recorded) restarts the clock.
        c.add_log(ts("2026-11-26T10:00:00+01:00"), "check", "stalled: still waiting");
        CHECK(escalations_due(c, ts("2026-11-27T11:00:00+01:00"), config).empty());
    }
    SUBCASE("nothing while the case waits on the customer") {
        c.actions[0].stalled = ts("2026-11-25T10:00:00+01:00");
        c.add_log(ts("2026-11-25T10:30:00+01:00"), "waiting", "a photo");
        CHECK(escalations_due(c, ts("2026-11-25T12:00:00+01:00"), config).empty());
        c.add_log(ts("2026-11-25T13:00:00+01:00"), "customer", "photo sent");
        CHECK(escalations_due(c, ts("2026-11-25T14:00:00+01:00"), config).size() == 1);
    }
    SUBCASE("an escalation answers the rule until something new happens") {
        c.actions[0].stalled = ts("2026-11-25T10:00:00+01:00");
        c.add_log(ts("2026-11-25T11:00:00+01:00"), "escalated", "to Anna");
        CHECK(escalations_due(c, ts("2026-11-25T12:00:00+01:00"), config).empty());
        c.actions[0].stalled = ts("2026-11-26T10:00:00+01:00");
        CHECK(escalations_due(c, ts("2026-11-26T12:00:00+01:00"), config).size() == 1);
    }
    SUBCASE("to whom: by tag, else the default") {
        CHECK(escalation_contact(c, config) == "Anna");
        c.tags = {"vip", "billing"};
        CHECK(escalation_contact(c, config) == "Ben");
    }
}

TEST_CASE("update_owed") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    Case c = handed_over_case();  // opened Monday 09:00
    SUBCASE("the first confirmation is owed within update.first_within_hours") {
        CHECK_FALSE(update_owed(c, ts("2026-11-23T10:59:00+01:00"), config));
        CHECK(update_owed(c, ts("2026-11-23T11:00:00+01:00"), config));
    }
    SUBCASE("then every update.every_days working days") {
        c.last_update_to_customer = ts("2026-11-23T10:00:00+01:00");
        CHECK_FALSE(update_owed(c, ts("2026-11-25T09:59:00+01:00"), config));
        CHECK(update_owed(c, ts("2026-11-25T10:00:00+01:00"), config));
    }
}

TEST_CASE("message templates") {
    SUBCASE("the built-in ones pass their own validation") {
        for (const char* lang : {"en", "nl"}) {
            for (auto name : kTemplateNames) {
                CAPTURE(name);
                CHECK(template_problem(name, *builtin_template(lang, name)) == "");
            }
        }
    }
    SUBCASE("Who, What and When are required") {
        CHECK(template_problem("customer", "{who} {what}").find("lacks {when}") !=
              std::string::npos);
        CHECK(template_problem("colleague", "{when}").find("lacks {who} and {what}") !=
              std::string::npos);
        CHECK(template_problem("thanks", "Thanks {who}") == "");
        CHECK(template_problem("customer", "{who} {what} {when} {nonsense}")
                  .find("unknown placeholder {nonsense}") != std::string::npos);
    }
    SUBCASE("fill") {
        CHECK(fill_template("{who} does {what} by {when}",
                            {{"who", "Sam"}, {"what", "it"}, {"when", "Friday"}}) ==
              "Sam does it by Friday");
    }
}

TEST_CASE("drafts") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam de Vries";
    const Case c = handed_over_case();
    SUBCASE("towards the customer the owner is the Who, even for a colleague's work") {
        const Draft d = draft_to_customer(c, config, "en");
        CHECK(d.text.find("I will make sure this is done by Wednesday 2 December at 17:00") !=
              std::string::npos);
        CHECK(d.text.ends_with("Kind regards,\nSam de Vries\n"));
        CHECK(d.text.find("Dini") == std::string::npos);
        SUBCASE("an action without customer wording is not copied: a neutral line and a note") {
            CHECK(d.text.find("credit note") == std::string::npos);
            CHECK(d.text.find("- The next step in handling your request — by Friday 27 November") !=
                  std::string::npos);
            REQUIRE(d.notes.size() == 1);
            CHECK(d.notes[0].find("--tell") != std::string::npos);
        }
        SUBCASE("with customer wording, the customer reads that") {
            Case told = c;
            set_customer_wording(told.actions[0], "a credit note for your invoice");
            const Draft w = draft_to_customer(told, config, "en");
            CHECK(w.text.find("- A credit note for your invoice — by Friday 27 November") !=
                  std::string::npos);
            CHECK(w.notes.empty());
        }
    }
    SUBCASE("towards a colleague: what is asked and by when, in Dutch") {
        const Draft d = draft_to_colleague(c, "Dini", config, "nl");
        CHECK(d.text.find("reken ik op jou voor het volgende, uiterlijk vrijdag 27 november om "
                          "12:00:\n- Credit note\n") != std::string::npos);
    }
    SUBCASE("the case's language unless one is asked for") {
        Case nl = c;
        nl.extra.insert_or_assign("lang", "nl");
        CHECK(message_language(nl, config, "") == "nl");
        CHECK(message_language(nl, config, "en") == "en");
        CHECK(message_language(c, config, "") == "en");
    }
    SUBCASE(
        "thanks: singular for one helper, plural for several, and those named by close --helped") {
        Case closed = c;
        CHECK(draft_thanks(closed, config, "nl")
                  .text.find("Dank je wel voor je bijdrage:\n- Credit note\n") !=
              std::string::npos);
        closed.add_log(ts("2026-11-27T10:00:00+01:00"), "closed", "accepted");
        toml::array helped;
        helped.push_back("Ben");
        closed.log.back().extra.insert_or_assign("helped", std::move(helped));
        CHECK(helpers_of(closed, config) == std::vector<std::string>{"Dini", "Ben"});
        const Draft d = draft_thanks(closed, config, "nl");
        CHECK(d.text.starts_with("Hoi Dini en Ben,\n"));
        CHECK(d.text.find("Dank jullie wel voor jullie bijdrage:\n- Dini: Credit note\n- Ben: "
                          "meedenken en meehelpen\n") != std::string::npos);
    }
    SUBCASE("no open action, no draft") {
        Case done = c;
        done.actions[0].done = ts("2026-11-26T10:00:00+01:00");
        CHECK(draft_to_customer(done, config, "en").refusal.find("no open action") !=
              std::string::npos);
    }
}

TEST_CASE("stats") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    std::vector<Case> closed;
    for (int i = 0; i < 4; ++i) {
        Case c = handed_over_case();
        c.id = "c" + std::to_string(i);
        c.closed = c.opened.plus_seconds(86400LL * (i + 1));  // lead times 1, 2, 3, 4 days
        c.outcome = "accepted";
        c.add_log(c.opened.plus_seconds(3600), "told", "");
        c.add_log(c.opened.plus_seconds(7200), "escalated", "");
        closed.push_back(c);
    }
    closed[3].deadline = ts("2026-11-24T17:00:00+01:00");  // closed Friday: missed
    Case withdrawn = handed_over_case();
    withdrawn.closed = ts("2026-11-24T09:00:00+01:00");
    withdrawn.outcome = "withdrawn";
    closed.push_back(withdrawn);
    const Stats s = compute_stats(closed, {}, std::nullopt, config);
    CHECK(s.closed == 4);
    CHECK(s.withdrawn == 1);
    CHECK(*s.lead_median_days == doctest::Approx(2.5));
    CHECK(*s.lead_p90_days == doctest::Approx(3.7));
    CHECK(*s.deadline_met_share == doctest::Approx(0.75));
    CHECK(*s.handovers_per_case == doctest::Approx(1.0));
    CHECK(s.escalations == 4);
    // Told an hour after opening; closed within two working days for the first two only.
    CHECK(*s.updated_in_time_share == doctest::Approx(0.5));
    REQUIRE(s.per_week.size() == 1);
    CHECK(s.per_week[0].closed == 4);
    const Stats since = compute_stats(closed, {}, ts("2026-11-26T00:00:00+01:00"), config);
    CHECK(since.closed == 2);
}

TEST_CASE("stats: case handoffs beside actions handed, lead time by the number of both") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    // Lead times 1, 2, 3 and 4 days; hand-overs (actions handed + case handoffs) 0, 1, 2, 1.
    std::vector<Case> closed;
    for (int i = 0; i < 4; ++i) {
        Case c = i == 1 || i == 2 ? handed_over_case() : fixture::make_case({.title = "Router"});
        c.id = "c" + std::to_string(i);
        if (i >= 2) {
            c.add_log(c.opened.plus_seconds(3600), "handoff", "Sam Jansen → Dini");
        }
        c.closed = c.opened.plus_seconds(86400LL * (i + 1));
        c.outcome = "accepted";
        closed.push_back(c);
    }
    Case withdrawn = handed_over_case();  // not accepted: no lead time, not counted
    withdrawn.add_log(withdrawn.opened.plus_seconds(60), "handoff", "Sam Jansen → Dini");
    withdrawn.closed = ts("2026-11-24T09:00:00+01:00");
    withdrawn.outcome = "withdrawn";
    closed.push_back(withdrawn);
    CHECK(outcome_of(closed[2], *closed[2].closed, config).case_handoffs == 1);
    CHECK(outcome_of(closed[2], *closed[2].closed, config).handovers == 1);
    const Stats s = compute_stats(closed, {}, std::nullopt, config);
    CHECK(*s.handovers_per_case == doctest::Approx(0.5));
    CHECK(s.case_handoffs == 2);
    CHECK(*s.case_handoffs_per_case == doctest::Approx(0.5));
    REQUIRE(s.lead_by_handovers.size() == 3);
    const auto& none = s.lead_by_handovers[0];
    const auto& one = s.lead_by_handovers[1];
    const auto& more = s.lead_by_handovers[2];
    CHECK((none.handovers == 0 && none.cases == 1 && *none.median_days == doctest::Approx(1.0)));
    CHECK((one.handovers == 1 && one.cases == 2 && *one.median_days == doctest::Approx(3.0)));
    CHECK((more.handovers == 2 && more.cases == 1 && *more.median_days == doctest::Approx(3.0)));
    CHECK(more.median_working_days.has_value());
    // No case with a bucket's number: the bucket is there, empty.
    const Stats few = compute_stats({closed[0]}, {}, std::nullopt, config);
    REQUIRE(few.lead_by_handovers.size() == 3);
    CHECK(few.lead_by_handovers[2].cases == 0);
    CHECK_FALSE(few.lead_by_handovers[2].median_days.has_value());
}

TEST_CASE("stats: per week, escalations per rule, verdicts, the latest remarks, --until") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;  // first confirmation within 2 working hours
    // Opened Mon 23 Nov 09:00; five cases closed 1..5 days later (Tue 24 .. Sat 28 Nov), then
    // two more a week later (Mon 30 Nov, Tue 1 Dec).
    std::vector<Case> closed;
    for (int i = 0; i < 7; ++i) {
        Case c = fixture::make_case({.title = "Router"});
        c.id = "c" + std::to_string(i);
        const int days = i < 5 ? i + 1 : i + 2;
        c.closed = c.opened.plus_seconds(86400LL * days);
        c.outcome = "accepted";
        // Told an hour after opening (in time) for the even ones, three hours after for the odd.
        c.add_log(c.opened.plus_seconds(i % 2 == 0 ? 3600 : 3 * 3600), "told", "");
        c.add_log(*c.closed, "closed", "");
        c.log.back().extra.insert_or_assign("rating", i % 5 + 1);
        c.log.back().extra.insert_or_assign("remark", "remark " + std::to_string(i));
        closed.push_back(c);
    }
    closed[0].deadline = closed[0].closed->plus_seconds(3600);   // met
    closed[1].deadline = closed[1].closed->plus_seconds(-3600);  // missed
    Case& esc = closed[2];
    esc.add_log(esc.opened.plus_seconds(7200), "escalated", "to Ben: stalled");
    toml::array rules;
    rules.push_back("stalled");
    rules.push_back("deadline");
    esc.log.back().extra.insert_or_assign("rules", rules);
    esc.add_log(esc.opened.plus_seconds(7300), "escalated", "to Ben: by hand");  // no rules
    const Stats s = compute_stats(closed, {}, std::nullopt, config);
    CHECK(s.escalations == 2);
    CHECK(s.escalations_by_rule.at("stalled") == 1);
    CHECK(s.escalations_by_rule.at("deadline") == 1);
    CHECK(s.escalations_by_rule.at("overdue") == 0);  // every rule is named
    CHECK(s.escalations_by_rule.at("other") == 1);
    CHECK(s.rating_counts == std::array<int, 5>{2, 2, 1, 1, 1});
    REQUIRE(s.remarks.size() == 7);
    CHECK(s.remarks.back().text == "remark 6");  // newest last
    CHECK(s.remarks.back().rating == 2);
    REQUIRE(s.per_week.size() == 2);
    const WeekStats& first = s.per_week[0];
    CHECK(first.monday == Date{2026, 11, 23});
    CHECK(first.closed == 5);
    CHECK(*first.lead_median_days == doctest::Approx(3.0));
    CHECK(*first.lead_p90_days == doctest::Approx(4.6));
    CHECK(first.deadlines_promised == 2);
    CHECK(first.deadlines_met == 1);
    CHECK(first.confirmed_in_time == 3);  // c0, c2, c4
    CHECK(s.per_week[1].closed == 2);
    CHECK(s.per_week[1].confirmed_in_time == 1);  // c6
    CHECK(iso_week(Date{2026, 11, 23}) == "2026-W48");
    CHECK(iso_week(Date{2027, 1, 1}) == "2026-W53");  // a Friday: its Thursday is in 2026
    CHECK(iso_week(Date{2024, 12, 30}) == "2025-W01");
    SUBCASE("the series fills the weeks without a close") {
        const auto series = week_series(s, Date{2026, 11, 18}, Date{2026, 12, 16});
        REQUIRE(series.size() == 5);
        CHECK(series[0].monday == Date{2026, 11, 16});
        CHECK(series[0].closed == 0);
        CHECK(series[1].closed == 5);
        CHECK(series[2].closed == 2);
        CHECK(series[4].monday == Date{2026, 12, 14});
    }
    SUBCASE("until: the cases closed before it") {
        const Stats until =
            compute_stats(closed, {}, std::nullopt, config, ts("2026-11-28T00:00:00+01:00"));
        CHECK(until.closed == 4);
        const Stats between = compute_stats(closed, {}, ts("2026-11-25T00:00:00+01:00"), config,
                                            ts("2026-12-01T00:00:00+01:00"));
        CHECK(between.closed == 5);  // Wed 25 .. Mon 30
    }
    SUBCASE("only the latest fifty remarks") {
        std::vector<Case> many;
        for (int i = 0; i < 60; ++i) {
            Case c = closed[0];
            c.id = "m" + std::to_string(i);
            // In no order of time: the archive lists by id.
            c.closed = c.opened.plus_seconds(3600LL * ((i * 37) % 60 + 1));
            c.log.back().extra.insert_or_assign("remark", "said " + std::to_string(i));
            many.push_back(c);
        }
        const Stats m = compute_stats(many, {}, std::nullopt, config);
        REQUIRE(m.remarks.size() == 50);
        for (std::size_t i = 1; i < m.remarks.size(); ++i) {
            CHECK(m.remarks[i - 1].closed <= m.remarks[i].closed);
        }
        CHECK(m.remarks.front().closed == closed[0].opened.plus_seconds(3600LL * 11));
    }
}

TEST_CASE("remind_diff") {
    std::vector<Reminder> due(2);
    due[0].key = "a";
    due[1].key = "b";
    const auto d = remind_diff(due, {"a", "gone"}, false);
    REQUIRE(d.fresh.size() == 1);
    CHECK(d.fresh[0]->key == "b");
    CHECK(d.keep == std::set<std::string>{"a"});  // "gone" is no longer due: forgotten
    CHECK(remind_diff(due, {"a"}, true).fresh.size() == 2);
}

TEST_CASE("stats: moved promises, verdicts, open periods") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    Case c = handed_over_case();  // opened Mon 23 Nov 09:00, deadline Wed 2 Dec 17:00
    c.add_log(ts("2026-11-24T09:00:00+01:00"), "closed", "customer accepted the solution");
    c.add_log(ts("2026-11-30T09:00:00+01:00"), "reopened", "again");
    c.deadline = ts("2026-11-26T17:00:00+01:00");
    c.add_log(ts("2026-11-30T09:05:00+01:00"), "deadline", "moved");
    c.log.back().extra.insert_or_assign("from", to_toml(ts("2026-11-26T17:00:00+01:00")));
    c.log.back().extra.insert_or_assign("to", to_toml(ts("2026-12-02T17:00:00+01:00")));
    c.deadline = ts("2026-12-02T17:00:00+01:00");
    c.add_log(ts("2026-12-01T09:00:00+01:00"), "closed", "customer accepted the solution");
    c.log.back().extra.insert_or_assign("rating", 4);
    c.log.back().extra.insert_or_assign("helped", toml::array{"Ann"});
    const CaseOutcome o = outcome_of(c, ts("2026-12-01T09:00:00+01:00"), config);
    CHECK(o.lead_days == doctest::Approx(2.0));  // one day, then one more after the reopen
    CHECK(o.lead_working_days == doctest::Approx(2.0));
    CHECK(o.deadline_met == true);
    // The first period closed on 24 Nov, before its promise of 26 Nov: kept, whatever came after.
    CHECK(o.first_promise_kept == true);
    CHECK(o.promises_moved == 1);  // moved five minutes after the reopening: by `owner deadline`
    CHECK(o.rating == 4);
    CHECK(o.helpers == std::vector<std::string>{"Dini", "Ann"});
    CHECK(first_promise(c)->rfc3339() == "2026-11-26T17:00:00+01:00");
}

TEST_CASE("stats: a reopened case's promise is its own, not a moved one") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    Case c = handed_over_case();  // opened Mon 23 Nov 09:00, deadline Wed 2 Dec 17:00
    c.add_log(ts("2026-11-27T09:00:00+01:00"), "closed", "customer accepted the solution");
    const Timestamp reopened = ts("2026-12-07T09:00:00+01:00");
    c.add_log(reopened, "reopened", "the refund did not arrive");
    promise_on_reopening(c, ts("2026-12-09T17:00:00+01:00"), "the refund did not arrive", reopened);
    CHECK(c.deadline->rfc3339() == "2026-12-09T17:00:00+01:00");
    CHECK(is_reopening_promise(c, c.log.size() - 1));
    SUBCASE("the first promise kept, nothing moved, the new one met") {
        c.add_log(ts("2026-12-08T09:00:00+01:00"), "closed", "customer accepted the solution");
        const CaseOutcome o = outcome_of(c, ts("2026-12-08T09:00:00+01:00"), config);
        CHECK(o.first_promise_kept == true);
        CHECK(o.promises_moved == 0);
        CHECK(o.deadline_met == true);
    }
    SUBCASE("a file written by an older reopen (\"moved from\") reads the same") {
        c.log.back().text = "moved from 2026-12-02T17:00:00+01:00 to 2026-12-09T17:00:00+01:00";
        c.add_log(ts("2026-12-10T09:00:00+01:00"), "closed", "customer accepted the solution");
        const CaseOutcome o = outcome_of(c, ts("2026-12-10T09:00:00+01:00"), config);
        CHECK(o.first_promise_kept == true);
        CHECK(o.promises_moved == 0);
        CHECK(o.deadline_met == false);  // the reopened period's own promise was missed
    }
}

TEST_CASE("due_reminders speak the configured language") {
    ZoneGuard zone("Europe/Amsterdam");
    Case c = handed_over_case();
    c.last_update_to_customer = ts("2026-11-23T09:30:00+01:00");
    c.actions.front().checks = {ts("2026-11-25T11:00:00+01:00")};
    c.deadline = ts("2026-11-30T17:00:00+01:00");
    const Timestamp monday = ts("2026-11-30T12:30:00+01:00");
    auto texts = [&](const Config& config) {
        std::vector<std::string> out;
        for (const auto& r : due_reminders({c}, monday, config)) {
            out.push_back(r.text);
        }
        return out;
    };
    Config en;
    Config nl;
    nl.language = "nl";
    const auto english = texts(en);
    const auto dutch = texts(nl);
    REQUIRE(english.size() == dutch.size());
    CHECK(std::find(english.begin(), english.end(), "due: Credit note — Dini") != english.end());
    CHECK(std::find(dutch.begin(), dutch.end(), "te doen: Credit note — Dini") != dutch.end());
    CHECK(std::find(english.begin(), english.end(), "check on Dini: Credit note") != english.end());
    CHECK(std::find(dutch.begin(), dutch.end(), "controleer bij Dini: Credit note") != dutch.end());
    CHECK(std::find(english.begin(), english.end(), "promised deadline today at 17:00") !=
          english.end());
    CHECK(std::find(dutch.begin(), dutch.end(), "beloofde deadline vandaag om 17:00") !=
          dutch.end());
    SUBCASE("the language changes the words, never which reminders there are") {
        std::vector<std::string> keys_en, keys_nl;
        for (const auto& r : due_reminders({c}, monday, en)) {
            keys_en.push_back(r.key);
        }
        for (const auto& r : due_reminders({c}, monday, nl)) {
            keys_nl.push_back(r.key);
        }
        CHECK(keys_en == keys_nl);
    }
}

TEST_CASE("escalation_reason in Dutch agrees in number") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    Case c = handed_over_case();
    const Timestamp after = ts("2026-12-03T10:00:00+01:00");
    CHECK(escalation_reason(c, "deadline", std::nullopt, after, config, "nl") ==
          "de beloofde deadline is verstreken en er staat nog 1 open actie");
    c.actions.push_back(Action{.what = "Refund", .due = ts("2026-12-01T12:00:00+01:00")});
    CHECK(escalation_reason(c, "deadline", std::nullopt, after, config, "nl") ==
          "de beloofde deadline is verstreken en er staan nog 2 open acties");
}

TEST_CASE("outcome_fingerprint") {
    const Config base;
    const std::string fp = outcome_fingerprint(base);
    CHECK(outcome_fingerprint(Config{}) == fp);
    SUBCASE("every field that outcomes read changes it") {
        Config c = base;
        c.name = "Sam";
        CHECK(outcome_fingerprint(c) != fp);
        c = base;
        c.people = Roster({Person{"Ben Smit", {"Ben"}}});
        CHECK(outcome_fingerprint(c) != fp);
        Config c2 = c;
        c2.people = Roster({Person{"Ben Smit", {"Benny"}}});
        CHECK(outcome_fingerprint(c2) != outcome_fingerprint(c));
        c = base;
        c.calendar = WorkCalendar({true, true, true, true, true, true, false}, 9 * 60, 17 * 60, {});
        CHECK(outcome_fingerprint(c) != fp);
        c = base;
        c.calendar = WorkCalendar(base.calendar.working_weekdays(), 8 * 60, 17 * 60, {});
        CHECK(outcome_fingerprint(c) != fp);
        c = base;
        c.calendar =
            WorkCalendar(base.calendar.working_weekdays(), 9 * 60, 17 * 60, {Date{2026, 12, 25}});
        CHECK(outcome_fingerprint(c) != fp);
        c = base;
        c.update_every_days = 3;
        CHECK(outcome_fingerprint(c) != fp);
    }
    SUBCASE("names cannot run into each other") {
        Config a = base, b = base;
        a.people = Roster({Person{"Ben", {"Smit"}}});
        b.people = Roster({Person{"BenS", {"mit"}}});
        CHECK(outcome_fingerprint(a) != outcome_fingerprint(b));
    }
    SUBCASE("fields outcomes do not read leave it alone") {
        Config c = base;
        c.language = "nl";
        c.soon_days = 9;
        c.email = "sam@example.com";
        CHECK(outcome_fingerprint(c) == fp);
    }
}

TEST_CASE("StatsAccumulator: one outcome at a time, from since on") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    std::vector<Case> closed;
    for (int i = 0; i < 5; ++i) {
        Case c = handed_over_case();
        c.id = "c" + std::to_string(i);
        c.closed = c.opened.plus_seconds(86400LL * (i + 1) + 3600 * i);
        c.outcome = i == 2 ? "withdrawn" : "accepted";
        closed.push_back(c);
    }
    StatsAccumulator sum(ts("2026-11-25T00:00:00+01:00"));
    for (const Case& c : closed) {
        sum.add(archived_outcome(c, config));
    }
    const Stats a = std::move(sum).finish(7);
    // Closed Tue (before `since`: left out), Wed, Thu (withdrawn), Fri and Sat.
    CHECK(a.open == 7);
    CHECK(a.closed == 3);
    CHECK(a.withdrawn == 1);
    CHECK(*a.lead_median_days == doctest::Approx(4.125));  // 4 days and 3 hours
    REQUIRE(a.per_week.size() == 1);
    CHECK(a.per_week[0].monday == Date{2026, 11, 23});
    CHECK(a.per_week[0].closed == 3);
}

TEST_CASE("quantile") {
    CHECK_FALSE(quantile({}, 0.5).has_value());
    CHECK(quantile({3.0}, 0.9) == 3.0);
    CHECK(quantile({4.0, 1.0, 3.0, 2.0}, 0.5) == doctest::Approx(2.5));
    CHECK(quantile({4.0, 1.0, 3.0, 2.0}, 0.9) == doctest::Approx(3.7));
    CHECK(quantile({4.0, 1.0, 3.0, 2.0}, 1.0) == 4.0);
    CHECK(quantile({4.0, 1.0, 3.0, 2.0}, 0.0) == 1.0);
    SUBCASE("the same as interpolating in the sorted values, to the bit") {
        std::vector<double> values;
        std::uint64_t x = 12345;
        for (int i = 0; i < 1001; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            values.push_back(static_cast<double>(x >> 20) / 7919.0);
        }
        values.push_back(values[10]);  // ties
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        for (double q : {0.0, 0.1, 0.5, 0.9, 0.999, 1.0}) {
            const double pos = q * static_cast<double>(sorted.size() - 1);
            const auto lo = static_cast<std::size_t>(pos);
            const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
            const double expected =
                sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
            CHECK(quantile(values, q) == expected);
        }
    }
}

TEST_CASE("escalation_rules: each rule is a function with its reason in every language") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    Case c = handed_over_case();
    c.actions[0].stalled = ts("2026-11-27T13:00:00+01:00");
    const Timestamp now = ts("2026-12-03T10:00:00+01:00");  // overdue, stalled, deadline passed
    const std::vector<EscalationHit> hits = escalations_due(c, now, config);
    std::vector<std::string> names;
    for (const EscalationRule& rule : escalation_rules()) {
        CAPTURE(rule.name);
        names.emplace_back(rule.name);
        // The rule finds its hit, and says why in each language, each in its own words.
        const auto hit = std::find_if(hits.begin(), hits.end(),
                                      [&](const EscalationHit& h) { return h.rule == rule.name; });
        REQUIRE(hit != hits.end());
        std::vector<std::string> said;
        for (const Language& language : kLanguages) {
            CAPTURE(language.code);
            const std::string reason = rule.reason(c, hit->action, now, config, language.code);
            CHECK_FALSE(reason.empty());
            CHECK(std::find(said.begin(), said.end(), reason) == said.end());
            CHECK(escalation_reason(c, rule.name, hit->action, now, config, language.code) ==
                  reason);
            said.push_back(reason);
        }
    }
    CHECK(names == std::vector<std::string>{"stalled", "overdue", "deadline"});
    CHECK(rules_of(hits) == names);
    CHECK(escalation_reason(c, "no such rule", std::nullopt, now, config, "en").empty());

    SUBCASE("with every action done and the customer not told, the reason says so") {
        for (Action& a : c.actions) {
            a.done = ts("2026-11-30T10:00:00+01:00");
            a.stalled.reset();
            a.checks.clear();
        }
        CHECK(escalation_reason(c, "deadline", std::nullopt, now, config, "en") ==
              "the promised deadline passed: the work is done but the customer was not told");
        CHECK(escalation_reason(c, "deadline", std::nullopt, now, config, "de") ==
              "die zugesagte Frist ist verstrichen: die Arbeit ist erledigt, aber der Kunde weiß "
              "es noch nicht");
        CHECK(escalation_reason(c, "deadline", std::nullopt, now, config, "nl").find("0") ==
              std::string::npos);
    }
    SUBCASE("while the case waits on the customer, only the rules that say so apply") {
        c.add_log(ts("2026-12-01T09:00:00+01:00"), "waiting", "asked for the serial number");
        std::vector<std::string> waiting_rules;
        for (const EscalationRule& rule : escalation_rules()) {
            if (rule.while_waiting) {
                waiting_rules.emplace_back(rule.name);
            }
        }
        CHECK(rules_of(escalations_due(c, now, config)) == waiting_rules);
    }
}
