#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/io.hpp"
#include "store/settings.hpp"

namespace owner {

// The whole program in-process: `args` are the words after the program's name, `env` the
// process environment, `io` where it prints and reads, `login_name` the login's full name (asked
// only when the config sets no name). Parses the command line, runs one command, returns the exit
// status. Nothing in it reads the environment or the file descriptors but through these.
int run(const std::vector<std::string>& args, const Environment& env, Io& io,
        const std::function<std::string()>& login_name);

// main: the real command line, environment (envp) and file descriptors.
int run(int argc, char** argv, char** envp);

}  // namespace owner
