// Every subcommand (commands.hpp kCommands), __complete and __merge, run in-process on a temporary
// store: what it printed, its exit status and, for writers, the case file it wrote.

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands/commands.hpp"
#include "commands/context.hpp"
#include "sandbox.hpp"

using namespace owner_test;

namespace {

constexpr const char* kNamed = "name = \"Sam Owner\"\nemail = \"sam@example.com\"\n";

// A case with an action for a colleague, a deadline, and a note: enough for most views.
std::string busy_case(Sandbox& s) {
    const std::string id =
        s.new_case("Double charge on November invoice", "M. Jansen",
                   {"--deadline", "fri 17:00", "-p", "high", "--contact", "m@jansen.example"});
    s.ok({"plan", id, "Refund the second payment", "--who", "Dini", "--due", "thu 12:00"});
    return id;
}

// Counts its destruction; only the one that was not moved from counts.
struct Counted {
    int* destroyed;
    explicit Counted(int* d) : destroyed(d) {}
    Counted(Counted&& other) noexcept : destroyed(std::exchange(other.destroyed, nullptr)) {}
    Counted(const Counted&) = delete;
    Counted& operator=(const Counted&) = delete;
    Counted& operator=(Counted&&) = delete;
    ~Counted() {
        if (destroyed != nullptr) {
            ++*destroyed;
        }
    }
};

// The commands a case of this file is about, from its name: the words before the first ':',
// split at " and ", each its first word.
std::vector<std::string> commands_named(std::string_view name) {
    std::vector<std::string> out;
    const auto colon = name.find(':');
    if (colon == std::string_view::npos) {
        return out;
    }
    std::string_view head = name.substr(0, colon);
    while (!head.empty()) {
        const auto joint = head.find(" and ");
        const std::string_view part = head.substr(0, joint);
        out.emplace_back(part.substr(0, part.find(' ')));
        head = joint == std::string_view::npos ? std::string_view() : head.substr(joint + 5);
    }
    return out;
}

}  // namespace

// doctest's registry of cases (it has no public way to list them): what this file tests.
namespace doctest::detail {
std::set<TestCase>& getRegisteredTests();
}  // namespace doctest::detail

TEST_CASE("HeldResults: freed with the command in-process, kept whole when the process ends") {
    int destroyed = 0;
    {
        owner::HeldResults held;
        Counted& kept = held.hold(Counted(&destroyed), false);
        CHECK(kept.destroyed == &destroyed);
        CHECK(destroyed == 0);
    }
    CHECK(destroyed == 1);
    {
        owner::HeldResults held;
        held.hold(Counted(&destroyed), false);
        held.hold(Counted(&destroyed), true);  // one holder for the real process: all kept
    }
    CHECK(destroyed == 1);
}

TEST_SUITE("commands in-process") {

    TEST_CASE("every command in kCommands has a case in this file") {
        // A case here is named after the commands it runs: "CMD: what it shows" or "CMD and
        // CMD: …". A command added to kCommands without one fails here.
        std::set<std::string> tested;
        for (const doctest::detail::TestCase& t : doctest::detail::getRegisteredTests()) {
            if (std::string_view(t.m_test_suite) == "commands in-process") {
                for (const std::string& name : commands_named(t.m_name)) {
                    tested.insert(name);
                }
            }
        }
        std::string untested;  // the names, for the failure to show
        for (const auto& spec : owner::kCommands) {
            if (!tested.contains(std::string(spec.name))) {
                untested += std::string(spec.name) + " ";
            }
        }
        for (const char* helper : {"__complete", "__merge"}) {
            if (!tested.contains(helper)) {
                untested += std::string(helper) + " ";
            }
        }
        CHECK(untested == "");
        CHECK(tested.size() >= std::size(owner::kCommands));  // it read the names
    }

    TEST_CASE("the command-coverage guard reads the commands a case names") {
        CHECK(commands_named("today: the morning view") == std::vector<std::string>{"today"});
        CHECK(commands_named("close and reopen: the case moves") ==
              std::vector<std::string>{"close", "reopen"});
        CHECK(commands_named("new --from-mail -: the mail opens a case") ==
              std::vector<std::string>{"new"});
        CHECK(commands_named("no colon here").empty());
    }

    TEST_CASE("today: an empty store says how to start, with a name set, no login lookup") {
        Sandbox s;
        s.use_config(kNamed);
        const Result r = s.ok({"today"});
        CHECK(r.out == "Wednesday 25 November 2026 · no open cases.\n"
                       "Open one with: owner new TITLE --customer NAME\n"
                       "Or look around a demo store first: owner demo\n");
        CHECK(s.login_lookups == 0);
        CHECK_FALSE(contains(r.err, "your name is not set"));
    }

    TEST_CASE("today: without a name the login's is looked up once and the hint names it") {
        Sandbox s;
        const Result r = s.ok({});  // `owner` alone is today
        CHECK(s.login_lookups == 1);
        CHECK(contains(r.err,
                       "owner: note: your name is not set, so drafts are signed \"Login Name\""));
        CHECK(contains(r.err, (s.home() / ".config" / "owner" / "config.toml").string()));
    }

    TEST_CASE("today: the morning view lists a colleague's action and the update owed") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result r = s.ok({"today"}, 0);
        CHECK(contains(r.out,
                       "Wednesday 25 November 2026 · 1 open case · 0 overdue · 0 for today\n"));
        CHECK(contains(r.out,
                       "Checks due (1)\n  " + id +
                           "  today 11:00  M. Jansen  check on Dini: Refund the second payment\n"));
        CHECK(
            contains(r.out, "  " + id + "  Fri 27 Nov 17:00  M. Jansen  promised: Double charge"));
        CHECK(r.err.empty());
    }

    TEST_CASE("new: prints the id and writes the case file") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV", {"-p", "urgent"});
        const std::string file = s.read_case(id);
        CHECK(contains(file, "title = \"Broken hinge\""));
        CHECK(contains(file, "customer = \"Acme BV\""));
        CHECK(contains(file, "priority = \"urgent\""));
        CHECK(contains(file, "opened = 2026-11-25T09:00:00+01:00"));
    }

    TEST_CASE("new: a missing --customer is a usage error on one line, nothing written") {
        Sandbox s;
        const Result r = s.run({"new", "No customer"});
        CHECK(r.code == 2);
        CHECK(r.out.empty());
        CHECK(contains(r.err, "owner: error: "));
        CHECK(contains(r.err,
                       "a case needs a title and a customer (--customer NAME), or --from-mail"));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(s.store() / "cases"));
    }

    TEST_CASE("list: open cases with id, customer and title, --json is the same data") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string a = s.new_case("Broken hinge", "Acme BV");
        const std::string b = busy_case(s);
        const Result r = s.ok({"list"});
        CHECK(contains(r.out, a));
        CHECK(contains(r.out, b));
        CHECK(contains(r.out, "Broken hinge"));
        CHECK(r.out.find(b) < r.out.find(a));  // high priority and a deadline first
        const Result j = s.ok({"list", "--json"});
        CHECK(contains(j.out, "\"id\": \"" + a + "\""));
    }

    TEST_CASE("show: fields, actions and log of one case, an unknown case is an error") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result r = s.ok({"show", id.substr(0, 3)});
        CHECK(contains(r.out, "Double charge on November invoice"));
        CHECK(contains(r.out, "Refund the second payment"));
        CHECK(contains(r.out, "Dini"));
        const Result bad = s.run({"show", "zzzzz"});
        CHECK(bad.code != 0);
        CHECK(contains(bad.err, "owner: error: "));
        CHECK(bad.out.empty());
    }

    TEST_CASE("note: adds a log entry to the case file") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"note", id, "Billing approved the refund"});
        CHECK(contains(s.read_case(id), "Billing approved the refund"));
    }

    TEST_CASE("edit: the editor's change is saved, an invalid one is refused") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.env["VISUAL"] = "sed -i s/hinge/lock/";
        s.ok({"edit", id});
        CHECK(contains(s.read_case(id), "title = \"Broken lock\""));
        s.env["VISUAL"] = "sed -i s/^customer/costumer/";
        const Result bad = s.run({"edit", id});
        CHECK(bad.code != 0);
        CHECK(contains(bad.err, "customer: expected a string (the key is missing); case " + id +
                                    " is unchanged, your edit is kept in"));
        CHECK(contains(s.read_case(id), "customer = \"Acme BV\""));
    }

    TEST_CASE("prioritize: ranks cases, setting a level writes it") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string a = s.new_case("Broken hinge", "Acme BV");
        const std::string b = busy_case(s);
        const Result r = s.ok({"prioritize"});
        CHECK(r.out.find(b) < r.out.find(a));
        s.ok({"prioritize", a, "urgent"});
        CHECK(contains(s.read_case(a), "priority = \"urgent\""));
    }

    TEST_CASE("plan: an action for a colleague schedules two checks and is written") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const Result r =
            s.ok({"plan", id, "Order a new hinge", "--who", "Dini", "--due", "fri 12:00"});
        CHECK(contains(r.err, "owner: checks on Dini planned for"));
        const std::string file = s.read_case(id);
        CHECK(contains(file, "what = \"Order a new hinge\""));
        CHECK(contains(file, "who = \"Dini\""));
        CHECK(contains(file, "due = 2026-11-27T12:00:00+01:00"));
    }

    TEST_CASE("done: marks the action done in the file") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        s.ok({"done", id, "refund", "--note", "sent"});
        CHECK(contains(s.read_case(id), "done = 2026-11-25T09:00:00+01:00"));
    }

    TEST_CASE("agenda: the working days ahead with the action on its day") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result r = s.ok({"agenda", "--days", "5"});
        CHECK(contains(r.out, "Thu 26 Nov · 1 item\n  " + id +
                                  "  12:00  M. Jansen  Refund the second payment — Dini\n"));
        CHECK(contains(r.out, "Tue 1 Dec · 0 items\n"));
        CHECK_FALSE(contains(r.out, "Wed 2 Dec"));
    }

    TEST_CASE("draft: a customer message names who does what by when, signed with the name") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        s.ok({"plan", id, "1", "--tell", "a refund of the second payment"});
        const Result r = s.ok({"draft", id});
        CHECK(contains(r.out, "- A refund of the second payment — by Thursday 26 November\n"));
        CHECK(contains(r.out, "I will make sure this is done by Friday 27 November at 17:00."));
        CHECK(contains(r.out, "Sam Owner"));
        CHECK(s.login_lookups == 0);
        s.ok({"draft", id, "--sent"});
        CHECK(contains(s.read_case(id), "last_update_to_customer = 2026-11-25T09:00:00+01:00"));
    }

    TEST_CASE("told: records the update in the log") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"told", id, "refund approved"});
        const std::string file = s.read_case(id);
        CHECK(contains(file, "refund approved"));
        CHECK(contains(file, "last_update_to_customer = 2026-11-25T09:00:00+01:00"));
    }

    TEST_CASE("deadline: a renegotiated promise is written and logged with its reason") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result r =
            s.ok({"deadline", id, "mon 12:00", "--reason", "billing needs a day more"});
        CHECK(contains(r.err, "owner: promise to M. Jansen is now"));
        const std::string file = s.read_case(id);
        CHECK(contains(file, "deadline = 2026-11-30T12:00:00+01:00"));
        CHECK(contains(file, "billing needs a day more"));
    }

    TEST_CASE("wait: the case waits on the customer until a date") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"wait", id, "--until", "thu", "--note", "a photo of the damage"});
        const std::string file = s.read_case(id);
        CHECK(contains(file, "a photo of the damage"));
        CHECK(contains(file, "2026-11-26"));
    }

    TEST_CASE("check: none due, then a colleague's check due today, recording one writes it") {
        Sandbox s;
        s.use_config(kNamed);
        s.new_case("Broken hinge", "Acme BV");
        const Result none = s.ok({"check"});
        CHECK(contains(none.err, "No checks due today."));
        CHECK(none.out.empty());
        const std::string id = busy_case(s);
        const Result due = s.ok({"check"});
        CHECK(contains(due.out, id + "  today 11:00  1. Refund the second payment — Dini"));
        CHECK(
            contains(due.err, "Record each with: owner check CASE [ACTION] done|on-track|stalled"));
        s.ok({"check", id, "refund", "on-track", "--note", "started"});
        const std::string file = s.read_case(id);
        CHECK(contains(file, "on-track"));
        CHECK(contains(file, "started"));
    }

    TEST_CASE("escalate: nothing to escalate, one recorded with a contact drafts to them") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result none = s.ok({"escalate"});
        CHECK(contains(none.err, "No case meets an escalation rule."));
        const Result r =
            s.ok({"escalate", id, "--to", "Team lead", "--reason", "deadline at risk"});
        CHECK(contains(r.out, "--- to Team lead ---"));
        CHECK(contains(s.read_case(id), "deadline at risk"));
    }

    TEST_CASE("close and reopen: the case moves to closed/ and back, history intact") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", id, "--accepted", "--rating", "4"});
        CHECK_FALSE(fs::exists(s.case_path(id)));
        const fs::path closed = s.store() / "archive";
        REQUIRE(fs::exists(closed));
        bool found = false;
        for (const auto& e : fs::recursive_directory_iterator(closed)) {
            if (e.path().filename() == id + ".toml") {
                found = true;
                CHECK(contains(slurp(e.path()), "rating = 4"));
            }
        }
        CHECK(found);
        s.ok({"reopen", id, "customer called back"});
        const std::string file = s.read_case(id);
        CHECK(contains(file, "customer called back"));
        CHECK(contains(file, "rating = 4"));
    }

    TEST_CASE("stats: counts a closed case") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", id, "--accepted", "--rating", "5"});
        const Result r = s.ok({"stats", "--json"});
        CHECK(contains(r.out, "\"closed\": 1"));
    }

    TEST_CASE("stats: --until, the weeks and the rules in the JSON, --weekly as bars") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string a = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", a, "--accepted", "--rating", "5", "--remark", "Quick <and> kind"});
        const Result all = s.ok({"stats", "--json"});
        CHECK(contains(all.out, "\"until\": null"));
        CHECK(contains(all.out, "\"week\": \"2026-W48\""));
        CHECK(contains(all.out, "\"first_confirmation_in_time\": 1"));
        CHECK(contains(all.out, "\"stalled\": 0"));
        CHECK(contains(all.out, "\"5\": 1"));
        CHECK(contains(all.out, "\"remark\": \"Quick <and> kind\""));
        // Closed today (Wed 25 Nov): not by the end of yesterday, but by the end of today.
        const Result before = s.ok({"stats", "--json", "--until", "2026-11-24"});
        CHECK(contains(before.out, "\"closed_accepted\": 0"));
        CHECK(contains(before.out, "\"until\": \"2026-11-25T00:00:00+01:00\""));
        const Result today = s.ok({"stats", "--json", "--until", "2026-11-25"});
        CHECK(contains(today.out, "\"closed_accepted\": 1"));
        // A date alone is its whole day on both ends: the case closed this morning is in it.
        const Result day =
            s.ok({"stats", "--json", "--since", "2026-11-25", "--until", "2026-11-25"});
        CHECK(contains(day.out, "\"closed_accepted\": 1"));
        CHECK(contains(day.out, "\"since\": \"2026-11-25T00:00:00+01:00\""));
        const Result bad = s.run({"stats", "--since", "2026-11-25", "--until", "2026-11-20"});
        CHECK(bad.code == 2);
        CHECK(contains(bad.err, "--until 2026-11-20: expected a moment after --since"));
        const Result weekly = s.ok({"stats", "--weekly"});
        CHECK(contains(weekly.out, "week      closed"));
        CHECK(contains(weekly.out, "2026-W48  ████████████████   1"));
        CHECK(contains(weekly.out, "2026-W37"));  // twelve weeks
        CHECK_FALSE(contains(weekly.out, "2026-W36"));
        CHECK(contains(weekly.out, "confirmed: first confirmation within 2 working hours"));
        s.env["LC_ALL"] = "C";  // no UTF-8: the bars in ASCII
        const Result ascii = s.ok({"stats", "--weekly"});
        CHECK_FALSE(contains(ascii.out, "█"));
        CHECK(contains(ascii.out, "2026-W48  ################   1"));
        s.env["LC_ALL"] = "C.UTF-8";
        const Result weekly_json = s.ok({"stats", "--weekly", "--json"});
        CHECK(contains(weekly_json.out, "\"week\": \"2026-W37\""));
        CHECK_FALSE(contains(weekly_json.out, "closed_accepted"));
    }

    TEST_CASE("report: one HTML page, never to a terminal") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "language = \"de\"\n");
        const std::string a = s.new_case("Broken hinge", "Acme <BV>");
        s.ok({"close", a, "--accepted", "--rating", "4", "--remark", "Schnell & <gut>"});
        const Result terminal = s.run({"report"}, "", true);
        CHECK(terminal.code == 2);
        CHECK(terminal.out.empty());
        CHECK(contains(terminal.err, "redirect it to a file"));
        const Result r = s.ok({"report"});
        CHECK(r.out.starts_with("<!DOCTYPE html>"));
        CHECK(contains(r.out, "<html lang=\"de\">"));
        CHECK(contains(r.out, "<title>Fallbericht</title>"));
        CHECK(contains(r.out, "name=\"viewport\""));
        CHECK(contains(r.out, "@media print"));
        CHECK(contains(r.out, "Schnell &amp; &lt;gut&gt;"));
        CHECK(contains(r.out, ">Acme &lt;BV&gt;</span>)"));  // [status] fields allow the customer
        CHECK_FALSE(contains(r.out, "<script"));
        // Nothing from elsewhere: the one address is SVG's namespace, which is never fetched.
        std::string rest = r.out;
        for (std::size_t at; (at = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;) {
            rest.erase(at, 26);
        }
        CHECK_FALSE(contains(rest, "http://"));
        CHECK_FALSE(contains(rest, "https://"));
        for (const char* chart : {"chart-closed", "chart-lead", "chart-escalations",
                                  "chart-handovers", "chart-verdicts"}) {
            CHECK(contains(r.out, std::string("<svg id=\"") + chart + "\""));
        }
        CHECK_FALSE(contains(r.out, "id=\"people\""));  // a store of one: no one else
        s.use_config(std::string(kNamed) + "language = \"de\"\n[status]\nfields = [\"title\"]\n");
        const Result hidden = s.ok({"report"});
        CHECK_FALSE(contains(hidden.out, "Acme"));
    }

    TEST_CASE("status: a summary for the chat names the open case") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result r = s.ok({"status"});
        CHECK(contains(r.out, "Status Wed 25 Nov\n1 open · 0 due today · 1 waiting on colleagues"));
        CHECK(contains(r.out,
                       "- Dini: 1\n  - " + id + " Double charge on November invoice (M. Jansen)"));
        const Result bad = s.run({"status", "--format", "telex"});
        CHECK(bad.code == 2);
    }

    TEST_CASE("remind: says the update owed once, then nothing") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        CHECK(s.ok({"remind"}).out.empty());  // the first confirmation is owed by 11:00
        s.env["OWNER_NOW"] = "2026-11-25T15:00:00+01:00";
        const Result first = s.ok({"remind"}, 3);
        CHECK(first.out == id + "  Wed 25 Nov 11:00  owed a first confirmation: who does what, and "
                                "when (Acme BV) · Broken hinge\n");
        const Result again = s.ok({"remind"}, 0);
        CHECK(again.out.empty());
    }

    TEST_CASE("export and import: a lossless round trip into another store") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = busy_case(s);
        const Result e = s.ok({"export"});
        CHECK(contains(e.out, "\"id\": \"" + id + "\""));
        const Result ics = s.ok({"export", "--format", "ics"});
        CHECK(contains(ics.out, "BEGIN:VCALENDAR"));
        const fs::path file = s.dir() / "export.json";
        spit(file, e.out);
        Sandbox t;
        t.use_config(kNamed);
        t.ok({"import", file.string()});
        CHECK(t.read_case(id) == s.read_case(id));
        Sandbox u;  // from the input
        u.use_config(kNamed);
        u.ok({"import", "-"}, 0, e.out);
        CHECK(u.read_case(id) == s.read_case(id));
    }

    TEST_CASE("new --from-mail -: the mail on the input opens a case") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string mail = "From: Petra de Wit <petra@dewit.example>\r\n"
                                 "To: support@example.com\r\n"
                                 "Subject: Re: Broken hinge on order 4711\r\n"
                                 "Date: Wed, 25 Nov 2026 08:30:00 +0100\r\n"
                                 "Message-ID: <m1@dewit.example>\r\n"
                                 "Content-Type: text/plain; charset=utf-8\r\n"
                                 "\r\n"
                                 "Hello,\r\n\r\nThe hinge broke on the first day.\r\n";
        const Result r = s.ok({"new", "--from-mail", "-"}, 0, mail);
        std::string id = r.out.substr(0, r.out.find('\n'));
        REQUIRE(id.size() == 5);
        const std::string file = s.read_case(id);
        CHECK(contains(file, "title = \"Broken hinge on order 4711\""));
        CHECK(contains(file, "customer = \"Petra de Wit\""));
        CHECK(contains(file, "The hinge broke on the first day."));
    }

    TEST_CASE("doctor: a healthy store, then a stray temp file found and fixed") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const Result good = s.ok({"doctor"});
        CHECK(contains(good.err, "is in good health"));
        spit(s.store() / "cases" / "not a case.toml", "title = \n");
        const Result bad = s.ok({"doctor"}, 3);
        CHECK(contains(bad.out, "not a case.toml"));
    }

    TEST_CASE("forget: asks on a terminal, 'y' removes the customer from the closed case") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", id, "--accepted"});
        const Result refused = s.run({"forget", "--customer", "Acme BV"});
        CHECK(refused.code == 2);
        CHECK(contains(refused.err, "confirm with --yes"));
        const Result no = s.run({"forget", "--customer", "Acme BV"}, "n\n", true);
        CHECK(no.code == 1);
        CHECK(
            contains(no.err, "Remove 'Acme BV' from 1 closed case? This cannot be undone. [y/N] "));
        CHECK(contains(no.err, "owner: nothing changed"));
        const Result yes = s.run({"forget", "--customer", "Acme BV"}, "y\n", true);
        CHECK(yes.code == 0);
        CHECK(contains(yes.err, "owner: forgot 'Acme BV' in 1 closed case"));
        for (const auto& e : fs::recursive_directory_iterator(s.store() / "archive")) {
            if (e.is_regular_file() && e.path().extension() == ".toml") {
                CHECK_FALSE(contains(slurp(e.path()), "Acme BV"));
            }
        }
    }

    TEST_CASE("init: creates the store and says where") {
        Sandbox s;
        s.use_config(kNamed);
        const Result r = s.ok({"init"});
        CHECK(contains(r.err, "owner: store ready in " + s.store().string()));
        CHECK(fs::is_directory(s.store() / "cases"));
    }

    TEST_CASE("sync: a store that is not a git repository is an error naming the way") {
        Sandbox s;
        s.use_config(kNamed);
        s.ok({"init"});
        const Result r = s.run({"sync"});
        CHECK(r.code == 1);
        CHECK(contains(r.err, "owner: error: "));
        CHECK(contains(r.err, "init --git"));
    }

    TEST_CASE("team: init writes the roster and gives every case an owner, edit is checked") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = [\"Dini K\"]\n[escalate]\nto = "
                                           "\"Lena\"\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        CHECK_FALSE(contains(s.read_case(id), "owner ="));
        const Result r = s.ok({"team", "init"});
        CHECK(
            contains(r.err, "3 people, escalations to Lena; 1 case without an owner now is yours"));
        std::ifstream roster_file(s.store() / "team.toml");
        const std::string roster((std::istreambuf_iterator<char>(roster_file)),
                                 std::istreambuf_iterator<char>());
        CHECK(contains(roster, "\"Dini\" = { aliases = [\"Dini K\"] }\n"));
        CHECK(contains(roster, "\"Lena\" = { role = \"lead\" }\n"));
        CHECK(contains(roster, "\"Sam Owner\" = { email = \"sam@example.com\" }\n"));
        CHECK(contains(s.read_case(id), "schema = 2\n"));
        CHECK(contains(s.read_case(id), "owner = \"Sam Owner\"\n"));
        CHECK(s.run({"team", "init"}).code == 1);
        // A new case is the runner's; a note by someone else carries their name.
        const std::string other = s.new_case("Loose screw", "Bo");
        CHECK(contains(s.read_case(other), "owner = \"Sam Owner\""));
        s.use_config("name = \"Dini K\"\n");
        s.ok({"note", other, "I called Bo"});
        CHECK(contains(s.read_case(other), "by = \"Dini\""));
        CHECK(s.ok({"list", "--json"}).out.find(other) == std::string::npos);
        CHECK(contains(s.ok({"list", "--team"}).out, "Sam Owner"));
        s.env["VISUAL"] = "sed -i 's/^to = .*/to = \"Nobody\"/'";
        const Result bad = s.run({"team", "edit"});
        CHECK(bad.code == 1);
        CHECK(contains(bad.err, "escalate.to: expected a person on the roster"));
        s.use_config("name = \"Nobody\"\n");
        const Result off = s.run({"today"});
        CHECK(off.code == 1);
        CHECK(contains(off.err, "name: 'Nobody' is not on the team's roster"));
    }

    TEST_CASE("team: the bare command is the lead's view, a store of one person has none") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = []\n[escalate]\nto = \"Lena\"\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const Result none = s.run({"team"});
        CHECK(none.code == 1);
        CHECK(contains(none.err, "has no roster (team.toml)"));
        CHECK(contains(none.err, "'owner team init'"));
        s.ok({"team", "init"});
        s.ok({"plan", id, "Credit note", "--who", "Dini", "--due", "2026-11-24T12:00",
              "--allow-past"});
        const Result r = s.ok({"team"});
        CHECK(contains(r.out, "Per person (3)\n"));
        CHECK(contains(r.out, "- Dini: cases: 0 open, 0 overdue, 0 at risk · asked: 1 open, 1 "
                              "overdue · escalations unanswered: 0\n"));
        CHECK(contains(r.out, "- Lena (lead): "));
        CHECK(contains(s.ok({"team", "--json"}).out, "\"at_risk\": 0"));
        CHECK(s.run({"team", "edit", "--format", "slack"}).code == 2);
    }

    TEST_CASE("handoff: the case changes owner, the old owner's actions stay theirs") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = []\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"plan", id, "Call back", "--due", "fri"});
        CHECK(s.run({"handoff", id, "--to", "Dini"}).code == 1);  // one person's store
        s.ok({"team", "init"});
        const Result r = s.ok({"handoff", id, "--to", "dini", "--note", "on holiday"});
        CHECK(contains(r.err, "is Dini's now"));
        CHECK(contains(s.read_case(id), "owner = \"Dini\""));
        CHECK(contains(s.read_case(id), "who = \"Sam Owner\""));
        CHECK(contains(s.read_case(id), "text = \"Sam Owner → Dini: on holiday\""));
        CHECK(s.run({"handoff", id, "--to", "Bob"}).code == 2);
    }

    TEST_CASE("callback: a call-back for a person on the roster, and what the draft says") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = []\nLena = { role = \"lead\" }\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const Result r = s.ok({"callback", id, "--who", "lena", "--due", "fri 10:00", "--note",
                               "asked for a manager"});
        CHECK(contains(r.err, "Lena calls Acme BV back"));
        const std::string file = s.read_case(id);
        CHECK(contains(file, "what = \"Call Acme BV back\"\nwho = \"Lena\"\nkind = \"callback\""));
        CHECK(contains(file, ": asked for a manager\""));
        CHECK(contains(s.ok({"show", id, "--json"}).out, "\"kind\": \"callback\""));
        CHECK(contains(s.ok({"draft", id}).out, "- Our team lead will call you back — by "));
        // A second one while the first is open, a name off the roster: one line each.
        const Result twice = s.run({"callback", id, "--who", "Dini", "--due", "fri"});
        CHECK(twice.code == 2);
        CHECK(contains(twice.err, "has an open call-back already"));
        const Result nobody = s.run({"callback", id, "--who", "Bob", "--due", "fri"});
        CHECK(nobody.code == 2);
        CHECK(nobody.err == "owner: error: --who: 'Bob' is not on the team's roster ([people] in "
                            "the config, or team.toml in a team's store)\n");
    }

    TEST_CASE("demo: a temporary store and its day, the real store untouched") {
        Sandbox s;
        s.use_config(kNamed);
        s.env["TMPDIR"] = s.dir().string();
        const Result r = s.ok({"demo"});
        CHECK(contains(r.out, "Overdue"));
        CHECK_FALSE(fs::exists(s.store()));
    }

    TEST_CASE("__complete: commands, options and case ids") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const Result c = s.ok({"__complete", "commands"});
        CHECK(contains(c.out, "today\twhat needs you today (the default command)\n"));
        const Result o = s.ok({"__complete", "options", "plan"});
        CHECK(contains(o.out, "--due\t"));
        const Result k = s.ok({"__complete", "cases"});
        CHECK(k.out == id + "\tAcme BV — Broken hinge\n");
        // The codes of --lang, for completions/generate.py: the list in domain/language.hpp.
        CHECK(s.ok({"__complete", "languages"}).out == "en\tEnglish\nnl\tDutch\nde\tGerman\n");
        const Result bad = s.run({"__complete", "options", "nosuch"});
        CHECK(bad.code == 2);
        CHECK(bad.err == "owner: error: no command 'nosuch'\n");
    }

    TEST_CASE("__merge: both sides' changes to different fields are merged into OURS") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const std::string base = s.read_case(id);
        std::string ours = base;
        ours.replace(ours.find("Broken hinge"), 12, "Broken lock");
        s.ok({"note", id, "called back"});
        const std::string theirs = s.read_case(id);
        const fs::path b = s.dir() / "base", o = s.dir() / "ours", t = s.dir() / "theirs";
        spit(b, base);
        spit(o, ours);
        spit(t, theirs);
        const Result r = s.ok({"__merge", b.string(), o.string(), t.string(), "cases/x.toml"});
        CHECK(r.err.empty());
        const std::string merged = slurp(o);
        CHECK(contains(merged, "title = \"Broken lock\""));
        CHECK(contains(merged, "called back"));
        const Result usage = s.run({"__merge", "a"});
        CHECK(usage.code == 2);
        CHECK(usage.err == "owner: error: usage: owner __merge BASE OURS THEIRS PATH\n");
    }

    TEST_CASE("__merge: the same field changed on both sides is a conflict, OURS untouched") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        const std::string base = s.read_case(id);
        std::string ours = base, theirs = base;
        ours.replace(ours.find("Broken hinge"), 12, "Broken lock");
        theirs.replace(theirs.find("Broken hinge"), 12, "Broken door");
        const fs::path b = s.dir() / "base", o = s.dir() / "ours", t = s.dir() / "theirs";
        spit(b, base);
        spit(o, ours);
        spit(t, theirs);
        const Result r = s.run({"__merge", b.string(), o.string(), t.string(), "cases/x.toml"});
        CHECK(r.code == 1);
        CHECK(contains(r.err, "owner-conflict: case " + id + ": both sides changed title"));
        CHECK(slurp(o) == ours);
        // OWNER_MERGE_PREFER=theirs takes their side instead
        s.env["OWNER_MERGE_PREFER"] = "theirs";
        s.ok({"__merge", b.string(), o.string(), t.string(), "cases/x.toml"});
        CHECK(contains(slurp(o), "Broken door"));
    }

    TEST_CASE("the program: help, version, unknown commands, bad arguments, colour and width") {
        Sandbox s;
        s.use_config(kNamed);
        const Result help = s.ok({"help", "plan"});
        CHECK(contains(help.out, "--due"));
        const Result version = s.ok({"--version"});
        CHECK(contains(version.out, "owner "));
        const Result unknown = s.run({"tody"});
        CHECK(unknown.code == 2);
        CHECK(unknown.err == "owner: error: unknown command 'tody'; did you mean 'today'?\n");
        const Result control = s.run({"note", "x", std::string("a\x1b[2Jb")});
        CHECK(control.code == 2);
        CHECK(contains(control.err, "argument 3"));
        // On a terminal (the Io says so) colour is on unless NO_COLOR; in a pipe it is off.
        busy_case(s);
        CHECK(contains(s.run({"today"}, "", true).out, "\x1b["));
        s.env["NO_COLOR"] = "1";
        CHECK_FALSE(contains(s.run({"today"}, "", true).out, "\x1b["));
        CHECK_FALSE(contains(s.run({"today", "--color", "auto"}).out, "\x1b["));
        CHECK(contains(s.run({"today", "--color", "always"}).out, "\x1b["));
        // OWNER_NOW comes from the environment map; --now wins over it.
        const Result later = s.ok({"--now", "2026-12-07T09:00:00+01:00", "show", "jansen"});
        CHECK(contains(later.out, "deadline       Fri 27 Nov 17:00  (missed)"));
        CHECK_FALSE(contains(s.ok({"show", "jansen"}).out, "(missed)"));
        // A bad setting in the environment map is one line naming it.
        s.env["OWNER_HOME"] = "relative";
        const Result rel = s.run({"list"});
        CHECK(rel.code == 1);
        CHECK(contains(rel.err, "OWNER_HOME: expected an absolute path, got 'relative'"));
    }

    TEST_CASE("plan: in a team's store a --who off the roster is refused, an alias is the name") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = [\"Dini K\"]\nLena = { role = "
                                           "\"lead\" }\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        // One person's store: a colleague outside [people] is normal there, kept with a warning.
        const Result kept = s.ok({"plan", id, "Check archive", "--who", "Dinni", "--due", "fri"});
        CHECK(contains(kept.err, "--who: 'Dinni' is not in [people] in the config; did you mean "
                                 "'Dini'? Kept as typed"));
        CHECK(contains(s.read_case(id), "who = \"Dinni\""));
        s.ok({"team", "init"});
        const std::string before = s.read_case(id);
        const Result r = s.run({"plan", id, "Ask billing", "--who", "Dinni", "--due", "fri"});
        CHECK(r.code == 2);
        CHECK(r.err == "owner: error: --who: 'Dinni' is not on the team's roster; did you mean "
                       "'Dini'?\n");
        CHECK(s.read_case(id) == before);
        s.ok({"plan", id, "Ask billing", "--who", "dini k", "--due", "fri"});
        CHECK(contains(s.read_case(id), "what = \"Ask billing\"\nwho = \"Dini\""));
        // Re-planning to someone off the roster is refused as well.
        CHECK(s.run({"plan", id, "Ask billing", "--who", "Bob"}).code == 2);
        CHECK_FALSE(contains(s.read_case(id), "Bob"));
    }

    TEST_CASE(
        "escalate: in a team's store a --to off the roster is refused, an alias is the name") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = []\n\"Lena Visser\" = { aliases = "
                                           "[\"Lena\"], role = \"lead\" }\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"team", "init"});
        const std::string before = s.read_case(id);
        const Result r = s.run({"escalate", id, "--to", "Lenna", "--reason", "finance outage"});
        CHECK(r.code == 2);
        CHECK(r.err == "owner: error: --to: 'Lenna' is not on the team's roster; did you mean "
                       "'Lena Visser'?\n");
        CHECK(r.out.empty());
        CHECK(s.read_case(id) == before);
        const Result ok = s.ok({"escalate", id, "--to", "lena", "--reason", "finance outage"});
        CHECK(contains(ok.out, "--- to Lena Visser ---"));
        CHECK(contains(s.read_case(id), "to = \"Lena Visser\""));
        // The other options that name a colleague: the same refusal.
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"draft", id, "--to", "Lenna"},
              std::vector<std::string>{"agenda", "--who", "Lenna"},
              std::vector<std::string>{"status", "--who", "Lenna"}}) {
            const Result off = s.run(args);
            CHECK_MESSAGE(off.code == 2, args[0]);
            CHECK_MESSAGE(contains(off.err, "'Lenna' is not on the team's roster; did you mean "
                                            "'Lena Visser'?\n"),
                          args[0], off.err);
        }
    }

    TEST_CASE("list: in a team's store an --owner off the roster is refused, on every view") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = [\"Dini K\"]\n");
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        // One person's store: today's behaviour (nobody's cases), no refusal.
        CHECK(s.ok({"list", "--owner", "Dinni"}).code == 0);
        s.ok({"team", "init"});
        s.ok({"handoff", id, "--to", "Dini"});
        for (const char* command : {"list", "prioritize", "check", "escalate", "agenda", "status",
                                    "stats", "export", "report"}) {
            const Result r = s.run({command, "--owner", "Dinni"});
            CHECK_MESSAGE(r.code == 2, command);
            CHECK_MESSAGE(r.err == "owner: error: --owner: 'Dinni' is not on the team's roster; "
                                   "did you mean 'Dini'?\n",
                          command, r.err);
            CHECK_MESSAGE(r.out.empty(), command);
        }
        CHECK(contains(s.ok({"list", "--owner", "dini k"}).out, id));
        CHECK(contains(s.ok({"report", "--owner", "dini k"}).out, "Cases of Dini"));
    }

    TEST_CASE("team: edit refuses to drop a person who owns open cases or has actions asked") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[people]\nDini = [\"Dini K\"]\nLena = { role = "
                                           "\"lead\" }\n");
        const std::string a = s.new_case("Broken hinge", "Acme BV");
        const std::string b = s.new_case("Loose screw", "Bo");
        const std::string c = s.new_case("Bent frame", "Kim");
        s.ok({"team", "init"});
        s.ok({"handoff", a, "--to", "Dini"});
        s.ok({"handoff", b, "--to", "Dini"});
        s.ok({"plan", c, "Ask billing", "--who", "Dini", "--due", "fri"});
        s.ok({"callback", c, "--who", "Lena", "--due", "fri"});
        const std::string roster = slurp(s.store() / "team.toml");
        s.env["VISUAL"] = "sed -i -e '/^\"Dini\" = /d' -e '/^\"Lena\" = /d'";
        const Result r = s.run({"team", "edit"});
        CHECK(r.code == 1);
        CHECK(r.err.find('\n') == r.err.size() - 1);  // one line
        CHECK(contains(r.err, "Dini: owns 2 open cases and has 1 open action asked of them"));
        CHECK(contains(r.err, "Lena: has 1 open action asked of them"));
        CHECK(contains(r.err, "your edit is kept in"));
        CHECK(slurp(s.store() / "team.toml") == roster);
        // Renamed, the old name kept as an alias: the cases still reach her.
        fs::remove(s.store() / ".edit-team.toml");
        fs::remove(s.store() / ".edit-team.base");
        s.env["VISUAL"] = "sed -i 's/^\"Dini\" = .*/\"Dina\" = { aliases = [\"Dini\"] }/'";
        s.ok({"team", "edit"});
        CHECK(contains(slurp(s.store() / "team.toml"), "\"Dina\" = { aliases = [\"Dini\"] }"));
        // Nobody's work lost: a person with nothing open may go.
        s.env["VISUAL"] = "sed -i '/^\"Lena\" = /d'";
        s.ok({"done", c, "2"});
        s.ok({"team", "edit"});
        CHECK_FALSE(contains(slurp(s.store() / "team.toml"), "\"Lena\""));
    }

}  // TEST_SUITE
