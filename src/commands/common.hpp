#pragma once

#include <memory>
#include <string>

#include "commands/context.hpp"
#include "domain/case.hpp"
#include "domain/stats.hpp"
#include "render/status_render.hpp"
#include "store/files.hpp"

namespace CLI {
class App;
}

// Helpers the commands share: loading a case to change it, reading a date argument.
namespace owner {

// The positional CASE argument, required, as every command that acts on one case names it.
void add_case_argument(CLI::App& app, std::string& id);

// A case checked out for writing: the store lock is held until this object goes away.
struct CaseUnderEdit {
    std::unique_ptr<FileLock> lock;
    CaseRef ref;
    Case c;
    std::size_t log_at_checkout = 0;  // entries after these are this command's
    bool owned_at_checkout = true;    // the runner owned the case then (a handoff changes it)

    // Writes the case back (moving it between cases/ and archive/ when that changed). The
    // entries this command logged in a colleague's case carry the runner's name (`by`).
    void save(const Context& ctx);
};

// A sync that was killed or stopped by a full disk is finished or undone before a command
// writes; while it cannot be (the disk still full), nothing is written: the Error says why.
void settle_sync_before_writing(const Context& ctx);

CaseUnderEdit checkout(const Context& ctx, const std::string& typed, bool include_closed = false);

// A person on the roster (or the runner) as typed → the roster's name for them; any other name
// is refused (a UsageError that suggests the nearest roster name): handoff --to, callback --who.
std::string roster_name(const Context& ctx, const std::string& typed, std::string_view option);

// A colleague's name as typed (--who, --to) → the roster's name for them, or the owner's own
// `name`. In a team's store (team.toml) the roster is the team's and a name off it is refused, as
// by roster_name. In a store of one person a name [people] does not know is kept as typed, with a
// warning that suggests the nearest roster name (colleagues outside any roster are normal there);
// without a roster nothing is checked.
std::string who_arg(const Context& ctx, const std::string& typed, std::string_view option);

// Whose cases a view that lists cases shows. In a team's store: the runner's own, unless
// --owner NAME or --team widens it; in a store of one person every case is the runner's.
struct OwnerScope {
    std::string owner;  // --owner NAME
    bool mine = false;  // --mine
    bool team = false;  // --team
};
// Declares --owner and --team (and --mine with `with_mine`) on a listing command.
void add_owner_options(CLI::App& app, OwnerScope& scope, bool with_mine = false);
// Every command with an owner scope calls this first: in a team's store --owner NAME must be on
// the roster (refused as by roster_name, never an empty view for a typo) and becomes its name.
void check_owner_scope(const Context& ctx, OwnerScope& scope);
// Whether the scope shows the case, or a case of this owner (absent: nobody's).
bool in_scope(const Context& ctx, const OwnerScope& scope, const Case& c);
bool owner_in_scope(const Context& ctx, const OwnerScope& scope,
                    const std::optional<std::string>& owner);
// The roster's names but the runner's: whose cases a team member's view may pass over.
std::vector<std::string> other_names(const Config& config);
// Keeps only the cases in the scope, in their order.
void keep_in_scope(const Context& ctx, const OwnerScope& scope, std::vector<Case>& cases);
// The one person whose cases the scope shows, as the roster names them (the runner by default in
// a team's store, or --owner NAME); nullopt when it shows every case (--team, a store of one).
// A view of figures says whose they are: an empty page must not read as the team's.
std::optional<std::string> scope_person(const Context& ctx, const OwnerScope& scope);

// A date argument, with the option name in the error.
Timestamp when_arg(const Context& ctx, const std::string& text, std::string_view option);

// The period of `stats` and `report`: cases closed at or after `since` and before `until`
// (absent: no bound). --until WHEN counts up to and including that moment; a date alone
// (2026-11-30) includes its whole day.
struct ClosedPeriod {
    std::optional<Timestamp> since, until;
    // The weeks to draw: from the week of `since` (else of the first close in `per_week`, else
    // `weeks` weeks back) to the week of `until` (else of now).
    Date first_week(const Context& ctx, const std::vector<WeekStats>& per_week,
                    std::optional<int> weeks) const;
    Date last_week(const Context& ctx) const;
};
ClosedPeriod closed_period(const Context& ctx, const std::string& since, const std::string& until);

// Cases closed lately, for the morning footer: `close` notes each in .cache/closed-recently
// (ids and times only, a fortnight kept), so that `today` never lists the archive.
void note_closed(const Context& ctx, const Case& c);
std::vector<CaseRef> recently_closed(const Context& ctx, const Timestamp& since);

// Warns (never refuses) when `what` at t falls outside working time, naming the working moments
// around it: a promise on a holiday is a promise nobody keeps.
void warn_outside_working_time(const Context& ctx, const Timestamp& t, std::string_view what);

// `--format` of the views for chat (status, team): text, markdown, slack, mattermost or json;
// `--json` wins.
StatusFormat status_format(std::string_view format, bool json);
// Writes such a view: what is JSON (json, and the slack and mattermost payloads) as data, byte
// for byte whatever the locale (a curly quote made ASCII would end a JSON string); text and
// markdown for people.
void out_status(const Context& ctx, StatusFormat format, std::string_view text);

}  // namespace owner
