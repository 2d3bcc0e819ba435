#include "domain/stats.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "domain/escalation.hpp"
#include "domain/planning.hpp"

namespace owner {

bool is_reopening_promise(const Case& c, std::size_t i) {
    const LogEntry& e = c.log[i];
    return e.event == "deadline" && i > 0 && c.log[i - 1].event == "reopened" &&
           c.log[i - 1].at == e.at;
}

std::optional<Timestamp> first_promise(const Case& c) {
    for (const LogEntry& e : c.log) {
        if (e.event == "deadline") {
            if (auto from = toml_timestamp(e.extra.get("from"))) {
                return from;
            }
            return toml_timestamp(e.extra.get("to"));  // the first promise was made later
        }
    }
    return c.deadline;
}

std::optional<Timestamp> solution_before(const Case& c, const Timestamp& close) {
    std::optional<Timestamp> since;
    for (const LogEntry& e : c.log) {
        if (e.at >= close && e.event == "closed") {
            break;  // this close (or a later one) ends the period
        }
        if (gives_solution(e)) {
            since = e.at;
        } else if (since && ends_acceptance(e.event)) {
            since.reset();
        }
    }
    return since;
}

namespace {
// Everything but the helpers (stats does not show them, and naming them costs a roster lookup per
// action).
CaseOutcome outcome_without_helpers(const Case& c, const Timestamp& closed, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    CaseOutcome o;
    // Each open period counts: opened (or reopened) until closed.
    std::optional<Timestamp> from = c.opened;
    std::int64_t seconds = 0, working = 0;
    auto end_period = [&](const Timestamp& to) {
        if (from && *from < to) {
            seconds += to.seconds - from->seconds;
            working += cal.working_minutes_between(*from, to);
        }
        from.reset();
    };
    for (const LogEntry& e : c.log) {
        if (e.event == "closed" && e.at < closed) {
            end_period(e.at);
        } else if (e.event == "reopened" && !from) {
            from = e.at;
        }
    }
    end_period(closed);
    o.lead_days = static_cast<double>(seconds) / 86400.0;
    o.lead_working_days = static_cast<double>(working) / cal.minutes_per_day();
    // A promise is kept when the solution was given by it (the customer's yes may come later).
    const std::optional<Timestamp> solution = solution_before(c, closed);
    const Timestamp delivered = solution ? std::min(*solution, closed) : closed;
    if (c.deadline) {
        o.deadline_met = delivered <= *c.deadline;
    }
    if (solution && *solution <= closed) {
        o.acceptance_working_days =
            static_cast<double>(cal.working_minutes_between(*solution, closed)) /
            cal.minutes_per_day();
    }
    if (const auto first = first_promise(c)) {
        // The first promise is judged when the period it stood for closed: a case closed in time
        // and reopened later kept it, whatever the reopened period promised.
        Timestamp made = c.opened;
        for (const LogEntry& e : c.log) {
            if (e.event == "deadline") {
                if (!e.extra.contains("from")) {
                    made = e.at;
                }
                break;
            }
        }
        Timestamp judged = delivered;
        for (const LogEntry& e : c.log) {
            if (e.event == "closed" && made <= e.at && e.at < closed) {
                const auto given = solution_before(c, e.at);
                judged = given ? std::min(*given, e.at) : e.at;
                break;
            }
        }
        o.first_promise_kept = judged <= *first;
    }
    for (std::size_t i = 0; i < c.log.size(); ++i) {
        const LogEntry& e = c.log[i];
        o.promises_moved +=
            e.event == "deadline" && e.extra.contains("from") && !is_reopening_promise(c, i);
        if (e.event == "closed") {
            o.rating = e.extra.get("rating") ? e.extra.get("rating")->value<int>() : std::nullopt;
            o.remark = e.extra.get("remark")
                           ? e.extra.get("remark")->value<std::string>().value_or("")
                           : "";
        }
    }
    // A handoff writes the old owner's name on their own open actions: those moved with the
    // case, which the handoff counts once; they are no hand-over of their own.
    std::vector<std::string_view> previous_owners;
    for (const LogEntry& e : c.log) {
        if (e.event == "handoff") {
            ++o.case_handoffs;
            if (const auto* old_owner = e.extra.get_as<std::string>("from")) {
                previous_owners.push_back(old_owner->get());
            }
        }
    }
    for (const Action& a : c.actions) {
        const bool kept_by_previous_owner =
            a.who && std::any_of(previous_owners.begin(), previous_owners.end(),
                                 [&](std::string_view p) { return config.people.same(*a.who, p); });
        o.handovers += !is_own(c, a, config) && !kept_by_previous_owner;
    }
    // Walk the updates: a gap of update.every_days working days without one is a missed update.
    const std::int64_t allowed =
        static_cast<std::int64_t>(config.update_every_days) * cal.minutes_per_day();
    Timestamp last = c.opened;
    std::optional<Timestamp> first_told;
    for (const LogEntry& e : c.log) {
        o.checks += e.event == "check";
        if (e.event == "escalated") {
            ++o.escalations;
            const auto* rules = e.extra.get_as<toml::array>("rules");
            const std::size_t before = o.escalation_rules.size();
            if (rules) {
                for (const auto& r : *rules) {
                    if (const auto* name = r.as_string()) {
                        o.escalation_rules.push_back(name->get());
                    }
                }
            }
            if (o.escalation_rules.size() == before) {
                o.escalation_rules.emplace_back(kEscalationOther);
            }
        }
        if (e.event == "told") {
            if (!first_told) {
                first_told = e.at;
            }
            if (cal.working_minutes_between(last, e.at) > allowed) {
                o.updated_in_time = false;
            }
            last = e.at;
        }
    }
    if (cal.working_minutes_between(last, closed) > allowed) {
        o.updated_in_time = false;
    }
    const Timestamp confirmed = first_told ? std::min(*first_told, closed) : closed;
    o.confirmed_in_time =
        confirmed <= cal.add_working_minutes(c.opened, config.first_update_minutes());
    return o;
}
}  // namespace

CaseOutcome outcome_of(const Case& c, const Timestamp& closed, const Config& config) {
    CaseOutcome o = outcome_without_helpers(c, closed, config);
    o.helpers = helpers_of(c, config);
    return o;
}

std::optional<double> quantile(std::vector<double> values, double q) {
    if (values.empty()) {
        return std::nullopt;
    }
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    // The lo-th and the next value in sorted order, without sorting them all.
    const auto nth = values.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(values.begin(), nth, values.end());
    const double low = *nth;
    const double high = nth + 1 == values.end() ? low : *std::min_element(nth + 1, values.end());
    return low + (high - low) * (pos - static_cast<double>(lo));
}

ArchivedOutcome archived_outcome(const Case& c, const Config& config) {
    ArchivedOutcome a;
    a.id = c.id;
    a.closed = c.closed;
    a.accepted = c.outcome == "accepted";
    a.owner = c.owner;
    if (c.closed) {
        a.outcome = outcome_without_helpers(c, *c.closed, config);
    }
    return a;
}

std::string outcome_fingerprint(const Config& config) {
    // Every string is length-prefixed, so no two configs write the same text.
    std::string out;
    auto put = [&](std::string_view s) {
        out += std::to_string(s.size());
        out += ':';
        out += s;
    };
    put("name");
    put(config.name);
    put("people");
    for (const Person& p : config.people.people()) {
        put(p.name);
        out += std::to_string(p.aliases.size());
        for (const auto& alias : p.aliases) {
            put(alias);
        }
    }
    const WorkCalendar& cal = config.calendar;
    put("calendar");
    for (const bool working : cal.working_weekdays()) {
        out += working ? '1' : '0';
    }
    out += fmt::format(",{},{},{}", cal.start_minute(), cal.end_minute(), cal.holidays().size());
    for (const Date& d : cal.holidays()) {
        out += ',';
        out += d.iso();
    }
    put("update");
    out += std::to_string(config.update_every_days);
    out += ',';
    out += std::to_string(config.first_update_minutes());
    return out;
}

std::string iso_week(const Date& d) {
    // The week belongs to the year of its Thursday; its number counts Thursdays from 1 January.
    const Date thursday = d.plus_days(3 - d.weekday());
    const std::int64_t day_of_year = thursday.serial() - Date{thursday.year, 1, 1}.serial();
    return fmt::format("{}-W{:02d}", thursday.year, day_of_year / 7 + 1);
}

double rounded(double v) {
    return std::round(v * 1000) / 1000;
}

std::vector<WeekStats> week_series(const Stats& s, const Date& first, const Date& last) {
    std::vector<WeekStats> out;
    auto it = s.per_week.begin();
    for (Date monday = first.plus_days(-first.weekday()); monday <= last;
         monday = monday.plus_days(7)) {
        while (it != s.per_week.end() && it->monday < monday) {
            ++it;
        }
        if (it != s.per_week.end() && it->monday == monday) {
            out.push_back(*it);
        } else {
            out.push_back(WeekStats{.monday = monday});
        }
    }
    return out;
}

void StatsAccumulator::add(const ArchivedOutcome& a) {
    if (!a.closed || (m_since && *a.closed < *m_since) || (m_until && *a.closed >= *m_until)) {
        return;
    }
    const CaseOutcome& o = a.outcome;
    Stats& s = m_stats;
    s.escalations += o.escalations;
    for (const std::string& rule : o.escalation_rules) {
        ++s.escalations_by_rule[rule];
    }
    s.promises_moved += o.promises_moved;
    s.cases_with_moved_promise += o.promises_moved > 0;
    if (!a.accepted) {
        ++s.withdrawn;
        return;
    }
    ++s.closed;
    m_lead.push_back(o.lead_days);
    m_lead_working.push_back(o.lead_working_days);
    if (o.acceptance_working_days) {
        m_acceptance.push_back(*o.acceptance_working_days);
    }
    if (o.deadline_met) {
        ++m_with_deadline;
        m_met += *o.deadline_met;
    }
    if (o.first_promise_kept) {
        ++m_with_first;
        m_first_kept += *o.first_promise_kept;
    }
    if (o.rating) {
        ++s.rated;
        m_rating_sum += *o.rating;
        if (*o.rating >= 1 && *o.rating <= 5) {
            ++s.rating_counts[static_cast<std::size_t>(*o.rating - 1)];
        }
    }
    if (!o.remark.empty()) {
        s.remarks.push_back(Remark{a.id, *a.closed, o.rating, o.remark, {}});
    }
    m_in_time += o.updated_in_time;
    m_confirmed += o.confirmed_in_time;
    m_handovers += o.handovers;
    s.case_handoffs += o.case_handoffs;
    const auto group = std::min<std::size_t>(
        static_cast<std::size_t>(std::max(0, o.handovers + o.case_handoffs)), kHandoverGroups - 1);
    m_lead_by[group].push_back(o.lead_days);
    m_lead_working_by[group].push_back(o.lead_working_days);
    const Date d = to_local(a.closed->seconds).date;
    Week& w = m_weeks[d.plus_days(-d.weekday())];
    ++w.w.closed;
    w.lead.push_back(o.lead_days);
    if (o.deadline_met) {
        ++w.w.deadlines_promised;
        w.w.deadlines_met += *o.deadline_met;
    }
    if (o.first_promise_kept) {
        ++w.w.first_promises;
        w.w.first_promises_kept += *o.first_promise_kept;
    }
    w.w.confirmed_in_time += o.confirmed_in_time;
}

Stats StatsAccumulator::finish(int open) && {
    Stats s = std::move(m_stats);
    s.open = open;
    s.lead_median_days = quantile(m_lead, 0.5);
    s.lead_p90_days = quantile(std::move(m_lead), 0.9);
    s.lead_median_working_days = quantile(m_lead_working, 0.5);
    s.lead_p90_working_days = quantile(std::move(m_lead_working), 0.9);
    s.acceptance_median_working_days = quantile(m_acceptance, 0.5);
    s.acceptance_p90_working_days = quantile(std::move(m_acceptance), 0.9);
    if (m_with_deadline > 0) {
        s.deadline_met_share = static_cast<double>(m_met) / m_with_deadline;
    }
    if (m_with_first > 0) {
        s.first_promise_kept_share = static_cast<double>(m_first_kept) / m_with_first;
    }
    if (s.rated > 0) {
        s.rating_mean = static_cast<double>(m_rating_sum) / s.rated;
    }
    if (s.closed > 0) {
        s.updated_in_time_share = static_cast<double>(m_in_time) / s.closed;
        s.confirmed_in_time_share = static_cast<double>(m_confirmed) / s.closed;
        s.handovers_per_case = static_cast<double>(m_handovers) / s.closed;
        s.case_handoffs_per_case = static_cast<double>(s.case_handoffs) / s.closed;
    }
    for (std::size_t g = 0; g < kHandoverGroups; ++g) {
        s.lead_by_handovers.push_back(
            LeadByHandovers{static_cast<int>(g), static_cast<int>(m_lead_by[g].size()),
                            quantile(std::move(m_lead_by[g]), 0.5),
                            quantile(std::move(m_lead_working_by[g]), 0.5)});
    }
    for (auto& [monday, w] : m_weeks) {
        w.w.monday = monday;
        w.w.lead_median_days = quantile(w.lead, 0.5);
        w.w.lead_p90_days = quantile(std::move(w.lead), 0.9);
        s.per_week.push_back(std::move(w.w));
    }
    // Every rule is named, with none too.
    for (const EscalationRule& r : escalation_rules()) {
        s.escalations_by_rule.try_emplace(std::string(r.name), 0);
    }
    s.escalations_by_rule.try_emplace(std::string(kEscalationOther), 0);
    // The latest remarks by the time of the close (the archive is in no order of time).
    std::stable_sort(s.remarks.begin(), s.remarks.end(),
                     [](const Remark& a, const Remark& b) { return a.closed < b.closed; });
    if (s.remarks.size() > Stats::kRemarks) {
        s.remarks.erase(s.remarks.begin(),
                        s.remarks.end() - static_cast<std::ptrdiff_t>(Stats::kRemarks));
    }
    return s;
}

Stats compute_stats(const std::vector<Case>& closed, const std::vector<Case>& open,
                    const std::optional<Timestamp>& since, const Config& config,
                    const std::optional<Timestamp>& until) {
    StatsAccumulator sum(since, until);
    for (const Case& c : closed) {
        sum.add(archived_outcome(c, config));
    }
    return std::move(sum).finish(static_cast<int>(open.size()));
}

}  // namespace owner
