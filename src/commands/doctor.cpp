#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "render/case_view.hpp"
#include "store/health.hpp"

namespace owner {

Runner setup_doctor(CLI::App& app) {
    struct Options {
        bool fix = false;
        bool json = false;
    };
    auto o = std::make_shared<Options>();
    app.add_flag(
        "--fix", o->fix,
        "repair what is safe to repair: permissions, leftover temp files, stale duplicates, "
        "stale git locks, an interrupted sync");
    app.add_flag("--json", o->json, "JSON for scripts");
    return [o](Context& ctx) {
        std::unique_ptr<FileLock> lock;
        if (o->fix) {
            lock = ctx.store.lock();
        }
        const auto findings = examine_store(ctx.store, o->fix);
        std::size_t open_problems = 0;
        for (const auto& f : findings) {
            open_problems += f.fixed.empty() && f.kind != "lock";
        }
        if (o->json) {
            Json list = Json::array();
            for (const auto& f : findings) {
                list.push(Json::object()
                              .set("kind", f.kind)
                              .set("path", f.path)
                              .set("problem", f.problem)
                              .set("fixed", f.fixed.empty() ? Json() : Json(f.fixed)));
            }
            ctx.out_json(json_document()
                             .set("store", ctx.store.root().string())
                             .set("ok", open_problems == 0)
                             .set("findings", std::move(list)));
        } else {
            for (const auto& f : findings) {
                ctx.out(fmt::format("{}: {}: {}{}\n", f.kind, f.path, f.problem,
                                    f.fixed.empty() ? "" : " — fixed: " + f.fixed));
            }
            if (findings.empty()) {
                ctx.note(fmt::format("owner: {} is in good health", ctx.store.root().string()));
            } else if (open_problems > 0 && !o->fix) {
                ctx.note("owner: 'owner doctor --fix' repairs permissions, temp files, stale "
                         "duplicates, stale git locks and an interrupted sync; it never touches a "
                         "file it cannot read");
            }
        }
        return open_problems == 0 ? 0 : exit_reminded;
    };
}

}  // namespace owner
