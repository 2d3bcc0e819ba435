#pragma once

#include <stdexcept>
#include <string>

namespace owner {

// Exit statuses, documented in README and `owner --help`.
enum ExitCode : int {
    exit_ok = 0,
    exit_error = 1,        // bad data, unknown case, I/O failure
    exit_usage = 2,        // bad command line
    exit_reminded = 3,     // `remind` printed reminders; `doctor` found problems
    exit_locked = 4,       // the store stayed locked by another process
    exit_hook_failed = 5,  // a `remind --exec` hook failed: its reminder is said again next time
};

// The one error type: its message is meant for the user and is printed as `owner: error: …`.
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, int exit_code = exit_error)
        : std::runtime_error(message), m_exit_code(exit_code) {}
    int exit_code() const { return m_exit_code; }

  private:
    int m_exit_code;
};

// A mistake in what the user typed: a bad argument value (exit status 2).
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message) : Error(message, exit_usage) {}
};

}  // namespace owner
