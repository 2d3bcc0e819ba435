#include "domain/escalation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/language.hpp"
#include "domain/planning.hpp"

namespace owner {

// Events and languages compared as string_views: the length first, for every log entry.
using namespace std::string_view_literals;

std::optional<Timestamp> toml_timestamp(const toml::node* node) {
    if (!node || !node->is_date_time()) {
        return std::nullopt;
    }
    const toml::date_time dt = node->as_date_time()->get();
    const Date d{dt.date.year, dt.date.month, dt.date.day};
    const int minute = dt.time.hour * 60 + dt.time.minute;
    if (!dt.offset) {
        return from_local(d, minute, dt.time.second);
    }
    const int offset = dt.offset->minutes;
    return Timestamp{d.serial() * 86400 + minute * 60 + dt.time.second - offset * 60LL, offset};
}

toml::date_time to_toml(const Timestamp& t) {
    const std::int64_t local = t.seconds + t.offset_minutes * 60LL;
    const std::int64_t days = (local >= 0 ? local : local - 86399) / 86400;
    const Date d = Date::from_serial(days);
    const auto rest = static_cast<int>(local - days * 86400);
    toml::date_time dt{toml::date{d.year, d.month, d.day},
                       toml::time{static_cast<std::uint8_t>(rest / 3600),
                                  static_cast<std::uint8_t>(rest / 60 % 60),
                                  static_cast<std::uint8_t>(rest % 60)}};
    dt.offset = toml::time_offset{};
    dt.offset->minutes = static_cast<std::int16_t>(t.offset_minutes);
    return dt;
}

std::optional<Timestamp> last_escalation(const Case& c) {
    std::optional<Timestamp> last;
    for (const auto& e : c.log) {
        if (e.event == "escalated"sv && (!last || e.at > *last)) {
            last = e.at;
        }
    }
    return last;
}

std::string_view escalated_to(const LogEntry& e) {
    if (e.event != "escalated"sv) {
        return {};  // a handoff has a `to` too
    }
    if (const auto* to = e.extra.get_as<std::string>("to")) {
        return to->get();
    }
    const std::string_view text = e.text;
    if (!text.starts_with("to ")) {
        return {};
    }
    const std::size_t colon = text.find(": ");
    return text.substr(3, colon == std::string_view::npos ? std::string_view::npos : colon - 3);
}

std::string_view escalated_reason(const LogEntry& e) {
    const std::string_view text = e.text;
    const std::size_t colon = text.find(": ");
    return colon == std::string_view::npos ? std::string_view() : text.substr(colon + 2);
}

namespace {

// The name a handoff entry gives under `key` ("from", "to"); empty for any other entry.
std::string_view handed(const LogEntry& e, const char* key) {
    const auto* name = e.event == "handoff"sv ? e.extra.get_as<std::string>(key) : nullptr;
    return name != nullptr ? std::string_view(name->get()) : std::string_view();
}

// Who owned the case before its first handoff: that handoff's `from`, else the owner now.
std::string_view first_owner(const Case& c) {
    for (const LogEntry& e : c.log) {
        if (!handed(e, "from").empty()) {
            return handed(e, "from");
        }
    }
    return c.owner ? std::string_view(*c.owner) : std::string_view();
}

}  // namespace

std::string_view author_of(const Case& c, const LogEntry& e) {
    if (e.by) {
        return *e.by;
    }
    // An entry without `by` is by whoever owned the case when it was written.
    std::string_view owner = first_owner(c);
    for (const LogEntry& x : c.log) {
        if (&x == &e) {
            return owner;
        }
        if (!handed(x, "to").empty()) {
            owner = handed(x, "to");
        }
    }
    return c.owner ? std::string_view(*c.owner) : std::string_view();
}

std::vector<std::size_t> unanswered_escalations(const Case& c, const Roster& people) {
    std::vector<std::size_t> open;
    // An entry without `by` is by whoever owned the case when it was written (as author_of
    // says, worked out along the log once).
    std::string_view owner = first_owner(c);
    for (std::size_t i = 0; i < c.log.size(); ++i) {
        const LogEntry& e = c.log[i];
        const std::string_view author = e.by ? std::string_view(*e.by) : owner;
        if (!handed(e, "to").empty()) {
            owner = handed(e, "to");
        }
        if (open.empty() && e.event != "escalated"sv) {
            continue;  // most cases: no escalation at all
        }
        if (e.event == kEscalationResolved) {
            open.clear();
            continue;
        }
        // Whatever its contact records on the case answers an escalation.
        if (!author.empty()) {
            std::erase_if(
                open, [&](std::size_t j) { return people.same(escalated_to(c.log[j]), author); });
        }
        if (e.event == "escalated"sv) {
            const std::string_view to = escalated_to(e);
            if (to.empty()) {
                continue;
            }
            std::erase_if(open,
                          [&](std::size_t j) { return people.same(escalated_to(c.log[j]), to); });
            open.push_back(i);
        }
    }
    return open;
}

bool escalated_to_me(const Case& c, const Config& config) {
    for (const std::size_t i : unanswered_escalations(c, config.people)) {
        if (config.is_me(escalated_to(c.log[i]))) {
            return true;
        }
    }
    return false;
}

bool is_customer_contact(const std::string& event) {
    return event == "told"sv || event == "customer"sv;
}

std::optional<WaitState> waiting_on_customer(const Case& c) {
    std::optional<WaitState> state;
    for (const auto& e : c.log) {
        if (e.event == "waiting"sv) {
            state = WaitState{e.at, toml_timestamp(e.extra.get("until")), e.text};
        } else if (state && (is_customer_contact(e.event) || e.event == "wait ended"sv ||
                             e.event == "reopened"sv || e.event == "closed"sv)) {
            state.reset();
        }
    }
    return state;
}

bool gives_solution(const LogEntry& e) {
    if (e.event != "told"sv) {
        return false;
    }
    const auto* solution = e.extra.get_as<bool>("solution");
    return solution != nullptr && solution->get();
}

bool ends_acceptance(const std::string& event) {
    return event == "customer"sv || event == "planned"sv || event == "handed over"sv ||
           event == "reopened"sv || event == "closed"sv;
}

std::optional<Timestamp> awaiting_acceptance(const Case& c) {
    std::optional<Timestamp> since;
    for (const auto& e : c.log) {
        if (gives_solution(e)) {
            since = e.at;
        } else if (since && ends_acceptance(e.event)) {
            since.reset();
        }
    }
    if (since &&
        std::any_of(c.actions.begin(), c.actions.end(), [](const Action& a) { return a.open(); })) {
        return std::nullopt;  // an action open again (a merge, a hand edit): work goes on
    }
    return since;
}

Timestamp acceptance_ask_from(const Timestamp& solution, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    return cal.add_working_minutes(
        solution, static_cast<std::int64_t>(config.update_acceptance_days) * cal.minutes_per_day());
}

bool paused(const Case& c, const Timestamp& now) {
    const auto w = waiting_on_customer(c);
    return w && (!w->until || now < *w->until);
}

namespace {

// Log events that show the case moving: after an escalation they restart the repeat clock.
bool is_progress(const std::string& event) {
    return event == "done"sv || event == "check"sv || event == "planned"sv ||
           event == "handed over"sv || event == "replanned"sv || event == "deadline"sv ||
           event == "told"sv || event == "customer"sv;
}

// Appends the pieces, growing `out` once: escalations are written for thousands of actions on
// every `today`, and fmt costs several times as much for the same bytes.
void append(std::string& out, std::initializer_list<std::string_view> parts) {
    std::size_t size = out.size();
    for (const std::string_view part : parts) {
        size += part.size();
    }
    std::size_t at = out.size();
    out.resize(size);  // no allocation in a buffer used again
    for (const std::string_view part : parts) {
        std::memcpy(out.data() + at, part.data(), part.size());
        at += part.size();
    }
}

std::string concat(std::initializer_list<std::string_view> parts) {
    std::string out;
    append(out, parts);
    return out;
}

// A text with "{}" fields, split at them when compiled: the rules' lines are written for
// thousands of actions on every `today`.
struct Pattern {
    std::string_view whole;
    std::array<std::string_view, 4> pieces{};  // before each field, and after the last
    std::size_t fields = 0;

    template <std::size_t N> consteval Pattern(const char (&text)[N]) : whole(text, N - 1) {
        std::size_t start = 0;
        for (std::size_t i = 0; i + 1 < whole.size(); ++i) {
            if (whole[i] == '{' && whole[i + 1] == '}') {
                pieces.at(fields++) = whole.substr(start, i - start);
                start = ++i + 1;
            }
        }
        pieces.at(fields) = whole.substr(start);
    }
};

// Appends `pattern` with its fields filled in by `args` in turn, growing `out` once.
void fill(std::string& out, const Pattern& pattern, std::initializer_list<std::string_view> args) {
    std::size_t size = out.size();
    for (std::size_t i = 0; i <= pattern.fields; ++i) {
        size += pattern.pieces[i].size();
    }
    for (const std::string_view arg : args) {
        size += arg.size();
    }
    std::size_t at = out.size();
    out.resize(size);  // no allocation in a buffer used again
    const auto put = [&](std::string_view part) {
        std::memcpy(out.data() + at, part.data(), part.size());
        at += part.size();
    };
    const std::string_view* arg = args.begin();
    for (std::size_t i = 0; i < pattern.fields; ++i) {
        put(pattern.pieces[i]);
        if (arg != args.end()) {
            put(*arg++);
        }
    }
    put(pattern.pieces[pattern.fields]);
    out.resize(at);
}

// The reasons of the rules (for the message to the escalation contact, and for `today` and
// `remind` in another language) are in the catalogue, a column per language (reason_*); the line
// of `today` and `escalate` (JSON's `what`) is English, written here beside its rule.

// A length of working time in words: "3 working hours", "2,5 werkdagen" (from two working days
// on, in days), to a tenth.
std::string working_time(std::int64_t minutes, const WorkCalendar& cal, std::string_view lang) {
    const double day = cal.minutes_per_day();
    const bool days = std::llabs(minutes) >= 2LL * cal.minutes_per_day();
    const double n = std::round(static_cast<double>(minutes) / (days ? day : 60.0) * 10) / 10;
    std::string number = fmt::format("{:g}", n);
    std::replace(number.begin(), number.end(), '.', kLanguages[column_of(lang)].decimal_mark);
    const Text unit = days ? (n == 1 ? Text::working_days_one : Text::working_days_many)
                           : (n == 1 ? Text::working_hours_one : Text::working_hours_many);
    std::string out;
    say_to(out, unit, lang, {number});
    return out;
}

// "\"Refund\"" in the language's quotation marks.
std::string quoted(std::string_view s, std::string_view lang) {
    std::string out;
    say_to(out, Text::msg_quoted, lang, {s});
    return out;
}

// A reason in a language, from its catalogue entry.
std::string reason(Text key, std::string_view lang, std::initializer_list<std::string_view> args) {
    std::string out;
    say_to(out, key, lang, args);
    return out;
}

// The name of who acts on an action: the colleague, else the case owner.
std::string_view who_acts(const Case& c, const Action& a, const Config& config) {
    return a.who ? std::string_view(*a.who) : config.owner_of(c);
}

// The promise at stake, which every escalation names (English, as the line).
constexpr Pattern kPromised = "promised to {} by {}";
constexpr Pattern kNotPromised = "no deadline promised to {} yet";

}  // namespace

// One case as the rules see it: the case, now, the config, the memo of due times, and the hits
// found so far. A rule asks `hit` for a hit that applies since a moment and writes its texts.
class RuleCase {
  public:
    // With `answered` false the escalations recorded answer nothing: every rule that applies
    // hits (promise_at_risk).
    RuleCase(const Case& the_case, const Timestamp& the_now, const Config& the_config,
             DueTimes& memo, EscalationScan& scan, bool answered = true)
        : c(the_case), now(the_now), config(the_config), due(memo), m_scan(scan),
          m_answered(answered ? last_escalation(the_case) : std::nullopt) {
        // After an escalation, the rules it answered come back only after repeat_after_hours of
        // working time with no progress on the case.
        if (m_answered) {
            Timestamp base = *m_answered;
            for (const auto& e : c.log) {
                if (e.at > base && is_progress(e.event)) {
                    base = e.at;
                }
            }
            m_repeat_at = config.calendar.add_working_minutes(
                base, config.escalation.repeat_after_hours * 60LL);
        }
    }

    const Case& c;
    const Timestamp& now;
    const Config& config;
    DueTimes& due;

    // The hit for a rule that applies since `since`, its texts empty to be written; nullptr when
    // it does not apply now (answered by an escalation, and not back yet).
    EscalationHit* hit(std::string_view rule, Timestamp since, std::optional<std::size_t> action) {
        const Timestamp began = since;
        const bool repeated = m_answered && since <= *m_answered;
        if (repeated) {
            since = *m_repeat_at;
        }
        if (since > now) {
            return nullptr;
        }
        std::vector<EscalationHit>& hits = m_scan.m_hits;
        if (m_scan.m_count == hits.size()) {
            hits.emplace_back();
        }
        EscalationHit& h = hits[m_scan.m_count++];
        h.rule.assign(rule);
        h.detail.clear();
        h.since = since;
        h.promise.clear();
        h.action = action;
        h.repeated = repeated;
        h.began = began;
        return &h;
    }

    // The case's deadline from the memo (it has one).
    DueTimes::Deadline& deadline() {
        if (m_deadline == nullptr) {
            m_deadline = &due.deadlines[c.deadline->seconds];
        }
        return *m_deadline;
    }
    // The deadline in words, "Wed 25 Nov 17:00".
    const std::string& deadline_text() {
        DueTimes::Deadline& d = deadline();
        if (d.text.empty()) {
            append_human_time(d.text, *c.deadline);
        }
        return d.text;
    }
    // The promise at stake, written once per case: only for a hit (this runs for every open case
    // on every `today`).
    const std::string& promise() {
        if (!m_have_promise) {
            std::string& out = m_scan.m_promise;
            out.clear();
            if (c.deadline) {
                fill(out, kPromised, {c.customer, deadline_text()});
            } else {
                fill(out, kNotPromised, {c.customer});
            }
            m_have_promise = true;
        }
        return m_scan.m_promise;
    }
    // A buffer a rule may write its texts in before it knows whether it hits.
    std::string& scratch() { return m_scan.m_detail; }

  private:
    EscalationScan& m_scan;
    std::optional<Timestamp> m_answered;   // the last escalation
    std::optional<Timestamp> m_repeat_at;  // when what it answered comes back
    DueTimes::Deadline* m_deadline = nullptr;
    bool m_have_promise = false;
};

namespace {

// ---- stalled: a check found an open action stalled ([escalation] on_stalled). Since the check.
constexpr Pattern kStalledLine = "a check found '{}' ({}) stalled";

void stalled_rule(RuleCase& k) {
    if (!k.config.escalation.on_stalled) {
        return;
    }
    for (std::size_t i = 0; i < k.c.actions.size(); ++i) {
        const Action& a = k.c.actions[i];
        if (a.open() && a.stalled) {
            if (EscalationHit* h = k.hit("stalled", *a.stalled, i)) {
                fill(h->detail, kStalledLine, {a.what, who_acts(k.c, a, k.config)});
                h->promise = k.promise();
            }
        }
    }
}

std::string stalled_reason(const Case& c, std::optional<std::size_t> action, const Timestamp&,
                           const Config& config, std::string_view lang) {
    if (!action || *action >= c.actions.size()) {
        return "";
    }
    const Action& a = c.actions[*action];
    return reason(Text::reason_stalled, lang, {quoted(a.what, lang), who_acts(c, a, config)});
}

// ---- overdue: an open action past its due time by overdue_hours of working time. Since then.
constexpr Pattern kOverdueLine = "'{}' ({}) is overdue by {}";

void overdue_rule(RuleCase& k) {
    const WorkCalendar& cal = k.config.calendar;
    const std::int64_t minutes = k.config.escalation.overdue_hours * 60LL;
    for (std::size_t i = 0; i < k.c.actions.size(); ++i) {
        const Action& a = k.c.actions[i];
        if (!a.open() || !(a.due < k.now)) {
            continue;
        }
        DueTimes::Due& due = k.due.dues[a.due.seconds];
        if (due.overdue_minutes != minutes) {
            due.overdue_minutes = minutes;
            due.overdue_from = cal.add_working_minutes(a.due, minutes);
        }
        if (due.overdue_from > k.now) {
            continue;
        }
        if (EscalationHit* h = k.hit("overdue", due.overdue_from, i)) {
            if (due.late_at != k.now.seconds) {
                due.late.clear();
                append_working_minutes(due.late, cal.working_minutes_between(a.due, k.now), cal);
                due.late_at = k.now.seconds;
            }
            fill(h->detail, kOverdueLine, {a.what, who_acts(k.c, a, k.config), due.late});
            h->promise = k.promise();
        }
    }
}

std::string overdue_reason(const Case& c, std::optional<std::size_t> action, const Timestamp& now,
                           const Config& config, std::string_view lang) {
    if (!action || *action >= c.actions.size()) {
        return "";
    }
    const Action& a = c.actions[*action];
    const std::string late =
        working_time(config.calendar.working_minutes_between(a.due, now), config.calendar, lang);
    return reason(Text::reason_overdue, lang, {quoted(a.what, lang), who_acts(c, a, config), late});
}

// ---- deadline: the promised deadline is within deadline_hours of working time, or passed, and
// something stands in its way. Since the later of the two.
constexpr Pattern kDeadlineHead = "the deadline promised to {} ({}) ";
constexpr Pattern kDeadlinePassed = "passed";
constexpr Pattern kDeadlineAway = "is {} away";
constexpr Pattern kDueAfter = "'{}' ({}) is due after it";
constexpr Pattern kActionOverdue = "'{}' ({}) is overdue";
constexpr Pattern kActionStalled = "'{}' ({}) is stalled";
constexpr Pattern kCheckUnanswered = "the check on '{}' ({}) is not answered";
constexpr Pattern kNotTold = "the work is done but the customer was not told";
constexpr Pattern kNothingPlanned = "no next step is planned";

void deadline_rule(RuleCase& k) {
    const Case& c = k.c;
    const Timestamp& now = k.now;
    // Awaiting acceptance, the promise was kept when the solution was given: no deadline signal.
    if (!c.deadline || awaiting_acceptance(c)) {
        return;
    }
    const WorkCalendar& cal = k.config.calendar;
    DueTimes::Deadline& memo = k.deadline();
    if (memo.window_minutes != k.config.escalation.deadline_hours * 60LL) {
        memo.window_minutes = k.config.escalation.deadline_hours * 60LL;
        memo.window = cal.sub_working_minutes(*c.deadline, memo.window_minutes);
    }
    const Timestamp window = memo.window;
    if (window > now) {
        return;
    }
    // What stands in the way of the deadline: the earliest since when, and the reasons, written
    // after the head: "the deadline promised to C (Wed 25 Nov 17:00) is 3 working hours away:
    // reason; …".
    std::string& detail = k.scratch();
    detail.clear();
    fill(detail, kDeadlineHead, {c.customer, k.deadline_text()});
    if (*c.deadline < now) {
        detail += kDeadlinePassed.whole;
    } else {  // "is {} away", the working time written straight into it
        detail += kDeadlineAway.pieces[0];
        append_working_minutes(detail, cal.working_minutes_between(now, *c.deadline), cal);
        detail += kDeadlineAway.pieces[1];
    }
    detail += ": ";
    std::size_t obstacles = 0;
    Timestamp first_obstacle;
    const auto obstacle = [&](const Timestamp& since, const Pattern& text,
                              std::initializer_list<std::string_view> args) {
        first_obstacle = obstacles == 0 ? since : std::min(first_obstacle, since);
        if (obstacles++ > 0) {
            detail += "; ";
        }
        fill(detail, text, args);
    };
    std::size_t open_count = 0;
    std::optional<Timestamp> last_done;
    for (const Action& a : c.actions) {
        if (!a.open()) {
            if (a.done && (!last_done || *a.done > *last_done)) {
                last_done = a.done;
            }
            continue;
        }
        ++open_count;
        const std::string_view who = who_acts(c, a, k.config);
        if (*c.deadline < a.due) {
            obstacle(window, kDueAfter, {a.what, who});
        } else if (a.due < now) {
            obstacle(a.due, kActionOverdue, {a.what, who});
        }
        if (a.stalled) {
            obstacle(*a.stalled, kActionStalled, {a.what, who});
        } else if (!a.checks.empty() && a.checks.front() < now) {
            obstacle(a.checks.front(), kCheckUnanswered, {a.what, who});
        }
    }
    // With every action done and the customer told since, the case waits for their acceptance:
    // nothing stands in the way. With nothing planned, or work done and not yet told, it does.
    const bool told_since_done =
        last_done && c.last_update_to_customer && *c.last_update_to_customer >= *last_done;
    if (open_count == 0 && !told_since_done) {
        obstacle(last_done.value_or(c.opened), last_done ? kNotTold : kNothingPlanned, {});
    }
    if (obstacles > 0) {
        if (EscalationHit* h = k.hit("deadline", std::max(window, first_obstacle), std::nullopt)) {
            h->detail = detail;
        }
    }
}

std::string deadline_reason(const Case& c, std::optional<std::size_t>, const Timestamp& now,
                            const Config& config, std::string_view lang) {
    if (!c.deadline) {
        return "";
    }
    const std::size_t open = c.open_actions().size();
    const std::string count = std::to_string(open);
    if (open == 0) {
        // What stands in the way is not an open action: the news not given, or no next step.
        const bool done = std::any_of(c.actions.begin(), c.actions.end(),
                                      [](const Action& a) { return a.done.has_value(); });
        const std::string why =
            reason(done ? Text::reason_not_told : Text::reason_nothing_planned, lang, {});
        if (*c.deadline < now) {
            return reason(Text::reason_passed_idle, lang, {why});
        }
        const std::string left = working_time(
            config.calendar.working_minutes_between(now, *c.deadline), config.calendar, lang);
        return reason(Text::reason_away_idle, lang, {left, why});
    }
    if (*c.deadline < now) {
        return reason(open == 1 ? Text::reason_passed_one : Text::reason_passed_many, lang,
                      {count});
    }
    const std::string left = working_time(config.calendar.working_minutes_between(now, *c.deadline),
                                          config.calendar, lang);
    return reason(open == 1 ? Text::reason_away_one : Text::reason_away_many, lang, {left, count});
}

constexpr EscalationRule kRules[] = {
    {"stalled", false, stalled_rule, stalled_reason},
    {"overdue", false, overdue_rule, overdue_reason},
    {"deadline", false, deadline_rule, deadline_reason},
};

}  // namespace

std::span<const EscalationRule> escalation_rules() {
    return kRules;
}

std::string escalation_reason(const Case& c, std::string_view rule,
                              std::optional<std::size_t> action, const Timestamp& now,
                              const Config& config, std::string_view lang) {
    for (const EscalationRule& r : kRules) {
        if (r.name == rule) {
            return r.reason(c, action, now, config, lang);
        }
    }
    return "";
}

std::vector<EscalationHit> escalations_due(const Case& c, const Timestamp& now,
                                           const Config& config) {
    EscalationScan scan;
    DueTimes due;
    scan(c, now, config, !c.is_closed() && paused(c, now), due);
    return scan.take();
}

std::optional<EscalationHit> promise_at_risk(const Case& c, const Timestamp& now,
                                             const Config& config, DueTimes& due) {
    if (c.is_closed() || paused(c, now)) {
        return std::nullopt;
    }
    EscalationScan scan;
    RuleCase k(c, now, config, due, scan, /*answered=*/false);
    deadline_rule(k);
    std::vector<EscalationHit> hits = scan.take();
    if (hits.empty()) {
        return std::nullopt;
    }
    return std::move(hits.front());
}

std::vector<EscalationHit> EscalationScan::take() {
    m_hits.resize(m_count);
    m_count = 0;
    return std::move(m_hits);
}

std::span<const EscalationHit> EscalationScan::operator()(const Case& c, const Timestamp& now,
                                                          const Config& config, bool paused,
                                                          DueTimes& due) {
    m_count = 0;
    if (c.is_closed()) {
        return {};
    }
    RuleCase k(c, now, config, due, *this);
    for (const EscalationRule& rule : kRules) {
        if (!paused || rule.while_waiting) {
            rule.find(k);
        }
    }
    // An action's hits together, in the order of the rules, the case's own last.
    const auto place = [](const EscalationHit& h) {
        return h.action.value_or(std::numeric_limits<std::size_t>::max());
    };
    for (std::size_t i = 1; i < m_count; ++i) {
        for (std::size_t j = i; j > 0 && place(m_hits[j]) < place(m_hits[j - 1]); --j) {
            std::swap(m_hits[j - 1], m_hits[j]);
        }
    }
    return {m_hits.data(), m_count};
}

std::string escalation_line(const EscalationHit& hit) {
    return hit.promise.empty() ? hit.detail : concat({hit.detail, "; ", hit.promise});
}

const std::string& escalation_contact(const Case& c, const Config& config) {
    for (const auto& tag : c.tags) {
        if (auto it = config.escalation.tags.find(tag); it != config.escalation.tags.end()) {
            return it->second;
        }
    }
    return config.escalation.to;
}

Timestamp last_heard(const Case& c) {
    return c.last_update_to_customer.value_or(c.opened);
}

Timestamp update_owed_from(const Case& c, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    if (!c.last_update_to_customer) {
        return cal.add_working_minutes(c.opened, config.first_update_minutes());
    }
    return cal.add_working_minutes(*c.last_update_to_customer,
                                   static_cast<std::int64_t>(config.update_every_days) *
                                       cal.minutes_per_day());
}

bool update_owed(const Case& c, const Timestamp& now, const Config& config) {
    if (c.is_closed() || paused(c, now) || awaiting_acceptance(c)) {
        return false;
    }
    return update_owed_from(c, config) <= now;
}

}  // namespace owner
