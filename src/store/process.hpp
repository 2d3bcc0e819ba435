#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace owner {

struct ProcessResult {
    int status = 0;  // the exit status; 128 when killed
    std::string out;
    std::string err;
    bool timed_out = false;  // killed after ProcessOptions::timeout_s
};

struct ProcessOptions {
    std::optional<std::filesystem::path> dir;              // run there (default: here)
    std::vector<std::pair<std::string, std::string>> env;  // added to the environment
    std::string input;                                     // written to its standard input
    bool capture = true;     // false: it writes to our stdout and stderr
    int timeout_s = 0;       // > 0: after this many seconds it and its children are killed
    bool pipe_input = true;  // false: it reads our stdin (an editor), and `input` is unused
};

// Runs argv without a shell (posix_spawnp: argv[0] is looked for on PATH) and waits for it. A
// program that does not read its input is fine: writing to it never raises SIGPIPE in owner.
// Throws Error when it cannot start, with errno: "cannot start git: No such file or directory
// (ENOENT)".
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Splits a command line (`remind --exec`) into argv like a shell would, with quotes and
// backslashes, but with no expansion of any kind: nothing from case text ever reaches a shell.
// Throws UsageError on an unbalanced quote or an empty command.
std::vector<std::string> split_command(const std::string& line);

}  // namespace owner
