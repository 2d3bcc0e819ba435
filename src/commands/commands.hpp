#pragma once

#include <functional>
#include <string_view>

#include "commands/context.hpp"

namespace CLI {
class App;
}

namespace owner {

// A command's work once its options are parsed; returns the exit status.
using Runner = std::function<int(Context&)>;

// Declares a subcommand's options on `app` and returns what runs it.
using Setup = Runner (*)(CLI::App& app);

struct CommandSpec {
    std::string_view name;
    std::string_view summary;
    Setup setup;
    bool writes = false;  // may change cases: committed to git when the store is a repository
};

Runner setup_new(CLI::App&);
Runner setup_list(CLI::App&);
Runner setup_show(CLI::App&);
Runner setup_note(CLI::App&);
Runner setup_edit(CLI::App&);
Runner setup_today(CLI::App&);
Runner setup_prioritize(CLI::App&);
Runner setup_plan(CLI::App&);
Runner setup_done(CLI::App&);
Runner setup_agenda(CLI::App&);
Runner setup_draft(CLI::App&);
Runner setup_told(CLI::App&);
Runner setup_check(CLI::App&);
Runner setup_escalate(CLI::App&);
Runner setup_close(CLI::App&);
Runner setup_deadline(CLI::App&);
Runner setup_wait(CLI::App&);
Runner setup_reopen(CLI::App&);
Runner setup_stats(CLI::App&);
Runner setup_report(CLI::App&);
Runner setup_status(CLI::App&);
Runner setup_remind(CLI::App&);
Runner setup_export(CLI::App&);
Runner setup_import(CLI::App&);
Runner setup_doctor(CLI::App&);
Runner setup_forget(CLI::App&);
Runner setup_init(CLI::App&);
Runner setup_sync(CLI::App&);
Runner setup_demo(CLI::App&);
Runner setup_team(CLI::App&);
Runner setup_handoff(CLI::App&);
Runner setup_callback(CLI::App&);

// Every subcommand, in the order `owner --help` lists them.
inline constexpr CommandSpec kCommands[] = {
    {"today", "what needs you today (the default command)", setup_today},
    {"new", "open a case: owner new TITLE --customer NAME", setup_new, true},
    {"list", "list open cases, most urgent first", setup_list},
    {"show", "show one case: fields, actions, log", setup_show},
    {"note", "add a short note to a case's log", setup_note, true},
    {"edit", "edit a case file in $VISUAL/$EDITOR; saved only if valid", setup_edit, true},
    {"prioritize", "step 1: rank cases by urgency, or set a case's priority", setup_prioritize,
     true},
    {"plan", "step 2: add, re-plan or remove an action: plan CASE WHAT --due WHEN", setup_plan,
     true},
    {"done", "mark an action done", setup_done, true},
    {"agenda", "step 2: the working days ahead, day by day", setup_agenda},
    {"draft", "step 3: a message saying who does what, when (--to customer|NAME)", setup_draft,
     true},
    {"told", "step 3: record that the customer got an update", setup_told, true},
    {"deadline", "step 3: renegotiate the promised deadline: deadline CASE WHEN --reason TEXT",
     setup_deadline, true},
    {"wait", "pause updates owed and escalations until the customer answers", setup_wait, true},
    {"check", "step 4: list due checks, or record one: CASE [ACTION] done|on-track|stalled",
     setup_check, true},
    {"escalate", "step 5: cases that meet the team's rules, or escalate one", setup_escalate, true},
    {"close", "step 6: close a case the customer accepted (--accepted)", setup_close, true},
    {"reopen", "bring a closed case back, history intact", setup_reopen, true},
    {"stats", "lead time, promises kept, updates in time, hand-overs, escalations", setup_stats},
    {"report", "the stats as one HTML page with charts: owner report > report.html", setup_report},
    {"status", "a short summary for the team chat (text, markdown, slack, json)", setup_status},
    {"remind", "for cron: print what became due since the last run, once", setup_remind},
    {"export", "every case as JSON (lossless), or a calendar (ics)", setup_export},
    {"import", "add cases from an export file", setup_import, true},
    {"doctor", "check every file in the store; --fix repairs what is safe", setup_doctor, true},
    {"forget", "remove a customer's personal data from closed cases", setup_forget, true},
    {"init", "create the store; --git makes it a git repository for sync", setup_init},
    {"sync", "git: fetch, rebase onto the remote (case files merged field by field), push",
     setup_sync},
    {"team", "the lead's view of a team; team init writes its roster, team edit changes it",
     setup_team, true},
    {"handoff", "hand the case to another owner: handoff CASE --to NAME", setup_handoff, true},
    {"callback",
     "a colleague (the lead) calls the customer back: callback CASE --who NAME --due WHEN",
     setup_callback, true},
    {"demo", "fill a temporary demo store and show its day", setup_demo},
};

}  // namespace owner
