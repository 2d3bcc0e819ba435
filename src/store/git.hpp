#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/merge.hpp"
#include "store/process.hpp"
#include "store/settings.hpp"

// The store as a git repository: git is the sync engine, run as a program so that credentials,
// remotes and identities stay with git. Nothing a remote sends may change how owner merges
// (the driver is pinned in .git/info/attributes), run code, or place a file outside the store.
namespace owner {

// Runs `git ARGS` in `root` and captures its output. Throws Error when git is not installed.
ProcessResult run_git(const std::vector<std::string>& args, const std::filesystem::path& root,
                      const std::vector<std::pair<std::string, std::string>>& env = {});

bool is_git_store(const std::filesystem::path& root);

// Makes `root` a git repository (if it is not yet) with .gitattributes, .gitignore and the case
// merge driver registered; keeps existing files and commits them. Makes the store and .git
// private (a clone made under umask 022 is world-readable) and keeps git creating private files.
void git_init_store(const std::filesystem::path& root, const std::string& owner_binary);

// Registers the merge driver in the repository's config and pins it for case files in
// .git/info/attributes, which a pushed .gitattributes cannot override. Neither is carried by
// clones, so sync does this every time.
void git_register_merge_driver(const std::filesystem::path& root, const std::string& owner_binary);

// A word for the shell that stands for `s` exactly ('…', with ' escaped).
std::string shell_quote(const std::string& s);

// A rebase, merge, cherry-pick, revert or bisect of the user's in progress in the store, as
// "a rebase"; nullopt when none.
std::optional<std::string> git_operation_in_progress(const std::filesystem::path& root);

// The advice to give when git has no identity for the store, or nullopt when it has one.
std::optional<std::string> git_identity_advice(const std::filesystem::path& root,
                                               const Settings& settings);

// What git lacks to commit in the store: user.name, user.email (from any git config or the
// GIT_AUTHOR_* environment).
struct GitIdentityGaps {
    bool name = false;
    bool email = false;
};
GitIdentityGaps git_identity_gaps(const std::filesystem::path& root, const Settings& settings);

// Sets the store's own user.name and user.email (its .git/config), each when not empty.
void git_set_identity(const std::filesystem::path& root, const std::string& name,
                      const std::string& email);

// Commits exactly the paths owner wrote or removed (`written`, absolute) and those of earlier
// commands that could not be committed, with `message`; the user's staged changes stay staged.
// Nothing is committed while an operation of the user's is in progress or a case file among the
// paths does not parse. Returns a warning, or empty on success or when there was nothing to commit.
// The message says what changed: "owner: COMMAND ID (FIELDS)" for one case, one line per case in
// the body for several. Case ids and field names only, never their values: titles, notes and
// contacts are personal data, and a commit message is hard to forget.
std::string git_commit_change(const std::filesystem::path& root, const std::string& command,
                              const std::vector<std::filesystem::path>& written,
                              const GitCommitSettings& settings);

// Commits every change in the store (the changes made by hand, for sync and init). Throws Error
// while an operation of the user's is in progress or when a changed case file does not parse or
// is not a regular file, and, unless `accept_deletions`, when a case file was deleted by hand
// (gone, with no file of its id left in cases/ or archive/, and not removed by owner itself);
// returns a warning when git fails, else empty.
std::string git_commit_all(const std::filesystem::path& root, const std::string& message,
                           bool accept_deletions);

// The content of each path at `rev` (a path absent there is absent from the map), with one
// `git cat-file --batch`.
std::map<std::string, std::string> git_contents_at(const std::filesystem::path& root,
                                                   const std::string& rev,
                                                   const std::vector<std::string>& paths);

// The paths that differ between two commits (no rename detection).
std::vector<std::string> git_changed_paths(const std::filesystem::path& root,
                                           const std::string& from, const std::string& to);

// What makes the tree of `rev` unfit for a store, as one sentence ("archive/2026 is a symbolic
// link"), or nullopt: no symbolic links and no submodules anywhere; case files must parse
// (only those among `check_parse` are read).
std::optional<std::string> git_tree_problem(const std::filesystem::path& root,
                                            const std::string& rev,
                                            const std::vector<std::string>& check_parse);

// True for a path (relative to the store) that names a case file: cases/ID.toml,
// archive/YEAR/ID.toml.
bool is_case_path(const std::string& relative);

// The merge driver's work on three texts of one case file (`base` empty: both sides added it):
// the merged file's text, or the conflicting fields. Throws Error when a side does not parse.
// The merged text always parses (the fuzz target tests/fuzz/fuzz_merge.cpp holds it to that).
struct CaseMergeOutcome {
    std::string id;
    std::optional<std::string> merged;
    std::vector<FieldConflict> conflicts;
};
CaseMergeOutcome merge_case_texts(const std::string& base, const std::string& ours,
                                  const std::string& theirs, const std::string& path, Prefer prefer,
                                  const Timestamp& now);

// The path of the running executable (for the merge driver).
std::string self_executable();

}  // namespace owner
