#include "domain/views.hpp"

#include "domain/catalogue.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "domain/escalation.hpp"
#include "domain/messages.hpp"
#include "domain/planning.hpp"
#include "domain/urgency.hpp"

namespace owner {

// Events and languages compared as string_views: the length first, for every log entry.
using namespace std::string_view_literals;

std::string_view to_string(ItemKind k) {
    // In the order of the enum; the names are the JSON `kind`s (README "JSON").
    static constexpr std::array<std::string_view, 8> kNames = {
        "action",      "check",        "deadline", "escalation",
        "update_owed", "no_next_step", "review",   "waiting"};
    static_assert(static_cast<std::size_t>(ItemKind::waiting) + 1 == kNames.size());
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
    case SectionKey::deadlines:
        return "deadlines";
    case SectionKey::no_next_step:
        return "no_next_step";
    case SectionKey::review:
        return "review";
    }
    return "overdue";
}

namespace {

// The colleague an action is handed to, or the owner: a view of the case's text or the config's.
std::string_view who_acts(const Action& a, const Config& config) {
    return a.who ? std::string_view(*a.who) : std::string_view(config.name);
}

Item action_item(const Case& c, std::size_t ci, std::size_t ai, const Config& config,
                 double urgency) {
    const Action& a = c.actions[ai];
    return Item{ItemKind::action, ci, ai, a.due, a.what, who_acts(a, config), urgency};
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
// their priority was reviewed (or they were opened). A prime number of slots, made on first use.
class ReviewMemo {
  public:
    struct Slot {
        std::int64_t serial = 0;
        bool known = false;
        Timestamp from;          // cal.start_of_day(date)
        std::int64_t since = 0;  // cal.working_minutes_between(from, now)
    };
    const Slot& operator()(const Date& date, const Timestamp& now, const WorkCalendar& cal) {
        if (m_slots.empty()) {
            m_slots.resize(kSlots);
        }
        const std::int64_t serial = date.serial();
        Slot& slot = m_slots[static_cast<std::uint64_t>(serial) % kSlots];
        if (!slot.known || slot.serial != serial) {
            slot.serial = serial;
            slot.known = true;
            slot.from = cal.start_of_day(date);
            slot.since = cal.working_minutes_between(slot.from, now);
        }
        return slot;
    }

  private:
    static constexpr std::size_t kSlots = 509;
    std::vector<Slot> m_slots;
};

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

}  // namespace

TodayView build_today(const std::vector<Case>& cases, const Timestamp& now, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    TodayView v;
    v.language = config.language;
    v.date = to_local(now.seconds).date;
    v.previous_day = cal.previous_working_day(v.date);
    const Timestamp end_of_today = from_local(v.date.plus_days(1), 0);
    const Date soon_until =
        cal.add_working_days(v.date.plus_days(1), std::max(0, config.soon_days - 1));
    const Timestamp end_of_soon = from_local(soon_until.plus_days(1), 0);
    const std::vector<double> urgency = urgencies(cases, now, config);

    const std::string& lang = config.language;
    Section overdue{SectionKey::overdue, std::string(say(Text::today_overdue, lang)), {}};
    Section today{SectionKey::today, std::string(say(Text::today_today, lang)), {}};
    Section checks{SectionKey::checks, std::string(say(Text::today_checks, lang)), {}};
    Section escalations{
        SectionKey::escalations, std::string(say(Text::today_escalations, lang)), {}};
    Section updates{SectionKey::updates, std::string(say(Text::today_updates, lang)), {}};
    Section deadlines{
        SectionKey::deadlines,
        config.soon_days == 1
            ? std::string(say(Text::today_deadline_one, lang))
            : fmt::format(fmt::runtime(say(Text::today_deadline_many, lang)), config.soon_days),
        {}};
    Section waiting{SectionKey::waiting, std::string(say(Text::today_waiting, lang)), {}};
    Section stuck{SectionKey::no_next_step, std::string(say(Text::today_no_next_step, lang)), {}};
    Section review{SectionKey::review, std::string(say(Text::today_review, lang)), {}};
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
    for (Section* s : {&updates, &deadlines, &waiting, &stuck, &review}) {
        s->items.reserve(open_cases);
    }

    const std::int64_t previous_day = v.previous_day.serial();
    for (std::size_t ci = 0; ci < cases.size(); ++ci) {
        for (const auto& e : cases[ci].log) {
            if ((e.event == "done"sv || e.event == "closed"sv) &&
                local_day(e.at.seconds) == previous_day) {
                v.done_before.push_back(
                    Item{e.event == "done"sv ? ItemKind::action : ItemKind::deadline, ci,
                         std::nullopt, e.at, e.text, "", urgency[ci]});
            }
        }
    }
    // The cases in the order of their items in a section (sort_items), so that each case only
    // sorts its own few items by time instead of every section sorting thousands.
    Section* const by_case[] = {&overdue, &today,   &checks, &escalations,
                                &updates, &waiting, &stuck,  &review};
    std::array<std::size_t, std::size(by_case)> first_of_case{};
    EscalationScan escalation_scan;
    ReviewMemo review_memo;
    for (const std::size_t ci : by_urgency(urgency)) {
        const Case& c = cases[ci];
        const double u = urgency[ci];
        if (c.is_closed()) {
            continue;
        }
        for (std::size_t s = 0; s < std::size(by_case); ++s) {
            first_of_case[s] = by_case[s]->items.size();
        }
        ++v.open_cases;
        const auto w = waiting_on_customer(c);
        if (w && w->until && *w->until <= now) {
            add_item(waiting.items, ItemKind::waiting, ci, std::nullopt, w->until, w->note,
                     c.customer, u);
        }
        if (c.deadline && *c.deadline < now) {
            add_item(overdue.items, ItemKind::deadline, ci, std::nullopt, c.deadline,
                     "promised deadline"sv, c.customer, u);
        }
        bool any_open = false;
        for (std::size_t ai = 0; ai < c.actions.size(); ++ai) {
            const Action& a = c.actions[ai];
            if (!a.open()) {
                continue;
            }
            any_open = true;
            const std::string_view who = who_acts(a, config);
            if (a.due < now) {
                add_item(overdue.items, ItemKind::action, ci, ai, a.due, a.what, who, u);
            } else if (a.due < end_of_today && is_own(a, config)) {
                add_item(today.items, ItemKind::action, ci, ai, a.due, a.what, who, u);
            }
            for (const Timestamp& t : a.checks) {
                if (t < end_of_today) {
                    add_item(checks.items, ItemKind::check, ci, ai, t, a.what, who, u);
                    break;  // one line per action: the earliest check still to do
                }
            }
        }
        // paused(c, now), with the wait already read.
        const bool paused = w && (!w->until || now < *w->until);
        for (const EscalationHit& hit : escalation_scan(c, now, config, paused)) {
            Item& item = escalations.items.emplace_back();
            item.kind = ItemKind::escalation;
            item.case_index = ci;
            item.action_index = hit.action;
            item.when = hit.since;
            item.what = v.texts.keep(escalation_line(hit));
            item.who = escalation_contact(c, config);
            item.urgency = u;
            // In another language, the rule's reason as the escalation draft gives it (as remind).
            if (lang != kBaseLanguage) {
                item.told =
                    v.texts.keep(escalation_reason(c, hit.rule, hit.action, now, config, lang));
            }
        }
        // update_owed(c, now, config).
        if (!paused && update_owed_from(c, config) <= now) {
            add_item(updates.items, ItemKind::update_owed, ci, std::nullopt, last_heard(c),
                     "last heard from you"sv, c.customer, u);
        }
        if (c.deadline && *c.deadline >= now && *c.deadline < end_of_soon) {
            add_item(deadlines.items, ItemKind::deadline, ci, std::nullopt, c.deadline,
                     "promised deadline"sv, c.customer, u);
        }
        if (!any_open) {
            add_item(stuck.items, ItemKind::no_next_step, ci, std::nullopt, std::nullopt,
                     "no open action: plan the next step"sv, std::string_view(), u);
        }
        const Date reviewed =
            c.priority_reviewed ? *c.priority_reviewed : to_local(c.opened.seconds).date;
        const ReviewMemo::Slot& r = review_memo(reviewed, now, cal);
        const Timestamp& reviewed_from = r.from;
        if (r.since >= static_cast<std::int64_t>(config.review_days) * cal.minutes_per_day()) {
            // "priority P not reviewed since DATE", in memory of its size.
            const std::string_view priority = to_string(c.priority);
            const std::string date = reviewed.iso();
            std::string what;
            what.reserve(29 + priority.size() + date.size());
            what += "priority ";
            what += priority;
            what += " not reviewed since ";
            what += date;
            add_item(review.items, ItemKind::review, ci, std::nullopt, reviewed_from,
                     v.texts.keep(std::move(what)), std::string_view(), u);
        }
        for (std::size_t s = 0; s < std::size(by_case); ++s) {
            sort_case_items(by_case[s]->items, first_of_case[s]);
        }
    }
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
    for (Section* s : {&overdue, &today, &checks, &escalations, &updates, &waiting, &deadlines,
                       &stuck, &review}) {
        if (!s->items.empty()) {
            v.sections.push_back(std::move(*s));
        }
    }
    sort_by_time(v.done_before);
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
        for (std::size_t ai = 0; ai < c.actions.size(); ++ai) {
            const Action& a = c.actions[ai];
            if (!a.open()) {
                continue;
            }
            const bool own = is_own(a, config);
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
                        place(Item{ItemKind::check, ci, ai, t, a.what, who_acts(a, config), u});
                    }
                }
            }
        }
        if (!filter.who && c.deadline && *c.deadline >= first && *c.deadline < last) {
            place(Item{ItemKind::deadline, ci, std::nullopt, c.deadline, "promised deadline",
                       c.customer, u});
        }
        if (!filter.who && !c.next_action()) {  // no open action
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
