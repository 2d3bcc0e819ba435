#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "domain/config.hpp"
#include "domain/time.hpp"
#include "render/json.hpp"
#include "render/text.hpp"
#include "store/settings.hpp"
#include "store/store.hpp"

namespace owner {

// What every command gets: the moment it runs, the team's rules, the store, how to print.
// Built once at start-up; nothing below the commands reads the clock or the environment.
struct Context {
    Timestamp now;
    Config config;
    Store store;
    Style style{false};
    std::size_t width = 80;  // columns for human output
    // Runs the user's editor on a file and returns its exit status (replaced in tests).
    std::function<int(const std::string& path)> edit_file;
    // The environment as read at start-up (store/settings.hpp).
    Settings settings;

    // Data to stdout. Control characters and escape sequences in it are shown visibly (only the
    // colours Style wrote pass), so a customer's text can never act on the terminal.
    void out(std::string_view text) const;
    // A --json document to stdout: indented, with a final newline.
    void out_json(const Json& doc) const;
    // Notes and warnings to stderr.
    void note(std::string_view text) const;
    void warn(std::string_view text) const;
    // Reports unreadable case files without stopping the command.
    void report_bad(const std::vector<BadFile>& bad) const;
};

}  // namespace owner
