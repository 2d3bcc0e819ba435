#include "store/sync.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/codec.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/git.hpp"

namespace owner {

namespace fs = std::filesystem;

using Notify = std::function<void(std::string_view)>;

namespace {

using Env = std::vector<std::pair<std::string, std::string>>;

std::string first_line(const std::string& s) {
    const auto start = s.find_first_not_of(" \n");
    if (start == std::string::npos) {
        return "";
    }
    return s.substr(start, s.find('\n', start) - start);
}

std::string rev_parse(const fs::path& root, const std::string& rev) {
    return first_line(run_git({"rev-parse", "--verify", "-q", rev}, root).out);
}

// Why a sync stopped; the store is put back as it was before the error is thrown.
[[noreturn]] void stop(const std::string& why) {
    throw Error(fmt::format("sync stopped, your store is as it was: {}", why));
}

// The ways out of conflicts, and only those that work: a preference settles a case's fields in
// conflict and the roster's lines. Editing the case again does not: the rebase replays the first
// commit, which still meets the other side's. A merge that cannot be made at all ("cannot
// merge", or a preference already given) gets none, its line saying what is wrong.
std::string with_advice(const std::vector<std::string>& conflicts, Prefer prefer) {
    bool fields = false;
    bool roster = false;
    for (const auto& c : conflicts) {
        if (c.find(": cannot merge: ") != std::string::npos) {
            return fmt::format("{}", fmt::join(conflicts, "; "));
        }
        (c.starts_with(kTeamFileName) ? roster : fields) = true;
    }
    if (prefer != Prefer::none) {
        return fmt::format("{}", fmt::join(conflicts, "; "));
    }
    std::vector<std::string> kept;
    if (fields) {
        kept.emplace_back("value of each field in conflict");
    }
    if (roster) {
        kept.emplace_back("lines of the roster");
    }
    return fmt::format("{}; 'owner sync --prefer ours' keeps this store's {}, 'owner sync --prefer "
                       "theirs' keeps the remote's{}",
                       fmt::join(conflicts, "; "), fmt::join(kept, " and this store's "),
                       fields ? " (the case's log says which it kept)" : "");
}

// What git said on failing, in one line: its first line, joined with the detail line after it
// ("unable to connect to HOST:" then "…: errno=Connection refused"), without the "fatal: ".
std::string git_reason(const std::string& err) {
    std::vector<std::string> lines;
    for (std::size_t pos = 0; pos < err.size() && lines.size() < 2;) {
        const auto end = std::min(err.find('\n', pos), err.size());
        std::string line = err.substr(pos, end - pos);
        pos = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.pop_back();
        }
        line.erase(0, std::min(line.find_first_not_of(' '), line.size()));
        if (line.empty()) {
            if (lines.empty()) {
                continue;
            }
            break;  // a paragraph of advice follows
        }
        lines.push_back(line);
    }
    for (auto& line : lines) {
        for (const std::string_view prefix : {"fatal: ", "error: "}) {
            if (line.starts_with(prefix)) {
                line.erase(0, prefix.size());
            }
        }
    }
    if (lines.empty()) {
        return "git said nothing";
    }
    // A second fatal line is git's general "Could not read from remote repository": no detail.
    const bool detail =
        lines.size() == 2 && !err.empty() && err.find("fatal: " + lines[1]) == std::string::npos &&
        err.find("error: " + lines[1]) == std::string::npos && !lines[1].starts_with("hint: ");
    if (!detail) {
        return lines[0];
    }
    return lines[0] + (lines[0].ends_with(':') ? " " : ": ") + lines[1];
}

struct Unmerged {
    std::string
        stage[4];  // blob ids by stage: 1 base, 2 the remote (during a rebase), 3 this machine
};

std::map<std::string, Unmerged> unmerged_paths(const fs::path& root) {
    const auto r = run_git({"ls-files", "-u", "-z"}, root);
    std::map<std::string, Unmerged> out;
    for (std::size_t pos = 0; pos < r.out.size();) {
        const auto end = r.out.find('\0', pos);
        const std::string entry = r.out.substr(pos, end - pos);
        pos = end == std::string::npos ? r.out.size() : end + 1;
        // "<mode> <blob> <stage>\t<path>"
        const auto tab = entry.find('\t');
        const auto s1 = entry.find(' ');
        const auto s2 = entry.find(' ', s1 + 1);
        if (tab == std::string::npos || s2 == std::string::npos) {
            continue;
        }
        const int stage = std::atoi(entry.c_str() + s2 + 1);
        if (stage >= 1 && stage <= 3) {
            out[entry.substr(tab + 1)].stage[stage] = entry.substr(s1 + 1, s2 - s1 - 1);
        }
    }
    return out;
}

std::string blob(const fs::path& root, const std::string& id) {
    return run_git({"cat-file", "blob", id}, root).out;
}

// Where else the working tree holds case `id` (moved to or from the archive), other than `path`.
std::optional<std::string> other_place(const fs::path& root, const std::string& id,
                                       const std::string& path) {
    std::vector<std::string> candidates{"cases/" + id + ".toml"};
    std::error_code ec;
    for (fs::directory_iterator it(root / "archive", ec), end; !ec && it != end; it.increment(ec)) {
        candidates.push_back("archive/" + it->path().filename().string() + "/" + id + ".toml");
    }
    for (const auto& c : candidates) {
        if (c != path && fs::is_regular_file(fs::symlink_status(root / c, ec))) {
            return c;
        }
    }
    return std::nullopt;
}

class Syncer {
  public:
    Syncer(const Store& store, const Timestamp& now, Prefer prefer, const Notify& note)
        : m_store(store), m_now(now), m_note(note), m_root(store.root()), m_prefer(prefer) {
        if (prefer != Prefer::none) {
            m_env.emplace_back("OWNER_MERGE_PREFER", prefer == Prefer::ours ? "ours" : "theirs");
        }
        m_env.emplace_back("OWNER_NOW", now.rfc3339());
        m_env.emplace_back("OWNER_MERGE_REBASE", "1");
        // A working tree of its own keeps its rebase state in .git/worktrees/NAME.
        m_git_dir = first_line(run_git({"rev-parse", "--absolute-git-dir"}, m_root).out);
    }

    // Rebases the local commits onto `upstream`, merging case files field by field; puts
    // everything back and throws on a true conflict.
    void rebase_onto(const std::string& upstream) {
        m_start = rev_parse(m_root, "HEAD");
        try {
            renumber_collisions(upstream);
            // No directory renames: a clone whose last open case was closed has an empty cases/,
            // and git would take cases/ for moved to archive/2026/ and move there every case
            // another clone added. Cases move one by one, by id (resolve_moves).
            auto r = run_git({"-c", "core.editor=true", "-c", "merge.directoryRenames=false",
                              "rebase", "-q", upstream},
                             m_root, m_env);
            std::string step_before;
            hear_settled(r.err);
            for (int round = 0; r.status != 0; ++round) {
                const std::string all = r.err + r.out;
                std::vector<std::string> conflicts;
                for (std::size_t pos = 0;
                     (pos = all.find("owner-conflict: ", pos)) != std::string::npos;) {
                    const auto end = all.find('\n', pos);
                    conflicts.push_back(all.substr(pos + 16, end - pos - 16));
                    pos = end;
                }
                if (!conflicts.empty()) {
                    stop(with_advice(conflicts, m_prefer));
                }
                // Every round must take the rebase a step further: a commit it cannot get past
                // stops the sync at once instead of trying again until the caller's timeout.
                const std::string step = rebase_step();
                if (!rebase_in_progress() || step == step_before || round > 10000) {
                    stop(first_line(all));
                }
                step_before = step;
                resolve_moves(first_line(all));
                r = run_git({"-c", "core.editor=true", "-c", "merge.directoryRenames=false",
                             "rebase", "--continue"},
                            m_root, m_env);
                hear_settled(r.err);
            }
            // Never push, nor keep, a merge that left a case file unreadable.
            if (const auto problem =
                    git_tree_problem(m_root, "HEAD", git_changed_paths(m_root, m_start, "HEAD"))) {
                stop(fmt::format("the merge would leave {}", *problem));
            }
        } catch (const Error&) {
            put_back();
            throw;
        }
    }

    // The ids this sync gave a new number (they leave the tree without being deleted).
    const std::set<std::string>& renumbered() const { return m_renumbered; }

    // What the merge driver settled by the preference (the roster's lines), to be said once the
    // merged store is in place.
    const std::set<std::string>& settled() const { return m_settled; }

  private:
    void hear_settled(const std::string& said) {
        for (std::size_t pos = 0; (pos = said.find("owner-settled: ", pos)) != std::string::npos;) {
            const auto end = std::min(said.find('\n', pos), said.size());
            m_settled.insert(said.substr(pos + 15, end - pos - 15));
            pos = end;
        }
    }

    bool rebase_in_progress() const {
        std::error_code ec;
        return !m_git_dir.empty() && (fs::exists(fs::path(m_git_dir) / "rebase-merge", ec) ||
                                      fs::exists(fs::path(m_git_dir) / "rebase-apply", ec));
    }

    // Where the rebase stands: the commit it is at and the number of the step it is on.
    std::string rebase_step() const {
        const std::string msgnum =
            read_file(fs::path(m_git_dir) / "rebase-merge" / "msgnum").value_or("");
        return rev_parse(m_root, "HEAD") + " " + msgnum;
    }

    void put_back() {
        if (rebase_in_progress()) {
            run_git({"rebase", "--abort"}, m_root);
        }
        if (!m_start.empty() && rev_parse(m_root, "HEAD") != m_start) {
            run_git({"reset", "-q", "--hard", m_start}, m_root);
        }
    }

    // A case moved on one side (closed into archive/, reopened out of it) and changed on the
    // other: git may not see the move as a rename (the file changed too much), and then stops
    // with "modified here, deleted there". Match the two by case id and merge them.
    void resolve_moves(const std::string& git_said) {
        const auto unmerged = unmerged_paths(m_root);
        if (unmerged.empty()) {
            stop(git_said);
        }
        for (const auto& [path, u] : unmerged) {
            const bool modify_delete =
                !u.stage[1].empty() && (u.stage[2].empty() != u.stage[3].empty());
            if (!is_case_path(path) || !modify_delete) {
                stop(fmt::format("git cannot merge {} ({})", path, git_said));
            }
            const std::string id = fs::path(path).stem().string();
            const bool changed_here =
                !u.stage[3].empty();  // this machine changed it, the remote moved it
            const std::string changed = blob(m_root, changed_here ? u.stage[3] : u.stage[2]);
            const auto moved_to = other_place(m_root, id, path);
            std::vector<std::string> touched{path};
            if (moved_to) {
                const Case base = parse_case(blob(m_root, u.stage[1]), path + " (base)");
                const Case one = parse_case(changed, path);
                const Case other =
                    parse_case(read_file(m_root / *moved_to).value_or(""), *moved_to);
                const MergeResult m = changed_here ? merge_cases(base, one, other, m_prefer, m_now)
                                                   : merge_cases(base, other, one, m_prefer, m_now);
                if (!m.conflicts.empty()) {
                    std::vector<std::string> lines;
                    for (const auto& f : m.conflicts) {
                        lines.push_back(
                            fmt::format("case {}: both sides changed {} (here: {}, there: {})", id,
                                        f.field, f.ours, f.theirs));
                    }
                    stop(with_advice(lines, m_prefer));
                }
                const fs::path target = m_store.path_for(m.merged);
                refuse_linked_folders(m_root, target.parent_path());
                make_private_dir(target.parent_path());
                write_file_atomic(target, write_case(m.merged));
                for (const auto& p : {path, *moved_to}) {
                    if (m_root / p != target) {
                        ::unlink((m_root / p).c_str());
                    }
                }
                touched.push_back(*moved_to);
                touched.push_back(target.lexically_relative(m_root).string());
            } else {
                // Deleted on one side (by hand: owner never deletes a case), changed on the
                // other: nothing is lost, the changed case stays.
                write_file_atomic(m_root / path, changed);
            }
            std::vector<std::string> args{"update-index", "--add", "--remove", "--"};
            args.insert(args.end(), touched.begin(), touched.end());
            if (const auto r = run_git(args, m_root); r.status != 0) {
                stop(first_line(r.err));
            }
        }
    }

    // The same id made on two machines (random ids can meet): the case made here gets a new id
    // before the rebase, so that the two never meet in one file. The local commits not yet pushed
    // become one, since each would bring the old id back.
    void renumber_collisions(const std::string& upstream) {
        const std::string base = first_line(run_git({"merge-base", "HEAD", upstream}, m_root).out);
        if (base.empty()) {
            return;
        }
        auto added = [&](const std::string& rev) {
            std::map<std::string, std::string> by_id;
            const auto r =
                run_git({"diff", "--name-only", "-z", "--no-renames", "--diff-filter=A", base, rev},
                        m_root);
            for (std::size_t pos = 0; pos < r.out.size();) {
                const auto end = r.out.find('\0', pos);
                const std::string p = r.out.substr(pos, end - pos);
                pos = end == std::string::npos ? r.out.size() : end + 1;
                if (is_case_path(p)) {
                    by_id[fs::path(p).stem().string()] = p;
                }
            }
            return by_id;
        };
        const auto here = added("HEAD");
        if (here.empty()) {
            return;
        }
        const auto there = added(upstream);
        std::vector<std::pair<std::string, std::string>> collisions;  // id, path here
        for (const auto& [id, path] : here) {
            auto t = there.find(id);
            if (t == there.end()) {
                continue;
            }
            const auto mine = git_contents_at(m_root, "HEAD", {path});
            const auto theirs = git_contents_at(m_root, upstream, {t->second});
            if (mine.empty() || theirs.empty()) {
                continue;
            }
            const Case a = parse_case(mine.begin()->second, path);
            const Case b = parse_case(theirs.begin()->second, t->second);
            if (different_cases(a, b)) {
                collisions.emplace_back(id, path);
            }
        }
        if (collisions.empty()) {
            return;
        }
        std::set<std::string> taken;
        const auto names = run_git({"ls-tree", "-r", "--name-only", "-z", upstream}, m_root).out +
                           run_git({"ls-tree", "-r", "--name-only", "-z", "HEAD"}, m_root).out;
        for (std::size_t pos = 0; pos < names.size();) {
            const auto end = names.find('\0', pos);
            taken.insert(fs::path(names.substr(pos, end - pos)).stem().string());
            pos = end == std::string::npos ? names.size() : end + 1;
        }
        const std::string subjects = run_git({"log", "--format=%s", base + "..HEAD"}, m_root).out;
        if (run_git({"reset", "-q", "--soft", base}, m_root).status != 0) {
            stop("git reset failed");
        }
        std::random_device rd;
        std::vector<std::string> said;
        std::vector<std::string> args{"update-index", "--add", "--remove", "--"};
        for (const auto& [old_id, path] : collisions) {
            Case c = parse_case(read_file(m_root / path).value_or(""), path);
            std::string fresh;
            do {
                fresh = make_id([&] { return static_cast<std::uint32_t>(rd()); });
            } while (taken.contains(fresh));
            taken.insert(fresh);
            c.id = fresh;
            c.extra.insert_or_assign("renumbered_from", old_id);
            c.add_log(
                m_now, "renumbered",
                fmt::format("was {}: sync found that id made on another machine too", old_id));
            const fs::path target = m_store.path_for(c);
            write_file_atomic(target, write_case(c));
            ::unlink((m_root / path).c_str());
            args.push_back(path);
            args.push_back(target.lexically_relative(m_root).string());
            said.push_back(fmt::format("{} to {}", old_id, fresh));
            m_renumbered.insert(old_id);
            m_note(fmt::format("owner: case {} was also made on another machine: yours is "
                               "renumbered to {} (logged; "
                               "'owner show {}' points to it)",
                               old_id, fresh, old_id));
        }
        if (run_git(args, m_root).status != 0) {
            stop("git update-index failed");
        }
        const std::string message =
            fmt::format("owner: sync renumbered {} (the same id was made on another machine)\n\n"
                        "These local commits became this one:\n{}",
                        fmt::join(said, ", "), subjects);
        if (const auto r = run_git({"commit", "-q", "--no-verify", "-m", message}, m_root);
            r.status != 0) {
            stop(fmt::format("git commit failed: {}", first_line(r.err + r.out)));
        }
    }

    const Store& m_store;
    Timestamp m_now;
    const Notify& m_note;
    fs::path m_root;
    Prefer m_prefer;
    Env m_env;
    std::string m_start;
    std::string m_git_dir;
    std::set<std::string> m_renumbered;
    std::set<std::string> m_settled;
};

// ---- The marker of a sync in progress, and its private folder inside .git ----------------------
//
// A sync merges in a private working tree (.git/owner-sync.d/tree): the store itself is not
// touched until the merged commit is known. Then it brings each changed file of the store to
// its merged version, keeping the old one as a hard link in .git/owner-sync.d/kept (which needs
// no space), so that putting the store back is a rename, even on a full disk. The marker says
// which of the two it was doing; a killed sync is finished or undone from it.

constexpr const char* kMarker = "owner-sync";
constexpr const char* kWork = "owner-sync.d";

fs::path marker_path(const fs::path& root) {
    return root / ".git" / kMarker;
}
fs::path work_dir(const fs::path& root) {
    return root / ".git" / kWork;
}
fs::path private_tree(const fs::path& root) {
    return work_dir(root) / "tree";
}
fs::path kept_dir(const fs::path& root) {
    return work_dir(root) / "kept";
}

struct Marker {
    std::string phase;  // "rebase": merging in the private tree; "apply": the store from → to
    std::string from;
    std::string to;
    std::vector<std::string> paths;  // apply: the files it changes; kept/N is the old paths[N]
};

void write_marker(const fs::path& root, const Marker& m) {
    std::string text =
        "# owner: a sync in progress; when no owner runs, it was interrupted, and the next "
        "command that writes finishes or undoes it ('owner doctor' says so)\n";
    text += fmt::format("phase {}\nfrom {}\n", m.phase, m.from);
    if (!m.to.empty()) {
        text += fmt::format("to {}\n", m.to);
    }
    for (const auto& p : m.paths) {
        text += fmt::format("path {}\n", p);
    }
    write_file_atomic(marker_path(root), text);
}

std::optional<Marker> read_marker(const fs::path& root) {
    const auto text = read_file(marker_path(root));
    if (!text) {
        return std::nullopt;
    }
    Marker m;
    for (std::size_t pos = 0; pos < text->size();) {
        const auto end = std::min(text->find('\n', pos), text->size());
        const std::string_view line(text->data() + pos, end - pos);
        pos = end + 1;
        auto value = [&](std::string_view key) -> std::optional<std::string> {
            if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ' ') {
                return std::string(line.substr(key.size() + 1));
            }
            return std::nullopt;
        };
        if (auto v = value("phase")) {
            m.phase = *v;
        } else if (auto f = value("from")) {
            m.from = *f;
        } else if (auto t = value("to")) {
            m.to = *t;
        } else if (auto p = value("path")) {
            m.paths.push_back(*p);
        }
    }
    if ((m.phase != "rebase" && m.phase != "apply") || m.from.empty() ||
        (m.phase == "apply" && m.to.empty())) {
        throw Error(fmt::format("{} is not a sync marker owner wrote (expected a phase and a "
                                "commit); look at 'git -C {} status', then remove it",
                                marker_path(root).string(), shell_quote(root.string())));
    }
    return m;
}

void remove_marker(const fs::path& root) {
    ::unlink(marker_path(root).c_str());
    sync_dir(root / ".git");
}

void remove_private_tree(const fs::path& root) {
    std::error_code ec;
    const fs::path tree = private_tree(root);
    if (fs::exists(fs::symlink_status(tree, ec))) {
        run_git({"worktree", "remove", "--force", "--force", tree.string()}, root);
        fs::remove_all(tree, ec);
    }
    if (fs::exists(root / ".git" / "worktrees", ec)) {
        run_git({"worktree", "prune"}, root);
    }
}

// "N local commits wait to be pushed", when any do: the commits of HEAD that no ref of the
// remote's (as last fetched) has.
std::string waiting_to_push(const fs::path& root, const std::string& remote) {
    const auto r =
        run_git({"rev-list", "--count", "HEAD", "--not", "--remotes=" + remote, "--"}, root);
    const long n = r.status == 0 ? std::strtol(r.out.c_str(), nullptr, 10) : 0;
    if (n <= 0) {
        return "";
    }
    return fmt::format("{} local {} to be pushed", n, n == 1 ? "commit waits" : "commits wait");
}

bool is_ancestor(const fs::path& root, const std::string& a, const std::string& b) {
    return run_git({"merge-base", "--is-ancestor", a, b}, root).status == 0;
}

// The ids of the case files in the tree of `rev`.
std::set<std::string> case_ids_at(const fs::path& root, const std::string& rev) {
    const auto r = run_git({"ls-tree", "-r", "--name-only", "-z", rev}, root);
    if (r.status != 0) {
        stop(fmt::format("git cannot list {}: {}", rev, first_line(r.err)));
    }
    std::set<std::string> ids;
    for (std::size_t pos = 0; pos < r.out.size();) {
        const auto end = std::min(r.out.find('\0', pos), r.out.size());
        const std::string p = r.out.substr(pos, end - pos);
        pos = end + 1;
        if (is_case_path(p)) {
            ids.insert(fs::path(p).stem().string());
        }
    }
    return ids;
}

// True when the file at `path` holds exactly `want` (nullopt: the file is absent).
bool holds(const fs::path& path, const std::optional<std::string>& want) {
    try {
        return read_file(path) == want;
    } catch (const Error&) {
        return false;
    }
}

std::optional<std::string> text_of(const std::map<std::string, std::string>& texts,
                                   const std::string& path) {
    const auto it = texts.find(path);
    return it == texts.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string cannot_put_back(const fs::path& root, const std::string& what) {
    return fmt::format(
        "a sync that stopped could not put the store back yet ({}); owner writes nothing in {} "
        "until it can: free space, then run 'owner sync' or 'owner doctor --fix'",
        what, root.string());
}

// Finishes (HEAD already moved to `to`) or undoes (HEAD still at `from`) an apply that stopped,
// then checks every file it touched. Throws, keeping the marker, when a file is still wrong.
std::string put_right(const fs::path& root, const Marker& m) {
    const std::string head = rev_parse(root, "HEAD");
    const bool forward = head == m.to;
    if (!forward && head != m.from) {
        throw Error(fmt::format(
            "an interrupted sync left {} at commit {}, neither where it started ({}) nor where "
            "it was going ({}); look at 'git -C {} log', then remove {}",
            root.string(), head, m.from, m.to, shell_quote(root.string()),
            marker_path(root).string()));
    }
    const auto at_from = git_contents_at(root, m.from, m.paths);
    const auto at_to = git_contents_at(root, m.to, m.paths);
    const auto& want = forward ? at_to : at_from;
    const auto& other = forward ? at_from : at_to;
    std::vector<std::string> touched;
    std::string trouble;
    for (std::size_t i = 0; i < m.paths.size(); ++i) {
        const std::string& p = m.paths[i];
        const fs::path target = root / p;
        const fs::path kept = kept_dir(root) / std::to_string(i);
        const auto w = text_of(want, p);
        std::error_code ec;
        const bool present = fs::exists(fs::symlink_status(target, ec));
        // Only a file as the sync left it (or missing) is put right; one that holds neither
        // version was changed since, by a person: it stays as it is.
        if (holds(target, w) || (present && !holds(target, text_of(other, p)))) {
            continue;
        }
        touched.push_back(p);
        try {
            refuse_linked_folders(root, target.parent_path());
            struct stat st {};
            if (!forward && ::lstat(kept.c_str(), &st) == 0) {
                // The old file itself, by rename: no space needed.
                make_private_dir(target.parent_path());
                if (::rename(kept.c_str(), target.c_str()) != 0) {
                    throw Error(fmt::format("cannot move {} back: {}", target.string(),
                                            std::strerror(errno)));
                }
            } else if (w) {
                make_private_dir(target.parent_path());  // from git's objects
                write_file_atomic(target, *w);
            } else if (::unlink(target.c_str()) != 0 && errno != ENOENT) {
                throw Error(
                    fmt::format("cannot remove {}: {}", target.string(), std::strerror(errno)));
            }
        } catch (const std::exception& e) {
            trouble = e.what();
        }
    }
    std::vector<std::string> wrong;
    for (const auto& p : touched) {
        if (!holds(root / p, text_of(want, p))) {
            wrong.push_back(p);
        }
    }
    if (!wrong.empty()) {
        throw Error(
            cannot_put_back(root, fmt::format("{} {}", fmt::join(wrong, ", "),
                                              trouble.empty() ? std::string("differ") : trouble)));
    }
    std::error_code ec;
    fs::remove_all(kept_dir(root), ec);
    remove_marker(root);
    return forward ? "owner: finished a sync that was interrupted: the store holds the merged "
                     "cases; 'owner sync' pushes them"
                   : "owner: undid a sync that was interrupted: the store is as it was before it";
}

// Brings the store's files from `m.from` to `m.to`, keeping each old file, then moves the branch
// and the index. Any failure puts every file back (checked) and throws.
void apply(const fs::path& root, Marker m) {
    const auto want = git_contents_at(root, m.to, m.paths);
    try {
        write_marker(root, m);
    } catch (const Error& e) {
        remove_marker(root);  // nothing touched yet
        stop(e.what());
    }
    try {
        make_private_dir(kept_dir(root));
        for (std::size_t i = 0; i < m.paths.size(); ++i) {
            const fs::path target = root / m.paths[i];
            refuse_linked_folders(root, target.parent_path());
            struct stat st {};
            if (::lstat(target.c_str(), &st) == 0) {
                const fs::path kept = kept_dir(root) / std::to_string(i);
                ::unlink(kept.c_str());
                if (::link(target.c_str(), kept.c_str()) != 0) {
                    throw Error(fmt::format("cannot keep the old {}: {}", target.string(),
                                            std::strerror(errno)));
                }
            }
            if (const auto w = text_of(want, m.paths[i])) {
                make_private_dir(target.parent_path());
                write_file_atomic(target, *w);
            } else if (::unlink(target.c_str()) != 0 && errno != ENOENT) {
                throw Error(
                    fmt::format("cannot remove {}: {}", target.string(), std::strerror(errno)));
            }
        }
        for (const auto& p : m.paths) {
            if (!holds(root / p, text_of(want, p))) {
                throw Error(fmt::format("{} does not hold the merged version", p));
            }
        }
        if (const auto r = run_git({"reset", "-q", m.to}, root); r.status != 0) {
            throw Error(fmt::format("git reset failed: {}", first_line(r.err + r.out)));
        }
    } catch (const Error& e) {
        (void)put_right(root, m);  // throws when even that fails, keeping the marker
        stop(e.what());
    }
    std::error_code ec;
    fs::remove_all(kept_dir(root), ec);
    remove_marker(root);
}

}  // namespace

std::optional<std::string> interrupted_sync(const fs::path& root) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(marker_path(root), ec))) {
        return std::nullopt;
    }
    const auto m = read_marker(root);  // a running sync may have removed it meanwhile
    if (!m) {
        return std::nullopt;
    }
    if (m->phase == "rebase") {
        return std::string("a sync was interrupted while it merged in its private copy (.git/") +
               kWork + "); the store itself is untouched";
    }
    return fmt::format("a sync was interrupted while it brought {} case files to the merged "
                       "version; the old ones are kept in .git/{}/kept",
                       m->paths.size(), kWork);
}

std::optional<std::string> settle_interrupted_sync(const Store& store) {
    const fs::path root = store.root();
    const auto m = read_marker(root);
    if (!m) {
        return std::nullopt;
    }
    if (m->phase == "rebase") {
        remove_private_tree(root);
        std::error_code ec;
        fs::remove_all(work_dir(root), ec);
        remove_marker(root);
        return "owner: undid a sync that was interrupted while it merged; the store was "
               "untouched";
    }
    return put_right(root, *m);
}

std::string sync_with_remote(const Store& store, const Timestamp& now, const SyncOptions& options,
                             const Notify& note) {
    const auto root = store.root();
    const std::string& remote = options.remote;
    if (!is_git_store(root)) {
        throw Error(fmt::format(
            "{} is not a git repository; run 'owner init --git' and add a remote", root.string()));
    }
    const auto lock = store.lock();
    if (const auto done = settle_interrupted_sync(store)) {
        note(*done);
    }
    git_register_merge_driver(root, self_executable());
    if (const std::string w =
            git_commit_all(root, "owner: sync (changes made by hand)", options.accept_deletions);
        !w.empty()) {
        throw Error(fmt::format("sync stopped, nothing changed in your store's files: {}", w));
    }
    if (run_git({"remote", "get-url", remote}, root).status != 0) {
        throw Error(
            fmt::format("the store has no git remote '{}'; add one: git -C {} remote add {} URL",
                        remote, root.string(), remote));
    }
    const auto fetch = run_git({"fetch", "-q", "--no-recurse-submodules", remote}, root);
    if (fetch.status != 0) {
        throw SyncError(fmt::format("cannot fetch from '{}': {}; nothing changed here", remote,
                                    git_reason(fetch.err)),
                        waiting_to_push(root, remote));
    }
    const std::string branch = first_line(run_git({"symbolic-ref", "--short", "HEAD"}, root).out);
    const std::string upstream = remote + "/" + branch;
    const std::string there = rev_parse(root, upstream);
    if (!there.empty()) {
        // What came is checked before anything is written: no links, no submodules, and
        // every case file it changed parses.
        const std::string start = rev_parse(root, "HEAD");
        const std::string base = first_line(run_git({"merge-base", "HEAD", upstream}, root).out);
        const auto arrived =
            base.empty() ? std::vector<std::string>{} : git_changed_paths(root, base, upstream);
        if (const auto problem = git_tree_problem(root, upstream, arrived)) {
            throw Error(fmt::format("sync stopped, your store is as it was: in {}, {}; fix it "
                                    "on the machine that pushed it",
                                    upstream, *problem));
        }
        // A case that leaves the remote's tree (not moved: no file of that id is left there)
        // was deleted there: by a person, or a broken clone. It is applied only on request.
        std::set<std::string> deleted_there;
        const auto here_ids = case_ids_at(root, "HEAD");
        if (!base.empty()) {
            const auto there_ids = case_ids_at(root, upstream);
            for (const auto& id : case_ids_at(root, base)) {
                if (!there_ids.contains(id) && here_ids.contains(id)) {
                    deleted_there.insert(id);
                }
            }
        }
        if (!deleted_there.empty() && !options.accept_deletions) {
            throw Error(fmt::format(
                "sync stopped, your store is as it was: {} deletes {} {} (not closed, not "
                "moved): {}; if that is meant, run 'owner sync --accept-deletions'",
                upstream, deleted_there.size(), deleted_there.size() == 1 ? "case" : "cases",
                fmt::join(deleted_there, ", ")));
        }
        std::string target = start;
        std::set<std::string> renumbered;
        std::set<std::string> settled;
        if (is_ancestor(root, start, there)) {
            target = there;  // nothing here that the remote lacks
        } else if (!is_ancestor(root, there, start)) {
            // Merge in a private working tree: the store is not touched until the result is known.
            try {
                write_marker(root, Marker{.phase = "rebase", .from = start, .to = {}, .paths = {}});
                remove_private_tree(root);
                const fs::path tree = private_tree(root);
                make_private_dir(tree.parent_path());
                if (const auto r =
                        run_git({"worktree", "add", "-q", "--detach", tree.string(), start}, root);
                    r.status != 0) {
                    stop(fmt::format("cannot make a private copy to merge in: {}",
                                     first_line(r.err + r.out)));
                }
                const Store work(tree);
                Syncer syncer(work, now, options.prefer, note);
                syncer.rebase_onto(upstream);
                target = rev_parse(tree, "HEAD");
                renumbered = syncer.renumbered();
                settled = syncer.settled();
            } catch (const Error& e) {
                remove_private_tree(root);
                remove_marker(root);
                if (std::string_view(e.what()).starts_with("sync stopped")) {
                    throw;
                }
                stop(e.what());  // a full disk, say: the store itself was never touched
            }
            remove_private_tree(root);
        }
        if (target != start) {
            // Never lose a case on the way: every id here is still there after the merge,
            // unless deleted on the remote (and accepted) or renumbered.
            std::vector<std::string> lost;
            const auto after = case_ids_at(root, target);
            for (const auto& id : here_ids) {
                if (!after.contains(id) && !deleted_there.contains(id) &&
                    !renumbered.contains(id)) {
                    lost.push_back(id);
                }
            }
            if (!lost.empty()) {
                remove_marker(root);
                stop(fmt::format("the merge would remove {}", fmt::join(lost, ", ")));
            }
            Marker m{.phase = "apply", .from = start, .to = target, .paths = {}};
            m.paths = git_changed_paths(root, start, target);
            for (const auto& p : m.paths) {
                if (p.find('\n') != std::string::npos) {
                    remove_marker(root);
                    stop("a file name holds a line break");
                }
            }
            apply(root, std::move(m));
            for (const auto& line : settled) {
                note("owner: " + line);
            }
        } else {
            remove_marker(root);
        }
    }
    const auto push = run_git({"push", "-q", "-u", remote, "HEAD:" + branch}, root);
    if (push.status != 0) {
        throw SyncError(fmt::format("cannot push to '{}': {}; your changes are committed locally",
                                    remote, git_reason(push.err)),
                        waiting_to_push(root, remote));
    }
    return upstream;
}

}  // namespace owner
