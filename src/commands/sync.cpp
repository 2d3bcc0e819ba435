#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "store/git.hpp"
#include "store/sync.hpp"

namespace owner {

namespace fs = std::filesystem;

Runner setup_init(CLI::App& app) {
    auto git = std::make_shared<bool>(false);
    app.add_flag("--git", *git, "make the store a git repository, for owner sync");
    return [git](Context& ctx) {
        const auto lock = ctx.store.lock();
        make_private_dir(ctx.store.cases_dir());
        if (*git) {
            git_init_store(ctx.store.root(), self_executable());
            if (const auto advice = git_identity_advice(ctx.store.root(), ctx.settings)) {
                ctx.warn(*advice);
            }
            if (const std::string w = git_commit_all(ctx.store.root(), "owner: init --git",
                                                     /*accept_deletions=*/true);
                !w.empty()) {
                ctx.warn(w);
            }
        }
        ctx.note(fmt::format("owner: store ready in {}{}", ctx.store.root().string(),
                             *git ? " (git)" : ""));
        return 0;
    };
}

// The mechanics are in store/sync: fetch, check, rebase with the case merge, check, push.
Runner setup_sync(CLI::App& app) {
    struct Options {
        std::string prefer;
        SyncOptions sync;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--prefer", o->prefer,
                   "settle conflicting fields with our or their value (logged)")
        ->check(CLI::IsMember({"ours", "theirs"}));
    app.add_option("--remote", o->sync.remote, "the git remote (default origin)");
    app.add_flag("--accept-deletions", o->sync.accept_deletions,
                 "apply cases deleted on another machine and commit case files deleted here by "
                 "hand (refused without it)");
    return [o](Context& ctx) {
        o->sync.prefer = o->prefer == "ours"     ? Prefer::ours
                         : o->prefer == "theirs" ? Prefer::theirs
                                                 : Prefer::none;
        const std::string upstream = sync_with_remote(
            ctx.store, ctx.now, o->sync, [&ctx](std::string_view text) { ctx.note(text); });
        ctx.note(fmt::format("owner: in sync with {}", upstream));
        return 0;
    };
}

}  // namespace owner
