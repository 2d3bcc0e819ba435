#include "store/process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/error.hpp"

namespace owner {

namespace {

// Ignores SIGPIPE while it lives, so that a child closing its stdin early is an EPIPE, not death.
class IgnoreSigpipe {
  public:
    IgnoreSigpipe() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &m_old);
    }
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_old, nullptr); }
    IgnoreSigpipe(const IgnoreSigpipe&) = delete;
    IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

  private:
    struct sigaction m_old {};
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
        ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw Error("cannot start a program: pipe failed");
    }
    const IgnoreSigpipe guard;
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw Error("cannot start a program: fork failed");
    }
    if (pid == 0) {
        if (options.timeout_s > 0) {
            ::setpgid(0, 0);  // its own group, so that a timeout also ends what it started
        }
        ::signal(SIGPIPE, SIG_DFL);  // an ignored signal would stay ignored across exec
        ::dup2(in_pipe[0], STDIN_FILENO);
        if (options.capture) {
            ::dup2(out_pipe[1], STDOUT_FILENO);
            ::dup2(err_pipe[1], STDERR_FILENO);
        }
        if (options.dir && ::chdir(options.dir->c_str()) != 0) {
            ::_exit(126);
        }
        for (const auto& [k, v] : options.env) {
            ::setenv(k.c_str(), v.c_str(), 1);
        }
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (!options.capture) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
    }
    ProcessResult r;
    // Feed the input and drain the outputs together, so that neither side can block the other.
    pollfd fds[3] = {{options.input.empty() ? -1 : in_pipe[1], POLLOUT, 0},
                     {options.capture ? out_pipe[0] : -1, POLLIN, 0},
                     {options.capture ? err_pipe[0] : -1, POLLIN, 0}};
    if (options.input.empty()) {
        ::close(in_pipe[1]);
    }
    if (options.timeout_s > 0) {
        ::setpgid(pid, pid);  // also here: whichever runs first
    }
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_s);
    auto remaining_ms = [&]() -> int {
        if (options.timeout_s <= 0) {
            return -1;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        return left > 0 ? static_cast<int>(left) : 0;
    };
    auto kill_it = [&] {
        r.timed_out = true;
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
    };
    std::size_t written = 0;
    char buf[8192];
    while (!r.timed_out && (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0)) {
        const int ready = ::poll(fds, 3, remaining_ms());
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (ready == 0) {
            kill_it();
            break;
        }
        if (fds[0].fd >= 0 && fds[0].revents) {
            const ssize_t n =
                ::write(fds[0].fd, options.input.data() + written, options.input.size() - written);
            if (n > 0) {
                written += static_cast<std::size_t>(n);
            }
            if (n <= 0 || written == options.input.size()) {
                ::close(fds[0].fd);  // done, or it does not read its input: that is its right
                fds[0].fd = -1;
            }
        }
        for (int i = 1; i < 3; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                } else {
                    (i == 1 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
                }
            }
        }
    }
    for (int i = 0; i < 3; ++i) {
        if (fds[i].fd >= 0) {
            ::close(fds[i].fd);
        }
    }
    int status = 0;
    if (options.timeout_s > 0 && !r.timed_out) {
        for (;;) {
            const pid_t done = ::waitpid(pid, &status, WNOHANG);
            if (done == pid || (done < 0 && errno != EINTR)) {
                break;
            }
            if (remaining_ms() == 0) {
                kill_it();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (!r.timed_out) {
            r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
            return r;
        }
    }
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return r;
}

std::vector<std::string> split_command(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < line.size()) {
                word += line[++i];
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) {
                words.push_back(word);
                word.clear();
                in_word = false;
            }
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote) {
        throw UsageError("--exec: unbalanced quote in the command");
    }
    if (in_word) {
        words.push_back(word);
    }
    if (words.empty()) {
        throw UsageError("--exec: the command is empty");
    }
    return words;
}

}  // namespace owner
