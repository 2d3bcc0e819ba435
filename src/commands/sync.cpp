#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/mail.hpp"
#include "store/git.hpp"
#include "store/sync.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

// A fresh machine's git knows nobody, and every commit (and so `owner sync`) would fail with
// "Author identity unknown": the store gets its own identity from the config's name and email,
// asked for on a terminal when the config lacks them.
void give_git_an_identity(const Context& ctx) {
    const fs::path root = ctx.store.root();
    const GitIdentityGaps gaps = git_identity_gaps(root, ctx.settings);
    if (!gaps.name && !gaps.email) {
        return;
    }
    std::string name = gaps.name ? ctx.config.name : "";
    std::string email = gaps.email ? ctx.config.email : "";
    if (ctx.io.in_is_terminal) {
        if (gaps.name && name.empty()) {
            name = ctx.ask("Your name, for the store's git commits: ");
        }
        if (gaps.email && email.empty()) {
            email = ctx.ask("Your mail address, for the store's git commits: ");
        }
    }
    if (!email.empty() && !is_mail_address(email)) {
        ctx.warn(fmt::format("'{}' is not a mail address: git's user.email is not set", email));
        email.clear();
    }
    git_set_identity(root, name, email);
    std::vector<std::string> set;
    for (const auto& [key, value] :
         {std::pair{"user.name", &name}, std::pair{"user.email", &email}}) {
        if (!value->empty()) {
            set.push_back(fmt::format("{} \"{}\"", key, *value));
        }
    }
    if (!set.empty()) {
        ctx.note(fmt::format("owner: git had no identity for this store; set its {} (git -C {} "
                             "config user.name NAME to change it)",
                             fmt::join(set, " and "), shell_quote(root.string())));
    }
    if (const auto advice = git_identity_advice(root, ctx.settings)) {
        ctx.warn(*advice);
    }
}

}  // namespace

Runner setup_init(CLI::App& app) {
    auto git = std::make_shared<bool>(false);
    app.add_flag("--git", *git, "make the store a git repository, for owner sync");
    return [git](Context& ctx) {
        const auto lock = ctx.store.lock();
        make_private_dir(ctx.store.cases_dir());
        if (*git) {
            git_init_store(ctx.store.root(), self_executable());
            give_git_an_identity(ctx);
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
                   "settle conflicting fields and roster lines with our or their side (logged)")
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
