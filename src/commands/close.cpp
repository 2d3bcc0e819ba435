#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/stats.hpp"

namespace owner {

Runner setup_close(CLI::App& app) {
    struct Options {
        std::string id;
        bool accepted = false;
        std::string withdrawn;
        std::string note;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case: id or unique prefix, the customer's reference or a unique part of their name")->required();
    auto* accepted = app.add_flag("--accepted", o->accepted, "the customer accepted the solution");
    app.add_option("--withdrawn", o->withdrawn, "close without acceptance, for this reason (counted apart)")->excludes(accepted);
    app.add_option("-n,--note", o->note, "a word on the solution");
    return [o](Context& ctx) {
        if (!o->accepted && o->withdrawn.empty()) {
            throw UsageError("a case closes when the customer accepted the solution: say --accepted, or --withdrawn REASON");
        }
        CaseUnderEdit e = checkout(ctx, o->id, true);
        Case& c = e.c;
        if (c.is_closed()) {
            throw Error(fmt::format("case {} is already closed ({}, {})", c.id, c.outcome.value_or("closed"), human_time(*c.closed)));
        }
        const auto open = c.open_actions();
        c.closed = ctx.now;
        c.outcome = o->accepted ? "accepted" : "withdrawn";
        std::string text = o->accepted ? "customer accepted the solution" : "withdrawn: " + o->withdrawn;
        if (!o->note.empty()) {
            text += " — " + o->note;
        }
        c.add_log(ctx.now, "closed", text);
        e.save(ctx);
        if (!open.empty()) {
            ctx.warn(fmt::format("{} open action{} closed with the case", open.size(), open.size() == 1 ? " was" : "s were"));
        }
        const CaseOutcome r = outcome_of(c, ctx.now, ctx.config);
        std::string out = fmt::format("Closed {} for {}: {}.\n", c.id, c.customer, o->accepted ? "the customer accepted the solution" : "withdrawn");
        out += fmt::format("  lead time      {:.1f} days ({:.1f} working days)\n", r.lead_days, r.lead_working_days);
        if (r.deadline_met) {
            out += fmt::format("  deadline       {}\n", *r.deadline_met ? "met, as promised" : "missed");
        }
        out += fmt::format("  hand-overs     {}\n  checks         {}\n  escalations    {}\n", r.handovers, r.checks, r.escalations);
        if (!r.helpers.empty()) {
            out += fmt::format("  helped by      {}\n", fmt::join(r.helpers, ", "));
            out += fmt::format("Thank them: owner draft {} --thanks\n", c.id);
        }
        ctx.out(out);
        return 0;
    };
}

Runner setup_reopen(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> note;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case: id or unique prefix, the customer's reference or a unique part of their name")->required();
    app.add_option("note", o->note, "why it reopens");
    return [o](Context& ctx) {
        CaseUnderEdit e = checkout(ctx, o->id, true);
        Case& c = e.c;
        if (!c.is_closed()) {
            throw Error(fmt::format("case {} is open", c.id));
        }
        c.closed.reset();
        c.outcome.reset();
        const std::string note = fmt::format("{}", fmt::join(o->note, " "));
        c.add_log(ctx.now, "reopened", note);
        e.save(ctx);
        return 0;
    };
}

} // namespace owner
