#include <algorithm>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/urgency.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {
struct ListOptions {
    bool closed = false;
    bool all = false;
    bool json = false;
    OwnerScope scope;
};
}  // namespace

Runner setup_list(CLI::App& app) {
    auto o = std::make_shared<ListOptions>();
    auto* closed = app.add_flag("--closed", o->closed, "closed cases instead (reads the archive)");
    app.add_flag("--all", o->all, "open and closed cases")->excludes(closed);
    app.add_flag("--json", o->json, "JSON for scripts");
    add_owner_options(app, o->scope, true);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        LoadedCases& loaded = ctx.hold(LoadedCases{});
        if (!o->closed) {
            loaded = ctx.store.load_open();
        }
        if (o->closed || o->all) {
            LoadedCases archived = ctx.store.load_closed();
            std::move(archived.cases.begin(), archived.cases.end(),
                      std::back_inserter(loaded.cases));
            std::move(archived.bad.begin(), archived.bad.end(), std::back_inserter(loaded.bad));
        }
        ctx.report_bad(loaded.bad);
        keep_in_scope(ctx, o->scope, loaded.cases);
        std::vector<Case>& cases = loaded.cases;
        const auto ranked = rank_by_urgency(cases, ctx.now, ctx.config);
        if (o->json) {
            Json list = Json::array();
            for (const auto& r : ranked) {
                list.push(case_json(cases[r.index]).set("urgency", r.score));
            }
            ctx.out_json(json_document().set("cases", std::move(list)));
            return 0;
        }
        if (cases.empty()) {
            if (loaded.bad.empty()) {
                ctx.note(o->closed
                             ? "No closed cases."
                             : "No open cases. Open one with: owner new TITLE --customer NAME");
            }
            return loaded.bad.empty() ? 0 : 1;
        }
        TextTable table;
        // A narrow terminal: the order shows the priority, and cells (the title above all) wrap
        // instead of being cut.
        const bool narrow = ctx.width < kNarrowTerminal;
        table.wrap_cells(narrow);
        table.set_ascii(ctx.style.ascii());
        // A team's store says whose each case is.
        const bool owners = ctx.config.team;
        std::vector<std::string> head{"ID", "PRI", "DEADLINE", "NEXT", "CUSTOMER", "TITLE"};
        if (owners) {
            head.insert(head.begin() + 1, "OWNER");
        }
        const auto priority_column = std::find(head.begin(), head.end(), "PRI") - head.begin();
        if (narrow) {
            head.erase(head.begin() + priority_column);
        }
        table.add_row(head);
        for (const auto& r : ranked) {
            const Case& c = cases[r.index];
            const Action* next = c.next_action();
            std::vector<std::string> row{
                c.id,
                std::string(to_string(c.priority)),
                c.closed     ? c.outcome.value_or("closed")
                : c.deadline ? relative_when(*c.deadline, ctx.now)
                             : "-",
                next ? relative_when(next->due, ctx.now) : (c.closed ? "" : "none"),
                cap_width(visible(c.customer), 18, ctx.width, ctx.style.ascii()),
                visible(c.title)};
            if (owners) {
                row.insert(row.begin() + 1, cap_width(visible(ctx.config.owner_of(c)), 14,
                                                      ctx.width, ctx.style.ascii()));
            }
            if (narrow) {
                row.erase(row.begin() + priority_column);
            }
            table.add_row(row);
        }
        ctx.out_table(table);
        return loaded.bad.empty() ? 0 : 1;
    };
}

}  // namespace owner
