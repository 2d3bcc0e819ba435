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

// Every subcommand, in the order `owner --help` lists them.
inline constexpr CommandSpec kCommands[] = {
    {"new", "open a case: owner new TITLE --customer NAME", setup_new},
    {"list", "list open cases, most urgent first", setup_list},
    {"show", "show one case: fields, actions, log", setup_show},
    {"note", "add a short note to a case's log", setup_note},
    {"edit", "edit a case file in $VISUAL/$EDITOR; saved only if valid", setup_edit},
};

} // namespace owner
