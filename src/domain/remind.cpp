#include "domain/remind.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/escalation.hpp"
#include "domain/messages.hpp"

namespace owner {

std::vector<Reminder> due_reminders(const std::vector<Case>& cases, const Timestamp& now,
                                    const Config& config) {
    std::vector<Reminder> out;
    const Date today = to_local(now.seconds).date;
    const std::string& lang = config.language;
    auto say_with = [&](Text t, auto&&... args) {
        return fmt::format(fmt::runtime(say(t, lang)), std::forward<decltype(args)>(args)...);
    };
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
            const std::string who = a.who ? *a.who : std::string(config.owner_of(c));
            if (a.due <= now) {
                add("action", a.what,
                    say_with(Text::remind_due, a.what + (a.who ? " — " + *a.who : "")), who, a.due);
            }
            if (!a.checks.empty() && a.checks.front() <= now) {
                add("check", a.what, say_with(Text::remind_check, who, a.what), who,
                    a.checks.front());
            }
        }
        for (const auto& hit : escalations_due(c, now, config)) {
            const std::string detail =
                hit.action ? fmt::format("{}:{}", hit.rule, c.actions[*hit.action].what) : hit.rule;
            // In another language than the program's own the rule's reason as the escalation draft
            // gives it; the base language keeps the line that names the promise at stake.
            std::string reason = lang != kBaseLanguage
                                     ? escalation_reason(c, hit.rule, hit.action, now, config, lang)
                                     : "";
            add("escalation", detail,
                say_with(Text::remind_escalate, reason.empty() ? escalation_line(hit) : reason),
                escalation_contact(c, config), hit.since);
        }
        // A wait on the customer that has run out: "ask again", which is also the update owed
        // (one cause, one reason); while the case awaits acceptance, the ask for the yes below.
        const auto w = waiting_on_customer(c);
        const bool waited_out = w && w->until && *w->until <= now;
        const auto solution = awaiting_acceptance(c);
        if (waited_out && !solution) {
            add("waiting", "", std::string(say(Text::remind_waited, lang)), c.customer, *w->until);
        } else if (update_owed(c, now, config)) {
            add("update", "",
                std::string(say(c.last_update_to_customer ? Text::remind_owed_update
                                                          : Text::remind_owed_first,
                                lang)),
                c.customer, update_owed_from(c, config));
        }
        // Awaiting acceptance: no deadline signal, and once, after update.acceptance_days, ask
        // for the yes (not while a wait on the customer runs).
        if (solution) {
            const Timestamp ask = acceptance_ask_from(*solution, config);
            if (ask <= now && !(w && !waited_out)) {
                add("acceptance", "", std::string(say(Text::remind_acceptance, lang)), c.customer,
                    ask);
            }
        } else if (c.deadline) {
            if (*c.deadline < now) {
                add("deadline_missed", "", std::string(say(Text::remind_deadline_missed, lang)),
                    c.customer, *c.deadline);
            } else if (to_local(c.deadline->seconds).date == today) {
                add("deadline", "",
                    say_with(Text::remind_deadline_today,
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

std::vector<ReminderLine> remind_lines(const std::vector<const Reminder*>& fresh) {
    std::vector<ReminderLine> lines;
    for (const Reminder* r : fresh) {
        auto line = std::find_if(lines.begin(), lines.end(), [&](const ReminderLine& l) {
            return l.reasons.front()->case_id == r->case_id;
        });
        if (line == lines.end()) {
            lines.push_back(ReminderLine{{r}, r->text});
        } else {
            line->reasons.push_back(r);
            line->text += "; ";
            line->text += r->text;
        }
    }
    return lines;
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
