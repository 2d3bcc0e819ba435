#include <doctest/doctest.h>

#include "domain/error.hpp"
#include "domain/taskwarrior.hpp"
#include "fixture.hpp"
#include "zone.hpp"

using namespace owner;
using fixture::kMonday;

namespace {

TaskwarriorTask task(std::string uuid, std::string description, std::string project = "",
                     std::string status = "pending") {
    TaskwarriorTask t;
    t.name = "task '" + description + "'";
    t.uuid = std::move(uuid);
    t.description = std::move(description);
    t.project = std::move(project);
    t.status = std::move(status);
    t.entry = ts("2026-11-20T09:00:00+01:00");
    return t;
}

std::string error_of(const std::vector<TaskwarriorTask>& tasks) {
    try {
        cases_from_taskwarrior(tasks, ts(kMonday), WorkCalendar());
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("parse_taskwarrior_time") {
    ZoneGuard zone("Europe/Amsterdam");
    CHECK(parse_taskwarrior_time("20261125T120000Z") == ts("2026-11-25T13:00:00+01:00"));
    CHECK(parse_taskwarrior_time("20261125T120000Z")->offset_minutes == 60);  // shown locally
    CHECK_FALSE(parse_taskwarrior_time("2026-11-25T12:00:00Z"));
    CHECK_FALSE(parse_taskwarrior_time("20261325T120000Z"));
    CHECK_FALSE(parse_taskwarrior_time("20261125T250000Z"));
    CHECK_FALSE(parse_taskwarrior_time("99991125T120000Z"));  // out of the supported range
    CHECK_FALSE(parse_taskwarrior_time("20261125T120000"));
}

TEST_CASE("cases_from_taskwarrior") {
    ZoneGuard zone("Europe/Amsterdam");
    const Timestamp now = ts(kMonday);  // Mon 23 Nov 09:00

    SUBCASE("one case per project, a task without one a case of its own") {
        auto a = task("a", "Refund", "Jansen");
        a.due = ts("2026-11-27T12:00:00+01:00");
        const auto made = cases_from_taskwarrior(
            {a, task("b", "Lone task"), task("c", "Credit note", "Jansen")}, now, WorkCalendar());
        REQUIRE(made.cases.size() == 2);
        CHECK(made.cases[0].customer == "Jansen");
        CHECK(made.cases[0].title == "Jansen");
        REQUIRE(made.cases[0].actions.size() == 2);
        CHECK(made.cases[0].actions[0].what == "Refund");
        CHECK(made.cases[0].actions[0].due == ts("2026-11-27T12:00:00+01:00"));
        CHECK(made.cases[1].title == "Lone task");
        CHECK(made.cases[1].customer == "Lone task");
        CHECK(made.cases[0].id.empty());  // ids are the command's
    }

    SUBCASE("a task without a due is due at the end of the next working day, said in a note") {
        const auto made = cases_from_taskwarrior({task("a", "Call", "X")}, now, WorkCalendar());
        CHECK(made.cases[0].actions[0].due == ts("2026-11-24T17:00:00+01:00"));
        REQUIRE(made.notes.size() == 1);
        CHECK(made.notes[0] == "task 'Call' has no due date: due Tue 24 Nov 17:00 in case 'X'");
        // On a Friday the next working day is Monday.
        const auto friday = cases_from_taskwarrior({task("a", "Call", "X")},
                                                   ts("2026-11-27T16:00:00+01:00"), WorkCalendar());
        CHECK(friday.cases[0].actions[0].due == ts("2026-11-30T17:00:00+01:00"));
    }

    SUBCASE("the case's priority is the highest of its open tasks") {
        auto h = task("h", "Done high", "X", "completed");
        h.priority = "H";
        auto m = task("m", "Open medium", "X");
        m.priority = "M";
        auto l = task("l", "Open low", "X");
        l.priority = "L";
        CHECK(cases_from_taskwarrior({h, m, l}, now, WorkCalendar()).cases[0].priority ==
              Priority::normal);
        CHECK(cases_from_taskwarrior({h, l}, now, WorkCalendar()).cases[0].priority ==
              Priority::low);
        CHECK(cases_from_taskwarrior({task("x", "None", "X")}, now, WorkCalendar())
                  .cases[0]
                  .priority == Priority::normal);
        h.status = "pending";
        CHECK(cases_from_taskwarrior({h, m, l}, now, WorkCalendar()).cases[0].priority ==
              Priority::high);
    }

    SUBCASE("tags of every task once, annotations as log entries after the opening") {
        auto a = task("a", "Refund", "X");
        a.tags = {"billing", "vip"};
        a.annotations = {{ts("2026-11-21T10:00:00+01:00"), "Customer called again"}};
        auto b = task("b", "Credit", "X");
        b.tags = {"vip", "late"};
        b.entry = ts("2026-11-19T08:00:00+01:00");
        const Case c = cases_from_taskwarrior({a, b}, now, WorkCalendar()).cases[0];
        CHECK(c.tags == std::vector<std::string>{"billing", "vip", "late"});
        CHECK(c.opened == ts("2026-11-19T08:00:00+01:00"));  // the earliest task
        REQUIRE(c.log.size() == 2);
        CHECK(c.log[0].event == "opened");
        CHECK(c.log[0].text == "imported from Taskwarrior (2 tasks)");
        CHECK(c.log[1].event == "note");
        CHECK(c.log[1].text == "Refund: Customer called again");
        CHECK(c.log[1].at == ts("2026-11-21T10:00:00+01:00"));
    }

    SUBCASE("an action comes after those it depends on, and is not due before them") {
        auto send = task("s", "Send credit note", "X");
        send.depends = {"r", "elsewhere"};
        auto refund = task("r", "Refund", "X");
        refund.due = ts("2026-11-27T12:00:00+01:00");
        const Case c = cases_from_taskwarrior({send, refund}, now, WorkCalendar()).cases[0];
        REQUIRE(c.actions.size() == 2);
        CHECK(c.actions[0].what == "Refund");
        CHECK(c.actions[1].what == "Send credit note");
        CHECK(c.actions[1].due == ts("2026-11-27T12:00:00+01:00"));
    }

    SUBCASE("a cycle keeps every task; a long chain is ordered without recursion") {
        auto a = task("a", "A", "X");
        a.depends = {"b"};
        auto b = task("b", "B", "X");
        b.depends = {"a"};
        CHECK(cases_from_taskwarrior({a, b}, now, WorkCalendar()).cases[0].actions.size() == 2);
        // Each task depends on the one after it: the last comes first.
        std::vector<TaskwarriorTask> chain;
        for (int i = 0; i < 20000; ++i) {
            chain.push_back(task(std::to_string(i), "T" + std::to_string(i), "X"));
            chain.back().depends = {std::to_string(i + 1)};
        }
        const Case c = cases_from_taskwarrior(chain, now, WorkCalendar()).cases[0];
        REQUIRE(c.actions.size() == 20000);
        CHECK(c.actions.front().what == "T19999");
        CHECK(c.actions.back().what == "T0");
    }

    SUBCASE("completed tasks are done actions; deleted and past recurring ones are left out") {
        auto done = task("d", "Done", "X", "completed");
        done.end = ts("2026-11-22T10:00:00+01:00");
        auto templ = task("t", "Weekly report", "X", "recurring");
        templ.recurring = true;
        auto past = task("p", "Weekly report", "X", "completed");
        past.recurring = true;
        auto next = task("n", "Weekly report", "X");
        next.recurring = true;
        next.due = ts("2026-11-30T09:00:00+01:00");
        const auto made =
            cases_from_taskwarrior({done, templ, past, next, task("x", "Gone", "X", "deleted"),
                                    task("w", "Later", "X", "waiting")},
                                   now, WorkCalendar());
        REQUIRE(made.cases.size() == 1);
        const Case& c = made.cases[0];
        REQUIRE(c.actions.size() == 3);
        CHECK(c.actions[0].done == ts("2026-11-22T10:00:00+01:00"));
        CHECK(c.actions[1].what == "Weekly report");
        CHECK(c.actions[1].due == ts("2026-11-30T09:00:00+01:00"));
        CHECK(c.actions[1].open());
        CHECK(c.actions[2].what == "Later");
        CHECK(made.notes.size() == 1);  // Later; not the done task
    }

    SUBCASE("an unknown priority or status is one line naming the task") {
        auto p = task("p", "Call", "X", "deleted");
        p.priority = "urgent";
        CHECK(error_of({p}) == "task 'Call': priority 'urgent': expected H, M or L");
        CHECK(error_of({task("s", "Call", "X", "open")}) ==
              "task 'Call': status 'open': expected pending, waiting, completed, deleted or "
              "recurring");
    }
}
