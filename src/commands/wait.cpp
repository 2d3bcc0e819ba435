#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"

namespace owner {

Runner setup_wait(CLI::App& app) {
    struct Options {
        std::string id;
        std::string until;
        std::string note;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case id or unique prefix")->required();
    app.add_option("-u,--until", o->until,
                   "wait at most until WHEN; then the case comes back in today");
    app.add_option("-n,--note", o->note, "what you wait for");
    return [o](Context& ctx) {
        std::optional<Timestamp> until;
        if (!o->until.empty()) {
            until = when_arg(ctx, o->until, "--until");
            if (*until <= ctx.now) {
                throw UsageError(fmt::format("--until: {} is already past", human_time(*until)));
            }
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        start_wait(e.c, until, o->note, ctx.now);
        e.save(ctx);
        ctx.note(fmt::format(
            "owner: case {} waits on {}{}; updates owed and escalations pause until they answer "
            "(owner told, or owner note {} TEXT --from-customer)",
            e.c.id, e.c.customer, until ? " until " + human_time(*until) : "", e.c.id));
        return 0;
    };
}

}  // namespace owner
