#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/urgency.hpp"
#include "domain/views.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {
struct PrioritizeOptions {
    std::string id;
    std::string level;
    bool keep = false;
    bool explain = false;
    bool json = false;
    OwnerScope scope;
};

int set_priority(Context& ctx, const PrioritizeOptions& o) {
    CaseUnderEdit e = checkout(ctx, o.id);
    Case& c = e.c;
    const Priority old = c.priority;
    if (o.keep) {
        if (!o.level.empty() && parse_priority(o.level) != old) {
            throw UsageError(fmt::format("--keep keeps the priority ({}); leave out '{}' or --keep",
                                         to_string(old), o.level));
        }
        c.add_log(ctx.now, "priority", fmt::format("kept {}", to_string(old)));
    } else {
        const auto level = parse_priority(o.level);
        if (!level) {
            throw UsageError(
                fmt::format("unknown priority '{}'; expected one of {}", o.level, kPriorityNames));
        }
        c.priority = *level;
        c.add_log(ctx.now, "priority",
                  old == *level ? fmt::format("kept {}", to_string(old))
                                : fmt::format("{} → {}", to_string(old), to_string(*level)));
    }
    c.priority_reviewed = to_local(ctx.now.seconds).date;
    e.save(ctx);
    return 0;
}

int rank(Context& ctx, const PrioritizeOptions& o) {
    LoadedCases loaded = ctx.store.load_open();
    ctx.report_bad(loaded.bad);
    keep_in_scope(ctx, o.scope, loaded.cases);
    const auto& cases = loaded.cases;
    const auto ranked = rank_by_urgency(cases, ctx.now, ctx.config);
    const TodayView today = build_today(cases, ctx.now, ctx.config);
    std::vector<const Item*> reviews;
    for (const auto& s : today.sections) {
        if (s.key == SectionKey::review) {
            for (const auto& i : s.items) {
                reviews.push_back(&i);
            }
        }
    }
    if (o.json) {
        Json list = Json::array();
        for (std::size_t n = 0; n < ranked.size(); ++n) {
            const Case& c = cases[ranked[n].index];
            Json reasons = Json::array();
            for (const auto& r : ranked[n].reasons) {
                reasons.push(Json::object().set("reason", r.text).set("points", r.points));
            }
            list.push(Json::object()
                          .set("rank", n + 1)
                          .set("case", c.id)
                          .set("customer", c.customer)
                          .set("title", c.title)
                          .set("priority", to_string(c.priority))
                          .set("urgency", ranked[n].score)
                          .set("reasons", std::move(reasons)));
        }
        Json review = Json::array();
        for (const Item* i : reviews) {
            const Case& c = cases[i->case_index];
            review.push(Json::object()
                            .set("case", c.id)
                            .set("priority", to_string(c.priority))
                            .set("reviewed",
                                 c.priority_reviewed ? Json(c.priority_reviewed->iso()) : Json()));
        }
        ctx.out_json(
            json_document().set("ranking", std::move(list)).set("to_review", std::move(review)));
        return loaded.bad.empty() ? 0 : 1;
    }
    if (cases.empty()) {
        ctx.note("No open cases.");
        return loaded.bad.empty() ? 0 : 1;
    }
    TextTable table;
    table.add_row({"#", "ID", "URGENCY", "PRI", "CUSTOMER", "TITLE"});
    for (std::size_t n = 0; n < ranked.size(); ++n) {
        const Case& c = cases[ranked[n].index];
        table.add_row({fmt::format("{}", n + 1), c.id, fmt::format("{:.1f}", ranked[n].score),
                       std::string(to_string(c.priority)),
                       cap_width(visible(c.customer), 18, ctx.width, ctx.style.ascii()),
                       visible(c.title)});
    }
    std::string out;
    if (o.explain) {
        // Each case's line, then its reasons wrapped beneath it.
        const std::string rows = table.render(ctx.width);
        std::size_t pos = rows.find('\n') + 1;
        out = rows.substr(0, pos);
        for (const auto& u : ranked) {
            const std::size_t end = rows.find('\n', pos) + 1;
            out += rows.substr(pos, end - pos);
            pos = end;
            std::vector<std::string> parts;
            for (const auto& r : u.reasons) {
                parts.push_back(fmt::format("{} +{:g}", r.text, r.points));
            }
            out +=
                ctx.style.dim(wrap(fmt::format("{}", fmt::join(parts, ", ")), ctx.width, "      "));
        }
    } else {
        out = table.render(ctx.width);
    }
    if (!reviews.empty()) {
        out += fmt::format("\n{}\n", ctx.style.bold(fmt::format(
                                         "Priorities to review (not reviewed for {} working days)",
                                         ctx.config.review_days)));
        TextTable review;
        for (const Item* i : reviews) {
            const Case& c = cases[i->case_index];
            review.add_row(
                {c.id, std::string(to_string(c.priority)),
                 c.priority_reviewed ? "reviewed " + c.priority_reviewed->iso() : "never reviewed",
                 cap_width(visible(c.customer), 18, ctx.width, ctx.style.ascii()),
                 visible(c.title)});
        }
        out += review.render(ctx.width, "  ");
        out += "Set a level with 'owner prioritize CASE LEVEL',\nor confirm it with 'owner "
               "prioritize CASE --keep'.\n";
    }
    ctx.out(out);
    return loaded.bad.empty() ? 0 : 1;
}
}  // namespace

Runner setup_prioritize(CLI::App& app) {
    auto o = std::make_shared<PrioritizeOptions>();
    app.add_option(
        "case", o->id,
        "case: id or prefix, reference or part of the customer's name (none: rank all open cases)");
    app.add_option("level", o->level, "urgent, high, normal or low");
    app.add_flag("-k,--keep", o->keep, "confirm the current priority (counts as a review)");
    app.add_flag("-e,--explain", o->explain, "show the reasons behind each urgency score");
    app.add_flag("--json", o->json, "JSON for scripts");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        if (o->id.empty()) {
            if (o->keep) {
                throw UsageError("--keep needs a case");
            }
            return rank(ctx, *o);
        }
        if (o->level.empty() && !o->keep) {
            throw UsageError(
                fmt::format("give a level ({}) or --keep for case {}", kPriorityNames, o->id));
        }
        return set_priority(ctx, *o);
    };
}

}  // namespace owner
