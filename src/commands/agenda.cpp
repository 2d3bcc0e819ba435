#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "render/views_render.hpp"

namespace owner {

Runner setup_agenda(CLI::App& app) {
    struct Options {
        int days = 5;
        std::string from;
        std::string who;
        bool mine = false;
        bool json = false;
        OwnerScope scope;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--days", o->days, "how many working days (default 5)")
        ->check(CLI::Range(1, 366));
    app.add_option("--from", o->from, "the first day (default today)");
    auto* who = app.add_option("--who", o->who, "only the actions handed to NAME");
    app.add_flag("--mine", o->mine, "only your own actions, your checks and deadlines")
        ->excludes(who);
    app.add_flag("--json", o->json, "JSON for scripts");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        const Date from =
            to_local((o->from.empty() ? ctx.now : when_arg(ctx, o->from, "--from")).seconds).date;
        AgendaFilter filter;
        filter.mine = o->mine;
        if (!o->who.empty()) {
            filter.who = who_arg(ctx, o->who, "--who");
        }
        // Your cases and what others asked of you, unless --owner or --team says whose.
        filter.everyone = o->scope.team || !o->scope.owner.empty();
        const std::vector<std::string> others = ctx.config.team && !filter.everyone
                                                    ? other_names(ctx.config)
                                                    : std::vector<std::string>{};
        LoadedCases& loaded =
            ctx.hold(others.empty() ? ctx.store.load_open() : ctx.store.load_open_except(others));
        ctx.report_bad(loaded.bad);
        if (filter.everyone) {
            keep_in_scope(ctx, o->scope, loaded.cases);
        } else if (ctx.config.team) {
            std::erase_if(loaded.cases, [&](const Case& c) {
                return !ctx.config.owns(c) && !ctx.config.asked_in(c);
            });
        }
        const AgendaView& view =
            ctx.hold(build_agenda(loaded.cases, from, o->days, filter, ctx.now, ctx.config));
        if (o->json) {
            ctx.out_json(agenda_json(view, loaded.cases));
        } else {
            TextOut out = ctx.text_out();
            agenda_text_to(out, view, loaded.cases, ctx.now, ctx.style, ctx.width);
            out.flush();
        }
        return loaded.bad.empty() ? 0 : 1;
    };
}

}  // namespace owner
