#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "render/case_view.hpp"
#include "render/ics.hpp"
#include "store/codec.hpp"

namespace owner {

// The JSON export carries each case twice: as `case` (for scripts, the same schema as
// `show --json`) and as `toml` (the file's exact text, so that import is lossless).
Runner setup_export(CLI::App& app) {
    struct Options {
        bool closed = false;
        bool all = false;
        std::string format = "json";
        bool todo = false;
    };
    auto o = std::make_shared<Options>();
    auto* closed = app.add_flag("--closed", o->closed, "closed cases (reads the archive)");
    app.add_flag("--all", o->all, "open and closed cases")->excludes(closed);
    app.add_option("--format", o->format,
                   "json (every case, lossless) or ics (calendar of actions, checks, deadlines)")
        ->check(CLI::IsMember({"json", "ics"}));
    app.add_flag("--todo", o->todo,
                 "with --format ics: actions and checks as tasks (VTODO) for task lists");
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
                cases.push(Json::object().set("case", case_json(c)).set("toml", text));
            } catch (const Error& e) {
                ctx.warn(fmt::format("skipped {}", e.what()));
                all_read = false;
            }
        }
        ctx.out(Json::object()
                    .set("schema", kJsonSchema)
                    .set("exported", ctx.now.rfc3339())
                    .set("cases", std::move(cases))
                    .pretty() +
                "\n");
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
        const Json doc = parse_json(text, what);
        const Json* schema = doc.find("schema");
        const Json* list = doc.find("cases");
        if (!schema || schema->number() != kJsonSchema || !list || !list->array_items()) {
            throw Error(fmt::format(
                "{}: not an owner export (expected {{\"schema\": 1, \"cases\": [...]}})", what));
        }
        // Check everything before writing anything: a bad entry stops the whole import.
        std::vector<Case> cases;
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < list->array_items()->size(); ++i) {
            const Json& entry = (*list->array_items())[i];
            const Json* toml = entry.find("toml");
            if (!toml || !toml->string()) {
                throw Error(fmt::format("{}: cases[{}]: expected a \"toml\" string", what, i));
            }
            cases.push_back(parse_case(*toml->string(), fmt::format("{}: cases[{}]", what, i)));
            if (auto problem = case_text_problem(cases.back())) {
                throw UsageError(fmt::format(
                    "{}: cases[{}] ({}): {}; text must be valid UTF-8 without control characters",
                    what, i, cases.back().id, *problem));
            }
            texts.push_back(*toml->string());
        }
        const auto lock = ctx.store.lock();
        std::size_t imported = 0, present = 0, conflicting = 0;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
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
            write_file_atomic(path, texts[i]);
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
