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

// Every subcommand, in the order `owner --help` lists them.
inline constexpr CommandSpec kCommands[] = {
    {"today", "what needs you today (the default command)", setup_today},
    {"new", "open a case: owner new TITLE --customer NAME", setup_new},
    {"list", "list open cases, most urgent first", setup_list},
    {"show", "show one case: fields, actions, log", setup_show},
    {"note", "add a short note to a case's log", setup_note},
    {"edit", "edit a case file in $VISUAL/$EDITOR; saved only if valid", setup_edit},
    {"prioritize", "step 1: rank cases by urgency, or set a case's priority", setup_prioritize},
    {"plan", "step 2: add, re-plan or remove an action: plan CASE WHAT --due WHEN", setup_plan},
    {"done", "mark an action done", setup_done},
    {"agenda", "step 2: the working days ahead, day by day", setup_agenda},
};

} // namespace owner
