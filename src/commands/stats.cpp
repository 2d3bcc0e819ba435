#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/stats.hpp"
#include "render/case_view.hpp"
#include "render/stats_render.hpp"
#include "store/outcome_cache.hpp"

namespace owner {

namespace {
std::string percent(const std::optional<double>& v) {
    return v ? fmt::format("{:.0f} %", *v * 100) : "-";
}
std::string days(const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}", *v) : "-";
}
// Bars in ASCII where the locale is not UTF-8 (Settings::ascii, carried by the style).
bool ascii_bars(const Context& ctx) {
    return ctx.style.ascii();
}
}  // namespace

Runner setup_stats(CLI::App& app) {
    struct Options {
        std::string since, until;
        bool json = false, weekly = false;
        OwnerScope scope;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--since", o->since, "only cases closed since WHEN");
    app.add_option("--until", o->until, "only cases closed up to WHEN (a date: all of that day)");
    app.add_flag("--weekly", o->weekly, "week by week: the last 12 weeks, or from --since");
    app.add_flag("--json", o->json, "JSON for scripts");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        const ClosedPeriod period = closed_period(ctx, o->since, o->until);
        // The archive streams through its cache of outcomes: never every case at once.
        StatsAccumulator sum(period.since, period.until);
        const std::vector<BadFile> bad_closed = ctx.store.visit_closed_outcomes(
            ctx.config, time_zone_identity(ctx.settings), [&](const ArchivedOutcome& a) {
                if (owner_in_scope(ctx, o->scope, a.owner)) {
                    sum.add(a);
                }
            });
        LoadedCases open = ctx.store.load_open();
        keep_in_scope(ctx, o->scope, open.cases);
        ctx.report_bad(bad_closed);
        ctx.report_bad(open.bad);
        // Figures without a case that cannot be read: shown, but not as a success (like `today`).
        const int status = bad_closed.empty() && open.bad.empty() ? 0 : 1;
        const Stats s = std::move(sum).finish(static_cast<int>(open.cases.size()));
        const auto weeks = week_series(
            s, period.first_week(ctx, s.per_week, o->weekly ? std::optional(12) : std::nullopt),
            period.last_week(ctx));
        const auto whose = scope_person(ctx, o->scope);
        if (o->json) {
            Json doc = o->weekly ? json_document().set("weeks", weeks_json(weeks))
                                 : stats_json(s, weeks, period.since, period.until);
            // Whose cases the figures are of: a person's (a team's store), or null for all.
            doc.set("owner", whose);
            ctx.out_json(doc);
            return status;
        }
        if (whose) {
            ctx.out(fmt::format("{}'s cases{}\n", *whose,
                                o->scope.owner.empty() ? " (--team: the whole team's)" : ""));
        }
        if (o->weekly) {
            ctx.out(render_weekly(weeks, ctx.config.language, ctx.width, ascii_bars(ctx),
                                  ctx.config.update_first_within_hours));
            return status;
        }
        TextTable t;
        t.add_row({"closed (accepted)", fmt::format("{}", s.closed)});
        t.add_row({"withdrawn", fmt::format("{}", s.withdrawn)});
        t.add_row({"open now", fmt::format("{}", s.open)});
        t.add_row(
            {"lead time, days", fmt::format("median {}, 90th percentile {}",
                                            days(s.lead_median_days), days(s.lead_p90_days))});
        t.add_row({"…in working days",
                   fmt::format("median {}, 90th percentile {}", days(s.lead_median_working_days),
                               days(s.lead_p90_working_days))});
        t.add_row({"promised deadlines met", percent(s.deadline_met_share)});
        t.add_row({"…first promise kept", percent(s.first_promise_kept_share)});
        t.add_row(
            {"solution to acceptance, working days",
             fmt::format("median {}, 90th percentile {}", days(s.acceptance_median_working_days),
                         days(s.acceptance_p90_working_days))});
        t.add_row({"promises moved",
                   fmt::format("{} (in {} case{})", s.promises_moved, s.cases_with_moved_promise,
                               s.cases_with_moved_promise == 1 ? "" : "s")});
        t.add_row(
            {"customer's verdict",
             s.rating_mean ? fmt::format("{:.1f} of 5 ({} rated)", *s.rating_mean, s.rated) : "-"});
        t.add_row({"updated before owed", percent(s.updated_in_time_share)});
        t.add_row({"hand-overs per case",
                   s.handovers_per_case ? fmt::format("{:.1f}", *s.handovers_per_case) : "-"});
        t.add_row(
            {"…case handoffs per case",
             s.case_handoffs_per_case
                 ? fmt::format("{:.1f} ({} in all)", *s.case_handoffs_per_case, s.case_handoffs)
                 : "-"});
        t.add_row({"escalations", fmt::format("{}", s.escalations)});
        std::string out = t.render(ctx.width);
        if (s.closed > 0) {
            // Every hand-over delays the case: the lead time by how many it had, of both kinds.
            out += "lead time by hand-overs (actions handed and case handoffs)\n";
            TextTable h;
            for (const auto& g : s.lead_by_handovers) {
                h.add_row({fmt::format("{}{}", g.handovers,
                                       &g == &s.lead_by_handovers.back() ? " or more" : ""),
                           fmt::format("{} case{}", g.cases, g.cases == 1 ? "" : "s"),
                           g.cases == 0
                               ? "-"
                               : fmt::format("median {} days ({} working days)",
                                             days(g.median_days), days(g.median_working_days))});
            }
            out += h.render(ctx.width, "  ");
        }
        if (!s.per_week.empty()) {
            out += "closed per week\n";
            TextTable w;
            for (const auto& wk : s.per_week) {
                w.add_row({"week of " + wk.monday.iso(), fmt::format("{}", wk.closed)});
            }
            out += w.render(ctx.width, "  ");
        }
        if (!s.remarks.empty()) {
            out += "what customers said\n";
            for (const auto& r : s.remarks) {
                out += "  " + r.id + ": " + r.text + "\n";
            }
        }
        ctx.out(out);
        return status;
    };
}

}  // namespace owner
