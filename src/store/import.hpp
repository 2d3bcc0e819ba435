#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/taskwarrior.hpp"

namespace owner {

// One case of an `owner export` file: the parsed case and the file's exact text, which import
// writes as it came (lossless).
struct ImportEntry {
    Case c;
    std::string text;
};

// Reads an `owner export` document ({"schema": 1, "cases": [{"toml": "..."}, ...]}). Every entry
// is checked before anything is returned: a bad one throws a one-line Error naming `what`, the
// entry (`cases[N]`) and what is wrong with it (UsageError for text that is not valid UTF-8 or has
// control characters). Duplicates and ids already in a store are the caller's to judge.
std::vector<ImportEntry> parse_import(std::string_view bytes, const std::string& what);

// Reads `task export` (Taskwarrior 2.6: a JSON array of tasks). Every task is checked: a bad one
// throws a one-line Error naming `what`, the task (its number in the list, its description) and
// the field (UsageError for text that is not valid UTF-8 or has control characters).
std::vector<TaskwarriorTask> parse_taskwarrior(std::string_view bytes, const std::string& what);

}  // namespace owner
