#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/catalogue.hpp"
#include "domain/error.hpp"
#include "domain/taskwarrior.hpp"
#include "domain/text.hpp"
#include "render/case_view.hpp"
#include "render/ics.hpp"
#include "store/codec.hpp"
#include "store/import.hpp"

namespace owner {

namespace {
// How far back `export --format ics` reaches for what was finished, by default.
constexpr std::int64_t kFinishedDays = 30;
}  // namespace

// The JSON export carries each case twice: as `case` (for scripts, the same schema as
// `show --json`) and as `toml` (the file's exact text, so that import is lossless).
Runner setup_export(CLI::App& app) {
    struct Options {
        bool closed = false;
        bool all = false;
        std::string format = "json";
        bool todo = false;
        std::string since;
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
    app.add_option("--since", o->since,
                   "with --format ics: what was finished since WHEN, so calendars close it "
                   "(default 30 days ago; with --closed or --all, everything)");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        if (o->todo && o->format != "ics") {
            throw UsageError("--todo: only with --format ics (tasks in an iCalendar file)");
        }
        if (!o->since.empty() && o->format != "ics") {
            throw UsageError(
                "--since: only with --format ics (what a calendar closes; JSON has every case)");
        }
        // A calendar is told what was finished lately (done, removed, recorded, closed: times
        // from the case and its log) so that it closes what it imported before.
        std::optional<Timestamp> since;
        if (!o->since.empty()) {
            since = when_arg(ctx, o->since, "--since");
        } else if (!o->closed && !o->all) {
            since = ctx.now.plus_seconds(-kFinishedDays * 24 * 60 * 60);
        }
        std::vector<CaseRef> refs;
        if (!o->closed) {
            refs = ctx.store.open_refs();
        }
        if (o->closed || o->all) {
            auto more = ctx.store.closed_refs();
            refs.insert(refs.end(), more.begin(), more.end());
        } else if (o->format == "ics") {
            auto more = ctx.store.closed_refs_since(*since);
            refs.insert(refs.end(), more.begin(), more.end());
        }
        if (o->format == "ics") {
            LoadedCases loaded = ctx.store.load(refs);
            ctx.report_bad(loaded.bad);
            keep_in_scope(ctx, o->scope, loaded.cases);
            ctx.out_data(render_ics(loaded.cases, ctx.now, ctx.config,
                                    o->todo ? IcsItems::todos : IcsItems::events, since));
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

namespace {

// The seed of a Taskwarrior case's id: what its tasks made of it (customer, title, opened, the
// actions), not the time of the import.
std::uint64_t import_seed(const Case& c) {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a: stable across runs and machines
    const auto mix = [&h](std::string_view s) {
        for (const unsigned char ch : s) {
            h = (h ^ ch) * 1099511628211ULL;
        }
        h = (h ^ 0xffU) * 1099511628211ULL;  // a separator no text holds
    };
    mix(c.customer);
    mix(c.title);
    mix(c.opened.rfc3339());
    for (const Action& a : c.actions) {
        mix(a.what);
    }
    return h;
}

// True when the store's case with `made`'s id is the one this import made before.
bool same_import(Context& ctx, const Case& made) {
    try {
        const Case mine = ctx.store.load(ctx.store.resolve(made.id, true));
        return mine.opened == made.opened && mine.customer == made.customer &&
               mine.title == made.title;
    } catch (const Error&) {
        return false;  // unreadable: not ours to judge, and not to overwrite
    }
}

// `import --format taskwarrior`: every task read and every case made and checked before the
// first is written; an id per case drawn from its seed, so that importing again skips it.
int import_taskwarrior(Context& ctx, const std::string& text, const std::string& what,
                       bool dry_run) {
    const std::vector<TaskwarriorTask> tasks = parse_taskwarrior(text, what);
    TaskwarriorCases made = cases_from_taskwarrior(tasks, ctx.now, ctx.config.calendar);
    for (const Case& c : made.cases) {
        if (auto problem = case_text_problem(c)) {
            throw UsageError(fmt::format("{}: case '{}': {}", what, c.title, *problem));
        }
    }
    for (const auto& note : made.notes) {
        ctx.note("owner: " + note);
    }
    std::size_t actions = 0;
    for (const Case& c : made.cases) {
        actions += c.actions.size();
    }
    if (dry_run) {
        // For people, in the configured language: the case, then its actions with their due.
        const std::string_view lang = ctx.config.language;
        std::string out;
        for (const Case& c : made.cases) {
            out += fmt::format(fmt::runtime(say(Text::import_case, lang)), c.customer, c.title,
                               priority_word(to_string(c.priority), lang));
            if (!c.tags.empty()) {
                out += fmt::format(fmt::runtime(say(Text::import_case_tags, lang)),
                                   fmt::join(c.tags, " "));
            }
            out += '\n';
            for (const Action& a : c.actions) {
                out += fmt::format("  {}  {}{}\n", human_time(a.due, lang), a.what,
                                   a.done ? say(Text::import_action_done, lang) : "");
            }
        }
        ctx.out(out);
        ctx.note(fmt::format("owner: would import {} case{} with {} action{} from {} task{} "
                             "(dry run: nothing written)",
                             made.cases.size(), made.cases.size() == 1 ? "" : "s", actions,
                             actions == 1 ? "" : "s", tasks.size(), tasks.size() == 1 ? "" : "s"));
        return exit_ok;
    }
    const auto lock = ctx.store.lock();
    // The same export imported again (after a SIGKILL or a full disk stopped the first run, or by
    // mistake) gives each case the id it got before: the ids are drawn from what the tasks are,
    // so a case already in the store is recognised and skipped, never made twice.
    std::set<std::string> taken;
    std::map<std::uint64_t, int> seen;  // identical cases draw in turn
    std::vector<bool> present(made.cases.size(), false);
    for (std::size_t i = 0; i < made.cases.size(); ++i) {
        Case& c = made.cases[i];
        std::mt19937_64 draw(import_seed(c) + static_cast<std::uint64_t>(seen[import_seed(c)]++));
        for (int attempt = 0;; ++attempt) {
            if (attempt > 100) {
                throw Error("could not find a free case id");
            }
            c.id = make_id([&] { return static_cast<std::uint32_t>(draw()); });
            if (!taken.insert(c.id).second) {
                continue;
            }
            if (ctx.store.id_exists(c.id)) {
                present[i] = same_import(ctx, c);
                if (!present[i]) {
                    continue;  // another case has this id: draw the next
                }
            }
            break;
        }
    }
    // All or nothing: every file is made and measured before the first is written.
    std::vector<std::string> texts(made.cases.size());
    for (std::size_t i = 0; i < made.cases.size(); ++i) {
        Case& c = made.cases[i];
        if (present[i]) {
            continue;
        }
        if (ctx.config.team) {
            c.owner = ctx.config.name;  // as `new` does: in a team's store a case is someone's
        }
        texts[i] = write_case(c);
        if (texts[i].size() > kMaxCaseFileBytes) {
            throw Error(fmt::format("import: the case of '{}' would be a file of {} bytes, more "
                                    "than the {} a case file may hold; nothing was written",
                                    c.customer, texts[i].size(), kMaxCaseFileBytes));
        }
    }
    // A write that fails (a full disk) takes back those before it: nothing half imported.
    std::vector<std::filesystem::path> written;
    try {
        for (std::size_t i = 0; i < made.cases.size(); ++i) {
            if (!present[i]) {
                ctx.store.save_text(made.cases[i], texts[i], std::nullopt);
                written.push_back(ctx.store.path_for(made.cases[i]));
            }
        }
    } catch (const Error& e) {
        for (const auto& path : written) {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
        throw Error(fmt::format("{}; nothing was imported", e.what()));
    }
    std::size_t imported = 0;
    std::size_t imported_actions = 0;
    for (std::size_t i = 0; i < made.cases.size(); ++i) {
        if (!present[i]) {
            ctx.out(made.cases[i].id + "\n");
            ++imported;
            imported_actions += made.cases[i].actions.size();
        }
    }
    std::string line =
        fmt::format("owner: imported {} case{} with {} action{} from {} task{}", imported,
                    imported == 1 ? "" : "s", imported_actions, imported_actions == 1 ? "" : "s",
                    tasks.size(), tasks.size() == 1 ? "" : "s");
    if (imported < made.cases.size()) {
        const std::size_t skipped = made.cases.size() - imported;
        line += fmt::format(", skipped {} imported before (left as they are in owner: an import "
                            "never updates a case)",
                            skipped);
    }
    ctx.note(line);
    return exit_ok;
}

}  // namespace

Runner setup_import(CLI::App& app) {
    struct Options {
        std::string file;
        std::string format = "owner";
        bool dry_run = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("file", o->file, "an `owner export` file (or task export), - for standard input")
        ->required();
    app.add_option("--format", o->format, "owner (an owner export) or taskwarrior (task export)")
        ->check(CLI::IsMember({"owner", "taskwarrior"}));
    app.add_flag("--dry-run", o->dry_run, "say what would be imported; write nothing");
    return [o](Context& ctx) {
        const std::string* file = &o->file;
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
        if (o->format == "taskwarrior") {
            return import_taskwarrior(ctx, text, what, o->dry_run);
        }
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
            if (o->dry_run) {
                ctx.out(fmt::format("{} · {}\n", c.id, c.title));
                ++imported;
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
            fmt::format("owner: {} {} case{}", o->dry_run ? "would import" : "imported", imported,
                        imported == 1 ? "" : "s");
        if (present) {
            line += fmt::format(", skipped {} already in the store", present);
        }
        if (conflicting) {
            line += fmt::format(", skipped {} with a conflicting id", conflicting);
        }
        ctx.note(line);
        return static_cast<int>(conflicting ? exit_error : exit_ok);
    };
}

}  // namespace owner
