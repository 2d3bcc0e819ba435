#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "render/views_render.hpp"

namespace owner {

Runner setup_today(CLI::App& app) {
    auto json = std::make_shared<bool>(false);
    app.add_flag("--json", *json, "JSON for scripts");
    return [json](Context& ctx) {
        LoadedCases loaded = ctx.store.load_open();
        ctx.report_bad(loaded.bad);
        const TodayView view = build_today(loaded.cases, ctx.now, ctx.config);
        if (*json) {
            ctx.out(today_json(view, loaded.cases, ctx.now).pretty() + "\n");
        } else {
            ctx.out(today_text(view, loaded.cases, ctx.now, ctx.style, ctx.width));
        }
        return loaded.bad.empty() ? 0 : 1;
    };
}

} // namespace owner
