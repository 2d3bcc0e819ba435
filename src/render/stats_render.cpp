#include "render/stats_render.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "render/case_view.hpp"
#include "render/text.hpp"

namespace owner {

namespace {

Json number_or_null(const std::optional<double>& v) {
    return v ? Json(rounded(*v)) : Json();
}

Json spread(const std::optional<double>& median, const std::optional<double>& p90) {
    return Json::object().set("median", number_or_null(median)).set("p90", number_or_null(p90));
}

std::string one_decimal(const std::optional<double>& v, std::string_view lang) {
    if (!v) {
        return "-";
    }
    std::string s = fmt::format("{:.1f}", rounded(*v));
    std::replace(s.begin(), s.end(), '.', kLanguages[column_of(lang)].decimal_mark);
    return s;
}

std::string of(int n, int total) {
    return total == 0 ? "-" : fmt::format("{}/{}", n, total);
}

}  // namespace

Json weeks_json(const std::vector<WeekStats>& weeks) {
    Json out = Json::array();
    for (const WeekStats& w : weeks) {
        out.push(Json::object()
                     .set("week", iso_week(w.monday))
                     .set("week_of", w.monday.iso())
                     .set("closed", w.closed)
                     .set("lead_time_days", spread(w.lead_median_days, w.lead_p90_days))
                     .set("deadlines_met", w.deadlines_met)
                     .set("deadlines_promised", w.deadlines_promised)
                     .set("first_promise_kept", w.first_promises_kept)
                     .set("first_promises", w.first_promises)
                     .set("first_confirmation_in_time", w.confirmed_in_time));
    }
    return out;
}

Json stats_json(const Stats& s, const std::vector<WeekStats>& weeks,
                const std::optional<Timestamp>& since, const std::optional<Timestamp>& until) {
    Json remarks = Json::array();
    Json latest = Json::array();
    for (const Remark& r : s.remarks) {
        remarks.push(r.id + ": " + r.text);
        latest.push(Json::object()
                        .set("id", r.id)
                        .set("closed", r.closed.rfc3339())
                        .set("rating", r.rating)
                        .set("remark", r.text));
    }
    Json counts = Json::object();
    for (std::size_t i = 0; i < s.rating_counts.size(); ++i) {
        counts.set(std::to_string(i + 1), s.rating_counts[i]);
    }
    Json by_handovers = Json::array();
    for (const auto& g : s.lead_by_handovers) {
        by_handovers.push(
            Json::object()
                .set("handovers", g.handovers)
                .set("or_more", &g == &s.lead_by_handovers.back())
                .set("cases", g.cases)
                .set("lead_time_days_median", number_or_null(g.median_days))
                .set("lead_time_working_days_median", number_or_null(g.median_working_days)));
    }
    Json per_week = Json::array();
    for (const auto& w : s.per_week) {
        per_week.push(Json::object().set("week_of", w.monday.iso()).set("closed", w.closed));
    }
    Json by_rule = Json::object();
    for (const auto& [rule, n] : s.escalations_by_rule) {
        by_rule.set(rule, n);
    }
    return json_document()
        .set("since", since ? Json(since->rfc3339()) : Json())
        .set("until", until ? Json(until->rfc3339()) : Json())
        .set("closed_accepted", s.closed)
        .set("closed_withdrawn", s.withdrawn)
        .set("open", s.open)
        .set("lead_time_days", spread(s.lead_median_days, s.lead_p90_days))
        .set("lead_time_working_days", spread(s.lead_median_working_days, s.lead_p90_working_days))
        .set("deadlines_met_share", number_or_null(s.deadline_met_share))
        .set("solution_to_acceptance_working_days",
             spread(s.acceptance_median_working_days, s.acceptance_p90_working_days))
        .set("first_promise_kept_share", number_or_null(s.first_promise_kept_share))
        .set("first_confirmation_in_time_share", number_or_null(s.confirmed_in_time_share))
        .set("promises_moved", s.promises_moved)
        .set("cases_with_moved_promise", s.cases_with_moved_promise)
        .set("rating", Json::object()
                           .set("mean", number_or_null(s.rating_mean))
                           .set("rated", s.rated)
                           .set("counts", std::move(counts))
                           .set("remarks", std::move(remarks))
                           .set("latest", std::move(latest)))
        .set("updated_in_time_share", number_or_null(s.updated_in_time_share))
        .set("handovers_per_case", number_or_null(s.handovers_per_case))
        .set("case_handoffs", s.case_handoffs)
        .set("case_handoffs_per_case", number_or_null(s.case_handoffs_per_case))
        .set("lead_time_by_handovers", std::move(by_handovers))
        .set("escalations", s.escalations)
        .set("escalations_by_rule", std::move(by_rule))
        .set("closed_per_week", std::move(per_week))
        .set("weeks", weeks_json(weeks));
}

std::string text_bar(double value, double max, std::size_t cells, bool ascii) {
    if (max <= 0 || value <= 0) {
        return "";
    }
    const double share = std::min(1.0, value / max);
    if (ascii) {
        // At least one mark for a value above nothing.
        const auto n = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::lround(share * static_cast<double>(cells))));
        return std::string(n, '#');
    }
    static constexpr std::string_view kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    const auto eighths = std::max<long>(1, std::lround(share * static_cast<double>(cells) * 8));
    std::string out;
    for (long i = 0; i < eighths / 8; ++i) {
        out += "█";
    }
    out += kEighths[eighths % 8];
    return out;
}

std::string rule_label(std::string_view rule, std::string_view lang) {
    static constexpr std::pair<std::string_view, Text> kLabels[] = {
        {"stalled", Text::rule_stalled},
        {"overdue", Text::rule_overdue},
        {"deadline", Text::rule_deadline},
        {kEscalationOther, Text::rule_other},
    };
    for (const auto& [name, text] : kLabels) {
        if (name == rule) {
            return std::string(say(text, lang));
        }
    }
    return std::string(rule);  // a rule without words of its own yet: its name
}

std::string render_weekly(const std::vector<WeekStats>& weeks, std::string_view lang,
                          std::size_t width, bool ascii, double first_within_hours) {
    width = std::min<std::size_t>(width, 80);
    constexpr std::size_t kBar = 16;
    int most = 0;
    for (const WeekStats& w : weeks) {
        most = std::max(most, w.closed);
    }
    // Columns: the week, the bar and its number, then right-aligned figures.
    std::vector<std::vector<std::string>> rows;
    rows.push_back(
        {std::string(say(Text::stats_week, lang)), std::string(say(Text::stats_closed, lang)),
         std::string(say(Text::stats_median, lang)), std::string(say(Text::stats_p90, lang)),
         std::string(say(Text::stats_deadline, lang)), std::string(say(Text::stats_promise, lang)),
         std::string(say(Text::stats_confirmed, lang))});
    for (const WeekStats& w : weeks) {
        const std::string bar = text_bar(w.closed, most, kBar, ascii);
        rows.push_back({iso_week(w.monday), pad_right(bar, kBar) + fmt::format(" {:>3}", w.closed),
                        one_decimal(w.lead_median_days, lang), one_decimal(w.lead_p90_days, lang),
                        of(w.deadlines_met, w.deadlines_promised),
                        of(w.first_promises_kept, w.first_promises),
                        of(w.confirmed_in_time, w.closed)});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::size_t pad = widths[i] - display_width(row[i]);
            if (i > 0) {
                line += "  ";
            }
            if (i < 2) {
                line += row[i];
                line.append(i == 1 ? pad : pad, ' ');
            } else {
                line.append(pad, ' ');
                line += row[i];
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += fit_width(line, width);
        out += '\n';
    }
    std::string hours = fmt::format("{}", first_within_hours);
    std::replace(hours.begin(), hours.end(), '.', kLanguages[column_of(lang)].decimal_mark);
    std::string legend;
    append_filled(legend, say(Text::stats_weekly_legend, lang), {hours});
    out += wrap(legend, width, "");
    if (!out.empty() && out.back() != '\n') {
        out += '\n';
    }
    return out;
}

}  // namespace owner
