#include "store/io.hpp"

#include <cerrno>
#include <iostream>

#include <sys/ioctl.h>
#include <unistd.h>

namespace owner {

Io process_io() {
    winsize ws{};
    const bool out_tty = ::isatty(STDOUT_FILENO) != 0;
    const std::size_t columns =
        out_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
    return Io{.out = std::cout,
              .err = std::cerr,
              .in = std::cin,
              .out_is_terminal = out_tty,
              .in_is_terminal = ::isatty(STDIN_FILENO) != 0,
              .terminal_columns = columns,
              .process_ends_with_command = true};
}

namespace {
// errno of the first write that failed: by the end of the command it may be long overwritten.
int g_first_write_error = 0;
}  // namespace

void write_all(std::ostream& to, std::string_view text) {
    if (to.fail()) {
        return;  // the reader is gone or the disk full: said once, at the end (app.cpp)
    }
    errno = 0;
    to.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (to.fail() && g_first_write_error == 0) {
        g_first_write_error = errno;
    }
}

int first_write_error() {
    return g_first_write_error;
}

}  // namespace owner
