#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "render/case_view.hpp"
#include "render/ics.hpp"
#include "store/codec.hpp"
#include "store/import.hpp"

namespace owner {

// The JSON export carries each case twice: as `case` (for scripts, the same schema as
// `show --json`) and as `toml` (the file's exact text, so that import is lossless).
Runner setup_export(CLI::App& app) {
    struct Options {
        bool closed = false;
        bool all = false;
        std::string format = "json";
        bool todo = false;
        OwnerScope scope;
    };
    auto o = std::make_shared<Options>();
    auto* closed = app.add_flag("--closed", o->closed, "closed cases (reads the archive)");
    app.add_flag("--all", o->all, "open and closed cases")->excludes(closed);
    app.add_option("--format", o->format,
                   "json (every case, lossless) or ics (calendar of actions, checks, deadlines)")
        ->check(CLI::IsMember({"json", "ics"}));
    app.add_flag("--todo", o->todo,
                 "with --format ics: actions and checks as tasks (VTODO) for task lists");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        if (o->todo && o->format != "ics") {
            throw UsageError("--todo: only with --format ics (tasks in an iCalendar file)");
        }
        std::vector<CaseRef> refs;
        if (!o->closed) {
            refs = ctx.store.open_refs();
        }
        if (o->closed || o->all) {
            auto more = ctx.store.closed_refs();
            refs.insert(refs.end(), more.begin(), more.end());
        }
        if (o->format == "ics") {
            LoadedCases loaded = ctx.store.load(refs);
            ctx.report_bad(loaded.bad);
            keep_in_scope(ctx, o->scope, loaded.cases);
            ctx.out(render_ics(loaded.cases, ctx.now, ctx.config,
                               o->todo ? IcsItems::todos : IcsItems::events));
            return loaded.bad.empty() ? 0 : 1;
        }
        Json cases = Json::array();
        bool all_read = true;
        for (const auto& ref : refs) {
            try {
                const std::string text = read_file(ref.path).value_or("");
                const Case c = parse_case(text, ref.path.string());
                if (!in_scope(ctx, o->scope, c)) {
                    continue;
                }
                cases.push(Json::object().set("case", case_json(c)).set("toml", text));
            } catch (const Error& e) {
                ctx.warn(fmt::format("skipped {}", e.what()));
                all_read = false;
            }
        }
        ctx.out_json(
            json_document().set("exported", ctx.now.rfc3339()).set("cases", std::move(cases)));
        return all_read ? 0 : 1;
    };
}

Runner setup_import(CLI::App& app) {
    auto file = std::make_shared<std::string>();
    app.add_option("file", *file, "an `owner export` file, or - for standard input")->required();
    return [file](Context& ctx) {
        std::string text;
        if (*file == "-") {
            text = ctx.read_input();
        } else {
            auto content = read_file(*file);
            if (!content) {
                throw Error(fmt::format("{}: no such file", *file));
            }
            text = std::move(*content);
        }
        const std::string what = *file == "-" ? "standard input" : *file;
        // Everything is checked before anything is written: a bad entry stops the whole import.
        const std::vector<ImportEntry> entries = parse_import(text, what);
        const auto lock = ctx.store.lock();
        std::size_t imported = 0, present = 0, conflicting = 0;
        std::set<std::string> seen;
        for (const auto& [c, case_text] : entries) {
            if (!seen.insert(c.id).second) {
                ctx.warn(
                    fmt::format("skipped case {} ({}): it is in {} twice", c.id, c.title, what));
                ++conflicting;
                continue;
            }
            if (ctx.store.id_exists(c.id)) {
                // The same case (a backup restored twice, or an older copy of it) is no error; a
                // different case that happens to have the same id is.
                const Case mine = ctx.store.load(ctx.store.resolve(c.id, true));
                if (mine.opened == c.opened && mine.customer == c.customer) {
                    ++present;
                } else {
                    ctx.warn(fmt::format(
                        "skipped case {} ({}): the store has a different case with that id ({})",
                        c.id, c.title, mine.title));
                    ++conflicting;
                }
                continue;
            }
            const auto path = ctx.store.path_for(c);
            refuse_linked_folders(ctx.store.root(), path.parent_path());
            make_private_dir(path.parent_path());
            write_file_atomic(path, case_text);
            ctx.store.note_written(path);
            ++imported;
        }
        std::string line =
            fmt::format("owner: imported {} case{}", imported, imported == 1 ? "" : "s");
        if (present) {
            line += fmt::format(", skipped {} already in the store", present);
        }
        if (conflicting) {
            line += fmt::format(", skipped {} with a conflicting id", conflicting);
        }
        ctx.note(line);
        return conflicting ? exit_error : exit_ok;
    };
}

}  // namespace owner
