#include "domain/stats.hpp"

#include <algorithm>
#include <map>

#include "domain/escalation.hpp"
#include "domain/planning.hpp"

namespace owner {

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

CaseOutcome outcome_of(const Case& c, const Timestamp& closed, const Config& config) {
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
    if (c.deadline) {
        o.deadline_met = closed <= *c.deadline;
    }
    if (const auto first = first_promise(c)) {
        o.first_promise_kept = closed <= *first;
    }
    for (const LogEntry& e : c.log) {
        o.promises_moved += e.event == "deadline" && e.extra.contains("from");
        if (e.event == "closed") {
            o.rating = e.extra.get("rating") ? e.extra.get("rating")->value<int>() : std::nullopt;
            o.remark = e.extra.get("remark")
                           ? e.extra.get("remark")->value<std::string>().value_or("")
                           : "";
        }
    }
    for (const Action& a : c.actions) {
        o.handovers += !is_own(a, config);
    }
    // Walk the updates: a gap of update.every_days working days without one is a missed update.
    const std::int64_t allowed =
        static_cast<std::int64_t>(config.update_every_days) * cal.minutes_per_day();
    Timestamp last = c.opened;
    for (const LogEntry& e : c.log) {
        o.checks += e.event == "check";
        o.escalations += e.event == "escalated";
        if (e.event == "told") {
            if (cal.working_minutes_between(last, e.at) > allowed) {
                o.updated_in_time = false;
            }
            last = e.at;
        }
    }
    if (cal.working_minutes_between(last, closed) > allowed) {
        o.updated_in_time = false;
    }
    o.helpers = helpers_of(c, config);
    return o;
}

std::optional<double> quantile(std::vector<double> values, double q) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

Stats compute_stats(const std::vector<Case>& closed, const std::vector<Case>& open,
                    const std::optional<Timestamp>& since, const Config& config) {
    Stats s;
    s.open = static_cast<int>(open.size());
    std::vector<double> lead, lead_working;
    int with_deadline = 0, met = 0, first_kept = 0, with_first = 0, in_time = 0, handovers = 0,
        rating_sum = 0;
    std::map<Date, int> weeks;
    for (const Case& c : closed) {
        if (!c.closed || (since && *c.closed < *since)) {
            continue;
        }
        const CaseOutcome o = outcome_of(c, *c.closed, config);
        s.escalations += o.escalations;
        s.promises_moved += o.promises_moved;
        s.cases_with_moved_promise += o.promises_moved > 0;
        if (c.outcome != "accepted") {
            ++s.withdrawn;
            continue;
        }
        ++s.closed;
        lead.push_back(o.lead_days);
        lead_working.push_back(o.lead_working_days);
        if (o.deadline_met) {
            ++with_deadline;
            met += *o.deadline_met;
        }
        if (o.first_promise_kept) {
            ++with_first;
            first_kept += *o.first_promise_kept;
        }
        if (o.rating) {
            ++s.rated;
            rating_sum += *o.rating;
        }
        if (!o.remark.empty()) {
            s.remarks.push_back(c.id + ": " + o.remark);
        }
        in_time += o.updated_in_time;
        handovers += o.handovers;
        const Date d = to_local(c.closed->seconds).date;
        weeks[d.plus_days(-d.weekday())]++;
    }
    s.lead_median_days = quantile(lead, 0.5);
    s.lead_p90_days = quantile(lead, 0.9);
    s.lead_median_working_days = quantile(lead_working, 0.5);
    s.lead_p90_working_days = quantile(lead_working, 0.9);
    if (with_deadline > 0) {
        s.deadline_met_share = static_cast<double>(met) / with_deadline;
    }
    if (with_first > 0) {
        s.first_promise_kept_share = static_cast<double>(first_kept) / with_first;
    }
    if (s.rated > 0) {
        s.rating_mean = static_cast<double>(rating_sum) / s.rated;
    }
    if (s.closed > 0) {
        s.updated_in_time_share = static_cast<double>(in_time) / s.closed;
        s.handovers_per_case = static_cast<double>(handovers) / s.closed;
    }
    for (const auto& [monday, n] : weeks) {
        s.per_week.push_back(WeekCount{monday, n});
    }
    return s;
}

}  // namespace owner
