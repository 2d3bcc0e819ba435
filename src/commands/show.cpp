#include <CLI/CLI.hpp>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "render/case_view.hpp"

namespace owner {

Runner setup_show(CLI::App& app) {
    struct Options {
        std::string id;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case: id or unique prefix, the customer's reference or a unique part of their name")->required();
    app.add_flag("--json", o->json, "JSON for scripts");
    return [o](Context& ctx) {
        const CaseRef ref = ctx.store.resolve(o->id, true);
        const Case c = ctx.store.load(ref);
        if (o->json) {
            ctx.out(Json::object().set("schema", kJsonSchema).set("case", case_json(c)).pretty() + "\n");
        } else {
            ctx.out(case_text(c, ctx.now, ctx.config.calendar, ctx.style, ctx.width));
        }
        return 0;
    };
}

} // namespace owner
