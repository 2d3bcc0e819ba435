#include <algorithm>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/remind.hpp"
#include "render/case_view.hpp"
#include "store/local_state.hpp"
#include "store/process.hpp"
#include "store/sync.hpp"

namespace owner {

namespace {

// One line of a case: its first reason's kind, who and moment, the text naming every reason, and
// the reasons one by one; into `into`, an empty object or (for a hook) a document with its schema.
Json reminder_json(const ReminderLine& line, Json into = Json::object()) {
    const Reminder& r = *line.reasons.front();
    Json reasons = Json::array();
    for (const Reminder* reason : line.reasons) {
        reasons.push(Json::object()
                         .set("kind", reason->kind)
                         .set("text", reason->text)
                         .set("who", reason->who)
                         .set("when", reason->when.rfc3339()));
    }
    return std::move(into)
        .set("kind", r.kind)
        .set("case", r.case_id)
        .set("customer", r.customer)
        .set("title", r.title)
        .set("text", line.text)
        .set("who", r.who)
        .set("when", r.when.rfc3339())
        .set("reasons", std::move(reasons));
}

// Runs argv with the line as JSON on stdin and in OWNER_REMINDER_* variables; its own output
// goes where ours goes. It is stopped after `timeout_s` seconds.
ProcessResult run_for(const std::vector<std::string>& argv, const ReminderLine& line,
                      int timeout_s) {
    const Reminder& r = *line.reasons.front();
    std::string kinds;
    for (const Reminder* reason : line.reasons) {
        kinds += kinds.empty() ? "" : ",";
        kinds += reason->kind;
    }
    ProcessOptions options;
    options.capture = false;
    options.timeout_s = timeout_s;
    options.input = reminder_json(line, json_document()).dump() + "\n";
    options.env = {{"OWNER_REMINDER_KIND", r.kind},    {"OWNER_REMINDER_KINDS", kinds},
                   {"OWNER_REMINDER_CASE", r.case_id}, {"OWNER_REMINDER_CUSTOMER", r.customer},
                   {"OWNER_REMINDER_TITLE", r.title},  {"OWNER_REMINDER_TEXT", line.text},
                   {"OWNER_REMINDER_WHO", r.who},      {"OWNER_REMINDER_WHEN", r.when.rfc3339()}};
    return run_process(argv, options);
}

}  // namespace

Runner setup_remind(CLI::App& app) {
    struct Options {
        bool all = false;
        bool dry_run = false;
        bool anytime = false;
        std::string format = "text";
        bool json = false;
        std::string exec;
        bool sync = false;
    };
    auto o = std::make_shared<Options>();
    app.add_flag("--all", o->all, "everything due now, also what was said before");
    CLI::Option* dry_run = app.add_flag("--dry-run", o->dry_run, "do not remember what was said");
    app.add_flag("--anytime", o->anytime,
                 "also outside working time (default: quiet until the next working moment)");
    app.add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--json", o->json, "same as --format json");
    app.add_option(
        "--exec", o->exec,
        "run CMD once per reminder (JSON on stdin, OWNER_REMINDER_* variables); no shell");
    // A dry run changes nothing, and a sync commits and pushes: the two cannot be one run.
    app.add_flag("--sync", o->sync,
                 "run owner sync first; a failed sync is said once per error and exits 6, and "
                 "the reminders still come")
        ->excludes(dry_run);
    return [o](Context& ctx) {
        std::optional<std::vector<std::string>> argv;
        if (!o->exec.empty()) {
            argv = split_command(o->exec);
        }
        // Cron has no ssh agent, a server goes down: a sync that fails never hides what the
        // local copy has to say.
        std::optional<std::string> sync_error;
        std::string sync_reason;  // the error without what grows each run: said once
        if (o->sync) {
            try {
                (void)sync_with_remote(ctx.store, ctx.now, SyncOptions{},
                                       [&ctx](std::string_view text) { ctx.note(text); });
            } catch (const SyncError& e) {
                sync_error = e.what();
                sync_reason = e.lasting();
            } catch (const Error& e) {
                sync_error = e.what();
                sync_reason = e.what();
            }
        }
        const int sync_status = sync_error ? static_cast<int>(exit_sync_failed) : 0;
        if (!o->all && !o->anytime && remind_quiet(ctx.now, ctx.config)) {
            // Outside working time: said at the next working moment; the state file stays as it
            // is, so nothing said before is forgotten.
            if ((o->json || o->format == "json") && !argv) {
                ctx.out_json(json_document().set("reminders", Json::array()));
            }
            return sync_status;
        }
        // Cases are read before the lock; only the state file needs it, and only briefly: hooks
        // run after it is released, so a hung hook never blocks a writer.
        // A team's store: your cases, and others' that ask something of you (the cache passes
        // over those surely not, as for `today`); due_reminders says only what concerns you.
        LoadedCases& loaded =
            ctx.hold(ctx.config.team ? ctx.store.load_open_except(other_names(ctx.config))
                                     : ctx.store.load_open());
        ctx.report_bad(loaded.bad);
        const auto due = due_reminders(loaded.cases, ctx.now, ctx.config);
        std::vector<const Reminder*> fresh;
        bool say_sync_error = false;
        {
            std::unique_ptr<FileLock> lock;
            if (!o->dry_run) {
                lock = ctx.store.lock();
            }
            const std::set<std::string> said = read_remind_state(ctx.store);
            RemindDiff diff = remind_diff(due, said, o->all);
            fresh = std::move(diff.fresh);
            std::set<std::string> keep = std::move(diff.keep);
            for (const Reminder* r : fresh) {
                keep.insert(r->key);  // still due: said before, or said now
            }
            if (sync_error) {
                const std::string key = sync_error_key(sync_reason);
                say_sync_error = o->all || !said.contains(key);
                keep.insert(key);  // forgotten once a sync works, so a new failure is said
            } else if (!o->sync) {
                // A run without --sync knows nothing of the remote: cron's error stays said.
                for (const std::string& key : said) {
                    if (key.starts_with(sync_error_key(""))) {
                        keep.insert(key);
                    }
                }
            }
            if (!o->dry_run) {
                write_remind_state(ctx.store, keep);
            }
        }
        if (say_sync_error) {
            ctx.warn(fmt::format("remind --sync: {}; what follows comes from your own copy of the "
                                 "store (this error is said once)",
                                 *sync_error));
        }
        const bool json = o->json || o->format == "json";
        Json list = Json::array();
        std::string text;
        std::size_t delivered = 0;
        std::set<std::string> failed;
        // One line per case: every reason that came due for it at this run.
        for (const ReminderLine& line : remind_lines(fresh)) {
            const Reminder* r = line.reasons.front();
            const auto fail = [&] {
                for (const Reminder* reason : line.reasons) {
                    failed.insert(reason->key);
                }
            };
            if (argv) {
                ProcessResult result;
                try {
                    result = run_for(*argv, line, ctx.settings.hook_timeout_s);
                } catch (const Error& e) {
                    ctx.warn(fmt::format("--exec: {} for {} ({}); it will be tried again", e.what(),
                                         r->case_id, r->kind));
                    fail();
                    continue;
                }
                if (result.timed_out) {
                    ctx.warn(fmt::format("--exec: {} did not finish within {} s for {} ({}) and "
                                         "was stopped; it will be tried again "
                                         "(OWNER_HOOK_TIMEOUT sets the limit)",
                                         (*argv)[0], ctx.settings.hook_timeout_s, r->case_id,
                                         r->kind));
                    fail();
                    continue;
                }
                if (result.status != 0) {
                    ctx.warn(fmt::format(
                        "--exec: {} exited with status {} for {} ({}); it will be tried again",
                        (*argv)[0], result.status, r->case_id, r->kind));
                    fail();
                    continue;
                }
            } else if (json) {
                list.push(reminder_json(line));
            } else {
                text += fmt::format("{}  {}  {} ({}) · {}\n", r->case_id,
                                    human_time(r->when, ctx.config.language), line.text,
                                    r->customer, r->title);
            }
            ++delivered;
        }
        if (json && !argv) {  // an empty list when nothing is new: every --json output is an object
            ctx.out_json(json_document().set("reminders", std::move(list)));
        }
        ctx.out(text);
        if (!failed.empty() && !o->dry_run) {
            // Forget what a hook did not deliver, so that the next run tries again.
            const auto lock = ctx.store.lock();
            std::set<std::string> state = read_remind_state(ctx.store);
            for (const auto& k : failed) {
                state.erase(k);
            }
            write_remind_state(ctx.store, state);
        }
        if (!loaded.bad.empty()) {
            // A case that cannot be read may hold a reminder: that wins over 3 and 5.
            return static_cast<int>(exit_error);
        }
        if (sync_error) {
            return sync_status;  // the reminders came from a copy that may be behind: wins over 5
        }
        if (!failed.empty()) {
            return static_cast<int>(exit_hook_failed);  // one not delivered wins over 3
        }
        return delivered == 0 ? 0 : exit_reminded;
    };
}

}  // namespace owner
