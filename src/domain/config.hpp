#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <string>

#include "domain/calendar.hpp"
#include "domain/case.hpp"
#include "domain/language.hpp"
#include "domain/people.hpp"

// What the team agreed in advance. Every field has a default: owner works with no config file.
namespace owner {

// Points that make up a case's urgency score (README "Urgency").
struct UrgencyWeights {
    double urgent = 40;
    double high = 25;
    double normal = 10;
    double low = 0;
    double deadline = 30;          // for a deadline due now; less the further away it is
    double deadline_horizon = 10;  // working days over which deadline points fade to zero
    double deadline_passed = 40;   // a promised deadline already missed
    double overdue_action = 15;    // per overdue action
    double overdue_check = 10;     // per check past due
    double stalled = 15;           // per action a check found stalled
    double silence_per_day = 3;    // per working day the customer heard nothing
    double silence_max = 15;
    double age_per_day = 1;  // per working day the case is open
    double age_max = 10;
    double no_next_step = 10;  // an open case with no open action
};

struct EscalationRules {
    std::string to;                           // to whom, unless a tag says otherwise
    std::map<std::string, std::string> tags;  // tag → contact ([escalate.tags])
    bool on_stalled = true;                   // a check found an action stalled
    int overdue_hours = 8;                    // an action overdue by this many working hours
    int deadline_hours = 8;  // the deadline is this near and something stands in the way
    int repeat_after_hours =
        16;  // an answered rule comes back after this much working time without progress
};

// The team's roster as the store holds it (team.toml, README "A team on one store"): who is
// who, and whom escalations reach, by their roster names.
struct TeamRoster {
    Roster people;
    std::string escalate_to;
    std::map<std::string, std::string> escalate_tags;  // tag → a roster name
};

struct Config {
    std::string name;  // the owner, the Who towards customers
    // The store is a team's (it holds team.toml): `people` and the escalation contacts are the
    // team's, `name` is a roster name, and each case has an owner.
    bool team = false;
    Roster people;  // colleagues and the other ways their names are written ([people])
    WorkCalendar calendar;
    // [work] time_zone: the IANA name of the zone the working day is in ("Europe/Amsterdam"),
    // used when TZ is unset instead of the system's; empty: TZ or the system's zone.
    std::string time_zone;
    int review_days = 5;  // priorities not reviewed for this many working days
    int overbooked = 8;   // items on one day before it is overbooked
    // plan.default_effort: an action's size when `plan --effort` does not say, in working
    // minutes; plan generously: at least this much slack before the deadline…
    std::int64_t default_effort_minutes = 60;
    double slack_share = 0.2;  // … or this share of the working time left, if larger
    int soon_days = 3;         // deadlines within this many working days show in `today`
    // [check] first_after_hours: the first check after hand-over, in working hours.
    double check_first_after_hours = 2;
    // [update] every_days: customers are owed an update after this many working days.
    int update_every_days = 2;
    // [update] first_within_hours: a new case's first confirmation is owed within this working
    // time.
    double update_first_within_hours = 2;
    // [update] acceptance_days: the solution given, ask for the customer's yes after this many
    // working days (one reminder).
    int update_acceptance_days = 2;
    std::string language{kBaseLanguage};  // a code of kLanguages
    std::string email;                    // the owner's mail address: From of `draft --mail`
    // [mail] send: the command `draft --send` gives the mail to on its input, split into words
    // without a shell ("msmtp -t"); empty: none (Debian installs no mail transfer agent).
    std::string mail_send;
    // [drafts] first_names: colleague drafts greet a person on the roster by the first word of
    // their roster name ("Hi Ben," for "Ben Smit (billing)").
    bool first_names = true;
    bool status_customer = true;  // may `status` name customers in chat? (contact details never)
    bool status_title = true;
    UrgencyWeights urgency;
    EscalationRules escalation;
    // Message templates that replace the built-in ones: language → name → text.
    std::map<std::string, std::map<std::string, std::string>> templates;

    // check.first_after_hours and update.first_within_hours in whole working minutes (rounded),
    // as the schedules count them.
    std::int64_t first_check_minutes() const { return std::lround(check_first_after_hours * 60); }
    std::int64_t first_update_minutes() const {
        return std::lround(update_first_within_hours * 60);
    }

    // True when `who` is the owner: `name` or one of its aliases on the roster.
    bool is_me(std::string_view who) const { return !name.empty() && people.same(who, name); }
    // The case's owner: its `owner`, else the one person of a store without a team.
    std::string_view owner_of(const Case& c) const { return c.owner ? *c.owner : name; }
    // True when the case is the runner's own (a case with no owner is, as in a store of one).
    bool owns(const Case& c) const { return !c.owner || is_me(*c.owner); }
    // True when another person's case has an open action for the runner ("Asked of you").
    bool asked_in(const Case& c) const {
        if (owns(c)) {
            return false;
        }
        for (const Action& a : c.actions) {
            if (a.open() && a.who && is_me(*a.who)) {
                return true;
            }
        }
        return false;
    }
};

// The config with the team's roster and escalation contacts in place of the private config's,
// and `name` as the roster writes it. Empty when that works; else what is wrong, one line:
// `name` not on the roster.
std::string apply_team(Config& config, const TeamRoster& team);

}  // namespace owner
