#include "domain/planning.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "domain/escalation.hpp"
#include "domain/messages.hpp"

namespace owner {

std::optional<SlackAdvice> slack_before_deadline(const Case& c, const Timestamp& due,
                                                 const Timestamp& now, const Config& config,
                                                 std::optional<std::int64_t> effort) {
    if (!c.deadline) {
        return std::nullopt;
    }
    const WorkCalendar& cal = config.calendar;
    SlackAdvice a;
    a.slack_minutes = cal.working_minutes_between(due, *c.deadline);
    a.after_deadline = *c.deadline < due;
    const auto left = std::max<std::int64_t>(0, cal.working_minutes_between(now, *c.deadline));
    a.wanted_minutes = std::max(
        effort.value_or(config.default_effort_minutes),
        static_cast<std::int64_t>(std::llround(config.slack_share * static_cast<double>(left))));
    a.enough = !a.after_deadline && a.slack_minutes >= a.wanted_minutes;
    return a;
}

std::optional<std::int64_t> parse_effort(std::string_view text, const WorkCalendar& calendar) {
    struct Unit {
        std::string_view suffix;
        double minutes;
    };
    const Unit units[] = {
        {"wd", static_cast<double>(calendar.minutes_per_day())}, {"wh", 60.0}, {"m", 1.0}};
    for (const Unit& u : units) {
        if (!text.ends_with(u.suffix)) {
            continue;
        }
        const std::string_view number = text.substr(0, text.size() - u.suffix.size());
        if (number.empty() || number.size() > 12 ||
            number.find_first_not_of("0123456789.") != std::string_view::npos ||
            std::count(number.begin(), number.end(), '.') > 1 || number.front() == '.' ||
            number.back() == '.') {
            return std::nullopt;
        }
        const double v = std::stod(std::string(number)) * u.minutes;
        const auto minutes = static_cast<std::int64_t>(std::llround(v));
        return minutes > 0 ? std::optional(minutes) : std::nullopt;
    }
    return std::nullopt;
}

namespace {
Timestamp whole_minute(const Timestamp& t) {
    Timestamp out = t;
    out.seconds -= ((t.seconds % 60) + 60) % 60;
    return out;
}
}  // namespace

std::vector<Timestamp> schedule_checks(const Timestamp& handed_over, const Timestamp& due,
                                       const Config& config) {
    const WorkCalendar& cal = config.calendar;
    std::vector<Timestamp> checks;
    const std::int64_t span = cal.working_minutes_between(handed_over, due);
    if (span < 2) {
        return checks;  // no working time between hand-over and due: nothing to check on
    }
    // Twice, always: shortly after the hand-over and halfway. When the hand-over is short, the
    // first check moves to a quarter of the way so that both fit, a minute or more apart.
    const std::int64_t halfway = span / 2;
    std::int64_t first = std::min<std::int64_t>(config.first_check_minutes(), halfway / 2);
    if (config.first_check_minutes() < halfway) {
        first = config.first_check_minutes();
    }
    first = std::max<std::int64_t>(first, 1);
    if (first < halfway) {
        checks.push_back(whole_minute(cal.add_working_minutes(handed_over, first)));
    }
    checks.push_back(whole_minute(cal.add_working_minutes(handed_over, halfway)));
    return checks;
}

Timestamp follow_up_check(const Action& a, const Timestamp& now, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    Timestamp next = cal.add_working_minutes(now, config.first_check_minutes());
    if (a.due > now) {
        const std::int64_t left = cal.working_minutes_between(now, a.due);
        if (left >= 2) {
            next = std::min(next, cal.add_working_minutes(now, left / 2));
        }
    }
    const Timestamp rounded = whole_minute(next);
    return rounded > now ? rounded : next;
}

CheckResult record_check(Case& c, std::size_t index, CheckOutcome outcome, const std::string& note,
                         const Timestamp& now, const Config& config) {
    Action& a = c.actions[index];
    const std::string who = a.who ? *a.who : std::string(config.owner_of(c));
    CheckResult r;
    if (!a.checks.empty()) {
        a.checks.erase(a.checks.begin());  // the earliest check is the one being done now
    }
    // …and it answers every other check that was already due.
    std::erase_if(a.checks, [&](const Timestamp& t) { return t <= now; });
    std::string name;
    switch (outcome) {
    case CheckOutcome::done:
        name = "done";
        a.done = now;
        a.checks.clear();
        a.stalled.reset();
        break;
    case CheckOutcome::on_track:
        name = "on-track";
        a.stalled.reset();
        break;
    case CheckOutcome::stalled:
        name = "stalled";
        a.stalled = now;
        // A stalled action is checked again soon, whatever was planned.
        r.follow_up = follow_up_check(a, now, config);
        if (a.checks.empty() || a.checks.front() > *r.follow_up) {
            a.checks.insert(a.checks.begin(), *r.follow_up);
        } else {
            r.follow_up = a.checks.front();
        }
        break;
    }
    std::string text = fmt::format("{}: {} ({})", name, a.what, who);
    if (!note.empty()) {
        text += " — " + note;
    }
    c.add_log(now, "check", text);
    if (outcome == CheckOutcome::done) {
        c.add_log(now, "done", a.what);
    }
    return r;
}

namespace {
// fmt's "{:g}" of a number rounded to tenths, written by hand for the sizes that come up (every
// overdue action's escalation says one): below 100 000, six significant digits are exact.
void append_tenths(std::string& out, double tenths_rounded) {
    if (!(tenths_rounded >= 0 && tenths_rounded < 1e5) || std::signbit(tenths_rounded)) {
        out += fmt::format("{:g}", tenths_rounded);
        return;
    }
    const long long tenths = std::llround(tenths_rounded * 10);
    char digits[8];
    int n = 0;
    for (long long whole = tenths / 10; n == 0 || whole > 0; whole /= 10) {
        digits[n++] = static_cast<char>('0' + whole % 10);
    }
    while (n > 0) {
        out += digits[--n];
    }
    if (tenths % 10 != 0) {
        out += '.';
        out += static_cast<char>('0' + tenths % 10);
    }
}
}  // namespace

std::string describe_working_minutes(std::int64_t minutes, const WorkCalendar& calendar) {
    std::string out;
    out.reserve(24);
    append_working_minutes(out, minutes, calendar);
    return out;
}

void append_working_minutes(std::string& out, std::int64_t minutes, const WorkCalendar& calendar) {
    const double day = calendar.minutes_per_day();
    const bool days = std::llabs(minutes) >= 2LL * calendar.minutes_per_day();
    const double count = std::round(static_cast<double>(minutes) / (days ? day : 60.0) * 10) / 10;
    append_tenths(out, count);
    out += days ? " working day" : " working hour";
    if (count != 1) {
        out += 's';
    }
}

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}
}  // namespace

ActionLookup find_action(const Case& c, const std::string& typed, bool open_only) {
    const bool numeric =
        !typed.empty() &&
        std::all_of(typed.begin(), typed.end(), [](unsigned char ch) { return std::isdigit(ch); });
    if (numeric) {
        const std::size_t n = typed.size() > 6 ? 0 : std::stoul(typed);
        if (n == 0 || n > c.actions.size()) {
            return {std::nullopt, fmt::format("case {} has no action {} (it has {})", c.id, typed,
                                              c.actions.size())};
        }
        if (open_only && !c.actions[n - 1].open()) {
            return {std::nullopt, fmt::format("action {} of case {} is already done", n, c.id)};
        }
        return {n - 1, ""};
    }
    const std::string want = lower(typed);
    std::vector<std::size_t> exact, partial;
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        if (open_only && !c.actions[i].open()) {
            continue;
        }
        const std::string what = lower(c.actions[i].what);
        const std::string told = lower(customer_wording(c.actions[i]).value_or(""));
        if (what == want || told == want) {
            exact.push_back(i);
        } else if (what.find(want) != std::string::npos ||
                   (!told.empty() && told.find(want) != std::string::npos)) {
            partial.push_back(i);
        }
    }
    const auto& hits = exact.empty() ? partial : exact;
    if (hits.size() == 1) {
        return {hits.front(), ""};
    }
    if (hits.empty()) {
        return {std::nullopt, fmt::format("case {} has no open action matching '{}'", c.id, typed)};
    }
    std::vector<std::string> names;
    for (auto i : hits) {
        names.push_back(fmt::format("{}. {}", i + 1, c.actions[i].what));
    }
    return {std::nullopt,
            fmt::format("'{}' matches several actions of case {}: {}; give the number", typed, c.id,
                        fmt::join(names, "; ")),
            true};
}

PlanTarget plan_target(const Case& c, const std::string& what, bool has_due, bool remove,
                       bool add) {
    if (what.find_first_not_of(" \t\n") == std::string::npos) {
        return {PlanMode::add, std::nullopt,
                "the action is empty: say what is to be done (or give its number to re-plan it)"};
    }
    if (add) {
        return has_due ? PlanTarget{PlanMode::add, std::nullopt, "", ""}
                       : PlanTarget{PlanMode::add, std::nullopt,
                                    "--add plans a new action: give its --due WHEN", ""};
    }
    const ActionLookup existing = find_action(c, what);
    const bool numeric =
        std::all_of(what.begin(), what.end(), [](unsigned char ch) { return std::isdigit(ch); });
    if (remove) {
        return existing.index ? PlanTarget{PlanMode::remove, existing.index, "", ""}
                              : PlanTarget{PlanMode::remove, std::nullopt, existing.error, ""};
    }
    if (existing.index) {
        const Action& a = c.actions[*existing.index];
        // Words that were not the action's own text re-plan it only after saying which it was:
        // "refund --due mon" meant "Refund the second payment", not a second action.
        const bool said = numeric || a.what == what;
        return {PlanMode::replan, existing.index, "",
                said || !has_due
                    ? ""
                    : fmt::format("re-planned '{}'; --add plans a new action", a.what)};
    }
    if (numeric) {
        return {PlanMode::replan, std::nullopt, existing.error, ""};
    }
    if (existing.several) {
        return {PlanMode::replan, std::nullopt,
                fmt::format("{}, or --add to plan a new action", existing.error), ""};
    }
    if (!has_due) {
        return {PlanMode::replan, std::nullopt,
                fmt::format("{}; to add it as a new action give --due WHEN", existing.error), ""};
    }
    return {PlanMode::add, std::nullopt, "", ""};
}

void move_deadline(Case& c, const Timestamp& to, const std::string& reason, const Timestamp& now) {
    const auto from = c.deadline;
    c.deadline = to;
    c.add_log(now, "deadline",
              from ? fmt::format("moved from {} to {}: {}", from->rfc3339(), to.rfc3339(), reason)
                   : fmt::format("set to {}: {}", to.rfc3339(), reason));
    if (from) {
        c.log.back().extra.insert_or_assign("from", to_toml(*from));
    }
    c.log.back().extra.insert_or_assign("to", to_toml(to));
}

void promise_on_reopening(Case& c, const Timestamp& to, const std::string& reason,
                          const Timestamp& now) {
    const auto from = c.deadline;
    c.deadline = to;
    c.add_log(now, "deadline",
              fmt::format("promised for the reopened case: {}: {}", to.rfc3339(), reason));
    if (from) {
        c.log.back().extra.insert_or_assign("from", to_toml(*from));
    }
    c.log.back().extra.insert_or_assign("to", to_toml(to));
}

void start_wait(Case& c, const std::optional<Timestamp>& until, const std::string& note,
                const Timestamp& now) {
    c.add_log(now, "waiting", note.empty() ? "waiting on the customer" : note);
    if (until) {
        c.log.back().extra.insert_or_assign("until", to_toml(*until));
    }
}

std::string outside_working_time(const Timestamp& t, const WorkCalendar& calendar) {
    if (calendar.is_working_time(t)) {
        return "";
    }
    const LocalTime lt = to_local(t.seconds);
    const std::string why =
        !calendar.is_working_day(lt.date)
            ? (calendar.holidays().contains(lt.date) ? "a holiday" : "not a working day")
            : "outside working hours";
    // The working moment before it is what a person usually means by "by then".
    const Timestamp before = calendar.sub_working_minutes(t, 0);
    const Timestamp after = calendar.next_working_moment(t);
    return fmt::format("{} is {} (working time ends {}, starts again {})", human_time(t), why,
                       human_time(before), human_time(after));
}

HandoffEffect hand_over_case(Case& c, const std::string& from, const std::string& to,
                             const std::string& note, const Timestamp& now, const Config& config) {
    HandoffEffect effect;
    for (Action& a : c.actions) {
        if (!a.open()) {
            continue;
        }
        if (!a.who || config.people.same(*a.who, from)) {
            if (!a.who) {
                a.who = from;
                ++effect.kept;
            }
            if (a.checks.empty() && a.due > now) {
                a.checks = schedule_checks(now, a.due, config);
                effect.checks.insert(effect.checks.end(), a.checks.begin(), a.checks.end());
            }
        } else if (config.people.same(*a.who, to)) {
            a.who.reset();
            a.checks.clear();
            ++effect.taken;
        }
    }
    std::sort(effect.checks.begin(), effect.checks.end());
    c.owner = to;
    c.add_log(now, "handoff", fmt::format("{} → {}{}", from, to, note.empty() ? "" : ": " + note));
    c.log.back().extra.insert_or_assign("from", from);
    c.log.back().extra.insert_or_assign("to", to);
    return effect;
}

bool is_own(const Case& c, const Action& a, const Config& config) {
    if (!a.who) {
        return true;
    }
    if (c.owner) {
        return config.people.same(*a.who, *c.owner);
    }
    return *a.who == config.name || config.is_me(*a.who);
}

bool is_mine(const Case& c, const Action& a, const Config& config) {
    return a.who ? *a.who == config.name || config.is_me(*a.who) : config.owns(c);
}

}  // namespace owner
