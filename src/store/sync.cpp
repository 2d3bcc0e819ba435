#include "store/sync.hpp"

#include <random>
#include <set>

#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/codec.hpp"
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

std::string conflict_advice() {
    return "decide with 'owner sync --prefer ours' or '--prefer theirs', or edit the case and sync "
           "again";
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
    }

    // Rebases the local commits onto `upstream`, merging case files field by field; puts
    // everything back and throws on a true conflict.
    void rebase_onto(const std::string& upstream) {
        m_start = rev_parse(m_root, "HEAD");
        try {
            renumber_collisions(upstream);
            auto r = run_git({"-c", "core.editor=true", "rebase", "-q", upstream}, m_root, m_env);
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
                    stop(fmt::format("{}; {}", fmt::join(conflicts, "; "), conflict_advice()));
                }
                if (!git_operation_in_progress(m_root) || round > 10000) {
                    stop(first_line(all));
                }
                resolve_moves(first_line(all));
                r = run_git({"-c", "core.editor=true", "rebase", "--continue"}, m_root, m_env);
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

  private:
    void put_back() {
        if (git_operation_in_progress(m_root)) {
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
                    stop(fmt::format("{}; {}", fmt::join(lines, "; "), conflict_advice()));
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
};

}  // namespace

std::string sync_with_remote(const Store& store, const Timestamp& now, const std::string& remote,
                             Prefer prefer, const Notify& note) {
    const auto root = store.root();
    if (!is_git_store(root)) {
        throw Error(fmt::format(
            "{} is not a git repository; run 'owner init --git' and add a remote", root.string()));
    }
    const auto lock = store.lock();
    git_register_merge_driver(root, self_executable());
    if (const std::string w = git_commit_all(root, "owner: sync (changes made by hand)");
        !w.empty()) {
        throw Error(w);
    }
    if (run_git({"remote", "get-url", remote}, root).status != 0) {
        throw Error(
            fmt::format("the store has no git remote '{}'; add one: git -C {} remote add {} URL",
                        remote, root.string(), remote));
    }
    const auto fetch = run_git({"fetch", "-q", "--no-recurse-submodules", remote}, root);
    if (fetch.status != 0) {
        throw Error(fmt::format("cannot fetch from '{}': {}; nothing changed", remote,
                                first_line(fetch.err)));
    }
    const std::string branch = first_line(run_git({"symbolic-ref", "--short", "HEAD"}, root).out);
    const std::string upstream = remote + "/" + branch;
    const bool remote_has_branch =
        run_git({"rev-parse", "--verify", "-q", upstream}, root).status == 0;
    if (remote_has_branch) {
        // What came is checked before anything is written: no links, no submodules, and
        // every case file it changed parses.
        const std::string base = first_line(run_git({"merge-base", "HEAD", upstream}, root).out);
        const auto arrived =
            base.empty() ? std::vector<std::string>{} : git_changed_paths(root, base, upstream);
        if (const auto problem = git_tree_problem(root, upstream, arrived)) {
            throw Error(fmt::format("sync stopped, your store is as it was: in {}, {}; fix it "
                                    "on the machine that pushed it",
                                    upstream, *problem));
        }
        Syncer(store, now, prefer, note).rebase_onto(upstream);
    }
    const auto push = run_git({"push", "-q", "-u", remote, "HEAD:" + branch}, root);
    if (push.status != 0) {
        throw Error(fmt::format("cannot push to '{}': {}; your changes are committed locally",
                                remote, first_line(push.err)));
    }
    return upstream;
}

}  // namespace owner
