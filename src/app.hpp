#pragma once

#include <filesystem>

namespace owner {

// Where the store is: $OWNER_HOME, else $XDG_DATA_HOME/owner, else ~/.local/share/owner.
std::filesystem::path store_root();

// The whole program: parses the command line, runs one command, returns the exit status.
int run(int argc, char** argv);

}  // namespace owner
