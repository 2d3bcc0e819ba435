#include <doctest/doctest.h>

#include "domain/merge.hpp"
#include "fixture.hpp"
#include "store/codec.hpp"

using namespace owner;

namespace {
Case base_case() {
    Case c = fixture::handed_over_case();
    c.add_log(c.opened, "opened", "");
    return c;
}
}  // namespace

TEST_CASE("merge_cases") {
    ZoneGuard zone("Europe/Amsterdam");
    const Timestamp now = ts("2026-11-26T10:00:00+01:00");
    const Case base = base_case();
    Case ours = base, theirs = base;
    SUBCASE("a change on one side wins") {
        theirs.deadline = ts("2026-12-03T17:00:00+01:00");
        ours.priority = Priority::high;
        const auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.deadline->rfc3339() == "2026-12-03T17:00:00+01:00");
        CHECK(r.merged.priority == Priority::high);
    }
    SUBCASE("log entries and actions from both sides are all kept, in time order") {
        ours.add_log(ts("2026-11-25T10:00:00+01:00"), "note", "ours");
        theirs.add_log(ts("2026-11-24T10:00:00+01:00"), "note", "theirs");
        ours.actions.push_back(Action{.what = "Call back", .due = ts("2026-11-26T12:00:00+01:00")});
        theirs.actions.push_back(
            Action{.what = "Send form", .due = ts("2026-11-26T15:00:00+01:00")});
        const auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        REQUIRE(r.merged.log.size() == 3);
        CHECK(r.merged.log[1].text == "theirs");
        CHECK(r.merged.log[2].text == "ours");
        CHECK(r.merged.actions.size() == 3);
    }
    SUBCASE("the same field changed differently is a conflict, unless a side is preferred") {
        ours.deadline = ts("2026-12-03T17:00:00+01:00");
        theirs.deadline = ts("2026-12-04T17:00:00+01:00");
        auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].field == "deadline");
        CHECK(r.conflicts[0].ours == "2026-12-03T17:00:00+01:00");
        r = merge_cases(base, ours, theirs, Prefer::theirs, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.deadline->rfc3339() == "2026-12-04T17:00:00+01:00");
        CHECK(r.merged.log.back().text == "sync kept their deadline");
    }
    SUBCASE("done on either side is done; a removal of an untouched action holds") {
        theirs.actions[0].done = ts("2026-11-26T09:00:00+01:00");
        auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.merged.actions[0].done.has_value());
        ours.actions.clear();
        theirs = base;
        r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.merged.actions.empty());
    }
    SUBCASE("a check recorded on one side and a re-plan on the other merge check by check") {
        // Issue 27: a colleague's check and the owner's re-plan used to stop the sync.
        const Timestamp first = ts("2026-11-24T11:00:00+01:00");
        const Timestamp second = ts("2026-11-25T14:00:00+01:00");
        const Timestamp added = ts("2026-12-01T10:00:00+01:00");
        Case b = base;
        b.actions[0].checks = {first, second};
        ours = b;
        theirs = b;
        ours.actions[0].checks = {second};  // the first check recorded: stalled
        ours.actions[0].stalled = first;
        ours.add_log(first, "check", "stalled");
        const Timestamp later_due = ts("2026-12-02T12:00:00+01:00");
        theirs.actions[0].due = later_due;  // re-planned: a new check, the second one kept
        theirs.actions[0].checks = {second, added};
        for (const bool swapped : {false, true}) {
            CAPTURE(swapped);
            const auto r = swapped ? merge_cases(b, theirs, ours, Prefer::none, now)
                                   : merge_cases(b, ours, theirs, Prefer::none, now);
            CHECK(r.conflicts.empty());
            const Action& a = r.merged.actions[0];
            CHECK(a.due == later_due);
            CHECK(a.stalled == first);
            CHECK(a.checks == std::vector<Timestamp>{second, added});
        }
        // The same check recorded on both sides is recorded once.
        theirs = b;
        theirs.actions[0].checks = {second};
        const auto r = merge_cases(b, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.actions[0].checks == std::vector<Timestamp>{second});
    }
    SUBCASE("two different cases under one id are never merged into one") {
        theirs.customer = "Someone else";
        theirs.opened = ts("2026-11-24T09:00:00+01:00");
        const auto r = merge_cases(std::nullopt, ours, theirs, Prefer::none, now);
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].field == "id");
    }
    SUBCASE("keys added by hand on one side survive a change on the other, at any depth") {
        ours.extra.insert("crm_id", "CRM-77");
        ours.actions[0].extra.insert("ticket", "T-9");
        ours.extra.insert("billing", toml::table{{"plan", "gold"}});
        theirs.priority = Priority::high;
        theirs.add_log(ts("2026-11-25T10:00:00+01:00"), "note", "theirs");
        auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.extra["crm_id"].value_or(std::string()) == "CRM-77");
        CHECK(r.merged.actions[0].extra["ticket"].value_or(std::string()) == "T-9");
        CHECK(r.merged.extra["billing"]["plan"].value_or(std::string()) == "gold");
        CHECK(r.merged.priority == Priority::high);
        // The same the other way round.
        r = merge_cases(base, theirs, ours, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.extra["crm_id"].value_or(std::string()) == "CRM-77");
        CHECK(r.merged.actions[0].extra["ticket"].value_or(std::string()) == "T-9");
        CHECK(r.merged.extra["billing"]["plan"].value_or(std::string()) == "gold");
    }
    SUBCASE("a hand-added key removed on one side and untouched on the other is removed; changed "
            "on both conflicts") {
        Case b2 = base;
        b2.extra.insert("crm_id", "CRM-1");
        ours = b2;
        theirs = b2;
        ours.extra.erase("crm_id");
        auto r = merge_cases(b2, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK_FALSE(r.merged.extra.contains("crm_id"));
        ours = b2;
        ours.extra.insert_or_assign("crm_id", "CRM-2");
        theirs.extra.insert_or_assign("crm_id", "CRM-3");
        ours.extra.insert("billing", toml::table{{"plan", "gold"}});
        theirs.extra.insert("billing", toml::table{{"vat", "NL1"}});
        r = merge_cases(b2, ours, theirs, Prefer::none, now);
        REQUIRE(r.conflicts.size() == 1);
        CHECK(r.conflicts[0].field == "crm_id");
        CHECK(r.conflicts[0].ours.find("CRM-2") != std::string::npos);
        CHECK(r.merged.extra["billing"]["plan"].value_or(std::string()) == "gold");
        CHECK(r.merged.extra["billing"]["vat"].value_or(std::string()) == "NL1");
    }
}

TEST_CASE("changed_fields") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case before = base_case();
    Case after = before;
    CHECK(changed_fields(before, after).empty());
    after.priority = Priority::high;
    after.add_log(ts("2026-11-25T10:00:00+01:00"), "priority", "high");
    after.extra.insert("crm_id", "CRM-77");
    CHECK(changed_fields(before, after) == std::vector<std::string>{"priority", "crm_id", "log"});
    after = before;
    after.actions[0].extra.insert("ticket", "T-9");
    after.title = "Secret";
    CHECK(changed_fields(before, after) == std::vector<std::string>{"title", "actions"});
    SUBCASE("hand-added keys of an action or a log entry, read twice, are the same") {
        Case keyed = before;
        keyed.actions[0].extra.insert("tell", "a credit note");
        keyed.log[0].extra.insert("channel", "phone");
        const std::string text = write_case(keyed);
        // Two readings: their keys are equal tables at different addresses.
        CHECK(changed_fields(parse_case(text, "a.toml"), parse_case(text, "b.toml")).empty());
        Case retold = parse_case(text, "b.toml");
        retold.actions[0].extra.insert_or_assign("tell", "a refund");
        CHECK(changed_fields(parse_case(text, "a.toml"), retold) ==
              std::vector<std::string>{"actions"});
    }
}
