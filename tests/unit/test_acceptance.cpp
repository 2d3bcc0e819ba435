// Issue 26, items 1, 5 and 6: the solution given and the customer's yes awaited; waiting is not
// forgetting; one line per case and moment. Whole command lines in-process (sandbox.hpp): now is
// Wednesday 25 November 2026 09:00 in Amsterdam, working time 09:00-17:00 Monday to Friday.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "render/json.hpp"
#include "sandbox.hpp"

using namespace owner_test;
using owner::Json;
using owner::parse_json;

namespace {

constexpr const char* kNamed = "name = \"Sam Owner\"\nemail = \"sam@example.com\"\n";

// The keys of the sections of `today --json` that list case `id`, in their order.
std::vector<std::string> sections_of(const Result& today, const std::string& id) {
    std::vector<std::string> out;
    const Json doc = parse_json(today.out, "today --json");
    for (const Json& s : *doc.find("sections")->array_items()) {
        for (const Json& item : *s.find("items")->array_items()) {
            if (*item.find("case")->string() == id) {
                out.push_back(*s.find("key")->string());
                break;
            }
        }
    }
    return out;
}

// The reminders of `remind --json`: each line's kinds (its reasons, in order) and text.
struct Line {
    std::string case_id;
    std::vector<std::string> kinds;
    std::string text;
};
std::vector<Line> lines_of(const Result& remind) {
    std::vector<Line> out;
    const Json doc = parse_json(remind.out, "remind --json");
    for (const Json& r : *doc.find("reminders")->array_items()) {
        Line line{*r.find("case")->string(), {}, *r.find("text")->string()};
        if (const Json* reasons = r.find("reasons")) {
            for (const Json& reason : *reasons->array_items()) {
                line.kinds.push_back(*reason.find("kind")->string());
            }
        } else {
            line.kinds.push_back(*r.find("kind")->string());
        }
        out.push_back(line);
    }
    return out;
}

// The urgency reasons `prioritize --json` gives case `id`.
std::vector<std::string> urgency_reasons(Sandbox& s, const std::string& id) {
    std::vector<std::string> out;
    const Json doc = parse_json(s.ok({"prioritize", "--json"}).out, "prioritize --json");
    for (const Json& c : *doc.find("ranking")->array_items()) {
        if (*c.find("case")->string() == id) {
            for (const Json& r : *c.find("reasons")->array_items()) {
                out.push_back(*r.find("reason")->string());
            }
        }
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool any_contains(const std::vector<std::string>& v, const std::string& part) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return contains(s, part); });
}

// A case promised for Thursday 17:00 whose one action is done: the work is finished.
std::string finished_case(Sandbox& s) {
    const std::string id = s.new_case("Broken hinge", "Acme BV", {"--deadline", "thu 17:00"});
    s.ok({"plan", id, "Replace the hinge", "--due", "wed 15:00"});
    s.ok({"done", id});
    return id;
}

}  // namespace

TEST_SUITE("awaiting acceptance (issue 26)") {

    TEST_CASE("told --solution: awaits acceptance across its deadline, asked for once") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = finished_case(s);
        const Result told = s.ok({"told", id, "new hinge fitted", "--solution"});
        CHECK(contains(told.err, "awaits Acme BV's acceptance"));
        CHECK(contains(s.read_case(id), "solution = true"));

        // Thursday, the deadline's day: no "deadline today", no update owed, not yet time to ask.
        s.env["OWNER_NOW"] = "2026-11-26T16:00:00+01:00";
        CHECK(s.ok({"remind", "--json"}).out.find(id) == std::string::npos);
        CHECK(sections_of(s.ok({"today", "--json"}), id) == std::vector<std::string>{"acceptance"});
        // Nor a promised deadline in the agenda (a review found it there).
        CHECK(s.ok({"agenda", "--json"}).out.find(id) == std::string::npos);

        // Friday: the deadline passed while it awaited the yes. Two working days after the
        // solution (Friday 09:00) one reminder asks for it, and only once.
        s.env["OWNER_NOW"] = "2026-11-27T10:00:00+01:00";
        const std::vector<Line> friday = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(friday.size() == 1);
        CHECK(friday[0].kinds == std::vector<std::string>{"acceptance"});
        CHECK(contains(friday[0].text, "ask whether they accept it"));
        CHECK(s.ok({"remind"}, 0).out.empty());
        const Result today = s.ok({"today"});
        CHECK(contains(today.out, "Awaiting acceptance"));
        CHECK(contains(today.out, "ask whether they accept the solution: Broken hinge"));
        CHECK_FALSE(contains(today.out, "Overdue"));
        CHECK(sections_of(s.ok({"today", "--json"}), id) == std::vector<std::string>{"acceptance"});
        CHECK(s.ok({"escalate", "--json"}).out.find(id) == std::string::npos);
        CHECK_FALSE(any_contains(urgency_reasons(s, id), "deadline"));
        CHECK(contains(s.ok({"show", id}).out,
                       "(solution given Wed 25 Nov 09:00: awaiting acceptance)"));

        // The customer answers that it still squeaks: the wait ends, the missed deadline is back.
        s.ok({"note", id, "it still squeaks", "--from-customer"});
        s.env["OWNER_NOW"] = "2026-11-27T10:15:00+01:00";
        const std::vector<Line> back = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(back.size() == 1);
        CHECK(has(back[0].kinds, "deadline_missed"));
        const std::vector<std::string> after = sections_of(s.ok({"today", "--json"}), id);
        CHECK(has(after, "overdue"));
        CHECK_FALSE(has(after, "acceptance"));
        CHECK(any_contains(urgency_reasons(s, id), "promised deadline missed"));
    }

    TEST_CASE("told --solution: a new action ends the wait, update.acceptance_days sets the ask") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[update]\nacceptance_days = 1\n");
        const std::string id = finished_case(s);
        s.ok({"told", id, "--solution"});
        s.env["OWNER_NOW"] = "2026-11-26T09:30:00+01:00";  // one working day later
        const std::vector<Line> thursday = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(thursday.size() == 1);
        CHECK(thursday[0].kinds == std::vector<std::string>{"acceptance"});
        s.ok({"plan", id, "Send a second hinge", "--due", "fri 12:00"});
        const std::vector<std::string> working = sections_of(s.ok({"today", "--json"}), id);
        CHECK(has(working, "deadlines"));
        CHECK_FALSE(has(working, "acceptance"));
        // Open work again: the solution cannot be given with an action open.
        const Result refused = s.run({"told", id, "--solution"});
        CHECK(refused.code == 1);
        CHECK(contains(refused.err, "--solution: case " + id +
                                        " still has 1 open action ('Send a second hinge')"));
        s.use_config(std::string(kNamed) + "[update]\nacceptance_days = 0\n");
        const Result r = s.run({"list"});
        CHECK(r.code != 0);
        CHECK(contains(r.err, "update.acceptance_days"));
    }

    TEST_CASE("draft --sent --solution: the solution given by mail, refused with work open") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV", {"--deadline", "thu 17:00"});
        s.ok({"plan", id, "Replace the hinge", "--due", "wed 15:00"});
        const std::string before = s.read_case(id);
        const Result open = s.run({"draft", id, "--sent", "--solution"});
        CHECK(open.code == 1);
        CHECK(open.out.empty());
        CHECK(contains(open.err, "owner done " + id));
        CHECK(s.read_case(id) == before);
        CHECK(s.run({"draft", id, "--solution", "--to", "Dini"}).code == 2);
        s.ok({"plan", id, "1", "--tell", "a new hinge"});
        s.ok({"done", id});
        const Result preview = s.ok({"draft", id, "--solution"});  // without --sent: nothing kept
        CHECK(contains(preview.out, "Your request \"Broken hinge\" has been resolved."));
        CHECK(contains(preview.out, "- A new hinge"));
        CHECK(contains(preview.out, "whether this solves it for you"));
        CHECK(contains(s.ok({"draft", id, "--solution", "--lang", "nl"}).out,
                       "Uw verzoek \"Broken hinge\" is opgelost."));
        CHECK(contains(s.ok({"draft", id, "--solution", "--lang", "de"}).out,
                       "ob das Problem damit für Sie gelöst ist?"));
        CHECK_FALSE(contains(s.read_case(id), "solution = true"));
        s.ok({"draft", id, "--sent", "--solution"});
        CHECK(contains(s.read_case(id), "solution = true"));
        CHECK(sections_of(s.ok({"today", "--json"}), id) == std::vector<std::string>{"acceptance"});
    }

    TEST_CASE("draft --solution --say --ask: the owner's paragraphs are in the solution draft") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = finished_case(s);
        const Result en = s.ok({"draft", id, "--solution", "--say", "Sorry it took a week.",
                                "--ask", "a photo of the new hinge"});
        CHECK(contains(en.out, "Your request \"Broken hinge\" has been resolved.\n\nSorry it took "
                               "a week.\n\nWhat I need from you: a photo of the new hinge\n\n"
                               "Could you let me know"));
        const Result nl = s.ok({"draft", id, "--solution", "--lang", "nl", "--say",
                                "Excuses voor het wachten.", "--ask", "een foto"});
        CHECK(contains(nl.out, "is opgelost.\n\nExcuses voor het wachten.\n\nWat ik daarvoor "
                               "van u nodig heb: een foto\n\nWilt u mij laten weten"));
        const Result de = s.ok({"draft", id, "--solution", "--lang", "de", "--say",
                                "Entschuldigen Sie die Wartezeit.", "--ask", "ein Foto"});
        CHECK(contains(de.out, "ist erledigt.\n\nEntschuldigen Sie die Wartezeit.\n\nWas ich "
                               "dafür von Ihnen brauche: ein Foto\n\nKönnten Sie mir"));
        // Only --say: no empty paragraph where --ask would be.
        const Result say = s.ok({"draft", id, "--solution", "--say", "Sorry."});
        CHECK(contains(say.out, "resolved.\n\nSorry.\n\nCould you"));
        CHECK_FALSE(contains(say.out, "\n\n\n"));
    }

    TEST_CASE("today and remind: a wait run out while awaiting acceptance is that one cause") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = finished_case(s);
        s.ok({"told", id, "new hinge fitted", "--solution"});
        s.ok({"wait", id, "--until", "fri 09:00", "--note", "their yes"});
        // Wednesday 2 December: the wait ran out, the ask for the yes is due, and the priority
        // was last reviewed five working days ago.
        s.env["OWNER_NOW"] = "2026-12-02T10:00:00+01:00";
        CHECK(sections_of(s.ok({"today", "--json"}), id) == std::vector<std::string>{"acceptance"});
        const std::vector<Line> lines = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].kinds == std::vector<std::string>{"acceptance"});
        CHECK_FALSE(contains(lines[0].text, "waited"));
        CHECK(s.ok({"remind"}, 0).out.empty());
    }

    TEST_CASE("stats: a deadline is met when the solution was given by it") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string kept = finished_case(s);
        s.ok({"told", kept, "--solution"});
        const std::string late = finished_case(s);         // solved, but not told the solution
        s.env["OWNER_NOW"] = "2026-11-30T10:00:00+01:00";  // Monday: both deadlines passed
        const Result closed = s.ok({"close", kept, "--accepted"});
        CHECK(contains(closed.out, "deadline       met, as promised"));
        CHECK(contains(closed.out, "acceptance     3.1 working days after the solution"));
        s.ok({"close", late, "--accepted"});
        const Json doc = parse_json(s.ok({"stats", "--json"}).out, "stats --json");
        CHECK(doc.find("deadlines_met_share")->number() == doctest::Approx(0.5));
        CHECK(doc.find("first_promise_kept_share")->number() == doctest::Approx(0.5));
        // Wednesday 09:00 to Monday 10:00: three working days and one hour.
        const Json* days = doc.find("solution_to_acceptance_working_days");
        REQUIRE(days != nullptr);
        CHECK(days->find("median")->number() == doctest::Approx(3.125));
        CHECK(contains(s.ok({"stats"}).out, "solution to acceptance, working days"));
    }
}

TEST_SUITE("waiting is not forgetting (issue 26)") {

    TEST_CASE("wait: no next step owed, no silence or age points while it waits") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Damaged parcel", "Acme BV");
        s.ok({"told", id, "please send a photo"});
        s.ok({"wait", id, "--note", "a photo"});
        s.env["OWNER_NOW"] = "2026-12-01T10:00:00+01:00";  // four working days later, waiting
        CHECK(sections_of(s.ok({"today", "--json"}), id).empty());
        CHECK_FALSE(contains(s.ok({"agenda"}).out, "plan the next step"));
        const std::vector<std::string> reasons = urgency_reasons(s, id);
        CHECK_FALSE(any_contains(reasons, "no next step"));
        CHECK_FALSE(any_contains(reasons, "heard nothing"));
        CHECK_FALSE(any_contains(reasons, "open "));
        // The answer ends the wait: the next step is owed again (silence counts from then on).
        s.ok({"note", id, "photo received", "--from-customer"});
        CHECK(has(sections_of(s.ok({"today", "--json"}), id), "no_next_step"));
        CHECK(any_contains(urgency_reasons(s, id), "no next step"));
    }
}

TEST_SUITE("one line per case and moment (issue 26)") {

    TEST_CASE("remind: a stall and the deadline it endangers make one line") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id =
            s.new_case("Double charge", "M. Jansen", {"--deadline", "thu 17:00"});
        s.ok({"told", id, "Dini refunds it by Thursday"});
        s.ok({"plan", id, "Refund", "--who", "Dini", "--due", "thu 12:00"});
        s.env["OWNER_NOW"] = "2026-11-26T09:30:00+01:00";
        s.ok({"remind"}, 3);  // the checks due so far
        s.env["OWNER_NOW"] = "2026-11-26T10:00:00+01:00";
        s.ok({"check", id, "stalled", "--note", "no access to billing"});
        s.env["OWNER_NOW"] = "2026-11-26T10:15:00+01:00";
        const Result r = s.ok({"remind", "--json"}, 3);
        const std::vector<Line> lines = lines_of(r);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].kinds == std::vector<std::string>{"escalation", "escalation"});
        CHECK(contains(lines[0].text, "a check found 'Refund' (Dini) stalled"));
        CHECK(contains(lines[0].text, "the deadline promised to M. Jansen"));
        CHECK(s.ok({"remind"}, 0).out.empty());
    }

    TEST_CASE("remind and today: a wait run out is one reason, in one section") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Damaged parcel", "Acme BV");
        s.ok({"told", id, "please send a photo"});
        s.ok({"plan", id, "Send a new parcel", "--due", "2026-12-04T12:00"});
        s.ok({"wait", id, "--until", "thu 12:00", "--note", "a photo"});
        s.env["OWNER_NOW"] = "2026-11-27T10:00:00+01:00";  // wait over, update owed since 09:00
        const std::vector<Line> lines = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].kinds == std::vector<std::string>{"waiting"});
        const Result text = s.ok({"remind", "--all"}, 3);
        CHECK(std::count(text.out.begin(), text.out.end(), '\n') == 1);
        CHECK(sections_of(s.ok({"today", "--json"}), id) == std::vector<std::string>{"waiting"});
    }

    TEST_CASE("remind: .remind-state of the previous format: nothing repeated, nothing dropped") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"plan", id, "Call the carrier", "--due", "today 14:00"});
        s.ok({"plan", id, "Order a hinge", "--due", "today 16:00"});
        // As the release before this one wrote it: one key per line, kind|case|detail|when. The
        // first confirmation and the first action were said; the second action was not yet due.
        const std::string update = "update|" + id + "||2026-11-25T11:00:00+01:00";
        const std::string call = "action|" + id + "|Call the carrier|2026-11-25T14:00:00+01:00";
        spit(s.store() / ".remind-state", update + "\n" + call + "\n");
        s.env["OWNER_NOW"] = "2026-11-25T16:30:00+01:00";
        const std::vector<Line> lines = lines_of(s.ok({"remind", "--json"}, 3));
        REQUIRE(lines.size() == 1);  // only what was not said: the second action
        CHECK(lines[0].kinds == std::vector<std::string>{"action"});
        CHECK(contains(lines[0].text, "Order a hinge"));
        const std::string state = slurp(s.store() / ".remind-state");
        CHECK(contains(state, update));  // still due: kept, so never said again
        CHECK(contains(state, call));
        CHECK(contains(state, "action|" + id + "|Order a hinge|2026-11-25T16:00:00+01:00"));
        CHECK(s.ok({"remind"}, 0).out.empty());
    }
}
