#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "allocations.hpp"
#include "domain/escalation.hpp"
#include "domain/views.hpp"
#include "fixture.hpp"
#include "render/text.hpp"
#include "render/views_render.hpp"

using namespace owner;
using fixture::action;
using fixture::make_case;

namespace {

// The section with this key, or nullptr when the view left it out (it was empty).
const Section* section(const TodayView& v, std::string_view key) {
    for (const auto& s : v.sections) {
        if (to_string(s.key) == key) {
            return &s;
        }
    }
    return nullptr;
}

std::vector<std::string> keys(const TodayView& v) {
    std::vector<std::string> out;
    for (const auto& s : v.sections) {
        out.push_back(std::string(to_string(s.key)));
    }
    return out;
}

std::vector<std::string> whats(const Section* s) {
    std::vector<std::string> out;
    if (s) {
        for (const auto& i : s->items) {
            out.emplace_back(i.what);
        }
    }
    return out;
}

// A case the customer was just told about: no update owed, nothing to review.
Case quiet_case(std::string id, const char* now) {
    Case c = make_case({.id = std::move(id), .customer = "M. Jansen"});
    c.last_update_to_customer = ts(now);
    return c;
}

}  // namespace

TEST_CASE("build_today: what goes in which section") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const char* kNow = "2026-11-25T10:00:00+01:00";  // Wednesday
    const Timestamp now = ts(kNow);

    Case a = quiet_case("aaaaa", kNow);
    a.actions.push_back(action("Call back", "2026-11-24T12:00:00+01:00"));            // overdue
    a.actions.push_back(action("Send form", "2026-11-25T15:00:00+01:00"));            // today
    a.actions.push_back(action("Dini's part", "2026-11-25T16:00:00+01:00", "Dini"));  // not mine
    a.actions.push_back(action("Later", "2026-11-26T00:00:00+01:00"));  // tomorrow, at midnight
    a.deadline = ts("2026-11-30T17:00:00+01:00");  // Monday: within 3 working days
    Case b = quiet_case("bbbbb", kNow);
    b.deadline = ts("2026-11-24T17:00:00+01:00");  // missed; and no open action
    Case d = quiet_case("ddddd", kNow);
    d.actions.push_back(action("Repair", "2026-11-27T12:00:00+01:00", "Dini"));
    d.actions[0].checks = {ts("2026-11-25T14:00:00+01:00"), ts("2026-11-25T16:00:00+01:00")};
    d.actions.push_back(action("Ship", "2026-11-30T12:00:00+01:00", "Ben"));
    d.actions[1].checks = {ts("2026-11-26T10:00:00+01:00")};  // tomorrow: not today's
    const std::vector<Case> cases = {a, b, d};
    const TodayView v = build_today(cases, now, config);

    CHECK(v.date == Date{2026, 11, 25});
    CHECK(v.previous_day == Date{2026, 11, 24});
    CHECK(v.open_cases == 3);
    // In display order, the empty ones left out. (The missed deadline with nothing planned is
    // also an escalation.)
    CHECK(keys(v) == std::vector<std::string>{"overdue", "today", "checks", "escalations",
                                              "deadlines", "no_next_step"});
    SUBCASE("overdue: open actions past due, missed deadlines") {
        const Section* s = section(v, "overdue");
        REQUIRE(s);
        CHECK(s->title == "Overdue");
        REQUIRE(s->items.size() == 2);
        const auto call = std::find_if(s->items.begin(), s->items.end(),
                                       [](const Item& i) { return i.what == "Call back"; });
        REQUIRE(call != s->items.end());
        CHECK(call->kind == ItemKind::action);
        CHECK(call->case_index == 0);
        CHECK(call->action_index == 0u);
        CHECK(call->who == "Sam");
        const auto missed = std::find_if(s->items.begin(), s->items.end(), [](const Item& i) {
            return i.kind == ItemKind::deadline;
        });
        REQUIRE(missed != s->items.end());
        CHECK(missed->case_index == 1);
        CHECK(missed->who == "M. Jansen");
    }
    SUBCASE("today: the owner's own actions due before midnight, no colleague's, nothing later") {
        CHECK(whats(section(v, "today")) == std::vector<std::string>{"Send form"});
    }
    SUBCASE("checks: one line per action, the earliest still to do, only today's") {
        const Section* s = section(v, "checks");
        REQUIRE(s);
        REQUIRE(s->items.size() == 1);
        CHECK(s->items[0].what == "Repair");
        CHECK(s->items[0].who == "Dini");
        CHECK(s->items[0].when->rfc3339() == "2026-11-25T14:00:00+01:00");
        CHECK(s->items[0].action_index == 0u);
    }
    SUBCASE("deadlines within soon_days working days, by time") {
        const Section* s = section(v, "deadlines");
        REQUIRE(s);
        CHECK(s->title == "Deadlines in the next 3 working days");
        REQUIRE(s->items.size() == 1);
        CHECK(s->items[0].case_index == 0);
        config.soon_days = 1;  // Thursday only: Monday's deadline is too far
        const TodayView one = build_today(cases, now, config);
        CHECK(section(one, "deadlines") == nullptr);
    }
    SUBCASE("no next step: an open case without an open action") {
        const Section* s = section(v, "no_next_step");
        REQUIRE(s);
        REQUIRE(s->items.size() == 1);
        CHECK(s->items[0].case_index == 1);
    }
}

TEST_CASE("build_today: escalations, updates, waiting, review, and yesterday's work") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    config.escalation.to = "Anna";
    const char* kNow = "2026-11-25T10:00:00+01:00";  // Wednesday
    const Timestamp now = ts(kNow);
    Case stalled = quiet_case("aaaaa", kNow);
    stalled.actions.push_back(action("Repair", "2026-11-27T12:00:00+01:00", "Dini"));
    stalled.actions[0].stalled = ts("2026-11-25T09:30:00+01:00");
    Case owed = make_case({.id = "bbbbb", .customer = "Wu"});  // never told: owed a first word
    owed.actions.push_back(action("Quote", "2026-11-27T12:00:00+01:00"));
    Case waits = quiet_case("ccccc", kNow);
    waits.actions.push_back(action("Install", "2026-11-30T12:00:00+01:00"));
    waits.add_log(ts("2026-11-23T10:00:00+01:00"), "waiting", "a photo of the meter");
    waits.log.back().extra.insert_or_assign("until", to_toml(ts("2026-11-25T09:00:00+01:00")));
    Case stale = quiet_case("ddddd", kNow);
    stale.actions.push_back(action("Plan", "2026-11-30T12:00:00+01:00"));
    stale.priority_reviewed = Date{2026, 11, 16};
    Case closed = quiet_case("eeeee", kNow);
    closed.add_log(ts("2026-11-24T15:00:00+01:00"), "done", "Refund");
    closed.add_log(ts("2026-11-24T16:00:00+01:00"), "closed", "accepted");
    closed.add_log(ts("2026-11-23T16:00:00+01:00"), "done", "two days ago: not shown");
    closed.closed = ts("2026-11-24T16:00:00+01:00");
    const std::vector<Case> given{stalled, owed, waits, stale, closed};
    const TodayView v = build_today(given, now, config);

    CHECK(v.open_cases == 4);
    CHECK(keys(v) == std::vector<std::string>{"escalations", "updates", "waiting", "review"});
    const Section* esc = section(v, "escalations");
    REQUIRE(esc);
    REQUIRE(esc->items.size() == 1);
    CHECK(esc->items[0].case_index == 0);
    CHECK(esc->items[0].who == "Anna");
    CHECK(esc->items[0].when->rfc3339() == "2026-11-25T09:30:00+01:00");
    const Section* upd = section(v, "updates");
    REQUIRE(upd);
    REQUIRE(upd->items.size() == 1);
    CHECK(upd->items[0].case_index == 1);
    CHECK(upd->items[0].who == "Wu");
    const Section* wait = section(v, "waiting");
    REQUIRE(wait);
    REQUIRE(wait->items.size() == 1);
    CHECK(wait->items[0].what == "a photo of the meter");
    CHECK(wait->items[0].when->rfc3339() == "2026-11-25T09:00:00+01:00");
    const Section* rev = section(v, "review");
    REQUIRE(rev);
    REQUIRE(rev->items.size() == 1);
    CHECK(rev->items[0].what == "priority normal not reviewed since 2026-11-16");
    SUBCASE("done before: what was done and closed on the previous working day, by time") {
        REQUIRE(v.done_before.size() == 2);
        CHECK(v.done_before[0].what == "Refund");
        CHECK(v.done_before[0].kind == ItemKind::action);
        CHECK(v.done_before[1].kind == ItemKind::deadline);  // the closed case
    }
    SUBCASE("a wait whose date has not come shows nothing and pauses the update") {
        Case still = waits;
        still.log.back().extra.insert_or_assign("until", to_toml(ts("2026-11-26T09:00:00+01:00")));
        const std::vector<Case> later{still};
        const TodayView w = build_today(later, now, config);
        CHECK(section(w, "waiting") == nullptr);
    }
}

namespace {
// Cases whose promise is broken by two overdue actions each: three escalations per case.
std::vector<Case> broken_promises(std::size_t n) {
    std::vector<Case> cases;
    for (std::size_t i = 0; i < n; ++i) {
        Case c = make_case(
            {.id = fmt::format("c{:04}", i),
             .customer = fmt::format("Customer with a long name {}", i),
             .deadline = i % 2 ? "2026-11-20T17:00:00+01:00" : "2026-11-19T17:00:00+01:00"});
        c.actions.push_back(action(fmt::format("Credit note for invoice 2026-{}", i),
                                   "2026-11-18T12:00:00+01:00", "Dini"));
        c.actions.push_back(
            action(fmt::format("Call back about the refund {}", i), "2026-11-18T15:00:00+01:00"));
        cases.push_back(std::move(c));
    }
    return cases;
}

// The texts the view makes itself (the others are views of the cases' and the config's) that
// are too long for the string itself: each needs memory of its own.
std::size_t heap_texts(const TodayView& v) {
    std::size_t n = 0;
    const auto count = [&](const Item& item) {
        const bool made = item.kind == ItemKind::escalation || item.kind == ItemKind::review;
        n += made && item.what.size() > 15;
        n += item.told.size() > 15;
    };
    for (const Section& s : v.sections) {
        n += s.title.size() > 15;
        std::for_each(s.items.begin(), s.items.end(), count);
    }
    std::for_each(v.done_before.begin(), v.done_before.end(), count);
    return n;
}
}  // namespace

TEST_CASE("build_today allocates for what it shows, not per rule it checks") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    config.escalation.to = "the team lead on duty";
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    const std::vector<Case> cases = broken_promises(60);
    build_today(cases, now, config);  // the working calendar's days, once
    test::AllocationCounter allocations;
    const TodayView v = build_today(cases, now, config);
    const std::size_t used = allocations.count();
    const Section* esc = section(v, "escalations");
    REQUIRE(esc);
    CHECK(esc->items.size() == 180);
    // Besides the texts shown: the sections, their titles' order and sorting, a few buffers.
    MESSAGE("allocations: ", used, ", texts shown that need memory: ", heap_texts(v));
    CHECK(used <= heap_texts(v) + 64);
}

TEST_CASE("build_today: items show the cases' own texts, and the view's own texts move with it") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    const std::vector<Case> cases = broken_promises(40);
    TodayView built = build_today(cases, now, config);
    const Section* overdue = section(built, "overdue");
    REQUIRE(overdue);
    std::size_t actions = 0;
    for (const Item& item : overdue->items) {
        if (item.action_index) {
            const Action& a = cases[item.case_index].actions[*item.action_index];
            CHECK(item.what.data() == a.what.data());  // not a copy
            CHECK(item.who == a.who.value_or("Sam"));
            ++actions;
        }
    }
    CHECK(actions == 80);
    std::vector<std::string> lines;
    for (const Item& item : section(built, "escalations")->items) {
        lines.emplace_back(item.what);
    }
    REQUIRE(lines.size() == 120);
    // Moved (as a command holds it, or returns it): the escalation lines it made are still there.
    std::vector<TodayView> moved;
    moved.push_back(std::move(built));
    moved.emplace_back();  // the vector grows: the view moves again
    const Section* esc = section(moved.front(), "escalations");
    REQUIRE(esc);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(esc->items[i].what == lines[i]);
    }
}

TEST_CASE("EscalationScan: the hits of escalations_due, case after case, in the same memory") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    const std::vector<Case> cases = broken_promises(4);
    EscalationScan scan;
    DueTimes memo;
    for (const Case& c : cases) {
        const std::vector<EscalationHit> due = escalations_due(c, now, config);
        const auto hits = scan(c, now, config, false, memo);
        REQUIRE(hits.size() == due.size());
        REQUIRE(hits.size() == 3);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            CHECK(hits[i].rule == due[i].rule);
            CHECK(hits[i].detail == due[i].detail);
            CHECK(hits[i].promise == due[i].promise);
            CHECK(hits[i].since == due[i].since);
            CHECK(hits[i].action == due[i].action);
        }
        CHECK(hits[2].rule == "deadline");
        CHECK(hits[2].detail.starts_with("the deadline promised to " + c.customer));
    }
    test::AllocationCounter allocations;
    for (const Case& c : cases) {
        CHECK(scan(c, now, config, false, memo).size() == 3);
    }
    CHECK(allocations.count() == 0);
    SUBCASE("deadlines and due times that share a slot of its memo keep their own words") {
        // Deadlines 509 minutes apart, due times 127: the same slot; case after case, and back.
        std::vector<Case> mixed = broken_promises(4);
        mixed[1].deadline = mixed[0].deadline->plus_seconds(509 * 60);
        mixed[2].actions[0].due = mixed[0].actions[0].due.plus_seconds(-127 * 60);
        mixed[3].deadline = mixed[0].actions[0].due;
        for (int round = 0; round < 2; ++round) {
            for (const Case& c : mixed) {
                const std::vector<EscalationHit> due = escalations_due(c, now, config);
                const auto hits = scan(c, now, config, false, memo);
                REQUIRE(hits.size() == due.size());
                for (std::size_t i = 0; i < hits.size(); ++i) {
                    CHECK(hits[i].detail == due[i].detail);
                    CHECK(hits[i].promise == due[i].promise);
                    CHECK(hits[i].since == due[i].since);
                }
            }
        }
    }
}

TEST_CASE("build_today: ordering") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    const char* kNow = "2026-11-25T10:00:00+01:00";
    Case low = quiet_case("aaaaa", kNow);
    low.priority = Priority::low;
    low.actions.push_back(action("low first", "2026-11-23T12:00:00+01:00"));
    Case urgent = quiet_case("bbbbb", kNow);
    urgent.priority = Priority::urgent;
    urgent.actions.push_back(action("urgent later", "2026-11-24T15:00:00+01:00"));
    urgent.actions.push_back(action("urgent earlier", "2026-11-24T11:00:00+01:00"));
    SUBCASE("most urgent case first (not the first given); within a case, earliest first") {
        const std::vector<Case> given{low, urgent};
        const TodayView v = build_today(given, ts(kNow), config);
        CHECK(whats(section(v, "overdue")) ==
              std::vector<std::string>{"urgent earlier", "urgent later", "low first"});
    }
    SUBCASE("deadlines by time, neither by urgency nor by the order given") {
        urgent.deadline = ts("2026-11-30T17:00:00+01:00");
        low.deadline = ts("2026-11-26T17:00:00+01:00");
        const std::vector<Case> given{urgent, low};
        const TodayView v = build_today(given, ts(kNow), config);
        const Section* s = section(v, "deadlines");
        REQUIRE(s);
        REQUIRE(s->items.size() == 2);
        CHECK(s->items[0].case_index == 1);
        CHECK(s->items[1].case_index == 0);
    }
}

TEST_CASE("build_today: the previous working day skips weekends and holidays") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    const std::vector<Case> given;
    CHECK(build_today(given, ts("2026-11-30T10:00:00+01:00"), config).previous_day ==
          Date{2026, 11, 27});  // Monday: Friday
    config.calendar = WorkCalendar({true, true, true, true, true, false, false}, 9 * 60, 17 * 60,
                                   {Date{2026, 11, 27}});
    CHECK(build_today(given, ts("2026-11-30T10:00:00+01:00"), config).previous_day ==
          Date{2026, 11, 26});  // Friday a holiday: Thursday
    CHECK(build_today(given, ts("2026-11-30T10:00:00+01:00"), config).sections.empty());
}

TEST_CASE("build_today: day boundaries are local midnights, also across a DST change") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    SUBCASE("the date is the local one, not UTC's") {
        const std::vector<Case> given;
        CHECK(build_today(given, ts("2026-11-24T23:30:00Z"), config).date == Date{2026, 11, 25});
    }
    SUBCASE("Sunday 25 October 2026 has 25 hours: 23:30 after the change is still today") {
        Case c = quiet_case("aaaaa", "2026-10-25T10:00:00+01:00");
        c.opened = ts("2026-10-23T10:00:00+02:00");
        c.actions.push_back(action("Late tonight", "2026-10-25T23:30:00+01:00"));
        c.actions.push_back(action("Past midnight", "2026-10-26T00:00:00+01:00"));
        const std::vector<Case> given{c};
        const TodayView v = build_today(given, ts("2026-10-25T10:00:00+01:00"), config);
        CHECK(v.date == Date{2026, 10, 25});
        CHECK(whats(section(v, "today")) == std::vector<std::string>{"Late tonight"});
    }
    SUBCASE("Sunday 29 March 2026 has 23 hours: 00:30 on Monday is tomorrow") {
        Case c = quiet_case("aaaaa", "2026-03-29T10:00:00+02:00");
        c.opened = ts("2026-03-27T10:00:00+01:00");
        c.actions.push_back(action("Before midnight", "2026-03-29T23:30:00+02:00"));
        c.actions.push_back(action("Monday", "2026-03-30T00:30:00+02:00"));
        const std::vector<Case> given{c};
        const TodayView v = build_today(given, ts("2026-03-29T10:00:00+02:00"), config);
        CHECK(whats(section(v, "today")) == std::vector<std::string>{"Before midnight"});
    }
    SUBCASE("the morning after the autumn change: yesterday's last hour is overdue") {
        Case c = quiet_case("aaaaa", "2026-10-26T00:30:00+01:00");
        c.opened = ts("2026-10-23T10:00:00+02:00");
        c.actions.push_back(action("Sunday night", "2026-10-25T23:30:00+01:00"));
        c.actions.push_back(action("Monday night", "2026-10-26T23:30:00+01:00"));
        const std::vector<Case> given{c};
        const TodayView v = build_today(given, ts("2026-10-26T00:30:00+01:00"), config);
        CHECK(v.date == Date{2026, 10, 26});
        CHECK(v.previous_day == Date{2026, 10, 23});
        CHECK(whats(section(v, "overdue")) == std::vector<std::string>{"Sunday night"});
        CHECK(whats(section(v, "today")) == std::vector<std::string>{"Monday night"});
    }
}

TEST_CASE("today_text: customer text is shown visibly, and the columns stay aligned") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const char* kNow = "2026-11-25T10:00:00+01:00";
    const Timestamp now = ts(kNow);
    Case a = quiet_case("aaaaa", kNow);
    a.customer = "Zoë \x1b]0;x\x07 山田";
    a.title = "Refund \x1b[31mnow\x1b[0m";
    a.deadline = ts("2026-11-24T17:00:00+01:00");
    a.actions.push_back(action("Call \x1b[2Jback", "2026-11-24T12:00:00+01:00", "Dini\r\n"));
    Case b = quiet_case("bbbbb", kNow);
    b.actions.push_back(action("Send form", "2026-11-20T15:00:00+01:00"));
    const std::vector<Case> cases = {a, b};
    const TodayView v = build_today(cases, now, config);
    for (const bool colour : {false, true}) {
        CAPTURE(colour);
        const std::string out = today_text(v, cases, now, Style(colour), kNoWidthLimit);
        CHECK(out.find("Zoë ␛]0;x␇ 山田") != std::string::npos);
        CHECK(out.find("promised: Refund ␛[31mnow␛[0m") != std::string::npos);
        CHECK(out.find("Call ␛[2Jback — Dini␍␊") != std::string::npos);
        CHECK(is_terminal_safe(out, colour));
        // Every row of the overdue section puts its last column at the same display column.
        std::vector<std::size_t> starts;
        for (const std::string_view what : {"promised: ", "Call ", "Send form"}) {
            const std::size_t at = out.find(what);
            REQUIRE(at != std::string::npos);
            const std::size_t line = out.rfind('\n', at) + 1;
            starts.push_back(display_width(std::string_view(out).substr(line, at - line)));
        }
        CHECK(starts[0] == starts[1]);
        CHECK(starts[1] == starts[2]);
    }
}

TEST_CASE("today_text_to and agenda_text_to: the text a section at a time, the same bytes") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const char* kNow = "2026-11-25T10:00:00+01:00";
    const Timestamp now = ts(kNow);
    std::vector<Case> cases;
    for (int n = 0; n < 40; ++n) {
        Case c = quiet_case(fmt::format("c{:04d}", n), kNow);
        c.customer = n % 3 == 0 ? "Zoë \x1b]0;x\x07 山田" : "Jansen";
        c.actions.push_back(action(fmt::format("Step {}", n), "2026-11-24T12:00:00+01:00", "Dini"));
        c.actions.push_back(action("Send form", "2026-11-25T15:00:00+01:00"));
        c.actions.push_back(action("Call back", "2026-11-26T11:00:00+01:00"));
        cases.push_back(c);
    }
    const TodayView today = build_today(cases, now, config);
    const AgendaView agenda =
        build_agenda(cases, Date{2026, 11, 25}, 5, AgendaFilter{}, now, config);
    REQUIRE(today.sections.size() >= 2);
    for (const bool colour : {false, true}) {
        for (const std::size_t width : {std::size_t{60}, kNoWidthLimit}) {
            CAPTURE(colour);
            CAPTURE(width);
            const Style style(colour);
            // Pieces of at least 100 bytes (but the last), each ending a line.
            const auto check_pieces = [](const std::function<void(TextOut&)>& write,
                                         const std::string& whole) {
                std::vector<std::string> pieces;
                TextOut out([&](std::string_view piece) { pieces.emplace_back(piece); }, 100);
                write(out);
                out.flush();
                CHECK(pieces.size() > 4);
                std::string joined;
                for (std::size_t i = 0; i < pieces.size(); ++i) {
                    CHECK(pieces[i].ends_with('\n'));
                    CHECK((pieces[i].size() >= 100 || i + 1 == pieces.size()));
                    joined += pieces[i];
                }
                CHECK(joined == whole);
            };
            check_pieces([&](TextOut& out) { today_text_to(out, today, cases, now, style, width); },
                         today_text(today, cases, now, style, width));
            check_pieces(
                [&](TextOut& out) { agenda_text_to(out, agenda, cases, now, style, width); },
                agenda_text(agenda, cases, now, style, width));
        }
    }
}

namespace {
// Whether the views and the escalation contact can be asked of these kinds of argument: a view
// points into the cases and the config it was built from, so neither may be a temporary.
template <typename Cases, typename C>
constexpr bool today_from = requires(Cases&& cases, C&& config) {
    build_today(std::forward<Cases>(cases), Timestamp{}, std::forward<C>(config));
};
template <typename Cases, typename C>
constexpr bool agenda_from = requires(Cases&& cases, C&& config) {
    build_agenda(std::forward<Cases>(cases), Date{}, 5, AgendaFilter{}, Timestamp{},
                 std::forward<C>(config));
};
template <typename K, typename C> constexpr bool contact_from = requires(K&& c, C&& config) {
    escalation_contact(std::forward<K>(c), std::forward<C>(config));
};
using Cases = std::vector<Case>;
}  // namespace

TEST_CASE("views: built only from cases and a config that outlive them") {
    CHECK(today_from<const Cases&, const Config&>);
    CHECK_FALSE(today_from<Cases, const Config&>);
    CHECK_FALSE(today_from<const Cases, const Config&>);
    CHECK_FALSE(today_from<const Cases&, Config>);
    CHECK_FALSE(today_from<const Cases&, const Config>);
    CHECK(agenda_from<const Cases&, const Config&>);
    CHECK_FALSE(agenda_from<Cases, const Config&>);
    CHECK_FALSE(agenda_from<const Cases&, Config>);
    CHECK(contact_from<const Case&, const Config&>);
    CHECK_FALSE(contact_from<Case, const Config&>);
    CHECK_FALSE(contact_from<const Case&, Config>);
}
