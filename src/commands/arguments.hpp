#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

// Every argument is text that may end up in a case file: it must be valid UTF-8 without control
// characters (issue 12, item 7). Refused with exit status 2 before anything is read or written.
namespace owner {

// Checks every word of the command line after the program's name, numbered from 1 (newlines
// allowed here; see check_option_texts).
void check_arguments(const std::vector<std::string>& args);
// After parsing: a newline only in options whose text may span lines (notes and reasons).
void check_option_texts(const CLI::App& command);

}  // namespace owner
