#include "domain/remind.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/escalation.hpp"
#include "domain/messages.hpp"

namespace owner {

namespace {

// In a team's store, what a case asks of the runner besides being theirs: an action asked of
// them in another's case (once when it is asked, once when it is due), a call-back planned for
// them (the same, in any case), and an escalation to them that they have not answered.
template <typename Add>
void personal_reminders(const Case& c, const Timestamp& now, const Config& config, Add& add) {
    const std::string& lang = config.language;
    const std::string owner(config.owner_of(c));
    const bool own = config.owns(c);
    for (const Action& a : c.actions) {
        if (!a.open() || !a.who || !config.is_me(*a.who) || (own && !a.is_callback())) {
            continue;
        }
        if (a.due > now) {
            const Text text = a.is_callback() ? Text::remind_callback : Text::remind_asked;
            add(std::string(a.is_callback() ? "callback" : "asked"), a.what,
                fmt::format(fmt::runtime(say(text, lang)), owner, a.what), config.name, a.due);
        } else if (!own) {  // in your own case the owner's reminder says it
            add("action", a.what, fmt::format(fmt::runtime(say(Text::remind_due, lang)), a.what),
                config.name, a.due);
        }
    }
    // A case that became yours by another's hand (a colleague, or the lead while its owner is
    // away): said once, by whoever did it, with their note.
    if (own) {
        for (std::size_t i = c.log.size(); i-- > 0;) {
            const LogEntry& e = c.log[i];
            if (e.event != "handoff" || e.at > now) {
                continue;
            }
            const auto* from = e.extra.get_as<std::string>("from");
            const auto* to = e.extra.get_as<std::string>("to");
            const std::string by = e.by ? *e.by : from != nullptr ? from->get() : std::string();
            if (to != nullptr && config.is_me(to->get()) && !by.empty() && !config.is_me(by)) {
                const std::size_t colon = e.text.find(": ");
                add("handed", by,
                    fmt::format(fmt::runtime(say(Text::remind_handed, lang)), by,
                                colon == std::string::npos
                                    ? std::string_view()
                                    : std::string_view(e.text).substr(colon)),
                    config.name, e.at);
            }
            break;  // only the latest handoff can have made the case yours
        }
    }
    for (const std::size_t i : unanswered_escalations(c, config.people)) {
        const LogEntry& e = c.log[i];
        // Named by who escalated (a colleague may, on the owner's case), not by whose case it is.
        const std::string_view by = author_of(c, e);
        if (e.at <= now && config.is_me(escalated_to(e)) && !config.is_me(by)) {
            add("escalated", std::string(escalated_to(e)),
                fmt::format(fmt::runtime(say(Text::remind_escalated, lang)),
                            by.empty() ? std::string_view(owner) : by, escalated_reason(e)),
                config.name, e.at);
        }
    }
}

}  // namespace

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
        if (config.team) {
            // A team's store: what others' cases ask of the runner, and the escalations and
            // call-backs addressed to them; the rest of a case concerns its owner.
            personal_reminders(c, now, config, add);
            if (!config.owns(c)) {
                continue;
            }
        }
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

std::string sync_error_key(std::string_view error) {
    std::string key = "sync|";
    for (const char ch : error) {
        key += ch == '\n' || ch == '\r' ? ' ' : ch;  // one line of .remind-state
    }
    return key;
}

}  // namespace owner
