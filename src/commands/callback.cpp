#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/catalogue.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"

// `owner callback CASE --who NAME --due WHEN`: a colleague, often the team lead, calls the
// customer back (README "A team on one store").
namespace owner {

Runner setup_callback(CLI::App& app) {
    struct Options {
        std::string id;
        std::string who;
        std::string due;
        std::string note;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("-w,--who", o->who, "who calls the customer back: a person on the roster")
        ->required();
    app.add_option("-d,--due", o->due, "when the call must have been made")->required();
    app.add_option("-n,--note", o->note, "what the caller needs to know");
    return [o](Context& ctx) {
        const Config& config = ctx.config;
        // A person on the roster (or you): a call-back reaches someone's `today`, not a string.
        const std::string who = roster_name(ctx, o->who, "--who");
        const Timestamp due = when_arg(ctx, o->due, "--due");
        if (due < ctx.now) {
            throw UsageError(fmt::format("--due: {} has already passed", human_time(due)));
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        Action a;
        a.what = fmt::format(fmt::runtime(say(Text::callback_what, config.language)), c.customer);
        for (std::size_t i = 0; i < c.actions.size(); ++i) {
            if (c.actions[i].open() && c.actions[i].what == a.what) {
                throw UsageError(fmt::format(
                    "case {} has an open call-back already (action {}, \"{}\"): re-plan it with "
                    "owner plan {} {} --due WHEN --who NAME",
                    c.id, i + 1, a.what, c.id, i + 1));
            }
        }
        a.who = who;
        a.kind = std::string(kCallbackKind);
        a.due = due;
        // Its checks work like any hand-over's: the case's owner checks on the caller.
        if (!config.people.same(who, config.owner_of(c))) {
            a.checks = schedule_checks(ctx.now, a.due, config);
        }
        c.actions.push_back(a);
        c.add_log(ctx.now, "handed over",
                  fmt::format("{} → {}, due {}{}", a.what, who, a.due.rfc3339(),
                              o->note.empty() ? "" : ": " + o->note));
        warn_outside_working_time(ctx, a.due, "--due");
        e.save(ctx);
        ctx.note(fmt::format("owner: {} calls {} back by {} (case {}, action {})", who, c.customer,
                             human_time(a.due), c.id, c.actions.size()));
        return 0;
    };
}

}  // namespace owner
