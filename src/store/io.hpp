#pragma once

#include <cstddef>
#include <iosfwd>
#include <string_view>

namespace owner {

// Where one run of the program writes and reads: the process's stdout, stderr and stdin in the
// program (process_io), string streams when a test runs a command line in-process. Whether the
// output and input are a terminal, and how wide it is, come from here too.
struct Io {
    std::ostream& out;
    std::ostream& err;
    std::istream& in;
    bool out_is_terminal = false;      // colour on --color=auto; output cut to the width
    bool in_is_terminal = false;       // a question may be asked (forget without --yes)
    std::size_t terminal_columns = 0;  // the terminal's own width; 0: unknown
    // The process ends when the command does (the real binary; not a test running commands
    // in-process): what Context::hold keeps need not be freed.
    bool process_ends_with_command = false;
};

// The real file descriptors 0, 1 and 2 (through std::cin, std::cout and std::cerr, which share
// stdio's buffers), with isatty and the terminal's size.
Io process_io();

// Writes `text` with one call, so that a line is never split between processes.
void write_all(std::ostream& to, std::string_view text);
// errno of the first write_all that failed in this process, 0 when none did (or none said why).
int first_write_error();

}  // namespace owner
