#pragma once

namespace owner {

// The whole program: parses the command line, runs one command, returns the exit status.
int run(int argc, char** argv);

} // namespace owner
