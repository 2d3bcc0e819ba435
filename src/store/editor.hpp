#pragma once

#include <string>

#include "store/settings.hpp"

namespace owner {

// The editor command for `owner edit`: $VISUAL, $EDITOR, else the first of vi, editor,
// sensible-editor, nano found on PATH. Throws Error saying what to set when there is none.
std::string find_editor(const Settings& settings);

// Runs the editor command through the shell like git does, so "code -w" works; the file name
// goes in as "$1", never pasted into the command text. Returns its exit status; throws Error
// (with errno) when the shell cannot start.
int run_editor(const std::string& command, const std::string& path);

}  // namespace owner
