#include "domain/escalation.hpp"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string_view>

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

}  // namespace

std::vector<EscalationHit> escalations_due(const Case& c, const Timestamp& now,
                                           const Config& config) {
    EscalationScan scan;
    scan(c, now, config);
    return scan.take();
}

std::vector<EscalationHit> EscalationScan::take() {
    m_hits.resize(m_count);
    m_count = 0;
    return std::move(m_hits);
}

EscalationScan::Instant& EscalationScan::instant(std::vector<Instant>& slots, std::size_t count,
                                                 const Timestamp& t) {
    if (slots.empty()) {
        slots.resize(count);
    }
    // By the minute: instants a whole number of days apart land in different slots.
    Instant& slot = slots[static_cast<std::uint64_t>(t.seconds / 60) % slots.size()];
    if (!slot.known || slot.seconds != t.seconds) {
        slot.seconds = t.seconds;
        slot.known = true;
        slot.window_minutes = -1;
        slot.text.clear();
        slot.overdue_minutes = -1;
        slot.late_at.reset();
    }
    return slot;
}

std::span<const EscalationHit> EscalationScan::operator()(const Case& c, const Timestamp& now,
                                                          const Config& config) {
    return (*this)(c, now, config, !c.is_closed() && paused(c, now));
}

std::span<const EscalationHit> EscalationScan::operator()(const Case& c, const Timestamp& now,
                                                          const Config& config, bool paused) {
    m_count = 0;
    if (c.is_closed() || paused) {
        return {};
    }
    const EscalationRules& rules = config.escalation;
    const WorkCalendar& cal = config.calendar;
    const auto answered = last_escalation(c);
    // After an escalation, the rules it answered come back only after repeat_after_hours of
    // working time with no progress on the case.
    std::optional<Timestamp> repeat_at;
    if (answered) {
        Timestamp base = *answered;
        for (const auto& e : c.log) {
            if (e.at > base && is_progress(e.event)) {
                base = e.at;
            }
        }
        repeat_at = cal.add_working_minutes(base, rules.repeat_after_hours * 60LL);
    }
    // Every escalation names the promise at stake, so that the person escalated to knows what
    // is at risk (written only for a hit, once per case: this runs for every open case on every
    // `today`).
    Instant* const memo = c.deadline ? &instant(m_deadlines, kDeadlineSlots, *c.deadline) : nullptr;
    const auto deadline_time = [&]() -> const std::string& {
        if (memo->text.empty()) {
            append_human_time(memo->text, *c.deadline);
        }
        return memo->text;
    };
    bool have_promise = false;
    const auto promise = [&]() -> const std::string& {
        if (!have_promise) {
            m_promise.clear();
            if (c.deadline) {
                append(m_promise, {"promised to ", c.customer, " by ", deadline_time()});
            } else {
                append(m_promise, {"no deadline promised to ", c.customer, " yet"});
            }
            have_promise = true;
        }
        return m_promise;
    };
    // The hit for a rule that applies since `since`, its texts empty to be written; nullptr when
    // it does not apply now (answered by an escalation, and not back yet).
    const auto hit = [&](std::string_view rule, Timestamp since,
                         std::optional<std::size_t> action) -> EscalationHit* {
        const Timestamp began = since;
        const bool repeated = answered && since <= *answered;
        if (repeated) {
            since = *repeat_at;
        }
        if (since > now) {
            return nullptr;
        }
        if (m_count == m_hits.size()) {
            m_hits.emplace_back();
        }
        EscalationHit& h = m_hits[m_count++];
        h.rule.assign(rule);
        h.detail.clear();
        h.since = since;
        h.promise.clear();
        h.action = action;
        h.repeated = repeated;
        h.began = began;
        return &h;
    };
    // What stands in the way of the deadline once it is near: the earliest since when, and the
    // reasons, written straight after the head of the escalation's detail:
    // "the deadline promised to C (Wed 25 Nov 17:00) is 3 working hours away: reason; …".
    Timestamp window;
    if (memo) {
        if (memo->window_minutes != rules.deadline_hours * 60LL) {
            memo->window_minutes = rules.deadline_hours * 60LL;
            memo->window = cal.sub_working_minutes(*c.deadline, memo->window_minutes);
        }
        window = memo->window;
    }
    const bool deadline_near = c.deadline && window <= now;
    std::string& detail = m_detail;
    detail.clear();
    if (deadline_near) {
        append(detail, {"the deadline promised to ", c.customer, " (", deadline_time(), ") "});
        if (*c.deadline < now) {
            detail += "passed";
        } else {
            detail += "is ";
            append_working_minutes(detail, cal.working_minutes_between(now, *c.deadline), cal);
            detail += " away";
        }
        detail += ": ";
    }
    std::size_t obstacles = 0;
    Timestamp first_obstacle;
    const auto obstacle = [&](const Timestamp& since,
                              std::initializer_list<std::string_view> text) {
        first_obstacle = obstacles == 0 ? since : std::min(first_obstacle, since);
        if (obstacles++ > 0) {
            detail += "; ";
        }
        append(detail, text);
    };
    std::size_t open_count = 0;
    std::optional<Timestamp> last_done;
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        const Action& a = c.actions[i];
        if (!a.open()) {
            if (a.done && (!last_done || *a.done > *last_done)) {
                last_done = a.done;
            }
            continue;
        }
        ++open_count;
        const std::string& who = a.who ? *a.who : config.name;
        if (rules.on_stalled && a.stalled) {
            if (EscalationHit* h = hit("stalled", *a.stalled, i)) {
                append(h->detail, {"a check found '", a.what, "' (", who, ") stalled"});
                h->promise = promise();
            }
        }
        // Overdue by overdue_hours of working time (only asked of an action past due).
        if (a.due < now) {
            Instant& due = instant(m_dues, kDueSlots, a.due);
            if (due.overdue_minutes != rules.overdue_hours * 60LL) {
                due.overdue_minutes = rules.overdue_hours * 60LL;
                due.overdue_from = cal.add_working_minutes(a.due, due.overdue_minutes);
            }
            const Timestamp overdue_from = due.overdue_from;
            if (overdue_from <= now) {
                if (EscalationHit* h = hit("overdue", overdue_from, i)) {
                    if (due.late_at != now.seconds) {
                        due.late.clear();
                        append_working_minutes(due.late, cal.working_minutes_between(a.due, now),
                                               cal);
                        due.late_at = now.seconds;
                    }
                    append(h->detail, {"'", a.what, "' (", who, ") is overdue by ", due.late});
                    h->promise = promise();
                }
            }
        }
        if (!deadline_near) {
            continue;
        }
        if (*c.deadline < a.due) {
            obstacle(window, {"'", a.what, "' (", who, ") is due after it"});
        } else if (a.due < now) {
            obstacle(a.due, {"'", a.what, "' (", who, ") is overdue"});
        }
        if (a.stalled) {
            obstacle(*a.stalled, {"'", a.what, "' (", who, ") is stalled"});
        } else if (!a.checks.empty() && a.checks.front() < now) {
            obstacle(a.checks.front(), {"the check on '", a.what, "' (", who, ") is not answered"});
        }
    }
    // With every action done and the customer told since, the case waits for their acceptance:
    // nothing stands in the way. With nothing planned, or work done and not yet told, it does.
    const bool told_since_done =
        last_done && c.last_update_to_customer && *c.last_update_to_customer >= *last_done;
    if (deadline_near && open_count == 0 && !told_since_done) {
        obstacle(last_done.value_or(c.opened),
                 {last_done ? "the work is done but the customer was not told"
                            : "no next step is planned"});
    }
    if (deadline_near && obstacles > 0) {
        if (EscalationHit* h = hit("deadline", std::max(window, first_obstacle), std::nullopt)) {
            h->detail = detail;
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
    if (c.is_closed() || paused(c, now)) {
        return false;
    }
    return update_owed_from(c, config) <= now;
}

}  // namespace owner
