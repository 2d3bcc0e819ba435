#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"

// `owner handoff CASE --to NAME`: the case changes owner (README "A team on one store").
namespace owner {

Runner setup_handoff(CLI::App& app) {
    struct Options {
        std::string id;
        std::string to;
        std::string note;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("--to", o->to, "the new owner: a person on the team's roster")->required();
    app.add_option("-n,--note", o->note, "what the new owner needs to know");
    return [o](Context& ctx) {
        if (!ctx.config.team) {
            throw Error("handoff: this store is one person's; a team's store has a roster "
                        "('owner team init') that names the new owner");
        }
        const Person* to = ctx.config.people.find(o->to);
        if (to == nullptr) {
            const std::string near = ctx.config.people.nearest(o->to);
            throw UsageError(
                fmt::format("--to: '{}' is not on the team's roster{}", o->to,
                            near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        const std::string from(ctx.config.owner_of(c));
        if (ctx.config.people.same(from, to->name)) {
            throw UsageError(fmt::format("case {} is {}'s already", c.id, to->name));
        }
        // The old owner's actions stay theirs: written out, so that no action moves silently.
        std::size_t kept = 0;
        for (Action& a : c.actions) {
            if (a.open() && !a.who) {
                a.who = from;
                ++kept;
            }
        }
        c.owner = to->name;
        c.add_log(ctx.now, "handoff",
                  fmt::format("{} → {}{}", from, to->name, o->note.empty() ? "" : ": " + o->note));
        c.log.back().extra.insert_or_assign("from", from);
        c.log.back().extra.insert_or_assign("to", to->name);
        e.save(ctx);
        ctx.note(fmt::format("owner: case {} is {}'s now{}", c.id, to->name,
                             kept == 0 ? std::string()
                                       : fmt::format("; {} open {} of {} kept by {} (plan CASE "
                                                     "ACTION --who to move one)",
                                                     kept, kept == 1 ? "action" : "actions", from,
                                                     from)));
        return 0;
    };
}

}  // namespace owner
