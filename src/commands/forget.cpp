#include <algorithm>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/status.hpp"
#include "store/files.hpp"
#include "store/git.hpp"
#include "store/local_state.hpp"

namespace owner {

namespace {

constexpr std::string_view kForgotten = "(forgotten)";

// The case without what identifies the customer: name, contact, reference, summary, every free
// text (log and action texts) and every hand-added key; the title loses the customer's name, or
// all of it with `titles`. Dates, actions' timing, colleagues and the outcome stay for `stats`.
Case forgotten(const Case& m, bool titles) {
    Case c = m;
    c.title = titles ? std::string(kForgotten) : without_customer_name(m.title, m);
    c.customer = kForgotten;
    c.contact.reset();
    c.ref.reset();
    c.summary.reset();
    c.extra = toml::table{};
    for (auto& a : c.actions) {
        a.what = kForgotten;
        a.extra = toml::table{};
    }
    for (auto& e : c.log) {
        e.text.clear();
        e.extra = toml::table{};
    }
    return c;
}

// In a git store the history keeps every earlier version: say exactly what remains and how to
// purge it (owner(1), FORGETTING). Nothing is rewritten without the person deciding to.
void report_git_history(const Context& ctx, const std::string& customer,
                        const std::vector<std::string>& paths) {
    if (!is_git_store(ctx.store.root())) {
        return;
    }
    std::vector<std::string> args = {"log", "--all", "--format=%h", "--"};
    args.insert(args.end(), paths.begin(), paths.end());
    const ProcessResult files = run_git(args, ctx.store.root());
    const ProcessResult messages = run_git({"log", "--all", "--format=%h", "--fixed-strings",
                                            "--regexp-ignore-case", "--grep=" + customer},
                                           ctx.store.root());
    const auto count = [](const std::string& out) {
        return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
    };
    const std::size_t versions = files.status == 0 ? count(files.out) : 0;
    const std::size_t named = messages.status == 0 ? count(messages.out) : 0;
    if (versions == 0 && named == 0) {
        return;
    }
    std::string where;
    for (const auto& p : paths) {
        where += (where.empty() ? "" : ", ") + p;
    }
    ctx.warn(fmt::format(
        "the git history of {} still holds the forgotten data: {} commit{} with earlier versions "
        "of {}{}; "
        "to purge it, rewrite the history with git filter-repo as owner(1) shows under FORGETTING "
        "(every clone must then be cloned again)",
        ctx.store.root().string(), versions, versions == 1 ? "" : "s", where,
        named ? fmt::format(", and {} commit message{} naming the customer", named,
                            named == 1 ? "" : "s")
              : ""));
}

}  // namespace

// Data protection: a customer asks to be forgotten. Closed cases keep their dates, actions and
// outcome (the statistics) but lose the name, contact, reference and free text that identify them.
Runner setup_forget(CLI::App& app) {
    struct Options {
        std::string customer;
        bool yes = false;
        bool titles = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--customer", o->customer, "the customer's name, exactly as in the cases")
        ->required();
    app.add_flag("--titles", o->titles,
                 "remove the titles too (otherwise only the customer's name in them)");
    app.add_flag("-y,--yes", o->yes, "do not ask for confirmation");
    return [o](Context& ctx) {
        const auto lock = ctx.store.lock();
        LoadedCases closed = ctx.store.load(ctx.store.closed_refs());
        if (!closed.bad.empty()) {
            ctx.report_bad(closed.bad);
            throw Error("some closed cases could not be read; fix them first (owner doctor) so "
                        "that nothing is missed");
        }
        std::vector<const Case*> matches;
        for (const Case& c : closed.cases) {
            if (c.customer == o->customer) {
                matches.push_back(&c);
            }
        }
        std::size_t open_matches = 0;
        for (const Case& c : ctx.store.load_open().cases) {
            open_matches += c.customer == o->customer;
        }
        if (open_matches > 0) {
            ctx.warn(fmt::format("{} open case{} of '{}' {} not touched: close {} first",
                                 open_matches, open_matches == 1 ? "" : "s", o->customer,
                                 open_matches == 1 ? "is" : "are",
                                 open_matches == 1 ? "it" : "them"));
        }
        if (matches.empty()) {
            ctx.note(fmt::format("owner: no closed case of '{}'", o->customer));
            return open_matches ? 1 : 0;
        }
        if (!o->yes) {
            if (!ctx.io.in_is_terminal) {
                throw UsageError(
                    fmt::format("this removes '{}' from {} closed case{}; confirm with --yes",
                                o->customer, matches.size(), matches.size() == 1 ? "" : "s"));
            }
            const std::string answer = ctx.ask(
                fmt::format("Remove '{}' from {} closed case{}? This cannot be undone. [y/N] ",
                            o->customer, matches.size(), matches.size() == 1 ? "" : "s"));
            if (answer != "y" && answer != "Y" && answer != "yes") {
                ctx.note("owner: nothing changed");
                return 1;
            }
        }
        std::vector<std::string> ids, paths;
        for (const Case* m : matches) {
            Case c = forgotten(*m, o->titles);
            c.add_log(ctx.now, "forgotten", "personal data removed on request");
            const auto path = ctx.store.path_for(*m);
            ctx.store.save(c, CaseRef{c.id, path, true});
            ids.push_back(c.id);
            paths.push_back(std::filesystem::relative(path, ctx.store.root()).string());
            paths.push_back("cases/" + c.id + ".toml");  // where it was while open
        }
        const auto removed = remove_local_copies(ctx.store, ids);
        ctx.note(fmt::format(
            "owner: forgot '{}' in {} closed case{}{}", o->customer, matches.size(),
            matches.size() == 1 ? "" : "s",
            removed.empty() ? "" : fmt::format("; removed {}", fmt::join(removed, ", "))));
        report_git_history(ctx, o->customer, paths);
        return 0;
    };
}

}  // namespace owner
