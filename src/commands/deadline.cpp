#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"

namespace owner {

Runner setup_deadline(CLI::App& app) {
    struct Options {
        std::string id;
        std::string when;
        std::string reason;
        std::string tell;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case id or unique prefix")->required();
    app.add_option("when", o->when, "the new deadline agreed with the customer")->required();
    app.add_option("-r,--reason", o->reason, "why the promise moves (logged)")->required();
    app.add_option("--tell", o->tell,
                   "why the date moves, in the customer's words: the next customer draft says it");
    return [o](Context& ctx) {
        if (o->reason.find_first_not_of(" \t") == std::string::npos) {
            throw UsageError("--reason: say why the promise moves");
        }
        if (!o->tell.empty() && o->tell.find_first_not_of(" \t") == std::string::npos) {
            throw UsageError("--tell is empty: say why the date moves, as the customer reads it");
        }
        const Timestamp to = when_arg(ctx, o->when, "when");
        if (to < ctx.now) {
            throw UsageError(fmt::format("when: {} is already past", human_time(to)));
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        if (e.c.deadline && *e.c.deadline == to) {
            throw UsageError(
                fmt::format("case {} already has that deadline ({})", e.c.id, human_time(to)));
        }
        warn_outside_working_time(ctx, to, "the deadline");
        move_deadline(e.c, to, o->reason, ctx.now);
        if (!o->tell.empty()) {
            e.c.log.back().extra.insert_or_assign("tell", o->tell);
        }
        e.save(ctx);
        // Telling the customer is the owner's: they are the Who towards the customer.
        ctx.note(
            ctx.config.owns(e.c)
                ? fmt::format("owner: promise to {} is now {}; tell them: owner draft {} --sent",
                              e.c.customer, human_time(to), e.c.id)
                : fmt::format("owner: promise to {} is now {}; {}, the case's owner, sees it "
                              "in their today and tells them",
                              e.c.customer, human_time(to), ctx.config.owner_of(e.c)));
        return 0;
    };
}

}  // namespace owner
