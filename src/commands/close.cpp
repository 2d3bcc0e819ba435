#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/planning.hpp"
#include "domain/stats.hpp"

namespace owner {

Runner setup_close(CLI::App& app) {
    struct Options {
        std::string id;
        bool accepted = false;
        std::string withdrawn;
        std::string note;
        std::vector<std::string> helped;
        int rating = 0;
        std::string remark;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    auto* accepted = app.add_flag("--accepted", o->accepted, "the customer accepted the solution");
    app.add_option("--withdrawn", o->withdrawn,
                   "close without acceptance, for this reason (counted apart)")
        ->excludes(accepted);
    app.add_option("-n,--note", o->note, "a word on the solution");
    app.add_option("--helped", o->helped,
                   "someone who helped without owning an action, to thank (repeatable)");
    app.add_option("--rating", o->rating,
                   "the customer's verdict on the solution, 1 (poor) to 5 (excellent)")
        ->check(CLI::Range(1, 5));
    app.add_option("--remark", o->remark, "what the customer said about the solution");
    return [o](Context& ctx) {
        if (!o->accepted && o->withdrawn.empty()) {
            throw UsageError("a case closes when the customer accepted the solution: say "
                             "--accepted, or --withdrawn REASON");
        }
        if (!o->accepted && (o->rating != 0 || !o->remark.empty() || !o->helped.empty())) {
            throw UsageError("--rating, --remark and --helped go with --accepted: a withdrawn case "
                             "has no verdict and no thanks");
        }
        for (const auto& name : o->helped) {
            if (name.find_first_not_of(" \t") == std::string::npos) {
                throw UsageError("--helped: give a name");
            }
        }
        CaseUnderEdit e = checkout(ctx, o->id, true);
        Case& c = e.c;
        if (c.is_closed()) {
            throw Error(fmt::format("case {} is already closed ({}, {})", c.id,
                                    c.outcome.value_or("closed"), human_time(*c.closed)));
        }
        const auto open = c.open_actions();
        // A withdrawal ends the work: what was still open is cancelled, not left open in the
        // archive, and the colleagues doing it are told it is no longer needed.
        std::vector<std::string> told_to_stop;
        if (!o->accepted) {
            for (auto i : open) {
                Action& a = c.actions[i];
                a.cancelled = ctx.now;
                a.checks.clear();
                // The case owner's own actions are not a colleague's; the runner needs no draft.
                if (!is_own(c, a, ctx.config) && !ctx.config.is_me(*a.who) &&
                    std::none_of(told_to_stop.begin(), told_to_stop.end(), [&](const auto& n) {
                        return ctx.config.people.same(n, *a.who);
                    })) {
                    told_to_stop.push_back(*a.who);
                }
            }
        }
        c.closed = ctx.now;
        c.outcome = o->accepted ? "accepted" : "withdrawn";
        std::string text =
            o->accepted ? "customer accepted the solution" : "withdrawn: " + o->withdrawn;
        if (!o->note.empty()) {
            text += " — " + o->note;
        }
        c.add_log(ctx.now, "closed", text);
        Extra& extra = c.log.back().extra;
        if (!o->helped.empty()) {
            toml::array names;
            for (const auto& name : o->helped) {
                names.push_back(name);
            }
            extra.insert_or_assign("helped", std::move(names));
        }
        if (o->rating != 0) {
            extra.insert_or_assign("rating", static_cast<std::int64_t>(o->rating));
        }
        if (!o->remark.empty()) {
            extra.insert_or_assign("remark", o->remark);
        }
        e.save(ctx);
        note_closed(ctx, c);
        if (!open.empty() && o->accepted) {
            ctx.warn(fmt::format("{} open action{} closed with the case", open.size(),
                                 open.size() == 1 ? " was" : "s were"));
        }
        const CaseOutcome r = outcome_of(c, ctx.now, ctx.config);
        std::string out =
            fmt::format("Closed {} for {}: {}.\n", c.id, c.customer,
                        o->accepted ? "the customer accepted the solution" : "withdrawn");
        out += fmt::format("  lead time      {:.1f} days ({:.1f} working days)\n", r.lead_days,
                           r.lead_working_days);
        // A withdrawn case kept no promise and thanks no one: the customer did not accept anything.
        if (r.deadline_met && o->accepted) {
            std::string line = *r.deadline_met ? "met, as promised" : "missed";
            if (r.promises_moved > 0) {
                line += fmt::format(" (moved {} time{}; the first promise was {})",
                                    r.promises_moved, r.promises_moved == 1 ? "" : "s",
                                    r.first_promise_kept.value_or(false) ? "kept" : "missed");
            }
            out += fmt::format("  deadline       {}\n", line);
        }
        if (r.acceptance_working_days && o->accepted) {
            out += fmt::format("  acceptance     {:.1f} working days after the solution\n",
                               *r.acceptance_working_days);
        }
        // Every hand-over between people: actions handed to colleagues and the case's handoffs.
        out += fmt::format("  hand-overs     {}\n  checks         {}\n  escalations    {}\n",
                           r.handovers + r.case_handoffs, r.checks, r.escalations);
        if (r.rating) {
            out += fmt::format("  verdict        {}/5{}\n", *r.rating,
                               r.remark.empty() ? "" : " — " + r.remark);
        }
        if (o->accepted && !r.helpers.empty()) {
            out += fmt::format("  helped by      {}\n", fmt::join(r.helpers, ", "));
            out += fmt::format("Thank them: owner draft {} --thanks\n", c.id);
        }
        if (!open.empty() && !o->accepted) {
            out += fmt::format(
                "  cancelled      {} open action{}{}\n", open.size(), open.size() == 1 ? "" : "s",
                told_to_stop.empty() ? ""
                                     : fmt::format(" (of {}): tell them it is no longer needed",
                                                   fmt::join(told_to_stop, ", ")));
        }
        ctx.out(out);
        const std::string lang = message_language(c, ctx.config, "");
        for (const auto& name : told_to_stop) {
            const Draft d = draft_no_longer_needed(c, name, ctx.config, lang);
            // A draft is what goes out: as written, whatever the locale.
            ctx.out_data(fmt::format("\n--- to {} ---\n{}", name, d.text));
        }
        return 0;
    };
}

Runner setup_reopen(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> note;
        std::string deadline;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("note", o->note, "why it reopens");
    app.add_option(
        "-d,--deadline", o->deadline,
        "the deadline promised for the reopened case (its own promise, not a moved one)");
    return [o](Context& ctx) {
        std::optional<Timestamp> deadline;
        if (!o->deadline.empty()) {
            deadline = when_arg(ctx, o->deadline, "--deadline");
            if (*deadline < ctx.now) {
                throw UsageError(
                    fmt::format("--deadline: {} is already past", human_time(*deadline)));
            }
        }
        CaseUnderEdit e = checkout(ctx, o->id, true);
        Case& c = e.c;
        if (!c.is_closed()) {
            throw Error(fmt::format("case {} is open", c.id));
        }
        c.closed.reset();
        c.outcome.reset();
        const std::string note = fmt::format("{}", fmt::join(o->note, " "));
        c.add_log(ctx.now, "reopened", note);
        if (deadline) {
            warn_outside_working_time(ctx, *deadline, "--deadline");
            promise_on_reopening(c, *deadline, note.empty() ? "reopened" : note, ctx.now);
        } else if (c.deadline && *c.deadline < ctx.now) {
            ctx.warn(fmt::format("the deadline promised to {} ({}) has passed: agree a new one "
                                 "with --deadline or 'owner deadline {} WHEN --reason TEXT'",
                                 c.customer, human_time(*c.deadline), c.id));
        }
        e.save(ctx);
        return 0;
    };
}

}  // namespace owner
