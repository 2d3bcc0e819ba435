#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"
#include "domain/views.hpp"
#include "render/case_view.hpp"
#include "render/views_render.hpp"

namespace owner {

namespace {
constexpr std::string_view kOutcomes[] = {"done", "on-track", "stalled"};

bool is_outcome(const std::string& s) {
    return std::find(std::begin(kOutcomes), std::end(kOutcomes), s) != std::end(kOutcomes);
}

struct CheckOptions {
    std::vector<std::string> args;
    std::string note;
    std::string add;
    std::string move;
    bool json = false;
    OwnerScope scope;
};

// The action a check is about: named, else the one handed over with the earliest check (in
// another person's case, the one handed to you: a colleague reporting on their own work).
std::size_t pick_action(const Case& c, const std::vector<std::string>& words,
                        const Config& config) {
    if (!words.empty()) {
        const ActionLookup found = find_action(c, fmt::format("{}", fmt::join(words, " ")));
        if (!found.index) {
            throw UsageError(found.error);
        }
        return *found.index;
    }
    std::optional<std::size_t> best;
    for (auto i : c.open_actions()) {
        const Action& a = c.actions[i];
        const bool mine = config.owns(c) || config.is_me(a.who.value_or(""));
        if (a.handed_over() && mine &&
            (!best ||
             (!a.checks.empty() && (c.actions[*best].checks.empty() ||
                                    a.checks.front() < c.actions[*best].checks.front())))) {
            best = i;
        }
    }
    if (!best) {
        throw UsageError(
            fmt::format("case {} has no open action handed to a colleague; name the action", c.id));
    }
    return *best;
}

int list_checks(Context& ctx, const CheckOptions& o) {
    LoadedCases& loaded = ctx.hold(ctx.store.load_open());
    ctx.report_bad(loaded.bad);
    std::vector<Case>& cases = ctx.hold(std::vector<Case>{});
    if (o.args.empty()) {
        keep_in_scope(ctx, o.scope, loaded.cases);
        cases = std::move(loaded.cases);
    } else {
        for (std::size_t n = 0; n < o.args.size(); ++n) {
            try {
                cases.push_back(ctx.store.load(ctx.store.resolve(o.args[n], false)));
            } catch (const Error&) {
                if (n > 0 && n + 1 == o.args.size()) {
                    // `owner check k7 finished`: a mistyped outcome, not a case.
                    throw UsageError(fmt::format(
                        "unknown outcome '{}'; expected done, on-track or stalled", o.args[n]));
                }
                throw;
            }
        }
    }
    const TodayView& view = ctx.hold(build_today(cases, ctx.now, ctx.config));
    std::vector<Item> due;
    for (const auto& s : view.sections) {
        if (s.key == SectionKey::checks) {
            due = s.items;
        }
    }
    if (o.json) {
        Json items = Json::array();
        for (const auto& i : due) {
            items.push(item_json(i, cases));
        }
        ctx.out_json(json_document().set("checks", std::move(items)));
        return 0;
    }
    if (due.empty()) {
        ctx.note("No checks due today.");
        return 0;
    }
    TextTable table;
    for (const auto& i : due) {
        const Case& c = cases[i.case_index];
        table.add_row({c.id, i.when ? relative_when(*i.when, ctx.now) : "",
                       fmt::format("{}. {} — {}", *i.action_index + 1, i.what, i.who)});
    }
    ctx.out_table(table);
    ctx.note("Record each with: owner check CASE [ACTION] done|on-track|stalled [--note TEXT]");
    return 0;
}
}  // namespace

Runner setup_check(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    app.add_option("args", o->args,
                   "CASE [ACTION] done|on-track|stalled to record; CASE... or nothing to list");
    app.add_option("-n,--note", o->note, "what the colleague said");
    app.add_option("--add", o->add, "add a check on the action at WHEN");
    app.add_option("--move", o->move, "move the action's next check to WHEN");
    app.add_flag("--json", o->json, "JSON for scripts (listing)");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        const bool recording = o->args.size() >= 2 && is_outcome(o->args.back());
        const bool scheduling = !o->add.empty() || !o->move.empty();
        if (!recording && !scheduling) {
            return list_checks(ctx, *o);
        }
        if (o->args.empty()) {
            throw UsageError("name the case");
        }
        std::vector<std::string> words(o->args.begin() + 1, o->args.end() - (recording ? 1 : 0));
        CaseUnderEdit e = checkout(ctx, o->args.front());
        Case& c = e.c;
        const std::size_t index = pick_action(c, words, ctx.config);
        Action& a = c.actions[index];
        const std::string who = a.who ? *a.who : std::string(ctx.config.owner_of(c));
        if (scheduling) {
            if (!o->add.empty()) {
                a.checks.push_back(when_arg(ctx, o->add, "--add"));
                warn_outside_working_time(ctx, a.checks.back(), "--add");
            } else {
                if (a.checks.empty()) {
                    throw UsageError(
                        fmt::format("'{}' has no check left to move; use --add", a.what));
                }
                a.checks.front() = when_arg(ctx, o->move, "--move");
                warn_outside_working_time(ctx, a.checks.front(), "--move");
            }
            std::sort(a.checks.begin(), a.checks.end());

            c.add_log(ctx.now, "check planned", fmt::format("{} ({})", a.what, who));
            e.save(ctx);
            return 0;
        }
        const std::string& word = o->args.back();
        const CheckOutcome outcome = word == "done"       ? CheckOutcome::done
                                     : word == "on-track" ? CheckOutcome::on_track
                                                          : CheckOutcome::stalled;
        const CheckResult r = record_check(c, index, outcome, o->note, ctx.now, ctx.config);
        e.save(ctx);
        if (outcome == CheckOutcome::stalled) {
            // Escalating by the team's rules is the owner's (and the lead's) call, not a
            // colleague's who reports on another's case.
            ctx.note(ctx.config.owns(c)
                         ? fmt::format("owner: '{}' is stalled; next check {}; 'owner escalate {}' "
                                       "escalates it by the team's rules",
                                       c.actions[index].what, human_time(*r.follow_up), c.id)
                         : fmt::format("owner: '{}' is stalled; {}, the case's owner, sees your "
                                       "report in their today",
                                       c.actions[index].what, ctx.config.owner_of(c)));
        }
        return 0;
    };
}

}  // namespace owner
