#include "store/git.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <future>
#include <map>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/merge.hpp"
#include "store/codec.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/git_in_process.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kGitAttributes =
    "# owner: merge case files field by field, keeping both sides' log entries and actions\n"
    "*.toml merge=owner-case\n";
constexpr std::string_view kGitIgnore =
    "# owner: local state, never shared\n.lock\n.cache/\n.remind-state\n.edit-*\n.*.tmp-*\n";
// In .git/info/attributes, which outranks every .gitattributes in the tree: a remote cannot
// switch the driver off (merge=union, -merge) nor have case files rewritten on checkout.
constexpr std::string_view kPinnedAttributes =
    "# owner: pinned here so that a pushed .gitattributes cannot change how case files merge\n"
    "*.toml merge=owner-case -text -filter -ident -working-tree-encoding\n";
constexpr const char* kPendingFile = "owner-pending";

fs::path git_dir(const fs::path& root) {
    return root / ".git";
}

std::string first_line(const std::string& s) {
    const auto start = s.find_first_not_of(" \n");
    if (start == std::string::npos) {
        return "";
    }
    return s.substr(start, s.find('\n', start) - start);
}

// git's first line of complaint, with the way out when it is a lock left by a killed git.
std::string git_complaint(const std::string& err) {
    std::string line = first_line(err);
    if (err.find(".lock': File exists") != std::string::npos) {
        line += " ('owner doctor --fix' removes a git lock that no process holds)";
    }
    return line;
}

// Paths of earlier commands that could not be committed (no identity, a rebase in progress).
std::set<std::string> read_pending(const fs::path& root) {
    std::set<std::string> out;
    const std::string text = read_file(git_dir(root) / kPendingFile).value_or("");
    for (std::size_t pos = 0; pos < text.size();) {
        const auto end = text.find('\n', pos);
        const std::string line =
            text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!line.empty()) {
            out.insert(line);
        }
        pos = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

void write_pending(const fs::path& root, const std::set<std::string>& paths) {
    std::error_code ec;
    if (paths.empty()) {
        fs::remove(git_dir(root) / kPendingFile, ec);
        return;
    }
    std::string text;
    for (const auto& p : paths) {
        text += p + "\n";
    }
    write_file_atomic(git_dir(root) / kPendingFile, text);
}

std::map<std::string, std::string> head_contents(const fs::path& root,
                                                 const std::set<std::string>& paths) {
    return git_contents_at(root, "HEAD", std::vector<std::string>(paths.begin(), paths.end()));
}

// `git commit` ends with `git maintenance run --auto`, which packs the loose objects now and
// then; a commit made in process runs it when git's own sample says it may be due: more than 27
// loose objects in .git/objects/17 (gc.auto's 6 700 spread over 256 folders). git decides the rest
// from its config (gc.auto = 0 turns it off; gc.autoDetach finishes it in the background).
void run_auto_maintenance_if_due(const fs::path& root) {
    std::size_t loose = 0;
    std::error_code ec;
    for (fs::directory_iterator it(git_dir(root) / "objects" / "17", ec), end;
         !ec && it != end && loose <= 27; it.increment(ec)) {
        loose += it->path().filename().string().size() == 38;
    }
    if (loose > 27) {
        (void)run_git({"maintenance", "run", "--auto", "--quiet"}, root);
    }
}

std::optional<Case> parse_quietly(const std::string& text, const std::string& path) {
    try {
        return parse_case(text, path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::string describe(const std::string& command, const std::set<std::string>& paths,
                     const std::map<std::string, std::string>& before, const fs::path& root) {
    struct Seen {
        std::optional<std::string> old_path, new_path;
        std::optional<std::string> old_text, new_text;
    };
    std::map<std::string, Seen> by_id;
    std::vector<std::string> others;
    for (const auto& p : paths) {
        if (!is_case_path(p)) {
            others.push_back(p);
            continue;
        }
        Seen& s = by_id[fs::path(p).stem().string()];
        if (auto it = before.find(p); it != before.end()) {
            s.old_path = p;
            s.old_text = it->second;
        }
        if (auto now = read_file(root / p)) {
            s.new_path = p;
            s.new_text = *now;
        }
    }
    std::vector<std::string> lines;
    for (const auto& [id, s] : by_id) {
        std::string what;
        if (!s.old_text && !s.new_text) {
            continue;
        }
        if (!s.old_text) {
            what = "created";
        } else if (!s.new_text) {
            what = "removed";
        } else {
            const auto a = parse_quietly(*s.old_text, *s.old_path);
            const auto b = parse_quietly(*s.new_text, *s.new_path);
            if (a && b) {
                what = fmt::format("{}", fmt::join(changed_fields(*a, *b), ", "));
            } else if (*s.old_text != *s.new_text) {
                what = "changed";
            }
            if (*s.old_path != *s.new_path) {
                what += fmt::format("{}moved to {}", what.empty() ? "" : "; ",
                                    fs::path(*s.new_path).parent_path().string());
            }
        }
        if (!what.empty()) {
            lines.push_back(fmt::format("{} ({})", id, what));
        }
    }
    for (const auto& p : others) {
        lines.push_back(p);
    }
    if (lines.empty()) {
        return fmt::format("owner: {}", command);
    }
    if (lines.size() == 1) {
        return fmt::format("owner: {} {}", command, lines.front());
    }
    return fmt::format("owner: {} {} cases\n\n{}\n", command, by_id.size(), fmt::join(lines, "\n"));
}

// Private modes for the store and .git: folders 0700, files without group and other bits.
void make_private_tree(const fs::path& root) {
    ::chmod(root.c_str(), 0700);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
         !ec && it != end; it.increment(ec)) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0 || S_ISLNK(st.st_mode)) {
            continue;
        }
        const mode_t mode = st.st_mode & 07777;
        const mode_t want = S_ISDIR(st.st_mode) ? 0700 : (mode & 0700);
        if (mode != want) {
            ::chmod(it->path().c_str(), want);
        }
    }
}

}  // namespace

bool is_case_path(const std::string& rel) {
    const std::string name = fs::path(rel).filename().string();
    return rel.ends_with(".toml") && (rel.starts_with("cases/") || rel.starts_with("archive/")) &&
           !name.starts_with(".");
}

std::map<std::string, std::string> git_contents_at(const fs::path& root, const std::string& rev,
                                                   const std::vector<std::string>& order) {
    std::string input;
    std::vector<std::string> asked;
    for (const auto& p : order) {
        if (p.find('\n') == std::string::npos) {
            asked.push_back(p);
            input += rev + ":" + p + "\n";
        }
    }
    const auto r = run_process({"git", "cat-file", "--batch"},
                               ProcessOptions{.dir = root, .env = {}, .input = input});
    std::map<std::string, std::string> out;
    std::size_t pos = 0;
    for (const auto& p : asked) {
        const auto eol = r.out.find('\n', pos);
        if (eol == std::string::npos) {
            break;
        }
        const std::string header = r.out.substr(pos, eol - pos);
        pos = eol + 1;
        if (header.ends_with(" missing") || header.ends_with(" ambiguous")) {
            continue;
        }
        const auto space = header.rfind(' ');
        const std::size_t size = std::strtoull(header.c_str() + space + 1, nullptr, 10);
        out[p] = r.out.substr(pos, size);
        pos += size + 1;
    }
    return out;
}

std::vector<std::string> git_changed_paths(const fs::path& root, const std::string& from,
                                           const std::string& to) {
    const auto r = run_git({"diff", "--name-only", "-z", "--no-renames", from, to}, root);
    if (r.status != 0) {
        throw Error(fmt::format("git diff failed: {}", first_line(r.err)));
    }
    std::vector<std::string> out;
    for (std::size_t pos = 0; pos < r.out.size();) {
        const auto end = r.out.find('\0', pos);
        out.push_back(r.out.substr(pos, end - pos));
        pos = end == std::string::npos ? r.out.size() : end + 1;
    }
    return out;
}

std::optional<std::string> git_tree_problem(const fs::path& root, const std::string& rev,
                                            const std::vector<std::string>& check_parse) {
    const auto r = run_git({"ls-tree", "-r", "-t", "-z", "--full-tree", rev}, root);
    if (r.status != 0) {
        return fmt::format("git cannot list {}: {}", rev, first_line(r.err));
    }
    for (std::size_t pos = 0; pos < r.out.size();) {
        const auto end = r.out.find('\0', pos);
        const std::string entry = r.out.substr(pos, end - pos);
        pos = end == std::string::npos ? r.out.size() : end + 1;
        const auto tab = entry.find('\t');
        if (tab == std::string::npos) {
            continue;
        }
        const std::string mode = entry.substr(0, entry.find(' '));
        const std::string path = entry.substr(tab + 1);
        if (mode == "120000") {
            return fmt::format("{} is a symbolic link there; a store holds no links (one could "
                               "lead writes out of the store)",
                               path);
        }
        if (mode == "160000") {
            return fmt::format("{} is a submodule there; a store holds only its own files", path);
        }
    }
    const auto texts = git_contents_at(root, rev, check_parse);
    for (const auto& [path, text] : texts) {
        // The roster every clone reads before any command: a broken or newer one written here
        // would stop every command of this person, so it stops the sync instead.
        if (path == kTeamFileName) {
            try {
                (void)parse_team(text, path);
            } catch (const Error& e) {
                return fmt::format("the team's roster does not read: {}", e.what());
            }
            continue;
        }
        if (!is_case_path(path)) {
            continue;
        }
        try {
            (void)parse_case(text, path);
        } catch (const Error& e) {
            return fmt::format("a case file that does not parse: {}", e.what());
        }
    }
    return std::nullopt;
}

ProcessResult run_git(const std::vector<std::string>& args, const fs::path& root,
                      const std::vector<std::pair<std::string, std::string>>& env) {
    // Whatever git creates (objects, checked-out case files) is private, whatever the umask.
    ::umask(077);
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    try {
        return run_process(argv, ProcessOptions{.dir = root, .env = env});
    } catch (const Error& e) {
        throw Error(fmt::format("{}; is git installed? (apt-get install git)", e.what()));
    }
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

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

void git_register_merge_driver(const fs::path& root, const std::string& owner_binary) {
    run_git({"config", "merge.owner-case.name", "owner case files: field by field"}, root);
    // git runs the driver through the shell: the binary's path is quoted (it may hold a space);
    // git quotes %O %A %B %P itself.
    run_git(
        {"config", "merge.owner-case.driver", shell_quote(owner_binary) + " __merge %O %A %B %P"},
        root);
    const fs::path info = git_dir(root) / "info";
    const fs::path attributes = info / "attributes";
    const std::string current = read_file(attributes).value_or("");
    if (current.find(kPinnedAttributes) == std::string::npos) {
        make_private_dir(info);
        write_file_atomic(attributes, current +
                                          (current.empty() || current.ends_with('\n') ? "" : "\n") +
                                          std::string(kPinnedAttributes));
    }
}

void git_init_store(const fs::path& root, const std::string& owner_binary) {
    make_private_dir(root / "cases");
    if (!is_git_store(root)) {
        const auto r = run_git({"init", "-q"}, root);
        if (r.status != 0) {
            throw Error(fmt::format("git init failed: {}", first_line(r.err)));
        }
    }
    // git creates .git's files 0600 and folders 0700 from now on; a clone made under umask 022
    // is made private here, the store's own files and .git alike.
    run_git({"config", "core.sharedRepository", "0600"}, root);
    make_private_tree(root);
    for (const auto& [name, text] :
         {std::pair{".gitattributes", kGitAttributes}, std::pair{".gitignore", kGitIgnore}}) {
        if (!read_file(root / name)) {
            write_file_atomic(root / name, std::string(text));
        }
    }
    git_register_merge_driver(root, owner_binary);
}

std::optional<std::string> git_operation_in_progress(const fs::path& root) {
    const fs::path g = git_dir(root);
    std::error_code ec;
    const std::pair<const char*, const char*> markers[] = {{"rebase-merge", "a rebase"},
                                                           {"rebase-apply", "a rebase"},
                                                           {"MERGE_HEAD", "a merge"},
                                                           {"CHERRY_PICK_HEAD", "a cherry-pick"},
                                                           {"REVERT_HEAD", "a revert"}};
    for (const auto& [file, what] : markers) {
        if (fs::exists(g / file, ec)) {
            return std::string(what);
        }
    }
    return std::nullopt;
}

GitIdentityGaps git_identity_gaps(const fs::path& root, const Settings& settings) {
    auto known = [&](const char* key, bool in_environment) {
        return in_environment || !first_line(run_git({"config", "--get", key}, root).out).empty();
    };
    return {.name = !known("user.name", settings.git_author_name),
            .email = !known("user.email", settings.git_author_email)};
}

void git_set_identity(const fs::path& root, const std::string& name, const std::string& email) {
    for (const auto& [key, value] :
         {std::pair{"user.name", &name}, std::pair{"user.email", &email}}) {
        if (value->empty()) {
            continue;
        }
        if (const auto r = run_git({"config", key, *value}, root); r.status != 0) {
            throw Error(fmt::format("git config {} failed: {}", key, first_line(r.err)));
        }
    }
}

std::optional<std::string> git_identity_advice(const fs::path& root, const Settings& settings) {
    const GitIdentityGaps gaps = git_identity_gaps(root, settings);
    const bool name = !gaps.name;
    const bool email = !gaps.email;
    if (name && email) {
        return std::nullopt;
    }
    return fmt::format("git has no {} for this store, so owner cannot commit; set {}: {}",
                       name    ? "user.email"
                       : email ? "user.name"
                               : "user.name and user.email",
                       name && !email ? "it" : "them",
                       fmt::format("git -C {} config user.name \"Your Name\" && git -C {} config "
                                   "user.email you@example.com",
                                   shell_quote(root.string()), shell_quote(root.string())));
}

std::string git_commit_change(const fs::path& root, const std::string& command,
                              const std::vector<fs::path>& written,
                              const GitCommitSettings& settings) {
    std::set<std::string> paths = read_pending(root);
    for (const auto& p : written) {
        const fs::path rel = p.lexically_relative(root);
        if (!rel.empty() && !rel.string().starts_with("..")) {
            paths.insert(rel.string());
        }
    }
    if (paths.empty()) {
        return "";
    }
    if (const auto op = git_operation_in_progress(root)) {
        write_pending(root, paths);
        return fmt::format("the change is saved but not committed to git: {} of yours is in "
                           "progress in {} (git status); "
                           "owner commits it with the next change once that is finished",
                           *op, root.string());
    }
    for (const auto& p : paths) {
        if (!is_case_path(p)) {
            continue;
        }
        if (const auto text = read_file(root / p)) {
            try {
                (void)parse_case(*text, p);
            } catch (const Error& e) {
                write_pending(root, paths);
                return fmt::format("the change is saved but not committed to git: {}", e.what());
            }
        }
    }
    // git stages the paths while libgit2 loads in this thread (about 15 ms each).
    std::vector<std::string> args{"update-index", "--add", "--remove", "--"};
    args.insert(args.end(), paths.begin(), paths.end());
    auto staging = std::async(std::launch::async, [&] { return run_git(args, root); });
    std::optional<ProcessResult> staged;
    auto stage = [&] {
        if (!staged) {
            staged = staging.get();
        }
        return staged->status == 0;
    };
    switch (git_commit_in_process(root, paths, settings, stage, [&](const auto& head_texts) {
        return describe(command, paths, head_texts, root);
    })) {
    case InProcessCommit::committed:
        run_auto_maintenance_if_due(root);
        write_pending(root, {});
        return "";
    case InProcessCommit::nothing_changed:
        write_pending(root, {});
        return "";
    case InProcessCommit::use_git:
        break;
    }
    if (!stage()) {
        write_pending(root, paths);
        return fmt::format("the change is saved but not committed to git: {}",
                           git_complaint(staged->err));
    }
    const auto before = head_contents(root, paths);
    // Only paths in HEAD or on disk can be named to `git commit`; the others came and went.
    std::vector<std::string> commit_paths;
    bool changed = false;
    for (const auto& p : paths) {
        const auto now = read_file(root / p);
        const auto it = before.find(p);
        if (now || it != before.end()) {
            commit_paths.push_back(p);
        }
        changed =
            changed || (now.has_value() != (it != before.end())) || (now && *now != it->second);
    }
    if (!changed) {
        write_pending(root, {});
        return "";
    }
    std::vector<std::string> commit{
        "commit", "-q", "--no-verify", "-m", describe(command, paths, before, root),
        "--only", "--"};
    commit.insert(commit.end(), commit_paths.begin(), commit_paths.end());
    const auto r = run_git(commit, root);
    if (r.status != 0) {
        write_pending(root, paths);
        const std::string why = r.err.empty() ? r.out : r.err;
        return fmt::format("the change is saved but not committed to git: {}", git_complaint(why));
    }
    write_pending(root, {});
    return "";
}

CaseMergeOutcome merge_case_texts(const std::string& base_text, const std::string& ours_text,
                                  const std::string& theirs_text, const std::string& path,
                                  Prefer prefer, const Timestamp& now) {
    std::optional<Case> base;
    if (!base_text.empty()) {
        base = parse_case(base_text, path + " (base)");
    }
    const Case ours = parse_case(ours_text, path + " (ours)");
    const Case theirs = parse_case(theirs_text, path + " (theirs)");
    if (ours.id != theirs.id || (base && base->id != ours.id)) {
        throw Error(
            fmt::format("the two sides are cases {} and {}, not one case", ours.id, theirs.id));
    }
    MergeResult r = merge_cases(base, ours, theirs, prefer, now);
    CaseMergeOutcome out{
        .id = ours.id, .merged = std::nullopt, .conflicts = std::move(r.conflicts)};
    if (out.conflicts.empty()) {
        out.merged = write_case(r.merged);
    }
    return out;
}

// True when a case file of this id is on disk: in cases/ or in a year of archive/.
bool case_on_disk(const fs::path& root, const std::string& id) {
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(root / "cases" / (id + ".toml"), ec))) {
        return true;
    }
    for (fs::directory_iterator it(root / "archive", ec), end; !ec && it != end; it.increment(ec)) {
        if (fs::is_regular_file(fs::symlink_status(it->path() / (id + ".toml"), ec))) {
            return true;
        }
    }
    return false;
}

std::string git_commit_all(const fs::path& root, const std::string& message,
                           bool accept_deletions) {
    if (const auto op = git_operation_in_progress(root)) {
        throw Error(fmt::format(
            "{} of yours is in progress in {}; finish or abort it first (git -C {} status)", *op,
            root.string(), shell_quote(root.string())));
    }
    // No optional index refresh: on a full disk, looking must not fail.
    const auto status = run_git(
        {"--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all"}, root);
    if (status.status != 0) {
        throw Error(fmt::format("git status failed: {}", first_line(status.err)));
    }
    if (status.out.empty()) {
        write_pending(root, {});
        return "";  // nothing to commit
    }
    // Never commit a case file that does not parse: it would break every clone. Never commit the
    // deletion of a case file that owner did not make (a slip, a full disk, a broken tool) unless
    // asked to: on every other machine it deletes the case.
    const std::set<std::string> owners_own = read_pending(root);
    std::vector<std::string> deleted;
    auto check_deleted = [&](const std::string& path) {
        if (is_case_path(path) && !owners_own.contains(path) &&
            !case_on_disk(root, fs::path(path).stem().string())) {
            deleted.push_back(path);
        }
    };
    for (std::size_t pos = 0; pos < status.out.size();) {
        const auto end = status.out.find('\0', pos);
        const std::string entry = status.out.substr(pos, end - pos);
        pos = end == std::string::npos ? status.out.size() : end + 1;
        if (entry.size() < 4) {
            continue;
        }
        if (entry[0] == 'R' || entry[0] == 'C') {
            const auto source_end = std::min(status.out.find('\0', pos), status.out.size());
            if (entry[0] == 'R') {
                check_deleted(status.out.substr(pos, source_end - pos));
            }
            pos = source_end + 1;  // the source path follows
        }
        const std::string path = entry.substr(3);
        if (entry[0] == 'D' || entry[1] == 'D') {
            check_deleted(path);
            continue;
        }
        struct stat st {};
        if (::lstat((root / path).c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
            throw Error(fmt::format("{} is a symbolic link; a store holds no links (one could lead "
                                    "writes out of the store "
                                    "on every machine): remove it, then sync",
                                    (root / path).string()));
        }
        if (!is_case_path(path)) {
            continue;
        }
        if (const auto text = read_file(root / path)) {
            parse_case(*text, path);
        }
    }
    if (!deleted.empty() && !accept_deletions) {
        throw Error(fmt::format(
            "sync stopped, nothing changed: {} deleted by hand, not by owner: {}; put {} back "
            "with 'git -C {} checkout HEAD -- {}', or run 'owner sync --accept-deletions' to "
            "delete {} on every machine",
            deleted.size() == 1 ? "a case file was" : "case files were", fmt::join(deleted, ", "),
            deleted.size() == 1 ? "it" : "them", shell_quote(root.string()),
            fmt::join(deleted, " "), deleted.size() == 1 ? "it" : "them"));
    }
    auto add = run_git({"add", "-A"}, root);
    if (add.status != 0) {
        return fmt::format("git add failed: {}", git_complaint(add.err));
    }
    if (run_git({"diff", "--cached", "--quiet"}, root).status == 0) {
        write_pending(root, {});
        return "";  // nothing to commit
    }
    auto commit = run_git({"commit", "-q", "--no-verify", "-m", message}, root);
    if (commit.status != 0) {
        const std::string why = commit.err.empty() ? commit.out : commit.err;
        return fmt::format("the change is saved but not committed to git: {}", git_complaint(why));
    }
    write_pending(root, {});
    return "";
}

}  // namespace owner
