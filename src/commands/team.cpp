#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/team.hpp"
#include "render/team_render.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/local_state.hpp"

// `owner team`: the lead's view of the team; `owner team init|edit`: the team's roster in the
// store (README "A team on one store").
namespace owner {

namespace {

// The roster a team starts from: the runner's [people] and [escalate] config, the runner on it,
// and every escalation contact a person on it (a lead, for [escalate] to).
TeamRoster team_from_config(const Config& config) {
    std::vector<Person> people = config.people.people();
    const auto ensure = [&](const std::string& name, std::string_view role) {
        const Roster roster(people);
        if (const Person* p = roster.find(name)) {
            return p->name;
        }
        people.push_back(Person{name, {}, {}, std::string(role)});
        return name;
    };
    TeamRoster team;
    const std::string me = ensure(config.name, "");
    for (Person& p : people) {
        if (p.name == me && p.email.empty()) {
            p.email = config.email;
        }
    }
    if (!config.escalation.to.empty()) {
        team.escalate_to = ensure(config.escalation.to, kLeadRole);
    }
    for (const auto& [tag, contact] : config.escalation.tags) {
        team.escalate_tags[tag] = ensure(contact, "");
    }
    team.people = Roster(std::move(people));
    return team;
}

int team_init(Context& ctx) {
    const auto path = team_file(ctx.store.root());
    const auto lock = ctx.store.lock();
    if (read_file(path)) {
        throw Error(fmt::format("{} exists already: this store is a team's; change the roster "
                                "with 'owner team edit'",
                                path.string()));
    }
    const TeamRoster team = team_from_config(ctx.config);
    const std::string text = write_team(team);
    (void)parse_team(text, path.string());  // what is written reads back
    // The cases without an owner become the runner's, in the same commit as the roster.
    std::vector<CaseRef> refs = ctx.store.open_refs();
    const std::vector<CaseRef> closed = ctx.store.closed_refs();
    refs.insert(refs.end(), closed.begin(), closed.end());
    LoadedCases loaded = ctx.store.load(refs);
    ctx.report_bad(loaded.bad);
    if (!loaded.bad.empty()) {
        throw Error("team.toml not written: the case files above cannot be read, and each case "
                    "needs an owner; repair them (owner doctor), then run 'owner team init' again");
    }
    Config config = ctx.config;
    (void)apply_team(config, team);
    const std::string me = config.name;
    std::size_t given = 0;
    for (Case& c : loaded.cases) {
        if (c.owner) {
            continue;
        }
        c.owner = me;
        const auto ref =
            std::find_if(refs.begin(), refs.end(), [&](const CaseRef& r) { return r.id == c.id; });
        ctx.store.save(c, *ref);
        ++given;
    }
    write_file_atomic(path, text);
    ctx.store.note_written(path);
    ctx.note(fmt::format(
        "owner: {} written: {} {}{}; {} {} without an owner now {}", path.string(),
        team.people.people().size(), team.people.people().size() == 1 ? "person" : "people",
        team.escalate_to.empty() ? "" : ", escalations to " + team.escalate_to, given,
        given == 1 ? "case" : "cases", given == 1 ? "is yours" : "are yours"));
    return 0;
}

// As `owner edit` does for a case: a private copy, saved only when it is a valid roster that
// still names the runner and everyone who owns an open case or has an open action asked of them,
// and nobody changed the file meanwhile; else the copy is kept.
int team_edit(Context& ctx) {
    const auto path = team_file(ctx.store.root());
    const auto original = read_file(path);
    if (!original) {
        throw Error(fmt::format("{} does not exist: 'owner team init' writes it from your config",
                                path.string()));
    }
    const EditCopy edit = edit_copy_of(ctx.store, "team");
    const auto pending = read_file(edit.copy);
    std::string started_from = *original;
    if (pending) {
        const auto base = read_file(edit.base);
        if (!base) {
            throw Error(fmt::format("your unsaved edit of {} in {} has no base copy ({} is "
                                    "missing); merge by hand, then delete the copy",
                                    path.string(), edit.copy.string(), edit.base.string()));
        }
        started_from = *base;
        ctx.note(fmt::format("owner: resuming your unsaved edit of {} from {}", path.string(),
                             edit.copy.string()));
    } else {
        write_file_atomic(edit.base, *original);
        write_file_atomic(edit.copy, *original);
    }
    const int status = ctx.edit_file(edit.copy.string());
    if (status != 0) {
        throw Error(
            fmt::format("the editor exited with status {}; {} is unchanged, your copy is {}",
                        status, path.string(), edit.copy.string()));
    }
    const std::string edited = read_file(edit.copy).value_or("");
    if (edited == *original) {
        discard_edit(edit);
        ctx.note(fmt::format("owner: no changes to {}", path.string()));
        return 0;
    }
    const auto kept = [&](const std::string& what) {
        return Error(fmt::format("{}; {} is unchanged, your edit is kept in {} and 'owner team "
                                 "edit' resumes it",
                                 what, path.string(), edit.copy.string()));
    };
    TeamRoster team;
    try {
        team = parse_team(edited, edit.copy.string());
    } catch (const Error& e) {
        throw kept(e.what());
    }
    Config config = ctx.config;
    if (const std::string problem = apply_team(config, team); !problem.empty()) {
        throw kept(problem);
    }
    const auto lock = ctx.store.lock();
    if (read_file(path).value_or("") != started_from) {
        throw Error(fmt::format("{} changed while you were editing; your edit is kept in {}; "
                                "merge by hand, then delete the copy",
                                path.string(), edit.copy.string()));
    }
    // Nobody's work may be left to a name the roster no longer knows: they could not run owner
    // on it, and their cases would reach no one's today.
    LoadedCases open = ctx.store.load_open();
    ctx.report_bad(open.bad);
    if (const auto dropped = dropped_with_work(open.cases, ctx.config.people, team.people);
        !dropped.empty()) {
        std::vector<std::string> who;
        for (const DroppedPerson& d : dropped) {
            who.push_back(describe_dropped(d));
        }
        throw kept(fmt::format("people: the edit drops {}; hand their cases over (owner handoff "
                               "CASE --to NAME) and re-plan their actions first, or keep the old "
                               "name as an alias",
                               fmt::join(who, "; ")));
    }
    write_file_atomic(path, edited);
    ctx.store.note_written(path);
    discard_edit(edit);
    ctx.note(fmt::format("owner: saved {}", path.string()));
    return 0;
}

// Per person of the roster: cases owned, actions asked of them, escalations to them not yet
// answered; then the promises at risk across the team. Every owner's open cases, read only.
int team_view(Context& ctx, StatusFormat format) {
    if (!ctx.config.team) {
        throw Error(fmt::format("team: {} has no roster (team.toml): this store is one person's; "
                                "'owner team init' makes it a team's",
                                ctx.store.root().string()));
    }
    LoadedCases& open = ctx.hold(ctx.store.load_open());
    ctx.report_bad(open.bad);
    const TeamView v = build_team(open.cases, ctx.now, ctx.config);
    out_status(ctx, format,
               render_team(v, format,
                           StatusFields{ctx.config.status_customer, ctx.config.status_title,
                                        ctx.config.language}));
    return open.bad.empty() ? 0 : 1;
}

}  // namespace

// CLI11 has no optional sub-verb that leaves the bare command its own: `what` is an optional
// positional (init, edit), and without it `owner team` is the view, whose options the verbs
// refuse.
Runner setup_team(CLI::App& app) {
    struct Options {
        std::string what;
        std::string format = "text";
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("what", o->what,
                   "init: write the store's roster (team.toml) from your config; edit: change "
                   "it; none: the lead's view of the team")
        ->check(CLI::IsMember({"init", "edit"}));
    auto* format =
        app.add_option("--format", o->format, "the view: text, markdown, slack, mattermost or json")
            ->check(CLI::IsMember({"text", "markdown", "slack", "mattermost", "json"}));
    auto* json = app.add_flag("--json", o->json, "the view: same as --format json");
    return [o, format, json](Context& ctx) {
        if (o->what.empty()) {
            return team_view(ctx, status_format(o->format, o->json));
        }
        for (const CLI::Option* view_only : {format, json}) {
            if (view_only->count() > 0) {
                throw UsageError(fmt::format("{}: only for the view ('owner team' without {})",
                                             view_only->get_name(), o->what));
            }
        }
        return o->what == "init" ? team_init(ctx) : team_edit(ctx);
    };
}

}  // namespace owner
