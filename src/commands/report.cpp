#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/catalogue.hpp"
#include "domain/error.hpp"
#include "domain/stats.hpp"
#include "render/report_html.hpp"
#include "store/outcome_cache.hpp"

namespace owner {

Runner setup_report(CLI::App& app) {
    struct Options {
        std::string since, until;
        OwnerScope scope;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--since", o->since, "only cases closed since WHEN");
    app.add_option("--until", o->until, "only cases closed up to WHEN (a date: all of that day)");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        if (ctx.io.out_is_terminal) {
            throw UsageError("report writes an HTML page: redirect it to a file, "
                             "e.g. owner report > report.html");
        }
        const ClosedPeriod period = closed_period(ctx, o->since, o->until);
        const bool per_person = ctx.config.team && o->scope.team;
        // Everyone's name as the roster writes it; a case without an owner is the runner's.
        auto person = [&](const std::optional<std::string>& owner) {
            const std::string& name = owner ? *owner : ctx.config.name;
            std::string canonical = ctx.config.people.canonical(name);
            return canonical.empty() ? name : canonical;
        };
        // One pass over the archive's outcomes, as `stats` makes it: the whole, and each person.
        StatsAccumulator sum(period.since, period.until);
        std::map<std::string, StatsAccumulator> each;
        const std::vector<BadFile> bad_closed = ctx.store.visit_closed_outcomes(
            ctx.config, time_zone_identity(ctx.settings), [&](const ArchivedOutcome& a) {
                if (!owner_in_scope(ctx, o->scope, a.owner)) {
                    return;
                }
                sum.add(a);
                if (per_person) {
                    each.try_emplace(person(a.owner), period.since, period.until)
                        .first->second.add(a);
                }
            });
        LoadedCases open = ctx.store.load_open();
        keep_in_scope(ctx, o->scope, open.cases);
        ctx.report_bad(bad_closed);
        ctx.report_bad(open.bad);
        std::map<std::string, int> open_of;
        if (per_person) {
            for (const Case& c : open.cases) {
                ++open_of[person(c.owner)];
                each.try_emplace(person(c.owner), period.since, period.until);
            }
        }
        Stats s = std::move(sum).finish(static_cast<int>(open.cases.size()));
        if (ctx.config.status_customer && !s.remarks.empty()) {
            // The customers beside their remarks: read from those few cases alone (the archive's
            // cache of outcomes holds no names).
            std::map<std::string, std::string> customer_of;
            for (const Remark& r : s.remarks) {
                customer_of[r.id];
            }
            for (const CaseRef& ref : ctx.store.closed_refs()) {
                auto it = customer_of.find(ref.id);
                if (it != customer_of.end()) {
                    try {
                        it->second = ctx.store.load(ref).customer;
                    } catch (const Error&) {
                        // Unreadable now: shown without the name (reported by the visit above).
                    }
                }
            }
            for (Remark& r : s.remarks) {
                r.customer = customer_of[r.id];
            }
        }
        ReportData d;
        d.stats = &s;
        d.weeks =
            week_series(s, period.first_week(ctx, s.per_week, std::nullopt), period.last_week(ctx));
        d.first_day = period.since
                          ? to_local(period.since->seconds).date
                          : (d.weeks.empty() ? period.last_week(ctx) : d.weeks.front().monday);
        d.last_day = period.last_week(ctx);
        d.now = ctx.now;
        d.lang = ctx.config.language;
        d.show_customers = ctx.config.status_customer;
        d.first_within_hours = ctx.config.update_first_within_hours;
        if (const auto whose = scope_person(ctx, o->scope)) {
            d.scope.clear();
            append_filled(d.scope, say(Text::report_scope_owner, d.lang), {*whose});
        } else if (per_person) {
            d.scope = say(Text::report_scope_team, d.lang);
        }
        for (auto& [name, acc] : each) {
            d.people.push_back(ReportPerson{name, std::move(acc).finish(open_of[name])});
        }
        ctx.out_data(render_report_html(d));  // a file: as written, whatever the locale
        return bad_closed.empty() && open.bad.empty() ? 0 : 1;
    };
}

}  // namespace owner
