#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/mail.hpp"
#include "domain/team.hpp"
#include "store/config_file.hpp"
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

// The roster as last committed: what a sync compares the roster it leaves behind with (a hand
// edit of team.toml is committed by the sync, a roster edited on another clone comes in by it).
std::optional<Roster> committed_roster(const Context& ctx) {
    if (!ctx.config.team || !is_git_store(ctx.store.root())) {
        return std::nullopt;
    }
    try {
        const std::string path(kTeamFileName);
        const auto texts = git_contents_at(ctx.store.root(), "HEAD", {path});
        if (const auto it = texts.find(path); it != texts.end()) {
            return parse_team(it->second, path).people;
        }
    } catch (const Error&) {
        // No commit yet, or a roster that does not read: nothing to compare with.
    }
    return std::nullopt;
}

// Warns, naming them, when the roster after the sync no longer knows someone who still owns open
// cases or has open actions asked of them: they could run no command on their own clone, and
// their cases would reach nobody's today. `owner team edit` refuses such a roster; a hand edit
// or another clone's is only told about here (the sync has already shared it).
void warn_about_dropped_people(const Context& ctx, const std::optional<Roster>& before) {
    if (!before) {
        return;
    }
    try {
        const auto after = read_team(ctx.store.root());
        if (!after) {
            return;
        }
        const LoadedCases open = ctx.store.load_open();
        for (const DroppedPerson& d : dropped_with_work(open.cases, *before, after->people)) {
            ctx.warn(fmt::format("{}: the roster no longer names {}; hand those over (owner "
                                 "handoff CASE --to NAME, owner plan CASE ACTION --who NAME) or "
                                 "put the name back (owner team edit)",
                                 kTeamFileName, describe_dropped(d)));
        }
    } catch (const Error&) {
        // The roster that came in is checked by the sync itself; this is advice only.
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
        const std::optional<Roster> roster_before = committed_roster(ctx);
        const std::string upstream = sync_with_remote(
            ctx.store, ctx.now, o->sync, [&ctx](std::string_view text) { ctx.note(text); });
        warn_about_dropped_people(ctx, roster_before);
        ctx.note(fmt::format("owner: in sync with {}", upstream));
        return 0;
    };
}

}  // namespace owner
