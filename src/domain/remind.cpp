#include "domain/remind.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/escalation.hpp"

namespace owner {

std::vector<Reminder> due_reminders(const std::vector<Case>& cases, const Timestamp& now,
                                    const Config& config) {
    std::vector<Reminder> out;
    const Date today = to_local(now.seconds).date;
    for (const Case& c : cases) {
        if (c.is_closed()) {
            continue;
        }
        auto add = [&](std::string kind, std::string detail, std::string text, std::string who,
                       Timestamp when) {
            std::string key = fmt::format("{}|{}|{}|{}", kind, c.id, detail, when.rfc3339());
            std::replace(key.begin(), key.end(), '\n', ' ');  // one key per line in the state file
            out.push_back(Reminder{std::move(key), std::move(kind), c.id, c.customer, c.title,
                                   std::move(text), std::move(who), when});
        };
        for (std::size_t i = 0; i < c.actions.size(); ++i) {
            const Action& a = c.actions[i];
            if (!a.open()) {
                continue;
            }
            const std::string who = a.who.value_or(config.name);
            if (a.due <= now) {
                add("action", a.what, fmt::format("due: {}{}", a.what, a.who ? " — " + *a.who : ""),
                    who, a.due);
            }
            if (!a.checks.empty() && a.checks.front() <= now) {
                add("check", a.what, fmt::format("check on {}: {}", who, a.what), who,
                    a.checks.front());
            }
        }
        for (const auto& hit : escalations_due(c, now, config)) {
            const std::string detail =
                hit.action ? fmt::format("{}:{}", hit.rule, c.actions[*hit.action].what) : hit.rule;
            add("escalation", detail, fmt::format("escalate: {}", escalation_line(hit)),
                escalation_contact(c, config), hit.since);
        }
        if (update_owed(c, now, config)) {
            add("update", "",
                c.last_update_to_customer ? "owed an update"
                                          : "owed a first confirmation: who does what, and when",
                c.customer, update_owed_from(c, config));
        }
        if (const auto w = waiting_on_customer(c); w && w->until && *w->until <= now) {
            add("waiting", "", "waited on the customer until now: ask again or plan the next step",
                c.customer, *w->until);
        }
        if (c.deadline) {
            if (*c.deadline < now) {
                add("deadline_missed", "", "promised deadline missed", c.customer, *c.deadline);
            } else if (to_local(c.deadline->seconds).date == today) {
                add("deadline", "",
                    fmt::format("promised deadline today at {}",
                                hhmm(to_local(c.deadline->seconds).minute_of_day)),
                    c.customer, *c.deadline);
            }
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Reminder& a, const Reminder& b) { return a.when < b.when; });
    return out;
}

bool remind_quiet(const Timestamp& now, const Config& config) {
    return !config.calendar.is_working_time(now);
}

RemindDiff remind_diff(const std::vector<Reminder>& due, const std::set<std::string>& said,
                       bool all) {
    RemindDiff d;
    for (const auto& r : due) {
        if (all || !said.contains(r.key)) {
            d.fresh.push_back(&r);
        } else {
            d.keep.insert(r.key);  // still due and already said
        }
    }
    return d;
}

}  // namespace owner
