#include <doctest/doctest.h>

#include "domain/messages.hpp"
#include "domain/planning.hpp"
#include "domain/views.hpp"
#include "fixture.hpp"

using namespace owner;

namespace {
Case case_with_deadline(const char* deadline) {
    return fixture::make_case({.deadline = deadline});
}
}  // namespace

TEST_CASE("slack_before_deadline") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    const Timestamp now = ts("2026-11-25T09:00:00+01:00");  // Wednesday
    SUBCASE("over a weekend only working time counts") {
        const Case c = case_with_deadline("2026-11-30T17:00:00+01:00");  // Monday
        const auto a = slack_before_deadline(c, ts("2026-11-27T17:00:00+01:00"), now, config);
        REQUIRE(a);
        CHECK(a->slack_minutes == 8 * 60);  // Monday only
        // 20 % of the 32 working hours left is 6.4 h: more than the default effort of one hour.
        CHECK(a->wanted_minutes == 384);
        CHECK(a->enough);
        CHECK(slack_before_deadline(c, ts("2026-11-30T10:36:00+01:00"), now, config)->enough);
        CHECK_FALSE(slack_before_deadline(c, ts("2026-11-30T10:37:00+01:00"), now, config)->enough);
    }
    SUBCASE("a holiday eats the slack") {
        config.calendar = WorkCalendar({true, true, true, true, true, false, false}, 9 * 60,
                                       17 * 60, {Date{2026, 11, 30}});
        const Case c = case_with_deadline("2026-11-30T17:00:00+01:00");
        const auto a = slack_before_deadline(c, ts("2026-11-27T17:00:00+01:00"), now, config);
        CHECK(a->slack_minutes == 0);
        CHECK_FALSE(a->enough);
    }
    SUBCASE("a far deadline asks for 20 % of the time left") {
        const Case c = case_with_deadline("2026-12-23T17:00:00+01:00");  // 21 working days away
        const auto a = slack_before_deadline(c, ts("2026-12-21T17:00:00+01:00"), now, config);
        CHECK(a->wanted_minutes == 21 * 8 * 60 / 5);  // 20 % of 168 hours
        CHECK(a->slack_minutes == 2 * 8 * 60);
        CHECK_FALSE(a->enough);
    }
    SUBCASE("after the deadline") {
        const Case c = case_with_deadline("2026-11-26T17:00:00+01:00");
        const auto a = slack_before_deadline(c, ts("2026-11-27T12:00:00+01:00"), now, config);
        CHECK(a->after_deadline);
        CHECK_FALSE(a->enough);
    }
    SUBCASE("a small task due hours before a same-day promise has room enough") {
        // The password reset: five minutes of work, due three hours before the promise.
        const Case c = case_with_deadline("2026-11-25T16:00:00+01:00");
        const auto a = slack_before_deadline(c, ts("2026-11-25T13:00:00+01:00"), now, config, 5);
        CHECK(a->slack_minutes == 180);
        CHECK(a->wanted_minutes == 84);  // 20 % of 7 working hours: more than the five minutes
        CHECK(a->enough);
    }
    SUBCASE("a large effort asks for its own size in room") {
        const Case c = case_with_deadline("2026-11-25T16:00:00+01:00");
        const auto a = slack_before_deadline(c, ts("2026-11-25T13:00:00+01:00"), now, config,
                                             parse_effort("1wd", config.calendar));
        CHECK(a->wanted_minutes == 8 * 60);
        CHECK_FALSE(a->enough);
        // Without --effort, plan.default_effort (one working hour) is the action's size.
        config.default_effort_minutes = 4 * 60;
        CHECK(slack_before_deadline(c, ts("2026-11-25T13:00:00+01:00"), now, config)
                  ->wanted_minutes == 4 * 60);
    }
    SUBCASE("no deadline, no advice") {
        Case c;
        CHECK_FALSE(slack_before_deadline(c, now, now, config).has_value());
    }
}

TEST_CASE("schedule_checks") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    SUBCASE("shortly after hand-over and halfway, in working time") {
        const auto checks = schedule_checks(ts("2026-11-27T16:00:00+01:00"),
                                            ts("2026-12-02T16:00:00+01:00"), config);
        REQUIRE(checks.size() == 2);
        CHECK(checks[0].rfc3339() ==
              "2026-11-30T10:00:00+01:00");  // 2 working hours, over the weekend
        CHECK(checks[1].rfc3339() == "2026-12-01T12:00:00+01:00");  // 12 of the 24 working hours
    }
    SUBCASE("a short hand-over still gets two checks: a quarter and halfway") {
        auto checks = schedule_checks(ts("2026-11-25T09:00:00+01:00"),
                                      ts("2026-11-25T10:00:00+01:00"), config);
        REQUIRE(checks.size() == 2);
        CHECK(checks[0].rfc3339() == "2026-11-25T09:15:00+01:00");
        CHECK(checks[1].rfc3339() == "2026-11-25T09:30:00+01:00");
        // 15:00 to 10:00 the next day: three working hours, once only the 17:00 check.
        checks = schedule_checks(ts("2026-11-25T15:00:00+01:00"), ts("2026-11-26T10:00:00+01:00"),
                                 config);
        REQUIRE(checks.size() == 2);
        CHECK(checks[0].rfc3339() == "2026-11-25T15:45:00+01:00");
        CHECK(checks[1].rfc3339() == "2026-11-25T16:30:00+01:00");
    }
    SUBCASE("never at the same minute, never outside working hours") {
        CHECK(schedule_checks(ts("2026-11-25T09:00:00+01:00"), ts("2026-11-25T09:01:00+01:00"),
                              config)
                  .empty());
        auto checks = schedule_checks(ts("2026-11-25T09:00:20+01:00"),
                                      ts("2026-11-25T09:03:00+01:00"), config);
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].rfc3339() == "2026-11-25T09:01:00+01:00");
        checks = schedule_checks(ts("2026-11-28T11:00:00+01:00"), ts("2026-11-30T13:00:00+01:00"),
                                 config);  // Saturday
        REQUIRE(checks.size() == 2);
        CHECK(checks[0].rfc3339() == "2026-11-30T10:00:00+01:00");
        CHECK(checks[1].rfc3339() == "2026-11-30T11:00:00+01:00");
    }
    SUBCASE("across the spring DST change") {
        const auto checks = schedule_checks(ts("2027-03-26T09:00:00+01:00"),
                                            ts("2027-03-31T09:00:00+02:00"), config);
        REQUIRE(checks.size() == 2);
        CHECK(checks[0].rfc3339() == "2027-03-26T11:00:00+01:00");
        CHECK(checks[1].rfc3339() == "2027-03-29T13:00:00+02:00");
    }
}

TEST_CASE("find_action") {
    Case c;
    c.id = "k7rq2";
    c.actions.push_back(Action{.what = "Credit note for invoice", .due = Timestamp{100, 0}});
    c.actions.push_back(Action{.what = "Call back", .due = Timestamp{100, 0}});
    c.actions.push_back(
        Action{.what = "Call the bank", .due = Timestamp{100, 0}, .done = Timestamp{50, 0}});
    CHECK(find_action(c, "2").index == 1u);
    CHECK(find_action(c, "credit").index == 0u);
    CHECK(find_action(c, "call back").index == 1u);
    CHECK(find_action(c, "call").index == 1u);  // the done one does not count
    CHECK(find_action(c, "9").error == "case k7rq2 has no action 9 (it has 3)");
    CHECK(find_action(c, "3").error == "action 3 of case k7rq2 is already done");
    CHECK(find_action(c, "xyz").error == "case k7rq2 has no open action matching 'xyz'");
    c.actions[2].done.reset();
    CHECK(find_action(c, "call").error.find("matches several actions") != std::string::npos);
}

TEST_CASE("agenda: overbooked days and weekends") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.overbooked = 2;
    const Timestamp now = ts("2026-11-25T08:00:00+01:00");
    Case c;
    c.id = "aaaaa";
    c.opened = now;
    for (const char* due :
         {"2026-11-25T10:00:00+01:00", "2026-11-25T11:00:00+01:00", "2026-11-25T12:00:00+01:00",
          "2026-11-26T10:00:00+01:00", "2026-11-28T10:00:00+01:00"}) {
        c.actions.push_back(Action{.what = "x", .due = ts(due)});
    }
    const std::vector<Case> given{c};
    const AgendaView v = build_agenda(given, Date{2026, 11, 25}, 3, AgendaFilter{}, now, config);
    REQUIRE(v.days.size() == 3);
    CHECK(v.days[0].date == Date{2026, 11, 25});
    CHECK(v.days[0].items.size() == 3);
    CHECK(v.days[0].overbooked);
    CHECK_FALSE(v.days[1].overbooked);
    CHECK(v.days[2].date == Date{2026, 11, 27});  // Friday; the weekend is skipped
    CHECK(v.days[2].items.size() == 1);           // Saturday's action shows on Friday
}

TEST_CASE("plan_target: add, re-plan or remove") {
    Case c = case_with_deadline("2026-12-02T17:00:00+01:00");
    c.actions.push_back(Action{.what = "Credit note", .due = ts("2026-11-27T12:00:00+01:00")});
    CHECK(plan_target(c, "", true, false).error.find("empty") != std::string::npos);
    CHECK(plan_target(c, " \t", false, false).error.find("empty") != std::string::npos);
    CHECK(plan_target(c, "1", false, false).mode == PlanMode::replan);
    CHECK(plan_target(c, "credit", false, false).index == std::size_t{0});
    CHECK(plan_target(c, "Credit note", true, false).mode == PlanMode::replan);  // its exact words
    CHECK_FALSE(plan_target(c, "2", false, false).error.empty());
    CHECK_FALSE(plan_target(c, "Call", false, false).error.empty());
    CHECK(plan_target(c, "1", false, true).mode == PlanMode::remove);
    SUBCASE("words that match one open action re-plan it, and say which") {
        const PlanTarget t = plan_target(c, "credit", true, false);
        CHECK(t.mode == PlanMode::replan);
        CHECK(t.index == std::size_t{0});
        CHECK(t.note == "re-planned 'Credit note'; --add plans a new action");
        CHECK(plan_target(c, "Credit note", true, false).note.empty());  // its own words
        CHECK(plan_target(c, "1", true, false).note.empty());
    }
    SUBCASE("--add always adds, and needs a due time") {
        CHECK(plan_target(c, "Credit note", true, false, true).mode == PlanMode::add);
        CHECK(plan_target(c, "Credit note", true, false, true).error.empty());
        CHECK(plan_target(c, "Credit note", false, false, true).error.find("--due") !=
              std::string::npos);
    }
    SUBCASE("words that fit several actions list them") {
        c.actions.push_back(
            Action{.what = "Credit the fee", .due = ts("2026-11-30T12:00:00+01:00")});
        const PlanTarget t = plan_target(c, "credit", true, false);
        CHECK(t.error.find("1. Credit note; 2. Credit the fee") != std::string::npos);
        CHECK(t.error.find("--add") != std::string::npos);
    }
    SUBCASE("new words with a due time add an action") {
        CHECK(plan_target(c, "Call back", true, false).mode == PlanMode::add);
        CHECK(plan_target(c, "Call back", true, false).error.empty());
    }
    SUBCASE("the customer's wording finds the action too") {
        set_customer_wording(c.actions[0], "a credit note for invoice 2026-1187");
        CHECK(find_action(c, "invoice 2026-1187").index == std::size_t{0});
        CHECK(find_action(c, "A credit note for invoice 2026-1187").index == std::size_t{0});
    }
}

TEST_CASE("record_check") {
    ZoneGuard zone("Europe/Amsterdam");
    const Config config;
    Case c = case_with_deadline("2026-12-02T17:00:00+01:00");
    c.actions.push_back(
        Action{.what = "Credit note",
               .who = "Dini",
               .due = ts("2026-11-27T12:00:00+01:00"),
               .checks = {ts("2026-11-25T11:00:00+01:00"), ts("2026-11-26T10:30:00+01:00")}});
    SUBCASE("stalled plans a follow-up before the next planned check") {
        const auto r = record_check(c, 0, CheckOutcome::stalled, "no approval",
                                    ts("2026-11-25T11:05:00+01:00"), config);
        REQUIRE(r.follow_up);
        CHECK(r.follow_up->rfc3339() == "2026-11-25T13:05:00+01:00");
        CHECK(c.actions[0].checks.size() == 2);
        CHECK(c.actions[0].checks.front() == *r.follow_up);
        CHECK(c.actions[0].stalled == ts("2026-11-25T11:05:00+01:00"));
        CHECK(c.log.back().text == "stalled: Credit note (Dini) — no approval");
    }
    SUBCASE("close to the due time, halfway comes sooner") {
        const auto r =
            record_check(c, 0, CheckOutcome::stalled, "", ts("2026-11-27T11:00:00+01:00"), config);
        CHECK(r.follow_up->rfc3339() == "2026-11-27T11:30:00+01:00");
    }
    SUBCASE("done closes the action") {
        record_check(c, 0, CheckOutcome::done, "", ts("2026-11-25T11:05:00+01:00"), config);
        CHECK_FALSE(c.actions[0].open());
        CHECK(c.actions[0].checks.empty());
        CHECK(c.log.back().event == "done");
    }
}

TEST_CASE("parse_effort") {
    const WorkCalendar cal;  // 09:00-17:00
    CHECK(parse_effort("15m", cal) == 15);
    CHECK(parse_effort("2wh", cal) == 120);
    CHECK(parse_effort("1wd", cal) == 8 * 60);
    CHECK(parse_effort("0.5wd", cal) == 4 * 60);
    CHECK(parse_effort("1.5wh", cal) == 90);
    for (const char* bad : {"", "m", "15", "2h", "1d", "0m", "-1wh", "1..5wh", ".5wh", "1wdx",
                            "1 wh", "99999999999999wd"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_effort(bad, cal).has_value());
    }
}
