#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/escalation.hpp"
#include "render/views_render.hpp"

namespace owner {

namespace {
// Cases closed since the previous working day count in the footer ("2 cases closed"). `close`
// notes each in .cache/closed-recently, so the archive itself is not read.
void add_recently_closed(const Context& ctx, std::vector<Case>& cases) {
    const Timestamp since =
        from_local(ctx.config.calendar.previous_working_day(to_local(ctx.now.seconds).date), 0);
    for (Case& c : ctx.store.load(recently_closed(ctx, since)).cases) {
        if (c.closed && *c.closed >= since && *c.closed <= ctx.now) {
            cases.push_back(std::move(c));
        }
    }
}
}  // namespace

Runner setup_today(CLI::App& app) {
    auto json = std::make_shared<bool>(false);
    app.add_flag("--json", *json, "JSON for scripts");
    return [json](Context& ctx) {
        // A team's store: your cases, what others asked of you in theirs and the escalations to
        // you. The cache's index
        // passes over the cases surely of others that ask nothing of you, undecoded (issue 27:
        // one person's morning on a team's store costs about what a store of one costs).
        const std::vector<std::string> others =
            ctx.config.team ? other_names(ctx.config) : std::vector<std::string>{};
        LoadedCases& loaded =
            ctx.hold(ctx.config.team ? ctx.store.load_open_except(others) : ctx.store.load_open());
        ctx.report_bad(loaded.bad);
        if (ctx.config.team) {
            std::erase_if(loaded.cases, [&](const Case& c) {
                return !ctx.config.owns(c) && !ctx.config.asked_in(c) &&
                       !escalated_to_me(c, ctx.config);
            });
        }
        add_recently_closed(ctx, loaded.cases);
        const TodayView& view = ctx.hold(build_today(loaded.cases, ctx.now, ctx.config));
        if (*json) {
            ctx.out_json(today_json(view, loaded.cases, ctx.now));
        } else {
            TextOut out = ctx.text_out();
            today_text_to(out, view, loaded.cases, ctx.now, ctx.style, ctx.width);
            out.flush();
        }
        return loaded.bad.empty() ? 0 : 1;
    };
}

}  // namespace owner
