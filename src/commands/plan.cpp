#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"
#include "domain/planning.hpp"

namespace owner {

namespace {
struct PlanOptions {
    std::string id;
    std::vector<std::string> what;
    std::string due;
    std::string who;
    std::string start;
    bool remove = false;
    bool add = false;
    bool allow_past = false;
    bool mine = false;
    std::optional<std::string> tell;
    std::string effort;
};

// The action's size in working minutes: what `--effort` said (kept in the case as `effort`),
// else plan.default_effort.
std::optional<std::int64_t> effort_of(const Action& a, const Config& config) {
    if (const auto* v = a.extra.table().get("effort"); v && v->is_string()) {
        if (auto minutes = parse_effort(v->as_string()->get(), config.calendar)) {
            return minutes;
        }
    }
    return std::nullopt;
}

// Plan generously: advice on stderr, never a refusal.
void warn_about_slack(const Context& ctx, const Case& c, const Action& a) {
    const Timestamp& due = a.due;
    const auto advice =
        slack_before_deadline(c, due, ctx.now, ctx.config, effort_of(a, ctx.config));
    if (!advice || advice->enough) {
        return;
    }
    const WorkCalendar& cal = ctx.config.calendar;
    if (advice->after_deadline) {
        ctx.warn(fmt::format("due {} is after the deadline promised to {} ({}): plan it earlier or "
                             "agree a new deadline",
                             human_time(due), c.customer, human_time(*c.deadline)));
    } else {
        ctx.warn(fmt::format("only {} of slack before the promised deadline ({}); plan for at "
                             "least {} to absorb setbacks",
                             describe_working_minutes(advice->slack_minutes, cal),
                             human_time(*c.deadline),
                             describe_working_minutes(advice->wanted_minutes, cal)));
    }
}

std::string describe(const Action& a) {
    return fmt::format("{}{}, due {}", a.what, a.who ? " → " + *a.who : "", a.due.rfc3339());
}
}  // namespace

Runner setup_plan(CLI::App& app) {
    auto o = std::make_shared<PlanOptions>();
    add_case_argument(app, o->id);
    app.add_option("what", o->what, "the action, or the number/words of an existing one to re-plan")
        ->required();
    app.add_option("-d,--due", o->due, "when it must be done");
    app.add_option("-w,--who", o->who, "hand it to a colleague (default: the case's owner)");
    app.add_flag("--mine", o->mine, "take a re-planned action back from the colleague");
    app.add_option("--start", o->start,
                   "when it is handed over (default now); checks count from here");
    app.add_flag("--remove", o->remove, "remove the action");
    app.add_flag("--add", o->add,
                 "plan a new action even when the words match an open one (needs --due)")
        ->excludes("--remove");
    app.add_flag("--allow-past", o->allow_past, "accept a due time that has already passed");
    app.add_option("--tell", o->tell,
                   "what the customer reads about this action in drafts (\"a corrected invoice\")");
    app.add_option("--effort", o->effort,
                   "how much work it is: 15m, 2wh or 1wd (default plan.default_effort); the slack "
                   "warning asks for at least this much room");
    return [o](Context& ctx) {
        if (!o->effort.empty() && !parse_effort(o->effort, ctx.config.calendar)) {
            throw UsageError(fmt::format("--effort: '{}' is not a working time; use {}", o->effort,
                                         kEffortForms));
        }
        const std::string what = fmt::format("{}", fmt::join(o->what, " "));
        if (o->tell && o->tell->find_first_not_of(" \t") == std::string::npos) {
            throw UsageError(
                "--tell is empty: say what the customer should read about this action");
        }
        std::optional<Timestamp> due;
        if (!o->due.empty()) {
            due = when_arg(ctx, o->due, "--due");
            if (*due < ctx.now && !o->allow_past) {
                throw UsageError(
                    fmt::format("--due: {} has already passed; use --allow-past if you mean it",
                                human_time(*due)));
            }
        }
        std::optional<Timestamp> start;
        if (!o->start.empty()) {
            start = when_arg(ctx, o->start, "--start");
        }
        o->who = who_arg(ctx, o->who, "--who");
        if (start && due && *start > *due) {
            throw UsageError(fmt::format(
                "--start: {} is after --due {}; an action is handed over before it is due",
                human_time(*start), human_time(*due)));
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        const PlanTarget target = plan_target(c, what, due.has_value(), o->remove, o->add);
        if (!target.error.empty()) {
            throw UsageError(target.error);
        }
        if (!target.note.empty()) {
            ctx.note(fmt::format("owner: {}", target.note));
        }
        if (target.mode == PlanMode::remove) {
            const Action gone = c.actions[*target.index];
            c.actions.erase(c.actions.begin() + static_cast<std::ptrdiff_t>(*target.index));
            c.add_log(ctx.now, "removed", gone.what);
            e.save(ctx);
            return 0;
        }
        auto set_effort = [&](Action& a) {
            if (!o->effort.empty()) {
                a.extra.insert_or_assign("effort", o->effort);
            }
        };
        if (target.mode == PlanMode::replan && o->tell && !due && o->who.empty() && !o->mine &&
            !start && o->effort.empty()) {
            // Only the customer wording changes: the plan and its checks stay as they are.
            Action& a = c.actions[*target.index];
            set_customer_wording(a, *o->tell);
            c.add_log(ctx.now, "wording", fmt::format("{}: {}", a.what, *o->tell));
            e.save(ctx);
            return 0;
        }
        if (target.mode == PlanMode::replan) {
            Action& a = c.actions[*target.index];
            if (start && !due && *start > a.due) {
                throw UsageError(fmt::format("--start: {} is after the action's due time {}",
                                             human_time(*start), human_time(a.due)));
            }
            if (o->tell) {
                set_customer_wording(a, *o->tell);
            }
            set_effort(a);
            if (due) {
                a.due = *due;
            }
            if (!o->who.empty()) {
                a.who = o->who;
            } else if (o->mine) {
                a.who.reset();
            }
            if (start) {
                a.start = start;
            }
            a.checks.clear();
            a.stalled.reset();
            if (!is_own(c, a, ctx.config)) {
                a.checks = schedule_checks(start.value_or(ctx.now), a.due, ctx.config);
            }
            c.add_log(ctx.now, "replanned", describe(a));
            warn_outside_working_time(ctx, a.due, "--due");
            warn_about_slack(ctx, c, a);
            e.save(ctx);
            return 0;
        }
        Action a;
        a.what = what;
        a.due = *due;
        if (o->tell) {
            set_customer_wording(a, *o->tell);
        }
        set_effort(a);
        // Handed over unless to the case owner (in a team, not necessarily who runs owner).
        if (!o->who.empty() && !ctx.config.people.same(o->who, ctx.config.owner_of(c))) {
            a.who = o->who;
            a.start = start;
            a.checks = schedule_checks(start.value_or(ctx.now), a.due, ctx.config);
        }
        c.actions.push_back(a);
        c.add_log(ctx.now, a.who ? "handed over" : "planned", describe(a));
        warn_outside_working_time(ctx, a.due, "--due");
        warn_about_slack(ctx, c, a);
        e.save(ctx);
        if (a.who && !a.checks.empty()) {
            std::vector<std::string> when;
            for (const auto& t : a.checks) {
                when.push_back(human_time(t));
            }
            ctx.note(fmt::format("owner: checks on {} planned for {}", *a.who,
                                 fmt::join(when, " and ")));
        }
        return 0;
    };
}

Runner setup_done(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> action;
        std::string note;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("action", o->action,
                   "the action's number or words (default: the only open one)");
    app.add_option("-n,--note", o->note, "a word on the result");
    return [o](Context& ctx) {
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        std::size_t index = 0;
        if (o->action.empty()) {
            const auto open = c.open_actions();
            if (open.size() != 1) {
                throw UsageError(
                    open.empty()
                        ? fmt::format("case {} has no open action", c.id)
                        : fmt::format("case {} has {} open actions; say which (number or words)",
                                      c.id, open.size()));
            }
            index = open.front();
        } else {
            const ActionLookup found = find_action(c, fmt::format("{}", fmt::join(o->action, " ")));
            if (!found.index) {
                throw UsageError(found.error);
            }
            index = *found.index;
        }
        Action& a = c.actions[index];
        a.done = ctx.now;
        a.checks.clear();
        a.stalled.reset();
        c.add_log(ctx.now, "done",
                  o->note.empty() ? a.what : fmt::format("{}: {}", a.what, o->note));
        e.save(ctx);
        if (c.open_actions().empty()) {
            // The next step and the close are the owner's: a colleague is told who sees it.
            ctx.note(ctx.config.owns(c)
                         ? fmt::format("owner: case {} has no open action left: plan the next "
                                       "step, or close it when the customer accepts",
                                       c.id)
                         : fmt::format("owner: case {} has no open action left; {}, its owner, "
                                       "sees your report in their today",
                                       c.id, ctx.config.owner_of(c)));
        }
        return 0;
    };
}

}  // namespace owner
