#include <algorithm>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <doctest/doctest.h>

#include "domain/error.hpp"
#include "domain/remind.hpp"
#include "fixture.hpp"
#include "store/process.hpp"

using namespace owner;
using fixture::handed_over_case;

namespace {
using Words = std::vector<std::string>;

std::vector<Reminder> of_kind(const std::vector<Reminder>& all, std::string_view kind) {
    std::vector<Reminder> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [&](const Reminder& r) { return r.kind == kind; });
    return out;
}

std::vector<std::string> keys_of(const std::vector<Reminder>& all) {
    std::vector<std::string> out;
    for (const auto& r : all) {
        out.push_back(r.key);
    }
    return out;
}
}  // namespace

TEST_CASE("run_process: a program that cannot start is an error that gives errno") {
    // posix_spawnp reports the exec's errno to the parent: the message says why, by name.
    SUBCASE("not on PATH") {
        CHECK_THROWS_WITH_AS(run_process({"owner-test-no-such-program"}),
                             "cannot start owner-test-no-such-program: No such file or "
                             "directory (ENOENT)",
                             Error);
    }
    SUBCASE("a file that may not be run") {
        const auto file = std::filesystem::temp_directory_path() /
                          ("owner-test-not-a-program-" + std::to_string(::getpid()));
        std::ofstream(file) << "#!/bin/sh\n";
        std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);
        CHECK_THROWS_WITH_AS(
            run_process({file.string()}),
            ("cannot start " + file.string() + ": Permission denied (EACCES)").c_str(), Error);
        std::filesystem::remove(file);
    }
    SUBCASE("a folder to run it in that is missing") {
        ProcessOptions options;
        options.dir = "/nonexistent/owner-test";
        CHECK_THROWS_WITH_AS(run_process({"true"}, options),
                             "cannot start true in /nonexistent/owner-test: No such file or "
                             "directory (ENOENT)",
                             Error);
    }
    SUBCASE("a program that starts runs in its folder, with the variables added, and its input") {
        ProcessOptions options;
        options.dir = "/";
        options.env = {{"OWNER_TEST_VALUE", "it is set"}, {"PATH", "/usr/bin:/bin"}};
        options.input = "input\n";
        const ProcessResult r = run_process(
            {"sh", "-c", "pwd; printf '%s\\n' \"$OWNER_TEST_VALUE\"; cat; exit 3"}, options);
        CHECK(r.status == 3);
        CHECK(r.out == "/\nit is set\ninput\n");
        CHECK_FALSE(r.timed_out);
    }
}

TEST_CASE("split_command: words like a shell, no expansion") {
    SUBCASE("blanks separate words; runs of them make no empty words") {
        CHECK(split_command("notify-send  owner\t'x'\n") == Words{"notify-send", "owner", "x"});
        CHECK(split_command("  a") == Words{"a"});
    }
    SUBCASE("quotes group words and are removed; single quotes keep backslashes") {
        CHECK(split_command("mail -s 'a case is due' me@x") ==
              Words{"mail", "-s", "a case is due", "me@x"});
        CHECK(split_command(R"(echo "two words" 'it''s')") == Words{"echo", "two words", "its"});
        CHECK(split_command(R"(printf 'a\nb')") == Words{"printf", R"(a\nb)"});
        CHECK(split_command(R"(echo "say \"hi\"")") == Words{"echo", R"(say "hi")"});
        CHECK(split_command(R"(echo "it's")") == Words{"echo", "it's"});
        CHECK(split_command(R"(echo 'say "hi"')") == Words{"echo", R"(say "hi")"});
    }
    SUBCASE("an empty quoted word is a word") {
        CHECK(split_command("prog '' x") == Words{"prog", "", "x"});
        CHECK(split_command(R"(prog "")") == Words{"prog", ""});
    }
    SUBCASE("a backslash outside quotes takes the next character literally") {
        CHECK(split_command(R"(echo a\ b)") == Words{"echo", "a b"});
        CHECK(split_command(R"(echo \'x)") == Words{"echo", "'x"});
        CHECK(split_command(R"(echo \\)") == Words{"echo", R"(\)"});
        CHECK(split_command(R"(echo x\)") == Words{"echo", R"(x\)"});  // a trailing one stays
    }
    SUBCASE("shell syntax is plain text: no command separators, substitutions or globs") {
        CHECK(split_command("echo a; rm -rf /") == Words{"echo", "a;", "rm", "-rf", "/"});
        CHECK(split_command("echo $(id) `id` $HOME ~ * a|b a&&b >f") ==
              Words{"echo", "$(id)", "`id`", "$HOME", "~", "*", "a|b", "a&&b", ">f"});
        CHECK(split_command(R"x(sh -c "$(touch /tmp/pwned)")x") ==
              Words{"sh", "-c", "$(touch /tmp/pwned)"});
    }
    SUBCASE("an unterminated quote is an error, never a guess") {
        for (const char* bad : {"echo 'abc", R"(echo "abc)", R"(echo "abc\")", "'", "a 'b' \"c"}) {
            CAPTURE(bad);
            CHECK_THROWS_WITH_AS(split_command(bad), "--exec: unbalanced quote in the command",
                                 UsageError);
        }
    }
    SUBCASE("an empty command is an error") {
        for (const char* bad : {"", "   ", "\t\n"}) {
            CAPTURE(bad);
            CHECK_THROWS_WITH_AS(split_command(bad), "--exec: the command is empty", UsageError);
        }
    }
}

TEST_CASE("remind_quiet: reminders wait for working time") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    CHECK(remind_quiet(ts("2026-11-23T08:59:00+01:00"), config));        // Monday before opening
    CHECK_FALSE(remind_quiet(ts("2026-11-23T09:00:00+01:00"), config));  // opening
    CHECK_FALSE(remind_quiet(ts("2026-11-23T17:00:00+01:00"), config));  // closing, included
    CHECK(remind_quiet(ts("2026-11-23T17:01:00+01:00"), config));
    CHECK(remind_quiet(ts("2026-11-24T03:00:00+01:00"), config));  // the night
    CHECK(remind_quiet(ts("2026-11-28T11:00:00+01:00"), config));  // Saturday
    CHECK(remind_quiet(ts("2026-11-29T11:00:00+01:00"), config));  // Sunday
    config.calendar = WorkCalendar({true, true, true, true, true, true, false}, 7 * 60, 15 * 60,
                                   {Date{2026, 11, 24}});
    CHECK_FALSE(remind_quiet(ts("2026-11-23T07:00:00+01:00"), config));  // the team's hours
    CHECK(remind_quiet(ts("2026-11-23T16:00:00+01:00"), config));
    CHECK_FALSE(remind_quiet(ts("2026-11-28T11:00:00+01:00"), config));  // they work Saturdays
    CHECK(remind_quiet(ts("2026-11-24T11:00:00+01:00"), config));        // a holiday
}

TEST_CASE("due_reminders: checks, one at a time") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Sam";
    Case c = handed_over_case();  // Credit note (Dini) due Friday 27 Nov 12:00
    c.actions[0].checks = {ts("2026-11-25T11:00:00+01:00"), ts("2026-11-26T12:00:00+01:00")};
    auto checks_at = [&](const char* now) {
        return of_kind(due_reminders({c}, ts(now), config), "check");
    };

    SUBCASE("nothing before the first check time") {
        CHECK(checks_at("2026-11-25T10:59:00+01:00").empty());
    }
    SUBCASE("from the first check time on: one reminder, on the colleague's action") {
        const auto r = checks_at("2026-11-25T11:00:00+01:00");
        REQUIRE(r.size() == 1);
        CHECK(r[0].key == "check|k7rq2|Credit note|2026-11-25T11:00:00+01:00");
        CHECK(r[0].text == "check on Dini: Credit note");
        CHECK(r[0].who == "Dini");
        CHECK(r[0].case_id == "k7rq2");
        CHECK(r[0].customer == "M. Jansen");
        CHECK(r[0].title == "Double charge");
        CHECK(r[0].when.rfc3339() == "2026-11-25T11:00:00+01:00");
    }
    SUBCASE("past the second check time with the first not recorded: still one, the first") {
        const auto r = checks_at("2026-11-26T15:00:00+01:00");
        REQUIRE(r.size() == 1);
        CHECK(r[0].when.rfc3339() == "2026-11-25T11:00:00+01:00");
    }
    SUBCASE("the first check recorded: the second comes at its own time, with its own key") {
        c.actions[0].checks.erase(c.actions[0].checks.begin());
        CHECK(checks_at("2026-11-26T11:59:00+01:00").empty());
        const auto r = checks_at("2026-11-26T12:00:00+01:00");
        REQUIRE(r.size() == 1);
        CHECK(r[0].key == "check|k7rq2|Credit note|2026-11-26T12:00:00+01:00");
    }
    SUBCASE("the owner's own action: the check is on the owner") {
        c.actions[0].who.reset();
        const auto r = checks_at("2026-11-25T11:00:00+01:00");
        REQUIRE(r.size() == 1);
        CHECK(r[0].who == "Sam");
        CHECK(r[0].text == "check on Sam: Credit note");
    }
    SUBCASE("a done action and a closed case say nothing") {
        c.actions[0].done = ts("2026-11-25T10:00:00+01:00");
        CHECK(checks_at("2026-11-26T15:00:00+01:00").empty());
        c.actions[0].done.reset();
        c.closed = ts("2026-11-25T10:00:00+01:00");
        CHECK(due_reminders({c}, ts("2026-11-30T15:00:00+01:00"), config).empty());
    }
}

TEST_CASE("due_reminders: the same thing keeps the same key, so it is said once") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.escalation.to = "Anna";
    Case c = handed_over_case();
    c.last_update_to_customer = ts("2026-11-23T09:30:00+01:00");
    c.actions[0].checks = {ts("2026-11-25T11:00:00+01:00")};
    c.deadline = ts("2026-11-30T17:00:00+01:00");

    SUBCASE("keys are made of recorded facts, never of now") {
        const auto early = due_reminders({c}, ts("2026-11-27T12:00:00+01:00"), config);
        const auto later = due_reminders({c}, ts("2026-11-27T16:00:00+01:00"), config);
        const auto action_early = of_kind(early, "action");
        const auto action_later = of_kind(later, "action");
        REQUIRE(action_early.size() == 1);
        REQUIRE(action_later.size() == 1);
        CHECK(action_early[0].key == "action|k7rq2|Credit note|2026-11-27T12:00:00+01:00");
        CHECK(action_early[0].key == action_later[0].key);
        CHECK(action_early[0].text == "due: Credit note — Dini");
        // Run after run, nothing is fresh the second time.
        CHECK(keys_of(early) == keys_of(later));
        CHECK(remind_diff(early, {}, false).fresh.size() == early.size());
        const auto said = keys_of(early);
        const auto again = remind_diff(later, {said.begin(), said.end()}, false);
        CHECK(again.fresh.empty());
        CHECK(again.keep.size() == later.size());
    }
    SUBCASE("a new due time is a new thing to say") {
        const auto before =
            of_kind(due_reminders({c}, ts("2026-11-27T12:00:00+01:00"), config), "action");
        c.actions[0].due = ts("2026-11-27T11:00:00+01:00");
        const auto after =
            of_kind(due_reminders({c}, ts("2026-11-27T12:00:00+01:00"), config), "action");
        REQUIRE(before.size() == 1);
        REQUIRE(after.size() == 1);
        CHECK(before[0].key != after[0].key);
    }
    SUBCASE("the same action text in two cases: two keys") {
        Case other = c;
        other.id = "m3p8x";
        const auto both =
            of_kind(due_reminders({c, other}, ts("2026-11-27T12:00:00+01:00"), config), "action");
        REQUIRE(both.size() == 2);
        CHECK(both[0].key != both[1].key);
    }
    SUBCASE("a line break in an action's text never splits a key (one key per state-file line)") {
        c.actions[0].what = "Credit note\nfor invoice 4";
        const auto r =
            of_kind(due_reminders({c}, ts("2026-11-27T12:00:00+01:00"), config), "action");
        REQUIRE(r.size() == 1);
        CHECK(r[0].key == "action|k7rq2|Credit note for invoice 4|2026-11-27T12:00:00+01:00");
    }
    SUBCASE("the deadline: today until its minute, then missed (a new thing to say)") {
        auto deadline_at = [&](const char* now) {
            std::vector<Reminder> out;
            for (const auto& r : due_reminders({c}, ts(now), config)) {
                if (r.kind.starts_with("deadline")) {
                    out.push_back(r);
                }
            }
            return out;
        };
        CHECK(deadline_at("2026-11-29T23:59:00+01:00").empty());
        auto today = deadline_at("2026-11-30T00:00:00+01:00");
        REQUIRE(today.size() == 1);
        CHECK(today[0].kind == "deadline");
        CHECK(today[0].text == "promised deadline today at 17:00");
        today = deadline_at("2026-11-30T17:00:00+01:00");
        REQUIRE(today.size() == 1);
        CHECK(today[0].kind == "deadline");
        const auto missed = deadline_at("2026-11-30T17:01:00+01:00");
        REQUIRE(missed.size() == 1);
        CHECK(missed[0].kind == "deadline_missed");
        CHECK(missed[0].key == "deadline_missed|k7rq2||2026-11-30T17:00:00+01:00");
        CHECK(missed[0].key != today[0].key);
        CHECK(deadline_at("2026-12-03T10:00:00+01:00")[0].key == missed[0].key);
    }
    SUBCASE("sorted by the moment that made each due") {
        const auto all = due_reminders({c}, ts("2026-12-01T10:00:00+01:00"), config);
        REQUIRE(all.size() >= 3);
        CHECK(std::is_sorted(all.begin(), all.end(),
                             [](const Reminder& a, const Reminder& b) { return a.when < b.when; }));
    }
}

TEST_CASE("due_reminders: an escalation names who escalated, not the case's owner") {
    ZoneGuard zone("Europe/Amsterdam");
    Config config;
    config.name = "Lena Visser";
    config.team = true;
    config.people = Roster({Person{"Sam Jansen", {"Sam"}, {}, ""}, Person{"Dini", {}, {}, ""},
                            Person{"Lena Visser", {"Lena"}, {}, std::string(kLeadRole)}});
    Case c = handed_over_case();  // Credit note (Dini) due Friday 27 Nov 12:00
    c.owner = "Sam Jansen";
    c.add_log(ts("2026-11-25T11:05:00+01:00"), "escalated", "to Lena Visser: billing is stuck");
    c.log.back().extra.insert_or_assign("to", std::string("Lena Visser"));
    const auto said = [&] {
        const auto r =
            of_kind(due_reminders({c}, ts("2026-11-25T11:30:00+01:00"), config), "escalated");
        REQUIRE(r.size() == 1);
        return r[0].text;
    };
    SUBCASE("by a colleague: her name, from the entry's `by`") {
        c.log.back().by = "Dini";
        CHECK(said() == "escalated to you by Dini: billing is stuck");
        config.language = "nl";
        CHECK(said() == "door Dini naar u geëscaleerd: billing is stuck");
    }
    SUBCASE("without `by`: the case's owner wrote it") {
        CHECK(said() == "escalated to you by Sam Jansen: billing is stuck");
    }
}
