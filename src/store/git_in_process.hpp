#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "store/settings.hpp"

// The local commit of a change, made in this process with libgit2 instead of by `git commit`:
// in a store of 20 000 case files `git commit --only` refreshes the whole index (an lstat of every
// file) and reads HEAD's files through another git process, so a one-line note took 9 times as
// long with git as without. git the program still stages the paths (its index, its lock) and
// fetches, rebases and pushes, where credentials and the user's configuration live.
namespace owner {

enum class InProcessCommit {
    committed,        // HEAD moved to a commit of the paths
    nothing_changed,  // the paths are in HEAD as they are on disk
    use_git,          // not done here: let the git program commit (and complain, if it must)
};

// Commits exactly `paths` (relative to the store `root`), each as it is on disk or removed when it
// is gone, on top of HEAD, with the message `message(head_texts)` gets from the paths' contents in
// HEAD. `staged()` says whether git has brought the index to the same state (`git update-index`,
// run meanwhile by the caller: git's own index code and lock); it is asked before HEAD moves. The
// guarantees of `git commit --only`, kept:
// - only these paths: the user's staged changes to other paths stay staged, not committed;
// - the index matches the commit for these paths, so `git status` stays clean;
// - a commit made meanwhile by another process is never lost: HEAD moves only from the commit
//   the tree was built on (compared under the ref's lock), else the tree is built again;
// - what git would do differently is left to git (use_git): no libgit2 (or OWNER_GIT_LIBRARY=off),
//   git variables in the environment that libgit2 does not read (GIT_DIR, GIT_INDEX_FILE,
//   GIT_CONFIG_*, GIT_*_DATE, GIT_REFLOG_ACTION), an identity from anywhere but
//   GIT_{AUTHOR,COMMITTER}_{NAME,EMAIL} and git's config, config libgit2 1.5 cannot read as git
//   does (an includeIf hasconfig:, i18n.commitEncoding), commit.gpgSign, a prepare-commit-msg,
//   post-commit or reference-transaction hook, a path that is not a .toml file with owner's pinned
//   attributes, a file that is executable (on disk or in HEAD) or changed while git staged it, an
//   unborn HEAD, a failed `staged()`, and any error of libgit2's.
// The caller checks beforehand that no rebase or merge of the user's is in progress.
InProcessCommit git_commit_in_process(
    const std::filesystem::path& root, const std::set<std::string>& paths,
    const GitCommitSettings& settings, const std::function<bool()>& staged,
    const std::function<std::string(const std::map<std::string, std::string>& head_texts)>&
        message);

}  // namespace owner
