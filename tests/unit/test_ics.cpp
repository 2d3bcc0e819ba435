#include <algorithm>
#include <map>
#include <set>

#include <doctest/doctest.h>

#include "domain/planning.hpp"
#include "domain/text.hpp"
#include "fixture.hpp"
#include "render/ics.hpp"

using namespace owner;
using fixture::action;
using fixture::handed_over_case;

namespace {

// One VEVENT or VTODO: its properties by name (with parameters, as "DTSTART;VALUE=DATE").
struct Component {
    std::string kind;
    std::multimap<std::string, std::string> props;
    std::string get(const std::string& name) const {
        const auto it = props.find(name);
        return it == props.end() ? std::string("(absent)") : it->second;
    }
};

struct Calendar {
    std::vector<std::string> physical;  // lines as written, CRLF taken off
    std::vector<std::string> logical;   // unfolded
    std::vector<Component> items;
};

// Reads an iCalendar text the way a strict client does; CHECKs the line format on the way.
Calendar parse(const std::string& ics) {
    Calendar cal;
    REQUIRE(ics.ends_with("\r\n"));
    std::size_t start = 0;
    while (start < ics.size()) {
        const std::size_t end = ics.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        std::string line = ics.substr(start, end - start);
        CHECK_MESSAGE(line.find_first_of("\r\n") == std::string::npos, "a bare CR or LF: ", line);
        CHECK_MESSAGE(line.size() <= 75, "longer than 75 octets: ", line);
        CHECK_MESSAGE(!text_problem(line, false), "a UTF-8 character split by folding: ", line);
        cal.physical.push_back(line);
        start = end + 2;
    }
    for (const auto& line : cal.physical) {
        if (line.starts_with(" ")) {
            REQUIRE(!cal.logical.empty());
            cal.logical.back() += line.substr(1);
        } else {
            cal.logical.push_back(line);
        }
    }
    REQUIRE(cal.logical.front() == "BEGIN:VCALENDAR");
    REQUIRE(cal.logical.back() == "END:VCALENDAR");
    Component* open = nullptr;
    for (const auto& line : cal.logical) {
        const auto colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        const std::string name = line.substr(0, colon), value = line.substr(colon + 1);
        if (name == "BEGIN" && value != "VCALENDAR") {
            REQUIRE(open == nullptr);
            cal.items.push_back(Component{value, {}});
            open = &cal.items.back();
        } else if (name == "END" && value != "VCALENDAR") {
            REQUIRE(open != nullptr);
            CHECK(open->kind == value);
            open = nullptr;
        } else if (open) {
            open->props.emplace(name, value);
        }
    }
    CHECK(open == nullptr);
    return cal;
}

const Component* with_summary(const Calendar& cal, std::string_view summary) {
    for (const auto& c : cal.items) {
        if (c.get("SUMMARY") == summary) {
            return &c;
        }
    }
    return nullptr;
}

std::vector<std::string> uids(const Calendar& cal) {
    std::vector<std::string> out;
    for (const auto& c : cal.items) {
        out.push_back(c.get("UID"));
    }
    return out;
}

}  // namespace

TEST_CASE("ics_escape and ics_fold") {
    CHECK(ics_escape(R"(a,b;c\d)") == R"(a\,b\;c\\d)");
    CHECK(ics_escape("two\nlines\r\n") == R"(two\nlines\n)");
    CHECK(ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string exact(75, 'x');
    CHECK(ics_fold(exact) == exact + "\r\n");
    CHECK(ics_fold(exact + "y") == exact + "\r\n y\r\n");
    // A continuation line holds 74 octets after its leading space.
    const std::string folded = ics_fold(std::string(75 + 74 + 1, 'x'));
    CHECK(folded == exact + "\r\n " + std::string(74, 'x') + "\r\n x\r\n");
    // "ø" is two octets: the one that would straddle octet 75 moves to the next line whole.
    std::string wide = "SUMMARY:" + std::string(66, 'x');  // 74 octets
    CHECK(ics_fold(wide + "ø") == wide + "\r\n ø\r\n");
}

TEST_CASE("render_ics: a calendar a strict client reads") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    Case c =
        handed_over_case();  // Credit note (Dini) due Fri 27 Nov 12:00; deadline Wed 2 Dec 17:00
    c.customer = "Studio Nørd, Utrecht; \"west\"";
    c.title = "Refund\\credit, twice";
    c.actions[0].checks = {ts("2026-11-25T11:00:00+01:00"), ts("2026-11-26T12:00:00+01:00")};
    c.actions.push_back(action("Call back; then write, with a line break\nand ÆØÅ €€€ in a long "
                               "text that has to be folded more than once to fit in 75 octets",
                               "2026-11-26T09:30:00+01:00"));
    c.actions.push_back(action("Done already", "2026-11-24T09:30:00+01:00"));
    c.actions.back().done = ts("2026-11-24T09:00:00+01:00");
    Case gone = c;
    gone.id = "m3p8x";
    gone.closed = ts("2026-11-24T12:00:00+01:00");
    // What was finished before `since` is left out: the calendar has closed it already.
    const std::string ics = render_ics({c, gone}, now, config, IcsItems::events, now);
    const Calendar cal = parse(ics);

    CHECK(cal.physical.size() > cal.logical.size());  // something was folded
    CHECK(std::count(cal.logical.begin(), cal.logical.end(), "VERSION:2.0") == 1);
    SUBCASE("one event per open action and per check, and the deadline; nothing done or closed") {
        REQUIRE(cal.items.size() == 5);
        for (const auto& item : cal.items) {
            CHECK(item.kind == "VEVENT");
            CHECK(item.get("UID").starts_with("k7rq2-"));
            CHECK(item.get("DTSTAMP") == "20261125T090000Z");
        }
        CHECK(with_summary(cal, "Done already") == nullptr);
    }
    SUBCASE("text escaped: , ; \\ and line breaks") {
        const Component* call = nullptr;
        for (const auto& item : cal.items) {
            if (item.get("SUMMARY").starts_with("Call back")) {
                call = &item;
            }
        }
        REQUIRE(call);
        CHECK(call->get("SUMMARY") ==
              "Call back\\; then write\\, with a line break\\nand ÆØÅ €€€ in a long text that has "
              "to be folded more than once to fit in 75 octets");
        CHECK(call->get("DESCRIPTION") ==
              "Studio Nørd\\, Utrecht\\; \"west\" — Refund\\\\credit\\, twice (case k7rq2)");
    }
    SUBCASE("times in UTC, never floating") {
        const Component* credit = with_summary(cal, "Dini: Credit note");
        REQUIRE(credit);
        CHECK(credit->get("DTSTART") == "20261127T110000Z");
        CHECK(credit->get("DURATION") == "PT15M");
        const Component* first = with_summary(cal, "Check on Dini: Credit note");
        REQUIRE(first);
        CHECK(first->get("DTSTART") == "20261125T100000Z");
        CHECK(first->get("DURATION") == "PT10M");
        for (const auto& item : cal.items) {
            for (const auto& [name, value] : item.props) {
                if (name == "DTSTART" || name == "DTSTAMP" || name == "DUE") {
                    CHECK_MESSAGE(value.ends_with("Z"), name, ":", value);
                }
            }
        }
    }
    SUBCASE("the deadline: all day on its local date, transparent, the time in the summary") {
        const Component* deadline = nullptr;
        for (const auto& item : cal.items) {
            if (item.get("UID") == "k7rq2-deadline@owner") {
                deadline = &item;
            }
        }
        REQUIRE(deadline);
        CHECK(deadline->get("DTSTART;VALUE=DATE") == "20261202");
        CHECK(deadline->get("DTEND;VALUE=DATE") == "20261203");
        CHECK(deadline->get("TRANSP") == "TRANSPARENT");
        CHECK(deadline->get("SUMMARY").starts_with("Deadline 17:00 for Studio Nørd\\, Utrecht"));
        // Just after local midnight is still that local day, though UTC is on the day before.
        c.deadline = ts("2026-12-02T00:30:00+01:00");
        const Calendar early = parse(render_ics({c}, now, config));
        bool found = false;
        for (const auto& item : early.items) {
            if (item.get("UID") == "k7rq2-deadline@owner") {
                CHECK(item.get("DTSTART;VALUE=DATE") == "20261202");
                found = true;
            }
        }
        CHECK(found);
    }
    SUBCASE("UIDs: unique, and the same in every export so calendars update in place") {
        const auto first = uids(cal);
        CHECK(std::set<std::string>(first.begin(), first.end()).size() == first.size());
        Case later = c;
        later.actions[0].due = ts("2026-11-27T15:00:00+01:00");  // moved: the same event
        std::swap(later.actions[0], later.actions[1]);           // reordered
        later.actions.push_back(action("New", "2026-11-30T09:00:00+01:00"));
        const auto second = uids(parse(
            render_ics({later}, ts("2026-11-26T08:00:00+01:00"), config, IcsItems::events, now)));
        for (const auto& uid : first) {
            CAPTURE(uid);
            CHECK(std::find(second.begin(), second.end(), uid) != second.end());
        }
        CHECK(second.size() == first.size() + 1);
        Case other = c;
        other.id = "z9z9z";
        for (const auto& uid :
             uids(parse(render_ics({other}, now, config, IcsItems::events, now)))) {
            CHECK(std::find(first.begin(), first.end(), uid) == first.end());
        }
    }
}

TEST_CASE("render_ics: tasks") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    Case c = handed_over_case();
    c.priority = Priority::urgent;
    c.actions.push_back(action("Done already", "2026-11-24T09:30:00+01:00"));
    c.actions.back().done = ts("2026-11-24T09:00:00+01:00");
    c.actions[0].checks = {ts("2026-11-25T11:00:00+01:00")};
    const Calendar cal = parse(render_ics({c}, now, config, IcsItems::todos));
    std::size_t todos = 0;
    for (const auto& item : cal.items) {
        todos += item.kind == "VTODO" ? 1 : 0;
    }
    CHECK(todos == 3);  // two actions and one check; the deadline stays an event
    const Component* done = with_summary(cal, "Done already");
    REQUIRE(done);
    CHECK(done->kind == "VTODO");
    CHECK(done->get("STATUS") == "COMPLETED");
    CHECK(done->get("COMPLETED") == "20261124T080000Z");
    CHECK(done->get("PRIORITY") == "1");
    const Component* open = with_summary(cal, "Dini: Credit note");
    REQUIRE(open);
    CHECK(open->get("STATUS") == "NEEDS-ACTION");
    CHECK(open->get("DUE") == "20261127T110000Z");
    CHECK(open->get("COMPLETED") == "(absent)");
}

namespace {

const Component* with_uid(const Calendar& cal, const std::string& uid) {
    for (const auto& c : cal.items) {
        if (c.get("UID") == uid) {
            return &c;
        }
    }
    return nullptr;
}

const Component* with_uid_prefix(const Calendar& cal, const std::string& prefix) {
    for (const auto& c : cal.items) {
        if (c.get("UID").starts_with(prefix)) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("render_ics: what is finished closes in the client, under the same UID") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    // Credit note handed to Dini on Tue 24 Nov 9:00 with two checks; the owner's own call.
    Case c = handed_over_case();
    c.add_log(ts("2026-11-24T09:00:00+01:00"), "handed over",
              "Credit note → Dini, due 2026-11-27T12:00:00+01:00");
    c.actions[0].checks = {ts("2026-11-24T11:00:00+01:00"), ts("2026-11-25T15:00:00+01:00")};
    c.actions.push_back(action("Call back", "2026-11-26T10:00:00+01:00"));
    c.add_log(ts("2026-11-24T09:05:00+01:00"), "planned",
              "Call back, due 2026-11-26T10:00:00+01:00");
    c.actions.push_back(action("Send the form", "2026-11-26T16:00:00+01:00", "Ella"));
    c.add_log(ts("2026-11-24T09:10:00+01:00"), "handed over",
              "Send the form → Ella, due 2026-11-26T16:00:00+01:00");
    c.actions.back().checks = {ts("2026-11-24T12:00:00+01:00"), ts("2026-11-25T12:00:00+01:00")};
    const Timestamp before = ts("2026-11-24T10:00:00+01:00");
    const Calendar first = parse(render_ics({c}, before, config, IcsItems::todos));
    const Component* check1 = with_summary(first, "Check on Dini: Credit note");
    REQUIRE(check1);
    const std::string check1_uid = check1->get("UID");
    const std::string credit_uid = with_summary(first, "Dini: Credit note")->get("UID");
    const std::string call_uid = with_summary(first, "Call back")->get("UID");
    CHECK(with_summary(first, "Dini: Credit note")->get("SEQUENCE") == "0");
    CHECK(with_summary(first, "Dini: Credit note")->get("LAST-MODIFIED") == "20261124T080000Z");
    std::vector<std::string> form_checks;
    for (const auto& item : first.items) {
        if (item.get("SUMMARY") == "Check on Ella: Send the form") {
            form_checks.push_back(item.get("UID"));
        }
    }
    REQUIRE(form_checks.size() == 2);

    // Then: Dini's first check recorded, the credit note re-planned, the call done, the form
    // removed.
    const Timestamp now = ts("2026-11-25T10:00:00+01:00");
    record_check(c, 0, CheckOutcome::on_track, "", ts("2026-11-24T11:30:00+01:00"), config);
    c.actions[0].due = ts("2026-11-30T12:00:00+01:00");
    c.actions[0].checks = {ts("2026-11-26T09:00:00+01:00")};
    c.add_log(ts("2026-11-25T09:00:00+01:00"), "replanned",
              "Credit note → Dini, due 2026-11-30T12:00:00+01:00");
    c.actions[1].done = ts("2026-11-25T09:30:00+01:00");
    c.add_log(*c.actions[1].done, "done", "Call back");
    c.actions.pop_back();
    c.add_log(ts("2026-11-25T09:45:00+01:00"), "removed", "Send the form");

    SUBCASE("as tasks: ticked, moved or cancelled under the UIDs the list has") {
        const Calendar cal = parse(render_ics({c}, now, config, IcsItems::todos));
        const Component* recorded = with_uid(cal, check1_uid);
        REQUIRE(recorded);
        CHECK(recorded->get("STATUS") == "COMPLETED");
        CHECK(recorded->get("COMPLETED") == "20261124T103000Z");
        // The second check keeps its number: moved by the re-plan, not a new task.
        const Component* next =
            with_uid(cal, check1_uid.substr(0, check1_uid.size() - 7) + "2@owner");
        REQUIRE(next);
        CHECK(next->get("STATUS") == "NEEDS-ACTION");
        CHECK(next->get("DUE") == "20261126T080000Z");
        const Component* credit = with_uid(cal, credit_uid);
        REQUIRE(credit);
        CHECK(credit->get("DUE") == "20261130T110000Z");
        CHECK(credit->get("SEQUENCE") == "2");  // the check, the re-plan
        CHECK(credit->get("LAST-MODIFIED") == "20261125T080000Z");
        const Component* call = with_uid(cal, call_uid);
        REQUIRE(call);
        CHECK(call->get("STATUS") == "COMPLETED");
        CHECK(call->get("SEQUENCE") == "1");
        const Component* form = with_summary(cal, "Ella: Send the form");
        REQUIRE(form);
        CHECK(form->get("STATUS") == "CANCELLED");
        CHECK(form->get("LAST-MODIFIED") == "20261125T084500Z");
        CHECK(form->get("DUE") == "20261126T150000Z");  // as planned, from the log
        for (const auto& uid : form_checks) {
            CAPTURE(uid);
            const Component* check = with_uid(cal, uid);
            REQUIRE(check);
            CHECK(check->get("STATUS") == "CANCELLED");
        }
        const auto all = uids(cal);
        CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
    }
    SUBCASE("as events: what is finished is CANCELLED, the only end an event has") {
        const Calendar cal = parse(render_ics({c}, now, config));
        const Component* call = with_summary(cal, "Call back");
        REQUIRE(call);
        CHECK(call->get("STATUS") == "CANCELLED");
        CHECK(with_summary(cal, "Ella: Send the form")->get("STATUS") == "CANCELLED");
        CHECK(with_summary(cal, "Dini: Credit note")->get("STATUS") == "(absent)");
        const Component* recorded = with_uid_prefix(cal, "k7rq2-check-");
        REQUIRE(recorded);
        CHECK(recorded->get("STATUS") == "CANCELLED");
    }
    SUBCASE("a closed case: everything cancelled or done, and gone after --since") {
        c.closed = ts("2026-11-25T11:00:00+01:00");
        c.add_log(*c.closed, "closed", "customer accepted the solution");
        const Calendar cal = parse(render_ics({c}, now, config, IcsItems::todos));
        const Component* credit = with_uid(cal, credit_uid);
        REQUIRE(credit);
        CHECK(credit->get("STATUS") == "CANCELLED");
        CHECK(credit->get("SEQUENCE") == "3");
        CHECK(credit->get("LAST-MODIFIED") == "20261125T100000Z");
        CHECK(with_uid(cal, call_uid)->get("STATUS") == "COMPLETED");
        const Component* deadline = with_uid(cal, "k7rq2-deadline@owner");
        REQUIRE(deadline);
        CHECK(deadline->get("STATUS") == "CANCELLED");
        CHECK(deadline->get("SEQUENCE") == "1");
        for (const auto& item : cal.items) {
            CAPTURE(item.get("UID"));
            CHECK(item.get("STATUS") != "NEEDS-ACTION");
        }
        // Closed before `since`: nothing of it; finished before `since`: left out.
        CHECK(parse(render_ics({c}, now, config, IcsItems::todos, ts("2026-11-26T00:00:00+01:00")))
                  .items.empty());
        c.closed.reset();
        const Calendar later =
            parse(render_ics({c}, now, config, IcsItems::todos, ts("2026-11-25T09:40:00+01:00")));
        CHECK(with_uid(later, call_uid) == nullptr);
        CHECK(with_uid(later, check1_uid) == nullptr);
        CHECK(with_summary(later, "Ella: Send the form") != nullptr);
    }
}
