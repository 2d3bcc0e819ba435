#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "render/status_render.hpp"

namespace owner {

Runner setup_status(CLI::App& app) {
    struct Options {
        std::string format = "text";
        std::string since;
        std::string who;
        bool json = false;
        OwnerScope scope;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--format", o->format, "text, markdown, slack, mattermost or json")
        ->check(CLI::IsMember({"text", "markdown", "slack", "mattermost", "json"}));
    app.add_flag("--json", o->json, "same as --format json");
    app.add_option("--since", o->since,
                   "closed cases since WHEN (default: the start of the previous working day)");
    app.add_option("--who", o->who, "only what involves this colleague");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        const Timestamp since =
            o->since.empty()
                ? from_local(
                      ctx.config.calendar.previous_working_day(to_local(ctx.now.seconds).date), 0)
                : when_arg(ctx, o->since, "--since");
        LoadedCases& open = ctx.hold(ctx.store.load_open());
        LoadedCases& closed = ctx.hold(ctx.store.load(ctx.store.closed_refs_since(since)));
        ctx.report_bad(open.bad);
        ctx.report_bad(closed.bad);
        keep_in_scope(ctx, o->scope, open.cases);
        keep_in_scope(ctx, o->scope, closed.cases);
        std::optional<std::string> who;
        if (!o->who.empty()) {
            who = who_arg(ctx, o->who, "--who");
        }
        const StatusView v =
            build_status(open.cases, closed.cases, since, who, ctx.now, ctx.config);
        const StatusFormat format = status_format(o->format, o->json);
        out_status(ctx, format,
                   render_status(v, format,
                                 StatusFields{ctx.config.status_customer, ctx.config.status_title,
                                              ctx.config.language}));
        return open.bad.empty() && closed.bad.empty() ? 0 : 1;
    };
}

}  // namespace owner
