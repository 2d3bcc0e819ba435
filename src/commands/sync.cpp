#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "store/git.hpp"

namespace owner {

namespace {
std::string first_line(const std::string& s) {
    const auto start = s.find_first_not_of(" \n");
    if (start == std::string::npos) {
        return "";
    }
    return s.substr(start, s.find('\n', start) - start);
}
} // namespace

Runner setup_init(CLI::App& app) {
    auto git = std::make_shared<bool>(false);
    app.add_flag("--git", *git, "make the store a git repository, for owner sync");
    return [git](Context& ctx) {
        const auto lock = ctx.store.lock();
        make_private_dir(ctx.store.cases_dir());
        if (*git) {
            git_init_store(ctx.store.root(), self_executable());
            if (const std::string w = git_commit_all(ctx.store.root(), "owner: init --git"); !w.empty()) {
                ctx.warn(w);
            }
        }
        ctx.note(fmt::format("owner: store ready in {}{}", ctx.store.root().string(), *git ? " (git)" : ""));
        return 0;
    };
}

// fetch, rebase the local commits onto the remote (merging case files field by field with the
// owner-case driver), push. A conflict stops the sync and leaves the store as it was.
Runner setup_sync(CLI::App& app) {
    struct Options {
        std::string prefer;
        std::string remote = "origin";
    };
    auto o = std::make_shared<Options>();
    app.add_option("--prefer", o->prefer, "settle conflicting fields with our or their value (logged)")
        ->check(CLI::IsMember({"ours", "theirs"}));
    app.add_option("--remote", o->remote, "the git remote (default origin)");
    return [o](Context& ctx) {
        const auto root = ctx.store.root();
        if (!is_git_store(root)) {
            throw Error(fmt::format("{} is not a git repository; run 'owner init --git' and add a remote", root.string()));
        }
        const auto lock = ctx.store.lock();
        git_register_merge_driver(root, self_executable());
        if (const std::string w = git_commit_all(root, "owner: sync (changes made by hand)"); !w.empty()) {
            throw Error(w);
        }
        if (run_git({"remote", "get-url", o->remote}, root).status != 0) {
            throw Error(fmt::format("the store has no git remote '{}'; add one: git -C {} remote add {} URL", o->remote, root.string(), o->remote));
        }
        const auto fetch = run_git({"fetch", "-q", o->remote}, root);
        if (fetch.status != 0) {
            throw Error(fmt::format("cannot fetch from '{}': {}; nothing changed", o->remote, first_line(fetch.err)));
        }
        const std::string branch = first_line(run_git({"symbolic-ref", "--short", "HEAD"}, root).out);
        const std::string upstream = o->remote + "/" + branch;
        const bool remote_has_branch = run_git({"rev-parse", "--verify", "-q", upstream}, root).status == 0;
        if (remote_has_branch) {
            std::vector<std::pair<std::string, std::string>> env;
            if (!o->prefer.empty()) {
                env.emplace_back("OWNER_MERGE_PREFER", o->prefer);
            }
            env.emplace_back("OWNER_NOW", ctx.now.rfc3339());
            env.emplace_back("OWNER_MERGE_REBASE", "1");
            const auto rebase = run_git({"-c", "core.editor=true", "rebase", "-q", upstream}, root, env);
            if (rebase.status != 0) {
                run_git({"rebase", "--abort"}, root);
                std::vector<std::string> conflicts;
                const std::string all = rebase.err + rebase.out;
                for (std::size_t pos = 0; (pos = all.find("owner-conflict: ", pos)) != std::string::npos;) {
                    const auto end = all.find('\n', pos);
                    conflicts.push_back(all.substr(pos + 16, end - pos - 16));
                    pos = end;
                }
                if (conflicts.empty()) {
                    conflicts.push_back(first_line(all));
                }
                throw Error(fmt::format("sync stopped, your store is as it was: {}; decide with 'owner sync --prefer ours' or "
                                        "'--prefer theirs', or edit the case and sync again",
                                        fmt::join(conflicts, "; ")));
            }
        }
        const auto push = run_git({"push", "-q", "-u", o->remote, "HEAD:" + branch}, root);
        if (push.status != 0) {
            throw Error(fmt::format("cannot push to '{}': {}; your changes are committed locally", o->remote, first_line(push.err)));
        }
        ctx.note(fmt::format("owner: in sync with {}", upstream));
        return 0;
    };
}

} // namespace owner
