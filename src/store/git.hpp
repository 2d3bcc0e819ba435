#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "store/process.hpp"

// The store as a git repository: git is the sync engine, run as a program so that credentials,
// remotes and identities stay with git.
namespace owner {

// Runs `git ARGS` in `root` and captures its output. Throws Error when git is not installed.
ProcessResult run_git(const std::vector<std::string>& args, const std::filesystem::path& root,
                      const std::vector<std::pair<std::string, std::string>>& env = {});

bool is_git_store(const std::filesystem::path& root);

// Makes `root` a git repository (if it is not yet) with .gitattributes, .gitignore and the case
// merge driver registered; keeps existing files and commits them.
void git_init_store(const std::filesystem::path& root, const std::string& owner_binary);

// Registers the merge driver in the repository's config (it is not carried by clones).
void git_register_merge_driver(const std::filesystem::path& root, const std::string& owner_binary);

// Commits every change in the store with `message`. Returns a warning, or empty on success or
// when there was nothing to commit.
std::string git_commit_all(const std::filesystem::path& root, const std::string& message);

// The path of the running executable (for the merge driver).
std::string self_executable();

} // namespace owner
