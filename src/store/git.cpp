#include "store/git.hpp"

#include <climits>

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

ProcessResult run_git(const std::vector<std::string>& args, const fs::path& root,
                      const std::vector<std::pair<std::string, std::string>>& env) {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult r = run_process(argv, ProcessOptions{.dir = root, .env = env});
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
    run_git({"config", "merge.owner-case.name", "owner case files: field by field"}, root);
    run_git({"config", "merge.owner-case.driver", owner_binary + " __merge %O %A %B %P"}, root);
}

void git_init_store(const fs::path& root, const std::string& owner_binary) {
    make_private_dir(root / "cases");
    if (!is_git_store(root)) {
        const auto r = run_git({"init", "-q"}, root);
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
    auto add = run_git({"add", "-A"}, root);
    if (add.status != 0) {
        return fmt::format("git add failed: {}", add.err.substr(0, add.err.find('\n')));
    }
    auto diff = run_git({"diff", "--cached", "--quiet"}, root);
    if (diff.status == 0) {
        return "";  // nothing to commit
    }
    auto commit = run_git({"commit", "-q", "--no-verify", "-m", message}, root);
    if (commit.status != 0) {
        const std::string why = commit.err.empty() ? commit.out : commit.err;
        return fmt::format("the change is saved but not committed to git: {}", why.substr(0, why.find('\n')));
    }
    return "";
}

} // namespace owner
