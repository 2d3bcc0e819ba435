#include "domain/views.hpp"

#include "domain/catalogue.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "domain/escalation.hpp"
#include "domain/memo.hpp"
#include "domain/messages.hpp"
#include "domain/planning.hpp"
#include "domain/urgency.hpp"

namespace owner {

// Events and languages compared as string_views: the length first, for every log entry.
using namespace std::string_view_literals;

std::string_view to_string(ItemKind k) {
    // In the order of the enum; the names are the JSON `kind`s (README "JSON").
    static constexpr std::array<std::string_view, 14> kNames = {
        "action",       "check",  "deadline",  "escalation", "update_owed",
        "no_next_step", "review", "waiting",   "acceptance", "asked",
        "report",       "handed", "escalated", "callback"};
    static_assert(static_cast<std::size_t>(ItemKind::callback) + 1 == kNames.size());
    return kNames.at(static_cast<std::size_t>(k));
}

std::string_view to_string(SectionKey k) {
    switch (k) {
    case SectionKey::overdue:
        return "overdue";
    case SectionKey::today:
        return "today";
    case SectionKey::checks:
        return "checks";
    case SectionKey::escalations:
        return "escalations";
    case SectionKey::updates:
        return "updates";
    case SectionKey::waiting:
        return "waiting";
    case SectionKey::acceptance:
        return "acceptance";
    case SectionKey::deadlines:
        return "deadlines";
    case SectionKey::no_next_step:
        return "no_next_step";
    case SectionKey::review:
        return "review";
    case SectionKey::asked:
        return "asked";
    case SectionKey::reported:
        return "reported";
    case SectionKey::handed:
        return "handed";
    case SectionKey::escalated:
        return "escalated";
    case SectionKey::callbacks:
        return "callbacks";
    }
    return "overdue";
}

namespace {

// The colleague an action is handed to, or the case's owner: a view of the case's text or the
// config's.
std::string_view who_acts(const Case& c, const Action& a, const Config& config) {
    return a.who ? std::string_view(*a.who) : config.owner_of(c);
}

Item action_item(const Case& c, std::size_t ci, std::size_t ai, const Config& config,
                 double urgency) {
    const Action& a = c.actions[ai];
    return Item{ItemKind::action, ci, ai, a.due, a.what, who_acts(c, a, config), urgency};
}

// items.push_back(Item{kind, …, urgency}), but built in place. (Field by field: clang 14
// cannot emplace_back an aggregate from its fields.) The texts must outlive the view: the cases'
// own, the config's, constants, or the view's ViewTexts.
void add_item(std::vector<Item>& items, ItemKind kind, std::size_t case_index,
              std::optional<std::size_t> action_index, std::optional<Timestamp> when,
              std::string_view what, std::string_view who, double urgency) {
    Item& item = items.emplace_back();
    item.kind = kind;
    item.case_index = case_index;
    item.action_index = action_index;
    item.when = when;
    item.what = what;
    item.who = who;
    item.urgency = urgency;
}

// std::stable_sort on the items themselves, but moving each item once: a team's store gives
// thousands of items, and an item (120 bytes) is dearer to move in every merge step than its index.
template <typename Less> void stable_sort_items(std::vector<Item>& items, Less less) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return less(items[a], items[b]); });
    std::vector<Item> sorted;
    sorted.reserve(items.size());
    for (const std::size_t i : order) {
        sorted.push_back(std::move(items[i]));
    }
    items = std::move(sorted);
}

// Most urgent case first; within a case, earliest first.
void sort_items(std::vector<Item>& items) {
    stable_sort_items(items, [](const Item& a, const Item& b) {
        if (a.urgency != b.urgency) {
            return a.urgency > b.urgency;
        }
        if (a.case_index != b.case_index) {
            return a.case_index < b.case_index;
        }
        return a.when.value_or(Timestamp{}) < b.when.value_or(Timestamp{});
    });
}

void sort_by_time(std::vector<Item>& items) {
    stable_sort_items(items, [](const Item& a, const Item& b) {
        if (a.when.value_or(Timestamp{}) != b.when.value_or(Timestamp{})) {
            return a.when.value_or(Timestamp{}) < b.when.value_or(Timestamp{});
        }
        return a.urgency > b.urgency;
    });
}

std::vector<double> urgencies(const std::vector<Case>& cases, const Timestamp& now,
                              const Config& config) {
    std::vector<double> out;
    out.reserve(cases.size());
    for (const auto& c : cases) {
        out.push_back(urgency_score(c, now, config));
    }
    return out;
}

// The case indexes in the order sort_items puts their items: most urgent first, then by index.
std::vector<std::size_t> by_urgency(const std::vector<double>& urgency) {
    std::vector<std::size_t> order(urgency.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return urgency[a] > urgency[b]; });
    return order;
}

// The start of a day and the working minutes from then to now, by date: cases share the days
// their priority was reviewed (or they were opened). For one now and calendar.
struct Reviewed {
    bool known = false;
    Timestamp from;          // cal.start_of_day(date)
    std::int64_t since = 0;  // cal.working_minutes_between(from, now)
};
using ReviewMemo = SlotMemo<Reviewed, 509>;

// Sorts items[from, end) by time, keeping the order of equal times: the few items one case
// adds to a section.
void sort_case_items(std::vector<Item>& items, std::size_t from) {
    const auto when = [&](std::size_t i) { return items[i].when.value_or(Timestamp{}); };
    for (std::size_t i = from + 1; i < items.size(); ++i) {
        for (std::size_t j = i; j > from && when(j) < when(j - 1); --j) {
            std::swap(items[j - 1], items[j]);
        }
    }
}

// What the sections of `today` share while they look at the open cases one by one.
struct TodayScan {
    const Timestamp& now;
    const Config& config;
    Timestamp end_of_today;
    Timestamp end_of_soon;  // of the deadlines section's days
    ViewTexts& texts;
    EscalationScan escalations{};
    DueTimes due{};  // the escalation rules' memo, for this config and now
    ReviewMemo reviews{};
};

// One open case, as the sections see it.
struct OpenCase {
    const Case& c;
    std::size_t index;
    double urgency;
    std::optional<Timestamp> solution;  // awaiting acceptance since: no deadline signals
    bool waits = false;                 // under `owner wait`: no next step owed
};

Section section(SectionKey key, Text title, std::string_view lang) {
    return Section{key, std::string(say(title, lang)), {}};
}

// A call-back planned for the runner: under "Call-backs", whoever's case it is.
bool my_callback(const Action& a, const Config& config) {
    return a.is_callback() && a.who && config.is_me(*a.who);
}

// Overdue: the promised deadline passed, actions past their due time.
void add_overdue(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    const Case& c = k.c;
    if (c.deadline && *c.deadline < t.now && !k.solution) {
        add_item(items, ItemKind::deadline, k.index, std::nullopt, c.deadline,
                 "promised deadline"sv, c.customer, k.urgency);
    }
    for (std::size_t ai = 0; ai < c.actions.size(); ++ai) {
        const Action& a = c.actions[ai];
        if (a.open() && a.due < t.now && !my_callback(a, t.config)) {
            add_item(items, ItemKind::action, k.index, ai, a.due, a.what,
                     who_acts(k.c, a, t.config), k.urgency);
        }
    }
}

// For today: the owner's own actions due later today.
void add_today(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    for (std::size_t ai = 0; ai < k.c.actions.size(); ++ai) {
        const Action& a = k.c.actions[ai];
        if (a.open() && a.due >= t.now && a.due < t.end_of_today && is_own(k.c, a, t.config) &&
            !my_callback(a, t.config)) {
            add_item(items, ItemKind::action, k.index, ai, a.due, a.what,
                     who_acts(k.c, a, t.config), k.urgency);
        }
    }
}

// Checks due: one line per open action, the first of its checks still to do that is due by
// tonight.
void add_checks(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    for (std::size_t ai = 0; ai < k.c.actions.size(); ++ai) {
        const Action& a = k.c.actions[ai];
        if (!a.open()) {
            continue;
        }
        for (const Timestamp& when : a.checks) {
            if (when < t.end_of_today) {
                add_item(items, ItemKind::check, k.index, ai, when, a.what,
                         who_acts(k.c, a, t.config), k.urgency);
                break;
            }
        }
    }
}

// Escalations due: the rules' hits, to the case's contact.
void add_escalations(std::vector<Item>& items, const OpenCase& k, TodayScan& t, bool waits) {
    const std::string& lang = t.config.language;
    for (const EscalationHit& hit : t.escalations(k.c, t.now, t.config, waits, t.due)) {
        Item& item = items.emplace_back();
        item.kind = ItemKind::escalation;
        item.case_index = k.index;
        item.action_index = hit.action;
        item.when = hit.since;
        item.what = t.texts.keep(escalation_line(hit));
        item.who = escalation_contact(k.c, t.config);
        item.urgency = k.urgency;
        // In another language, the rule's reason as the escalation draft gives it (as remind).
        if (lang != kBaseLanguage) {
            item.told =
                t.texts.keep(escalation_reason(k.c, hit.rule, hit.action, t.now, t.config, lang));
        }
    }
}

// Updates owed: the customer last heard from the owner too long ago; not when the wait on them
// has run out (one cause: that item asks to ask again).
void add_updates(std::vector<Item>& items, const OpenCase& k, const TodayScan& t, bool waited_out) {
    if (!waited_out && update_owed(k.c, t.now, t.config)) {
        add_item(items, ItemKind::update_owed, k.index, std::nullopt, last_heard(k.c),
                 "last heard from you"sv, k.c.customer, k.urgency);
    }
}

// Waited long enough: a wait on the customer whose date has come. True when it adds one. Not
// while the case awaits acceptance: the ask for the yes is that case's one item.
bool add_waiting(std::vector<Item>& items, const OpenCase& k, const TodayScan& t,
                 const std::optional<WaitState>& wait) {
    if (wait && wait->until && *wait->until <= t.now && !k.solution) {
        add_item(items, ItemKind::waiting, k.index, std::nullopt, wait->until, wait->note,
                 k.c.customer, k.urgency);
        return true;
    }
    return false;
}

// Awaiting acceptance: the solution given, since when; `what` says whether it is time to ask.
void add_acceptance(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    if (!k.solution) {
        return;
    }
    const bool ask = acceptance_ask_from(*k.solution, t.config) <= t.now;
    add_item(items, ItemKind::acceptance, k.index, std::nullopt, k.solution,
             ask ? kAskForTheirYes : "awaiting their yes"sv, k.c.customer, k.urgency);
}

// Deadlines near: promised within the next soon_days working days (none awaiting acceptance).
void add_deadlines(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    const Case& c = k.c;
    if (c.deadline && *c.deadline >= t.now && *c.deadline < t.end_of_soon && !k.solution) {
        add_item(items, ItemKind::deadline, k.index, std::nullopt, c.deadline,
                 "promised deadline"sv, c.customer, k.urgency);
    }
}

// No next step: no open action, and none owed (not while it waits on the customer, nor while it
// awaits acceptance).
void add_no_next_step(std::vector<Item>& items, const OpenCase& k) {
    if (!k.waits && !k.solution &&
        std::none_of(k.c.actions.begin(), k.c.actions.end(),
                     [](const Action& a) { return a.open(); })) {
        add_item(items, ItemKind::no_next_step, k.index, std::nullopt, std::nullopt,
                 "no open action: plan the next step"sv, std::string_view(), k.urgency);
    }
}

// Review: the priority not reviewed for review_days working days (not while the case awaits
// acceptance: the work is done).
void add_review(std::vector<Item>& items, const OpenCase& k, TodayScan& t) {
    const Case& c = k.c;
    if (k.solution) {
        return;
    }
    const WorkCalendar& cal = t.config.calendar;
    const Date reviewed =
        c.priority_reviewed ? *c.priority_reviewed : to_local(c.opened.seconds).date;
    Reviewed& r = t.reviews[reviewed.serial()];
    if (!r.known) {
        r.known = true;
        r.from = cal.start_of_day(reviewed);
        r.since = cal.working_minutes_between(r.from, t.now);
    }
    if (r.since < static_cast<std::int64_t>(t.config.review_days) * cal.minutes_per_day()) {
        return;
    }
    // "priority P not reviewed since DATE", in memory of its size.
    const std::string_view priority = to_string(c.priority);
    const std::string date = reviewed.iso();
    std::string what;
    what.reserve(29 + priority.size() + date.size());
    what += "priority ";
    what += priority;
    what += " not reviewed since ";
    what += date;
    add_item(items, ItemKind::review, k.index, std::nullopt, r.from, t.texts.keep(std::move(what)),
             std::string_view(), k.urgency);
}

// Asked of you: the open actions of another person's case that are yours.
void add_asked(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    for (std::size_t ai = 0; ai < k.c.actions.size(); ++ai) {
        const Action& a = k.c.actions[ai];
        if (a.open() && a.who && t.config.is_me(*a.who) && !a.is_callback()) {
            add_item(items, ItemKind::asked, k.index, ai, a.due, a.what, t.config.owner_of(k.c),
                     k.urgency);
        }
    }
}

// Call-backs: the open call-backs planned for you, in any case (the customer to call, whose
// case it is, by when).
void add_callbacks(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    for (std::size_t ai = 0; ai < k.c.actions.size(); ++ai) {
        const Action& a = k.c.actions[ai];
        if (a.open() && my_callback(a, t.config)) {
            add_item(items, ItemKind::callback, k.index, ai, a.due, a.what, t.config.owner_of(k.c),
                     k.urgency);
        }
    }
}

// Escalated to you: each escalation to you that you have not answered on the case (nor its
// owner resolved), with its reason, since it was recorded. Not your own escalations.
void add_escalated(std::vector<Item>& items, const OpenCase& k, const TodayScan& t) {
    if (!t.config.team) {
        return;  // a store of one person: escalations go out by mail, as before
    }
    for (const std::size_t i : unanswered_escalations(k.c, t.config.people)) {
        const LogEntry& e = k.c.log[i];
        if (e.at <= t.now && t.config.is_me(escalated_to(e)) &&
            !t.config.is_me(author_of(k.c, e))) {
            add_item(items, ItemKind::escalated, k.index, std::nullopt, e.at, escalated_reason(e),
                     t.config.owner_of(k.c), k.urgency);
        }
    }
}

// Reported by colleagues: the entries others wrote in your case since `since` (from the log: no
// state, so `today` stays a reader). A check that found the action done logs "done" beside it:
// said once.
void add_reported(std::vector<Item>& items, const OpenCase& k, const TodayScan& t,
                  const Timestamp& since) {
    const std::vector<LogEntry>& log = k.c.log;
    for (std::size_t i = log.size(); i-- > 0 && log[i].at >= since;) {
        const LogEntry& e = log[i];
        if (e.event == "handoff"sv) {
            continue;  // said under "Handed to you"
        }
        if (!e.by || e.at > t.now || t.config.is_me(*e.by)) {
            continue;
        }
        if (e.event == "done"sv && i > 0 && log[i - 1].event == "check"sv &&
            log[i - 1].at == e.at && log[i - 1].by == e.by) {
            continue;
        }
        add_item(items, ItemKind::report, k.index, std::nullopt, e.at, e.text, *e.by, k.urgency);
    }
}

// Handed to you: your case's last handoff, when it came since `since` from someone else (its
// `from` and `to`, beside the text, say who; the note is what follows ": ").
void add_handed(std::vector<Item>& items, const OpenCase& k, const TodayScan& t,
                const Timestamp& since) {
    const std::vector<LogEntry>& log = k.c.log;
    for (std::size_t i = log.size(); i-- > 0 && log[i].at >= since;) {
        const LogEntry& e = log[i];
        if (e.event != "handoff"sv || e.at > t.now) {
            continue;
        }
        const auto* from = e.extra.get_as<std::string>("from");
        const auto* to = e.extra.get_as<std::string>("to");
        if (from == nullptr || to == nullptr || !t.config.is_me(to->get()) ||
            t.config.is_me(from->get())) {
            return;
        }
        const std::size_t colon = e.text.find(": ");
        add_item(items, ItemKind::handed, k.index, std::nullopt, e.at,
                 colon == std::string::npos ? std::string_view()
                                            : std::string_view(e.text).substr(colon + 2),
                 from->get(), k.urgency);
        // A lead hands over a case while its owner is away: the new owner learns who decided.
        if (e.by && *e.by != from->get()) {
            items.back().by = *e.by;
        }
        return;
    }
}

// The footer: actions done and cases closed on the working day before, in your own cases. A
// withdrawn case is no success to praise: it is left out ("Well done" counts what was
// accomplished).
std::vector<Item> done_on(const std::vector<Case>& cases, const std::vector<double>& urgency,
                          const Date& day, const Config& config) {
    std::vector<Item> done;
    const std::int64_t serial = day.serial();
    for (std::size_t ci = 0; ci < cases.size(); ++ci) {
        if (!config.owns(cases[ci])) {
            continue;
        }
        for (const auto& e : cases[ci].log) {
            if ((e.event == "done"sv ||
                 (e.event == "closed"sv && !e.text.starts_with("withdrawn"))) &&
                local_day(e.at.seconds) == serial) {
                done.push_back(Item{e.event == "done"sv ? ItemKind::action : ItemKind::deadline, ci,
                                    std::nullopt, e.at, e.text, "", urgency[ci]});
            }
        }
    }
    sort_by_time(done);
    return done;
}

}  // namespace

TodayView build_today(const std::vector<Case>& cases, const Timestamp& now, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    const std::string& lang = config.language;
    TodayView v;
    v.language = lang;
    v.date = to_local(now.seconds).date;
    v.previous_day = cal.previous_working_day(v.date);
    const Date soon_until =
        cal.add_working_days(v.date.plus_days(1), std::max(0, config.soon_days - 1));
    TodayScan scan{now, config, from_local(v.date.plus_days(1), 0),
                   from_local(soon_until.plus_days(1), 0), v.texts};
    const std::vector<double> urgency = urgencies(cases, now, config);
    v.done_before = done_on(cases, urgency, v.previous_day, config);
    const Timestamp reported_since = from_local(v.previous_day, 0);

    Section overdue = section(SectionKey::overdue, Text::today_overdue, lang);
    Section today = section(SectionKey::today, Text::today_today, lang);
    Section checks = section(SectionKey::checks, Text::today_checks, lang);
    Section escalations = section(SectionKey::escalations, Text::today_escalations, lang);
    Section updates = section(SectionKey::updates, Text::today_updates, lang);
    Section deadlines{
        SectionKey::deadlines,
        config.soon_days == 1
            ? std::string(say(Text::today_deadline_one, lang))
            : fmt::format(fmt::runtime(say(Text::today_deadline_many, lang)), config.soon_days),
        {}};
    Section waiting = section(SectionKey::waiting, Text::today_waiting, lang);
    Section acceptance = section(SectionKey::acceptance, Text::today_acceptance, lang);
    Section stuck = section(SectionKey::no_next_step, Text::today_no_next_step, lang);
    Section review = section(SectionKey::review, Text::today_review, lang);
    Section asked = section(SectionKey::asked, Text::today_asked, lang);
    Section reported = section(SectionKey::reported, Text::today_reported, lang);
    Section handed = section(SectionKey::handed, Text::today_handed, lang);
    Section escalated = section(SectionKey::escalated, Text::today_escalated, lang);
    Section callbacks = section(SectionKey::callbacks, Text::today_callbacks, lang);
    // Room for the most each section can get, so that thousands of items are not moved again
    // and again as the sections grow (memory never written is never touched); items are built
    // in place (add_item) for the same reason.
    std::size_t open_cases = 0, open_actions = 0;
    for (const Case& c : cases) {
        if (!c.is_closed()) {
            ++open_cases;
            for (const Action& a : c.actions) {
                open_actions += a.open();
            }
        }
    }
    overdue.items.reserve(open_cases + open_actions);
    today.items.reserve(open_actions);
    checks.items.reserve(open_actions);
    escalations.items.reserve(open_cases + 2 * open_actions);
    for (Section* s : {&updates, &deadlines, &waiting, &acceptance, &stuck, &review}) {
        s->items.reserve(open_cases);
    }

    // The cases in the order of their items in a section (sort_items), so that each case only
    // sorts its own few items by time instead of every section sorting thousands.
    Section* const by_case[] = {&overdue, &today,      &checks, &escalations, &updates,
                                &waiting, &acceptance, &stuck,  &review};
    std::array<std::size_t, std::size(by_case)> first_of_case{};
    for (const std::size_t ci : by_urgency(urgency)) {
        if (cases[ci].is_closed()) {
            continue;
        }
        {
            const OpenCase any{cases[ci], ci, urgency[ci], std::nullopt, false};
            add_escalated(escalated.items, any, scan);
            add_callbacks(callbacks.items, any, scan);
            if (!config.owns(cases[ci])) {
                add_asked(asked.items, any, scan);
                continue;
            }
        }
        ++v.open_cases;
        const std::optional<WaitState> wait = waiting_on_customer(cases[ci]);
        const bool waits = wait && (!wait->until || now < *wait->until);  // paused()
        const OpenCase k{cases[ci], ci, urgency[ci], awaiting_acceptance(cases[ci]), waits};
        add_reported(reported.items, k, scan, reported_since);
        add_handed(handed.items, k, scan, reported_since);
        for (std::size_t s = 0; s < std::size(by_case); ++s) {
            first_of_case[s] = by_case[s]->items.size();
        }
        const bool waited_out = add_waiting(waiting.items, k, scan, wait);
        add_acceptance(acceptance.items, k, scan);
        add_overdue(overdue.items, k, scan);
        add_today(today.items, k, scan);
        add_checks(checks.items, k, scan);
        add_escalations(escalations.items, k, scan, waits);
        add_updates(updates.items, k, scan, waited_out);
        add_deadlines(deadlines.items, k, scan);
        add_no_next_step(stuck.items, k);
        add_review(review.items, k, scan);
        for (std::size_t s = 0; s < std::size(by_case); ++s) {
            sort_case_items(by_case[s]->items, first_of_case[s]);
        }
    }
    // Checks are kept at their hour: the next one to do comes first, whatever the case.
    sort_by_time(checks.items);
    // Deadlines come by time; equal times as the cases came (one deadline per case).
    stable_sort_items(deadlines.items, [](const Item& a, const Item& b) {
        if (a.when.value_or(Timestamp{}) != b.when.value_or(Timestamp{})) {
            return a.when.value_or(Timestamp{}) < b.when.value_or(Timestamp{});
        }
        if (a.urgency != b.urgency) {
            return a.urgency > b.urgency;
        }
        return a.case_index < b.case_index;
    });
    // Asked of you: the earliest due first, so what is overdue leads; reports as they came.
    sort_by_time(asked.items);
    sort_by_time(reported.items);
    sort_by_time(handed.items);
    sort_by_time(escalated.items);
    sort_by_time(callbacks.items);
    for (Section* s :
         {&overdue, &today, &handed, &escalated, &callbacks, &asked, &checks, &reported,
          &escalations, &updates, &waiting, &acceptance, &deadlines, &stuck, &review}) {
        if (!s->items.empty()) {
            v.sections.push_back(std::move(*s));
        }
    }
    return v;
}

AgendaView build_agenda(const std::vector<Case>& cases, const Date& from, int days,
                        const AgendaFilter& filter, const Timestamp& now, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    AgendaView v;
    v.overbooked_after = config.overbooked;
    v.language = config.language;
    Date d = cal.next_working_day(from);
    for (int i = 0; i < days; ++i) {
        v.days.push_back(AgendaDay{d, {}, false});
        d = cal.next_working_day(d.plus_days(1));
    }
    if (v.days.empty()) {
        return v;
    }
    const Timestamp first = from_local(v.days.front().date, 0);
    // Up to the next working day, so that weekend items land on the last day shown.
    const Timestamp last = from_local(cal.next_working_day(v.days.back().date.plus_days(1)), 0);
    const std::vector<double> urgency = urgencies(cases, now, config);
    // Items on a day that is not a working day go to the working day before it.
    auto place = [&](Item item) {
        const Date on = to_local(item.when->seconds).date;
        AgendaDay* target = &v.days.front();
        for (auto& day : v.days) {
            if (day.date <= on) {
                target = &day;
            }
        }
        item.moved = target->date != on;
        target->items.push_back(std::move(item));
    };
    for (std::size_t ci = 0; ci < cases.size(); ++ci) {
        const Case& c = cases[ci];
        if (c.is_closed()) {
            continue;
        }
        const double u = urgency[ci];
        if (!filter.everyone && !config.owns(c)) {  // another's case: only what is asked of you
            for (std::size_t ai = 0; ai < c.actions.size(); ++ai) {
                const Action& a = c.actions[ai];
                if (a.open() && a.who && config.is_me(*a.who) && !filter.who) {
                    Item item{ItemKind::asked, ci, ai, a.due, a.what, config.owner_of(c), u};
                    if (a.due < now && a.due < last) {
                        v.overdue.push_back(std::move(item));
                    } else if (a.due >= first && a.due < last) {
                        place(std::move(item));
                    }
                }
            }
            continue;
        }
        for (std::size_t ai = 0; ai < c.actions.size(); ++ai) {
            const Action& a = c.actions[ai];
            if (!a.open()) {
                continue;
            }
            const bool own = is_own(c, a, config);
            const bool shown = filter.who ? a.who && config.people.same(*a.who, *filter.who)
                                          : (!filter.mine || own);
            if (shown) {
                if (a.due < now && a.due < last) {
                    v.overdue.push_back(action_item(c, ci, ai, config, u));
                } else if (a.due >= first && a.due < last) {
                    place(action_item(c, ci, ai, config, u));
                }
            }
            // Checks are the owner's work whoever does the action.
            if (!filter.who || (a.who && config.people.same(*a.who, *filter.who))) {
                for (const Timestamp& t : a.checks) {
                    if (t >= first && t < last) {
                        place(Item{ItemKind::check, ci, ai, t, a.what, who_acts(c, a, config), u});
                    }
                }
            }
        }
        // A case awaiting acceptance has no deadline to plan for (as in today's sections).
        if (!filter.who && c.deadline && *c.deadline >= first && *c.deadline < last &&
            !awaiting_acceptance(c)) {
            place(Item{ItemKind::deadline, ci, std::nullopt, c.deadline, "promised deadline",
                       c.customer, u});
        }
        // No open action, and one is owed: not while it waits on the customer or awaits acceptance.
        if (!filter.who && !c.next_action() && !paused(c, now) && !awaiting_acceptance(c)) {
            v.no_next_step.push_back(Item{ItemKind::no_next_step, ci, std::nullopt, std::nullopt,
                                          "no open action: plan the next step", "", u});
        }
    }
    for (auto& day : v.days) {
        sort_by_time(day.items);
        day.overbooked = static_cast<int>(day.items.size()) > config.overbooked;
    }
    sort_by_time(v.overdue);
    sort_items(v.no_next_step);
    return v;
}

}  // namespace owner
