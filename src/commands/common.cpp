#include "commands/common.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

#include "domain/error.hpp"
#include "domain/planning.hpp"
#include "domain/when.hpp"
#include "store/cache.hpp"
#include "store/files.hpp"
#include "store/git.hpp"
#include "store/sync.hpp"

namespace owner {

void settle_sync_before_writing(const Context& ctx) {
    if (!is_git_store(ctx.store.root()) || !interrupted_sync(ctx.store.root())) {
        return;
    }
    const auto lock = ctx.store.lock();
    if (const auto done = settle_interrupted_sync(ctx.store)) {
        ctx.note(*done);
    }
}

void add_case_argument(CLI::App& app, std::string& id) {
    app.add_option(
           "case", id,
           "case: id or unique prefix, the customer's reference or a unique part of their name")
        ->required();
}

CaseUnderEdit checkout(const Context& ctx, const std::string& typed, bool include_closed) {
    CaseUnderEdit e;
    e.lock = ctx.store.lock();
    e.ref = ctx.store.resolve(typed, include_closed);
    if (!e.ref.found_as.empty()) {
        // Found by the customer's name or reference: say which case is about to change.
        ctx.note(fmt::format("owner: '{}' is case {} ({})", typed, e.ref.id, e.ref.found_as));
    }
    e.c = ctx.store.load(e.ref);
    e.log_at_checkout = e.c.log.size();
    e.owned_at_checkout = ctx.config.owns(e.c);
    return e;
}

void CaseUnderEdit::save(const Context& ctx) {
    if (!owned_at_checkout) {
        for (std::size_t i = log_at_checkout; i < c.log.size(); ++i) {
            if (!c.log[i].by) {
                c.log[i].by = ctx.config.name;
            }
        }
    }
    ctx.store.save(c, ref);
}

std::string roster_name(const Context& ctx, const std::string& typed, std::string_view option) {
    const Config& config = ctx.config;
    if (config.is_me(typed)) {
        return config.name;
    }
    if (const Person* p = config.people.find(typed)) {
        return p->name;
    }
    const std::string near = config.people.nearest(typed);
    throw UsageError(fmt::format(
        "{}: '{}' is not on the team's roster{}", option, typed,
        !near.empty() ? fmt::format("; did you mean '{}'?", near)
        : config.team ? std::string()
                      : std::string(" ([people] in the config, or team.toml in a team's store)")));
}

std::string who_arg(const Context& ctx, const std::string& typed, std::string_view option) {
    const Config& config = ctx.config;
    if (typed.empty() || config.is_me(typed)) {
        return typed.empty() ? typed : config.name;
    }
    if (config.team) {
        // The roster is the store's: a name off it would reach nobody's today.
        return roster_name(ctx, typed, option);
    }
    if (config.people.find(typed) != nullptr) {
        return config.people.canonical(typed);
    }
    if (!config.people.empty()) {
        const std::string near = config.people.nearest(typed);
        ctx.warn(
            near.empty()
                ? fmt::format("{}: '{}' is not in [people] in the config; kept as typed", option,
                              typed)
                : fmt::format(
                      "{}: '{}' is not in [people] in the config; did you mean '{}'? Kept as typed",
                      option, typed, near));
    }
    return typed;
}

void check_owner_scope(const Context& ctx, OwnerScope& scope) {
    if (!scope.owner.empty() && ctx.config.team) {
        scope.owner = roster_name(ctx, scope.owner, "--owner");
    }
}

Timestamp when_arg(const Context& ctx, const std::string& text, std::string_view option) {
    try {
        return parse_when(text, ctx.now, ctx.config.calendar);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("{}: {}", option, e.what()));
    }
}

ClosedPeriod closed_period(const Context& ctx, const std::string& since, const std::string& until) {
    ClosedPeriod p;
    // A date alone is a whole day for a period of closed cases: from its start, to the start of
    // the next (elsewhere a date alone is the end of its working day: a due time).
    const auto date_alone = [](const std::string& text) -> std::optional<Date> {
        int y = 0, m = 0, d = 0;
        char rest = 0;
        if (text.size() == 10 &&
            std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 &&
            Date{y, m, d}.valid()) {
            return Date{y, m, d};
        }
        return std::nullopt;
    };
    if (!since.empty()) {
        const auto day = date_alone(since);
        p.since = when_arg(ctx, day ? day->iso() + "T00:00" : since, "--since");
    }
    if (!until.empty()) {
        if (const auto day = date_alone(until)) {
            p.until = when_arg(ctx, day->plus_days(1).iso() + "T00:00", "--until");
        } else {
            p.until = when_arg(ctx, until, "--until").plus_seconds(1);
        }
        if (p.since && *p.until <= *p.since) {
            throw UsageError(
                fmt::format("--until {}: expected a moment after --since {}", until, since));
        }
    }
    return p;
}

Date ClosedPeriod::last_week(const Context& ctx) const {
    return to_local(until ? until->seconds - 1 : ctx.now.seconds).date;
}

Date ClosedPeriod::first_week(const Context& ctx, const std::vector<WeekStats>& per_week,
                              std::optional<int> weeks) const {
    const Date last = last_week(ctx);
    if (since) {
        return std::min(to_local(since->seconds).date, last);
    }
    if (weeks) {
        return last.plus_days(-7 * (*weeks - 1));
    }
    return per_week.empty() ? last : std::min(per_week.front().monday, last);
}

namespace {
constexpr std::int64_t kRecentSeconds = 14 * 86400;

std::filesystem::path recent_path(const Context& ctx) {
    return ctx.store.root() / ".cache" / "closed-recently";
}

// Lines "ID CLOSED" (RFC 3339), oldest first; unreadable lines are skipped.
std::vector<std::pair<std::string, Timestamp>> read_recent(const Context& ctx) {
    std::vector<std::pair<std::string, Timestamp>> out;
    if (!cache_folder_usable(recent_path(ctx))) {
        return out;  // never through a link
    }
    const auto text = read_file(recent_path(ctx));
    if (!text) {
        return out;
    }
    std::size_t pos = 0;
    while (pos < text->size()) {
        const auto end = std::min(text->find('\n', pos), text->size());
        const std::string line = text->substr(pos, end - pos);
        pos = end + 1;
        const auto space = line.find(' ');
        if (space == std::string::npos) {
            continue;
        }
        const std::string id = line.substr(0, space);
        if (auto t = parse_rfc3339(line.substr(space + 1)); t && is_safe_id(id) && !id.empty()) {
            out.emplace_back(id, *t);
        }
    }
    return out;
}
}  // namespace

void note_closed(const Context& ctx, const Case& c) {
    if (!c.closed) {
        return;
    }
    std::string text;
    for (const auto& [id, at] : read_recent(ctx)) {
        if (id != c.id && at.seconds >= c.closed->seconds - kRecentSeconds) {
            text += fmt::format("{} {}\n", id, at.rfc3339());
        }
    }
    text += fmt::format("{} {}\n", c.id, c.closed->rfc3339());
    try {
        if (!cache_folder_usable(recent_path(ctx))) {
            return;  // never through a link ('owner doctor' reports it)
        }
        make_private_dir(recent_path(ctx).parent_path());
        write_file_atomic(recent_path(ctx), text);
    } catch (const Error&) {
        // Only the morning footer reads it: never fail a close over it.
    }
}

std::vector<CaseRef> recently_closed(const Context& ctx, const Timestamp& since) {
    std::vector<CaseRef> refs;
    for (const auto& [id, at] : read_recent(ctx)) {
        if (at >= since) {
            const auto path = ctx.store.archive_dir() /
                              fmt::format("{:04}", to_local(at.seconds).date.year) / (id + ".toml");
            std::error_code ec;
            if (std::filesystem::is_regular_file(path, ec)) {
                refs.push_back(CaseRef{id, path, true});
            }
        }
    }
    return refs;
}

void warn_outside_working_time(const Context& ctx, const Timestamp& t, std::string_view what) {
    if (const std::string why = outside_working_time(t, ctx.config.calendar); !why.empty()) {
        ctx.warn(fmt::format("{}: {}", what, why));
    }
}

void add_owner_options(CLI::App& app, OwnerScope& scope, bool with_mine) {
    auto* owner =
        app.add_option("--owner", scope.owner, "the cases of this person (a team's store)");
    auto* team = app.add_flag("--team", scope.team, "every case of the team, whoever owns it");
    owner->excludes(team);
    if (with_mine) {
        app.add_flag("--mine", scope.mine, "only your own cases")->excludes(owner)->excludes(team);
    }
}

bool owner_in_scope(const Context& ctx, const OwnerScope& scope,
                    const std::optional<std::string>& owner) {
    const Config& config = ctx.config;
    if (!scope.owner.empty()) {
        return config.people.same(owner ? *owner : config.name, scope.owner);
    }
    if (scope.team || (!config.team && !scope.mine)) {
        return true;
    }
    return !owner || config.is_me(*owner);
}

bool in_scope(const Context& ctx, const OwnerScope& scope, const Case& c) {
    return owner_in_scope(ctx, scope, c.owner);
}

std::vector<std::string> other_names(const Config& config) {
    std::vector<std::string> names;
    for (const Person& p : config.people.people()) {
        if (!config.is_me(p.name)) {
            names.push_back(p.name);
        }
    }
    return names;
}

void keep_in_scope(const Context& ctx, const OwnerScope& scope, std::vector<Case>& cases) {
    if (scope.team || (!ctx.config.team && !scope.mine && scope.owner.empty())) {
        return;
    }
    std::erase_if(cases, [&](const Case& c) { return !in_scope(ctx, scope, c); });
}

std::optional<std::string> scope_person(const Context& ctx, const OwnerScope& scope) {
    const Config& config = ctx.config;
    if (scope.team || (!config.team && !scope.mine && scope.owner.empty())) {
        return std::nullopt;
    }
    const std::string& name = scope.owner.empty() ? config.name : scope.owner;
    std::string canonical = config.people.canonical(name);
    return canonical.empty() ? name : canonical;
}

StatusFormat status_format(std::string_view format, bool json) {
    return json                     ? StatusFormat::json
           : format == "markdown"   ? StatusFormat::markdown
           : format == "slack"      ? StatusFormat::slack
           : format == "mattermost" ? StatusFormat::mattermost
           : format == "json"       ? StatusFormat::json
                                    : StatusFormat::text;
}

void out_status(const Context& ctx, StatusFormat format, std::string_view text) {
    if (format == StatusFormat::json || format == StatusFormat::slack ||
        format == StatusFormat::mattermost) {
        ctx.out_data(text);
    } else {
        ctx.out(text);
    }
}

}  // namespace owner
