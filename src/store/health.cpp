#include "store/health.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/files.hpp"
#include "store/sync.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

// The pid in a temp file name ".ID.toml.tmp-PID-N", or 0.
pid_t temp_owner(const std::string& name) {
    const auto at = name.find(".tmp-");
    return at == std::string::npos ? 0 : static_cast<pid_t>(std::atol(name.c_str() + at + 5));
}

bool alive(pid_t pid) {
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

class Examiner {
  public:
    Examiner(const Store& store, bool fix) : m_store(store), m_fix(fix) {}

    std::vector<Finding> run() {
        const fs::path root = m_store.root();
        std::error_code ec;
        if (!fs::exists(root, ec)) {
            return {};
        }
        if (fs::is_directory(root / ".git", ec)) {
            check_interrupted_sync(root);  // first: putting it right changes case files
        }
        check_mode(root, 0700);
        walk(root);
        check_cases_readable();
        if (!m_fix) {
            check_lock(root / ".lock");  // with --fix the lock is doctor's own
        }
        if (fs::is_directory(root / ".git", ec)) {
            check_git_modes(root / ".git");
            check_git_locks(root, root / ".git");
        }
        return std::move(m_findings);
    }

  private:
    void add(std::string kind, const fs::path& path, std::string problem, std::string fixed = "") {
        m_findings.push_back(
            Finding{std::move(kind), path.string(), std::move(problem), std::move(fixed)});
    }

    void check_mode(const fs::path& path, mode_t want) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) {
            return;
        }
        const mode_t mode = st.st_mode & 07777;
        if ((mode & 077) == 0) {
            return;
        }
        std::string fixed;
        if (m_fix && ::chmod(path.c_str(), want) == 0) {
            fixed = fmt::format("set to {:04o}", want);
        }
        add("permissions", path,
            fmt::format("mode {:04o} lets others read customer data; expected {:04o}", mode, want),
            fixed);
    }

    void walk(const fs::path& dir) {
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec && ec != std::errc::no_such_file_or_directory) {
            if (report_unreadable(dir, ec)) {
                walk(dir);
            }
            return;
        }
        for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            const fs::path p = it->path();
            const std::string name = p.filename().string();
            if (it->is_symlink(ec)) {
                add("symlink", p, "a symbolic link inside the store; owner does not follow it");
                continue;
            }
            if (it->is_directory(ec)) {
                if (name == ".git") {
                    continue;
                }
                check_mode(p, 0700);
                walk(p);
                continue;
            }
            check_mode(p, 0600);
            if (is_temp_name(name)) {
                const pid_t pid = temp_owner(name);
                if (alive(pid) && pid != ::getpid()) {
                    continue;  // a write in progress
                }
                std::string fixed;
                if (m_fix && ::unlink(p.c_str()) == 0) {
                    fixed = "removed";
                }
                add("temp", p, "a temp file left by an interrupted write (never read as a case)",
                    fixed);
            } else if (name.starts_with(".edit-") && name.ends_with(".toml")) {
                add("edit", p,
                    fmt::format("an unsaved edit; 'owner edit {}' resumes it",
                                name.substr(6, name.size() - 11)));
            }
        }
    }

    // A folder of the store that cannot be listed hides cases: every command fails on it, and
    // doctor says so (--fix gives the owner back the right to read it). Returns true when fixed.
    bool report_unreadable(const fs::path& dir, const std::error_code& ec) {
        std::string fixed;
        if (m_fix && ::chmod(dir.c_str(), 0700) == 0) {
            std::error_code again;
            fs::directory_iterator retry(dir, again);
            if (!again) {
                fixed = "set to 0700";
            }
        }
        add("unreadable", dir,
            fmt::format("cannot read the folder: {}; its cases are hidden from every command",
                        ec.message()),
            fixed);
        return !fixed.empty();
    }

    // The case checks need readable folders: when a folder could not be listed it was reported.
    void check_cases_readable() {
        try {
            check_cases();
        } catch (const Error& e) {
            if (std::none_of(m_findings.begin(), m_findings.end(),
                             [](const Finding& f) { return f.kind == "unreadable"; })) {
                add("unreadable", m_store.root(), e.what());
            }
        }
    }

    // True when every entry of `small` is in `big`, in order: `small` is an older copy of `big`.
    static bool log_contains(const std::vector<LogEntry>& big, const std::vector<LogEntry>& small) {
        std::size_t at = 0;
        for (const auto& x : big) {
            if (at < small.size() && x.at == small[at].at && x.event == small[at].event &&
                x.text == small[at].text) {
                ++at;
            }
        }
        return at == small.size();
    }

    void check_cases() {
        std::map<std::string, std::vector<CaseRef>> by_id;
        auto refs = m_store.open_refs();
        auto closed = m_store.closed_refs();
        refs.insert(refs.end(), closed.begin(), closed.end());
        std::map<std::string, Case> loaded;
        for (const auto& ref : refs) {
            by_id[ref.id].push_back(ref);
            try {
                Case c = m_store.load(ref);
                if (ref.closed != c.is_closed()) {
                    add("place", ref.path,
                        ref.closed ? "an open case in the archive"
                                   : "a closed case among the open ones");
                }
                loaded.emplace(ref.path.string(), std::move(c));
            } catch (const Error& e) {
                add("parse", ref.path, e.what());
            }
        }
        for (const auto& [id, places] : by_id) {
            if (places.size() < 2) {
                continue;
            }
            // Usually a crash between writing the new place and removing the old one: the copy
            // with the longer log is the newer; the other goes only with --fix.
            const CaseRef* newest = nullptr;
            std::size_t longest = 0;
            bool all_read = true;
            for (const auto& r : places) {
                auto it = loaded.find(r.path.string());
                if (it == loaded.end()) {
                    all_read = false;
                    continue;
                }
                if (!newest || it->second.log.size() > longest) {
                    newest = &r;
                    longest = it->second.log.size();
                }
            }
            for (const auto& r : places) {
                if (&r == newest) {
                    continue;
                }
                std::string fixed;
                if (m_fix && all_read && newest) {
                    const auto& a = loaded.at(r.path.string()).log;
                    const auto& b = loaded.at(newest->path.string()).log;
                    // Only a copy whose whole log is in the other's is stale; anything else needs a
                    // person.
                    const bool stale = a.size() < b.size() && log_contains(b, a);
                    if (stale && ::unlink(r.path.c_str()) == 0) {
                        m_store.note_written(r.path);
                        fixed = fmt::format("removed the stale copy; {} is kept",
                                            newest->path.string());
                    }
                }
                add("duplicate", r.path,
                    fmt::format("case {} is also at {}", id,
                                newest ? newest->path.string() : places.front().path.string()),
                    fixed);
            }
        }
    }

    void check_lock(const fs::path& lock) {
        const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            return;
        }
        if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
            const std::string holder = read_file(lock).value_or("");
            add("lock", lock,
                fmt::format("the store is locked by {}",
                            holder.empty() ? "another process"
                                           : holder.substr(0, holder.find('\n'))));
        }
        ::close(fd);
    }

    // A sync killed, or stopped by a full disk, leaves its marker; --fix finishes or undoes it
    // (as the next command that writes would).
    void check_interrupted_sync(const fs::path& root) {
        std::optional<std::string> what;
        try {
            what = interrupted_sync(root);
        } catch (const Error& e) {
            add("sync", root / ".git" / "owner-sync", e.what());
            return;
        }
        if (!what) {
            return;
        }
        std::string fixed;
        std::string problem = *what;
        if (m_fix) {
            try {
                fixed = settle_interrupted_sync(m_store).value_or("");
                if (fixed.starts_with("owner: ")) {
                    fixed.erase(0, 7);
                }
            } catch (const Error& e) {
                problem += fmt::format("; {}", e.what());
            }
        } else {
            problem += "; the next command that writes, 'owner sync' or 'owner doctor --fix' "
                       "finishes or undoes it";
        }
        add("sync", root / ".git" / "owner-sync", problem, fixed);
    }

    // .git holds every version of every case: it is as private as the cases (a clone made under
    // umask 022 is not).
    void check_git_modes(const fs::path& git) {
        check_mode(git, 0700);
        std::error_code ec;
        for (fs::recursive_directory_iterator it(git, fs::directory_options::none, ec), end;
             !ec && it != end; it.increment(ec)) {
            struct stat st {};
            if (::lstat(it->path().c_str(), &st) != 0 || S_ISLNK(st.st_mode)) {
                continue;
            }
            // Hooks keep their execute bit; group and other bits go.
            check_mode(it->path(), S_ISDIR(st.st_mode) ? 0700 : (st.st_mode & 0700));
        }
    }

    // A git killed mid-command leaves its lock files (index.lock, HEAD.lock, refs/…/x.lock), and
    // then every later git command in the store fails. A lock is stale when no process has it
    // open and no git runs in the store.
    void check_git_locks(const fs::path& root, const fs::path& git) {
        std::vector<fs::path> locks;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(git, fs::directory_options::none, ec), end;
             !ec && it != end; it.increment(ec)) {
            if (it->path().extension() == ".lock" && it->is_regular_file(ec)) {
                locks.push_back(it->path());
            }
            if (it->is_directory(ec) && it.depth() == 0 && it->path().filename() == "objects") {
                it.disable_recursion_pending();  // many files, never locks
            }
        }
        if (locks.empty()) {
            return;
        }
        const auto holders = git_lock_holders(root, locks);
        for (const auto& lock : locks) {
            const fs::path shown = lock.lexically_relative(root);
            if (auto h = holders.find(lock.string()); h != holders.end()) {
                add("lock", shown,
                    fmt::format("a git lock in use by a running process (pid {})", h->second));
                continue;
            }
            std::string fixed;
            if (m_fix && ::unlink(lock.c_str()) == 0) {
                fixed = "removed";
            }
            add("git-lock", shown,
                "a stale git lock (no git process holds it), left by an interrupted git; git "
                "commands in the store fail until it goes",
                fixed);
        }
    }

    // Locks that a process has open, or every lock when a git process runs in the store: lock
    // path → pid.
    static std::map<std::string, pid_t> git_lock_holders(const fs::path& root,
                                                         const std::vector<fs::path>& locks) {
        std::map<std::string, pid_t> held;
        std::error_code ec;
        std::map<std::string, std::string> wanted;  // as /proc shows it → as listed
        for (const auto& l : locks) {
            wanted.emplace(fs::weakly_canonical(l, ec).string(), l.string());
        }
        const fs::path real_root = fs::weakly_canonical(root, ec);
        for (fs::directory_iterator proc("/proc", ec), end; !ec && proc != end;
             proc.increment(ec)) {
            const std::string name = proc->path().filename().string();
            if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
                continue;
            }
            const pid_t pid = static_cast<pid_t>(std::atol(name.c_str()));
            if (pid == ::getpid()) {
                continue;
            }
            std::error_code e2;
            const std::string comm = read_file(proc->path() / "comm").value_or("");
            const fs::path cwd = fs::read_symlink(proc->path() / "cwd", e2);
            if (!e2 && comm.starts_with("git") &&
                (cwd == real_root || cwd.string().starts_with(real_root.string() + "/"))) {
                for (const auto& l : locks) {
                    held.emplace(l.string(), pid);
                }
                continue;
            }
            for (fs::directory_iterator fd(proc->path() / "fd", e2), fd_end; !e2 && fd != fd_end;
                 fd.increment(e2)) {
                std::error_code e3;
                const fs::path target = fs::read_symlink(fd->path(), e3);
                if (auto w = wanted.find(target.string()); !e3 && w != wanted.end()) {
                    held.emplace(w->second, pid);
                }
            }
        }
        return held;
    }

    const Store& m_store;
    bool m_fix;
    std::vector<Finding> m_findings;
};

}  // namespace

std::vector<Finding> examine_store(const Store& store, bool fix) {
    return Examiner(store, fix).run();
}

}  // namespace owner
