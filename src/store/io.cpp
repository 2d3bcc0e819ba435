#include "store/io.hpp"

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
              .terminal_columns = columns};
}

void write_all(std::ostream& to, std::string_view text) {
    to.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace owner
