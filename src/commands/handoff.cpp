#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"
#include "domain/time.hpp"

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
        const std::string to = roster_name(ctx, o->to, "--to");
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        const std::string from(ctx.config.owner_of(c));
        if (ctx.config.people.same(from, to)) {
            throw UsageError(fmt::format("case {} is {}'s already", c.id, to));
        }
        const HandoffEffect done = hand_over_case(c, from, to, o->note, ctx.now, ctx.config);
        e.save(ctx);
        std::string said = fmt::format("owner: case {} is {}'s now", c.id, to);
        if (done.kept > 0) {
            said +=
                fmt::format("; {} open {} of {} kept by {} (plan CASE ACTION --who to move one)",
                            done.kept, done.kept == 1 ? "action" : "actions", from, from);
        }
        if (done.taken > 0) {
            said += fmt::format("; {} {} asked of {} now the owner's own (no checks)", done.taken,
                                done.taken == 1 ? "action" : "actions", to);
        }
        ctx.note(said);
        if (!done.checks.empty()) {
            std::vector<std::string> when;
            for (const Timestamp& t : done.checks) {
                when.push_back(human_time(t));
            }
            ctx.note(
                fmt::format("owner: checks on {} planned for {}", from, fmt::join(when, " and ")));
        }
        return 0;
    };
}

}  // namespace owner
