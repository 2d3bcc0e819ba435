// Issue 26: the end of the promise and the words around a change. A withdrawal is not an
// acceptance (item 2), drafts never promise a past date or contradict themselves (item 3), drafts
// say what changed (item 7) and the slack warning is in proportion (item 8, test_planning.cpp).
// Run in-process on a temporary store (sandbox.hpp); the merge of the new action state directly.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "domain/merge.hpp"
#include "fixture.hpp"
#include "sandbox.hpp"

using namespace owner_test;

namespace {

constexpr const char* kNamed = "name = \"Sam Owner\"\nemail = \"sam@example.com\"\n";

// A case with Dini's refund due Thursday 12:00, the owner's own call due Thursday 15:00, and a
// promise for Friday 17:00 (now: Wednesday 25 November 09:00).
std::string case_with_colleague(Sandbox& s) {
    const std::string id = s.new_case("Double charge on November invoice", "M. Jansen",
                                      {"--deadline", "fri 17:00", "--contact", "m@jansen.example"});
    s.ok({"plan", id, "Refund the second payment", "--who", "Dini", "--due", "thu 12:00"});
    s.ok({"plan", id, "Call the bank", "--due", "thu 15:00"});
    return id;
}

std::string archived(const Sandbox& s, const std::string& id) {
    for (const auto& e : fs::recursive_directory_iterator(s.store() / "archive")) {
        if (e.path().filename() == id + ".toml") {
            return slurp(e.path());
        }
    }
    return "";
}

}  // namespace

TEST_SUITE("issue 26: drafts") {
    TEST_CASE("close: a withdrawal cancels the open actions and drafts 'no longer needed'") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        const Result r = s.ok({"close", id, "--withdrawn", "found another supplier"});
        CHECK(contains(r.out, "  cancelled      2 open actions (of Dini): tell them it is no "
                              "longer needed\n"));
        CHECK(contains(r.out, "\n--- to Dini ---\nHi Dini,\n\nM. Jansen has withdrawn the request "
                              "\"Double charge on November invoice\" (case " +
                                  id + ") and no longer needs a solution."));
        CHECK(contains(r.out, ":\n- Refund the second payment\n\nWhatever is still open"));
        CHECK_FALSE(contains(r.out, "Call the bank"));  // the owner's own: no draft to oneself
        CHECK_FALSE(contains(r.err, "closed with the case"));
        const std::string file = archived(s, id);
        // Both actions archived as cancelled, neither open nor done.
        CHECK(contains(file, "what = \"Refund the second payment\""));
        CHECK(contains(file, "cancelled = 2026-11-25T09:00:00+01:00"));
        CHECK(file.find("cancelled = ") != file.rfind("cancelled = "));
        CHECK_FALSE(contains(file, "\ndone = "));
        const Result show = s.ok({"show", id});
        CHECK(contains(show.out, "cancelled"));
        const Result json = s.ok({"show", id, "--json"});
        CHECK(contains(json.out, "\"cancelled\": \"2026-11-25T09:00:00+01:00\""));
        const Result ics = s.ok({"export", "--all", "--format", "ics", "--todo"});
        CHECK(contains(ics.out, "STATUS:CANCELLED"));
        CHECK_FALSE(contains(ics.out, "STATUS:NEEDS-ACTION"));
    }

    TEST_CASE("close: an accepted case keeps its old way with open actions") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        const Result r = s.ok({"close", id, "--accepted"});
        CHECK(contains(r.err, "2 open actions were closed with the case"));
        CHECK_FALSE(contains(r.out, "--- to"));
        CHECK_FALSE(contains(archived(s, id), "cancelled"));
    }

    TEST_CASE("draft: thanks after a withdrawal thanks for the work, never 'accepted'") {
        for (const char* lang : {"en", "nl", "de"}) {
            CAPTURE(lang);
            Sandbox s;
            s.use_config(kNamed);
            const std::string id = case_with_colleague(s);
            s.ok({"done", id, "Refund"});
            s.ok({"close", id, "--withdrawn", "no longer needed"});
            const Result r = s.ok({"draft", id, "--thanks", "--lang", lang});
            for (const char* accepted : {"accepted", "Good news", "geaccepteerd", "Goed nieuws",
                                         "angenommen", "gute Nachrichten"}) {
                CHECK_FALSE(contains(r.out, accepted));
            }
            CHECK(contains(r.out, "Refund the second payment"));
            CHECK(contains(r.out, std::string(lang) == "en"   ? "no longer needs a solution"
                                  : std::string(lang) == "nl" ? "geen oplossing meer nodig"
                                                              : "braucht keine Lösung mehr"));
        }
    }

    TEST_CASE("today: a withdrawn case is not counted under 'Well done'") {
        Sandbox s;
        s.use_config(kNamed);
        s.new_case("Still open", "Acme BV");  // `today` has a footer only beside open cases
        const std::string withdrawn = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", withdrawn, "--withdrawn", "bought a new one"});
        s.env["OWNER_NOW"] = "2026-11-26T09:00:00+01:00";
        CHECK_FALSE(contains(s.ok({"today"}).out, "Well done"));
        const std::string accepted = s.new_case("Wobbly table", "Acme BV");
        s.env["OWNER_NOW"] = "2026-11-26T10:00:00+01:00";
        s.ok({"close", accepted, "--accepted"});
        s.env["OWNER_NOW"] = "2026-11-27T09:00:00+01:00";
        const Result r = s.ok({"today"});
        CHECK(contains(r.out, "1 case closed. Well done."));
    }
}

TEST_SUITE("issue 26: never a date in the past") {
    // The refund (Dini) is told to the customer as "the refund", due Thursday 26 November 12:00;
    // the promise is Friday 27 November 17:00.
    std::string told_case(Sandbox & s) {
        const std::string id = case_with_colleague(s);
        s.ok({"plan", id, "1", "--tell", "the refund"});
        s.ok({"plan", id, "2", "--tell", "a call from the bank"});
        return id;
    }

    TEST_CASE("draft: a passed due time is promised by the deadline, with a warning to re-plan") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = told_case(s);
        s.env["OWNER_NOW"] = "2026-11-27T09:00:00+01:00";  // Friday: the refund is overdue
        const Result r = s.ok({"draft", id});
        CHECK(contains(r.out, "- The refund — by Friday 27 November\n"));
        CHECK_FALSE(contains(r.out, "Thursday 26"));
        CHECK(contains(r.err, "owner: warning: action 1 \"Refund the second payment\" was due "
                              "Thursday 26 November at 12:00: the draft promises it by the "
                              "deadline (Friday 27 November at 17:00); re-plan it: owner plan " +
                                  id + " 1 --due WHEN\n"));
        const Result nl = s.ok({"draft", id, "--lang", "nl"});
        CHECK(contains(nl.out, "uiterlijk vrijdag 27 november"));
        CHECK_FALSE(contains(nl.out, "donderdag 26"));
        const Result de = s.ok({"draft", id, "--lang", "de"});
        CHECK_FALSE(contains(de.out, "Donnerstag, 26"));
    }

    TEST_CASE("draft: an action due after the deadline refuses the draft, naming both ways out") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = told_case(s);
        s.ok({"plan", id, "2", "--due", "mon 12:00"});  // after Friday's promise (plan warns)
        const Result r = s.run({"draft", id});
        CHECK(r.code == 1);
        CHECK(r.out.empty());
        CHECK(r.err == "owner: error: case " + id +
                           ": action 2 \"Call the bank\" is due Monday 30 November at 12:00, after "
                           "the deadline promised to M. Jansen (Friday 27 November at 17:00): "
                           "re-plan it (owner plan " +
                           id + " 2 --due WHEN) or move the deadline (owner deadline " + id +
                           " WHEN --reason TEXT --tell TEXT)\n");
    }

    TEST_CASE("draft: a deadline already past refuses the draft") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = told_case(s);
        s.env["OWNER_NOW"] = "2026-11-30T09:00:00+01:00";  // Monday, after Friday's promise
        const Result r = s.run({"draft", id, "--lang", "nl"});
        CHECK(r.code == 1);
        CHECK(contains(r.err, "has passed"));
        CHECK(contains(r.err, "owner deadline " + id));
        CHECK(contains(r.err, "owner plan " + id));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }

    TEST_CASE("escalate: overdue since the due time, asked by a date ahead, 'you' to the person") {
        Sandbox s;
        s.use_config(std::string(kNamed) + "[escalate]\nto = \"Anna\"\n");
        const std::string id = told_case(s);
        s.env["OWNER_NOW"] = "2026-11-27T15:00:00+01:00";  // 11 working hours after the due time
        const Result r = s.ok({"escalate", id});
        CHECK(contains(r.out, "(since Thursday 26 November at 12:00)"));
        CHECK(contains(r.out, "done by Friday 27 November at 17:00."));
        CHECK_FALSE(contains(r.out, "done by Thursday"));
        const auto notice = r.out.find("--- to Dini ---");
        REQUIRE(notice != std::string::npos);
        CHECK(contains(r.out.substr(notice), "(you)"));
        CHECK_FALSE(contains(r.out.substr(notice), "(Dini)"));
        CHECK(contains(r.out.substr(notice), "by Friday 27 November at 17:00"));
    }
}

TEST_SUITE("issue 26: drafts that say what changed") {
    TEST_CASE("draft: --say and --ask add paragraphs where the template has them") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        const Result r = s.ok({"draft", id, "--say", "I am sorry for the double charge.", "--ask",
                               "a copy of your bank statement"});
        CHECK(
            contains(r.out, "stands.\n\nI am sorry for the double charge.\n\nWhat happens next:"));
        CHECK(contains(r.out, "\n\nWhat I need from you: a copy of your bank statement\n\nI will "
                              "make sure"));
        const Result de = s.ok({"draft", id, "--lang", "de", "--ask", "eine Kopie"});
        CHECK(contains(de.out, "Was ich dafür von Ihnen brauche: eine Kopie"));
        CHECK(s.run({"draft", id, "--to", "Dini", "--say", "x"}).code == 2);
    }

    TEST_CASE("draft: a waiting case asks for what it waits for") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        s.ok({"wait", id, "--note", "the serial number of the device"});
        const Result r = s.ok({"draft", id, "--lang", "nl"});
        CHECK(contains(r.out, "Wat ik daarvoor van u nodig heb: the serial number of the device"));
    }

    TEST_CASE("draft: after deadline --tell the customer reads that the date moved, and why") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        s.ok({"draft", id, "--sent"});
        s.env["OWNER_NOW"] = "2026-11-25T11:00:00+01:00";
        s.ok({"deadline", id, "tue 17:00", "--reason", "bank is slow", "--tell",
              "the bank needs two more days to confirm the refund"});
        const Result r = s.ok({"draft", id});
        CHECK(contains(r.out, "The date I promised you has moved from Friday 27 November to "
                              "Tuesday 1 December. The bank needs two more days to confirm the "
                              "refund.\n"));
        CHECK(contains(r.out, "by Tuesday 1 December at 17:00"));
        const Result nl = s.ok({"draft", id, "--lang", "nl"});
        CHECK(contains(nl.out, "schuift op van vrijdag 27 november naar dinsdag 1 december."));
        s.ok({"draft", id, "--sent"});
        CHECK_FALSE(contains(s.ok({"draft", id}).out, "has moved"));  // said once
    }

    TEST_CASE("draft: after reopen the customer's call is acknowledged") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV");
        s.ok({"close", id, "--accepted"});
        s.ok({"reopen", id, "customer called: it broke again", "--deadline", "fri 17:00"});
        s.ok({"plan", id, "Send a new hinge", "--due", "thu 12:00", "--tell", "a new hinge"});
        const Result r = s.ok({"draft", id});
        CHECK(contains(r.out, "Thank you for letting me know that it is not solved yet."));
        const Result de = s.ok({"draft", id, "--lang", "de"});
        CHECK(contains(de.out, "Vielen Dank für Ihren Hinweis"));
    }

    TEST_CASE("draft: an item reported done is not listed again as next") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = case_with_colleague(s);
        s.ok({"plan", id, "1", "--tell", "the refund"});
        s.ok({"done", id, "1"});
        s.ok(
            {"plan", id, "Check the refund arrived", "--due", "thu 17:00", "--tell", "the refund"});
        const Result r = s.ok({"draft", id});
        const auto first = r.out.find("The refund");
        REQUIRE(first != std::string::npos);
        CHECK(r.out.find("The refund", first + 1) == std::string::npos);
    }

    TEST_CASE("draft: a template of one's own without {say} gets it after the greeting") {
        Sandbox s;
        s.use_config(
            std::string(kNamed) +
            "[templates.en]\ncustomer = \"{greeting}\\nWe do {what} by {when}.\\n{who}\\n\"\n");
        const std::string id = case_with_colleague(s);
        const Result r = s.ok({"draft", id, "--say", "Sorry for the wait."});
        CHECK(contains(r.out, "Dear M. Jansen,\n\nSorry for the wait.\n\nWe do"));
        CHECK(contains(r.err, "has no {say}"));
    }
}

TEST_SUITE("issue 26: colleague drafts and checks") {
    TEST_CASE("draft: a colleague on the roster is greeted by first name, unless turned off") {
        Sandbox s;
        const std::string roster = std::string(kNamed) + "[people]\n\"Ben Smit\" = [\"Ben\"]\n";
        s.use_config(roster);
        const std::string id = s.new_case("Broken hinge", "Acme BV", {"--deadline", "fri 17:00"});
        s.ok({"plan", id, "Order a hinge", "--who", "Ben", "--due", "thu 12:00"});
        CHECK(contains(s.ok({"draft", id, "--to", "Ben Smit"}).out, "Hi Ben,\n"));
        CHECK(contains(s.ok({"draft", id, "--to", "Ben", "--lang", "de"}).out, "Hallo Ben,\n"));
        s.use_config(roster + "[drafts]\nfirst_names = false\n");
        CHECK(contains(s.ok({"draft", id, "--to", "Ben"}).out, "Hi Ben Smit,\n"));
    }

    TEST_CASE(
        "draft: thanks greet the roster's colleagues by first name, like every colleague draft") {
        Sandbox s;
        const std::string roster =
            std::string(kNamed) + "[people]\n\"Ben Smit\" = [\"Ben\"]\n\"Dini Vos\" = []\n";
        s.use_config(roster);
        const std::string id = s.new_case("Broken hinge", "Acme BV", {"--deadline", "fri 17:00"});
        s.ok({"plan", id, "Order a hinge", "--who", "Ben", "--due", "thu 12:00"});
        s.ok({"plan", id, "Fit the hinge", "--who", "Dini Vos", "--due", "thu 15:00"});
        s.ok({"done", id, "order"});
        s.ok({"done", id, "fit"});
        s.ok({"close", id, "--accepted"});
        const Result r = s.ok({"draft", id, "--thanks"});
        CHECK(r.out.starts_with("Hi Ben and Dini,\n"));
        CHECK(contains(r.out, "- Ben: Order a hinge\n- Dini: Fit the hinge\n"));
        s.use_config(roster + "[drafts]\nfirst_names = false\n");
        CHECK(s.ok({"draft", id, "--thanks"}).out.starts_with("Hi Ben Smit and Dini Vos,\n"));
    }

    TEST_CASE("draft: two checks on one day name the day once") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string id = s.new_case("Broken hinge", "Acme BV", {"--deadline", "fri 17:00"});
        s.ok({"plan", id, "Order a hinge", "--who", "Dini", "--due", "thu 12:00"});
        // Checks at 11:00 on Wednesday and halfway (Wednesday 14:30): one day.
        const Result r = s.ok({"draft", id, "--to", "Dini"});
        CHECK(contains(r.out, "on Wednesday 25 November at 11:00 and 14:30."));
        const Result de = s.ok({"draft", id, "--to", "Dini", "--lang", "de"});
        CHECK(contains(de.out, "am Mittwoch, 25. November, 11:00 Uhr und 14:30 Uhr."));
    }

    TEST_CASE("today: checks due are in time order") {
        Sandbox s;
        s.use_config(kNamed);
        const std::string later = s.new_case("Broken hinge", "Acme BV", {"-p", "urgent"});
        const std::string sooner = s.new_case("Wobbly table", "Acme BV", {"-p", "low"});
        s.ok({"plan", sooner, "Order a leg", "--who", "Dini", "--due", "fri 12:00"});
        s.env["OWNER_NOW"] = "2026-11-25T09:30:00+01:00";
        s.ok({"plan", later, "Order a hinge", "--who", "Ben", "--due", "fri 12:00"});
        const Result r = s.ok({"today"});
        const auto checks = r.out.find("Checks due");
        REQUIRE(checks != std::string::npos);
        const auto a = r.out.find("Order a leg", checks);
        const auto b = r.out.find("Order a hinge", checks);
        REQUIRE(a != std::string::npos);
        REQUIRE(b != std::string::npos);
        CHECK(a < b);  // 11:00 before 11:30, though the hinge's case is the more urgent
    }
}

TEST_CASE("merge_cases: a cancelled action") {
    using namespace owner;
    ZoneGuard zone("Europe/Amsterdam");
    const Timestamp now = ts("2026-11-26T10:00:00+01:00");
    const Case base = fixture::handed_over_case();
    Case ours = base, theirs = base;
    SUBCASE("cancelled on one side is cancelled") {
        theirs.actions[0].cancelled = ts("2026-11-26T09:00:00+01:00");
        const auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(r.merged.actions[0].cancelled.has_value());
        CHECK_FALSE(r.merged.actions[0].open());
    }
    SUBCASE("done on one side and cancelled on the other: done") {
        ours.actions[0].done = ts("2026-11-26T08:00:00+01:00");
        theirs.actions[0].cancelled = ts("2026-11-26T09:00:00+01:00");
        const auto r = merge_cases(base, ours, theirs, Prefer::none, now);
        CHECK(r.merged.actions[0].done.has_value());
        CHECK_FALSE(r.merged.actions[0].cancelled.has_value());
    }
}
