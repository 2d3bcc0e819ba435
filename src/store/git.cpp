#include "store/git.hpp"

#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/files.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kGitAttributes =
    "# owner: merge case files field by field, keeping both sides' log entries and actions\n"
    "*.toml merge=owner-case\n";
constexpr std::string_view kGitIgnore =
    "# owner: local state, never shared\n.lock\n.cache/\n.remind-state\n.edit-*\n.*.tmp-*\n";
} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const fs::path& dir,
                          const std::vector<std::pair<std::string, std::string>>& env) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw Error("cannot run git: pipe failed");
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw Error("cannot run git: fork failed");
    }
    if (pid == 0) {
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) {
            ::dup2(devnull, STDIN_FILENO);
        }
        if (::chdir(dir.c_str()) != 0) {
            ::_exit(126);
        }
        for (const auto& [k, v] : env) {
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
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ProcessResult r;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    char buf[8192];
    while (open_fds > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
                const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open_fds;
                } else {
                    (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
                }
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    if (r.status == 127) {
        throw Error("cannot run git: is it installed? (apt-get install git)");
    }
    return r;
}

bool is_git_store(const fs::path& root) {
    std::error_code ec;
    return fs::exists(root / ".git", ec);
}

std::string self_executable() {
    char buf[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "owner";
}

void git_register_merge_driver(const fs::path& root, const std::string& owner_binary) {
    run_process({"git", "config", "merge.owner-case.name", "owner case files: field by field"}, root);
    run_process({"git", "config", "merge.owner-case.driver", owner_binary + " __merge %O %A %B %P"}, root);
}

void git_init_store(const fs::path& root, const std::string& owner_binary) {
    make_private_dir(root / "cases");
    if (!is_git_store(root)) {
        const auto r = run_process({"git", "init", "-q"}, root);
        if (r.status != 0) {
            throw Error(fmt::format("git init failed: {}", r.err));
        }
    }
    for (const auto& [name, text] : {std::pair{".gitattributes", kGitAttributes}, std::pair{".gitignore", kGitIgnore}}) {
        if (!read_file(root / name)) {
            write_file_atomic(root / name, std::string(text));
        }
    }
    git_register_merge_driver(root, owner_binary);
}

std::string git_commit_all(const fs::path& root, const std::string& message) {
    auto add = run_process({"git", "add", "-A"}, root);
    if (add.status != 0) {
        return fmt::format("git add failed: {}", add.err.substr(0, add.err.find('\n')));
    }
    auto diff = run_process({"git", "diff", "--cached", "--quiet"}, root);
    if (diff.status == 0) {
        return "";  // nothing to commit
    }
    auto commit = run_process({"git", "commit", "-q", "--no-verify", "-m", message}, root);
    if (commit.status != 0) {
        const std::string why = commit.err.empty() ? commit.out : commit.err;
        return fmt::format("the change is saved but not committed to git: {}", why.substr(0, why.find('\n')));
    }
    return "";
}

} // namespace owner
