#include "store/process.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string_view>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

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

std::string spawn_error(const std::vector<std::string>& argv, const ProcessOptions& options,
                        int error) {
    const std::string where = options.dir ? " in " + options.dir->string() : "";
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
    const char* name = ::strerrorname_np(error);
    const std::string code = name ? name : fmt::format("errno {}", error);
#else
    const std::string code = fmt::format("errno {}", error);
#endif
    return fmt::format("cannot start {}{}: {} ({})", argv.empty() ? "a program" : argv[0], where,
                       std::strerror(error), code);
}

// The environment of the child: ours, with `added` set over it. (The one place that names
// `environ`: it hands it on, as fork and exec did, and reads no value from it.)
std::vector<std::string>
child_environment(const std::vector<std::pair<std::string, std::string>>& added) {
    std::vector<std::string> out;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        if (std::none_of(added.begin(), added.end(),
                         [&](const auto& kv) { return kv.first == name; })) {
            out.emplace_back(entry);
        }
    }
    for (const auto& [k, v] : added) {
        out.push_back(k + "=" + v);
    }
    return out;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

// posix_spawn's two handles, released however the start ends.
struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attributes{};
    SpawnSetup() {
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        ::posix_spawnattr_destroy(&attributes);
        ::posix_spawn_file_actions_destroy(&actions);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Closes the pipe ends it holds when it goes.
struct Pipes {
    int fds[6] = {-1, -1, -1, -1, -1, -1};
    ~Pipes() {
        for (const int fd : fds) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    int take(int k) { return std::exchange(fds[k], -1); }
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    if (argv.empty()) {
        throw Error("cannot start a program: the command is empty");
    }
    Pipes pipes;
    int* const in_pipe = pipes.fds;
    int* const out_pipe = pipes.fds + 2;
    int* const err_pipe = pipes.fds + 4;
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
        ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw Error(spawn_error(argv, options, errno));
    }
    const IgnoreSigpipe guard;
    // As ccache and Ninja start theirs: posix_spawnp (vfork and exec, whose errno comes back to
    // us). The pipes are close-on-exec; the child gets copies of its ends as 0, 1 and 2.
    SpawnSetup setup;
    if (options.pipe_input) {
        ::posix_spawn_file_actions_adddup2(&setup.actions, in_pipe[0], STDIN_FILENO);
    }
    if (options.capture) {
        ::posix_spawn_file_actions_adddup2(&setup.actions, out_pipe[1], STDOUT_FILENO);
        ::posix_spawn_file_actions_adddup2(&setup.actions, err_pipe[1], STDERR_FILENO);
    }
    if (options.dir) {
        ::posix_spawn_file_actions_addchdir_np(&setup.actions, options.dir->c_str());
    }
    // SIGPIPE is ignored here while it runs; an ignored signal would stay ignored across exec.
    sigset_t defaults;
    ::sigemptyset(&defaults);
    ::sigaddset(&defaults, SIGPIPE);
    ::posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
    short flags = POSIX_SPAWN_SETSIGDEF;
    if (options.timeout_s > 0) {
        flags |=
            POSIX_SPAWN_SETPGROUP;  // its own group, so that a timeout also ends what it started
        ::posix_spawnattr_setpgroup(&setup.attributes, 0);
    }
    ::posix_spawnattr_setflags(&setup.attributes, flags);
    std::vector<std::string> args(argv);
    std::vector<std::string> env = child_environment(options.env);
    pid_t pid = 0;
    if (const int error = ::posix_spawnp(&pid, args[0].c_str(), &setup.actions, &setup.attributes,
                                         pointers_to(args).data(), pointers_to(env).data())) {
        throw Error(spawn_error(argv, options, error));
    }
    ::close(pipes.take(0));
    ::close(pipes.take(3));
    ::close(pipes.take(5));
    if (!options.capture) {
        ::close(pipes.take(2));
        ::close(pipes.take(4));
    }
    ProcessResult r;
    // Feed the input and drain the outputs together, so that neither side can block the other.
    pollfd fds[3] = {{options.input.empty() ? -1 : pipes.take(1), POLLOUT, 0},
                     {options.capture ? pipes.take(2) : -1, POLLIN, 0},
                     {options.capture ? pipes.take(4) : -1, POLLIN, 0}};
    if (options.input.empty()) {
        ::close(pipes.take(1));  // nothing to say: it reads the end at once
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
