#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "render/case_view.hpp"

namespace owner {

Runner setup_show(CLI::App& app) {
    struct Options {
        std::string id;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_flag("--json", o->json, "JSON for scripts");
    return [o](Context& ctx) {
        // A case that sync renumbered (its id was made on another machine too) is found by its
        // old id as well.
        std::vector<std::string> renumbered;
        for (const auto& other : ctx.store.load_open().cases) {
            if (const auto* was = other.extra.get_as<std::string>("renumbered_from");
                was && was->get() == o->id) {
                ctx.note(fmt::format("owner: case {} was {} before sync renumbered it", other.id,
                                     o->id));
                renumbered.push_back(other.id);
            }
        }
        CaseRef ref;
        try {
            ref = ctx.store.resolve(o->id, true);
        } catch (const Error&) {
            if (renumbered.size() != 1) {
                throw;
            }
            ref = ctx.store.resolve(renumbered.front(), true);
        }
        const Case c = ctx.store.load(ref);
        if (o->json) {
            ctx.out_json(json_document().set("case", case_json(c)));
        } else {
            ctx.out(case_text(c, ctx.now, ctx.config.calendar, ctx.style, ctx.width));
        }
        return 0;
    };
}

}  // namespace owner
