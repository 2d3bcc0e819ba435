#include "render/report_html.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/forget.hpp"
#include "render/stats_render.hpp"

namespace owner {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

namespace {

// The Okabe–Ito palette, each colour with a pattern of its own so that grey-scale print keeps
// them apart: solid, diagonal hatch, dots, cross-hatch, horizontal lines.
constexpr std::string_view kColours[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9"};
constexpr std::size_t kPatterns = std::size(kColours);

constexpr std::string_view kStyle = R"(
:root{--ink:#1a1a1a;--muted:#555;--line:#ccc;font-family:system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
body{margin:0 auto;max-width:60rem;padding:1rem;line-height:1.4}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:1.6rem 0 .6rem;border-bottom:2px
solid var(--ink)}h3{font-size:1rem;margin:1rem 0 .4rem}
header p,footer{color:var(--muted);margin:.2rem 0}
figure{margin:.5rem 0 1rem}figcaption{font-weight:600;margin-bottom:.3rem}
svg{width:100%;height:auto;display:block}svg text{font-size:12px;fill:var(--ink)}
table{border-collapse:collapse;margin:.3rem 0;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.2rem .6rem .2rem 0;border-bottom:1px solid var(--line);vertical-align:top}
td.n,th.n{text-align:right}
.kpi{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem;padding:0;
list-style:none}
.kpi li{border:1px solid var(--line);border-radius:.4rem;padding:.5rem}
.kpi b{display:block;font-size:1.4rem}.kpi span{color:var(--muted);font-size:.9rem}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem}.legend svg{width:1.2rem;display:inline;
vertical-align:middle}
.remarks{padding-left:1.2rem}.remarks li{margin:.3rem 0}
details{margin:.3rem 0 1rem}summary{cursor:pointer;color:var(--muted)}
.wide{overflow-x:auto}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0}section{break-before:page}section:first-of-type{
break-before:auto}figure,table,li{break-inside:avoid}details>summary{display:none}
details::details-content{content-visibility:visible;display:block}}
)";

// Numbers as the page shows them: from the figure `stats --json` writes.
struct Format {
    char mark = '.';
    std::string decimal(double v) const {
        std::string s = fmt::format("{:.1f}", v);
        std::replace(s.begin(), s.end(), '.', mark);
        return s;
    }
    std::string days(const std::optional<double>& v) const {
        return v ? decimal(rounded(*v)) : "–";
    }
    std::string share(const std::optional<double>& v) const {
        return v ? decimal(rounded(*v) * 100) + "\u202f%" : "–";
    }
};

// A figure with the path of its value in `stats --json`.
std::string figure(std::string_view text, std::string_view path, std::string_view owner = {}) {
    if (owner.empty()) {
        return fmt::format(R"(<span data-json="{}">{}</span>)", path, text);
    }
    return fmt::format(R"(<span data-json="{}" data-owner="{}">{}</span>)", path,
                       html_escape(owner), text);
}

std::string pattern_defs(std::string_view chart) {
    std::string out = "<defs>";
    for (std::size_t i = 0; i < kPatterns; ++i) {
        const std::string_view c = kColours[i];
        out += fmt::format(
            R"(<pattern id="{}-p{}" width="8" height="8" patternUnits="userSpaceOnUse">)"
            R"(<rect width="8" height="8" fill="{}"/>)",
            chart, i, c);
        switch (i) {
        case 1:
            out +=
                R"(<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" stroke-width="1.6" stroke-opacity=".55"/>)";
            break;
        case 2:
            out += R"(<circle cx="4" cy="4" r="1.8" fill="#fff" fill-opacity=".8"/>)";
            break;
        case 3:
            out +=
                R"(<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.4" stroke-opacity=".8"/>)";
            break;
        case 4:
            out += R"(<path d="M0,4 h8" stroke="#000" stroke-width="1.6" stroke-opacity=".5"/>)";
            break;
        default:
            break;
        }
        out += "</pattern>";
    }
    return out + "</defs>";
}

std::string fill(std::string_view chart, std::size_t series) {
    return fmt::format("url(#{}-p{})", chart, series % kPatterns);
}

std::string svg_open(std::string_view id, int width, int height, std::string_view title,
                     std::string_view desc) {
    return fmt::format(
               R"(<svg id="{0}" viewBox="0 0 {1} {2}" role="img" aria-labelledby="{0}-t {0}-d" )"
               R"(xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">)"
               R"(<title id="{0}-t">{3}</title><desc id="{0}-d">{4}</desc>)",
               id, width, height, html_escape(title), html_escape(desc)) +
           pattern_defs(id);
}

std::string swatch(std::string_view chart, std::size_t series, std::string_view label) {
    // A legend swatch draws its own pattern (an SVG's patterns are its own).
    return fmt::format(R"(<span><svg viewBox="0 0 16 12" aria-hidden="true">{}<rect width="16" )"
                       R"(height="12" fill="{}" stroke="#000" stroke-width=".5"/></svg> {}</span>)",
                       pattern_defs(fmt::format("{}-k{}", chart, series)),
                       fill(fmt::format("{}-k{}", chart, series), series), html_escape(label));
}

// Horizontal bars: one row per label, in the order given.
struct HBar {
    std::string label;
    double value = 0;
    std::size_t series = 0;
};
std::string hbar_chart(std::string_view id, std::string_view title, std::string_view desc,
                       const std::vector<HBar>& bars) {
    const int row = 28, label_w = 270, bar_w = 310, width = label_w + bar_w + 20;
    const int height = static_cast<int>(bars.size()) * row + 8;
    double most = 0;
    for (const HBar& b : bars) {
        most = std::max(most, b.value);
    }
    std::string out = svg_open(id, width, height, title, desc);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = static_cast<int>(i) * row + 4;
        const double w = most > 0 ? bars[i].value / most * bar_w : 0;
        out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", label_w - 8,
                           y + 17, html_escape(bars[i].label));
        out += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="20" fill="{}" )"
                           R"(stroke="#000" stroke-width=".6"/>)",
                           label_w, y + 2, std::max(w, bars[i].value > 0 ? 2.0 : 0.0),
                           fill(id, bars[i].series));
    }
    out +=
        fmt::format(R"(<line x1="{0}" y1="0" x2="{0}" y2="{1}" stroke="#000"/>)", label_w, height);
    return out + "</svg>";
}

// Vertical bars per week, one or two series side by side.
std::string week_chart(std::string_view id, std::string_view title, std::string_view desc,
                       const std::vector<WeekStats>& weeks,
                       const std::vector<std::vector<double>>& series) {
    const int n = std::max<int>(1, static_cast<int>(weeks.size()));
    const int left = 10, bottom = 34, top = 8, plot_h = 170;
    const int group = std::max(12, std::min(48, 900 / n));
    const int width = std::max(320, left * 2 + group * n);
    const int height = top + plot_h + bottom;
    double most = 0;
    for (const auto& s : series) {
        for (double v : s) {
            most = std::max(most, v);
        }
    }
    std::string out = svg_open(id, width, height, title, desc);
    const double bar = (group - 4.0) / static_cast<double>(series.size());
    // A label under every week, or every few weeks when they are many.
    const int every = std::max(1, (n + 15) / 16);
    for (int i = 0; i < static_cast<int>(weeks.size()); ++i) {
        const double x0 = left + i * group + 2;
        for (std::size_t s = 0; s < series.size(); ++s) {
            const double v = series[s][static_cast<std::size_t>(i)];
            const double h = most > 0 ? v / most * plot_h : 0;
            if (v > 0) {
                out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" )"
                                   R"(fill="{}" stroke="#000" stroke-width=".6"/>)",
                                   x0 + bar * static_cast<double>(s), top + plot_h - h, bar,
                                   std::max(h, 1.5), fill(id, s));
            }
        }
        if (i % every == 0) {
            const std::string week = iso_week(weeks[static_cast<std::size_t>(i)].monday);
            out += fmt::format(
                R"(<text x="{:.1f}" y="{}" text-anchor="middle" data-label="">{}</text>)",
                x0 + (group - 4) / 2.0, top + plot_h + 16, week.substr(5));
        }
    }
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#000"/>)", left,
                       top + plot_h, width - left);
    return out + "</svg>";
}

std::string details_table(std::string_view lang, const std::string& head, const std::string& rows) {
    return fmt::format("<details><summary>{}</summary><div class=\"wide\"><table><thead><tr>{}"
                       "</tr></thead><tbody>{}</tbody></table></div></details>\n",
                       html_escape(say(Text::report_numbers, lang)), head, rows);
}

std::string th(std::string_view text, bool number = false) {
    return fmt::format("<th{}>{}</th>", number ? " class=\"n\"" : "", html_escape(text));
}
std::string td(std::string_view html, bool number = true) {
    return fmt::format("<td{}>{}</td>", number ? " class=\"n\"" : "", html);
}

std::string said(Text t, std::string_view lang) {
    return html_escape(say(t, lang));
}

std::string hours_text(double hours, const Format& f) {
    std::string s = fmt::format("{}", hours);
    std::replace(s.begin(), s.end(), '.', f.mark);
    return s;
}

void summary(std::string& out, const Stats& s, const ReportData& d, const Format& f) {
    const std::string_view lang = d.lang;
    std::string confirmed;
    append_filled(confirmed, say(Text::stats_confirmed_in_time, lang),
                  {hours_text(d.first_within_hours, f)});
    const std::pair<std::string, std::string> items[] = {
        {said(Text::stats_accepted, lang), figure(std::to_string(s.closed), "closed_accepted")},
        {said(Text::stats_withdrawn, lang),
         figure(std::to_string(s.withdrawn), "closed_withdrawn")},
        {said(Text::stats_open, lang), figure(std::to_string(s.open), "open")},
        {said(Text::stats_lead_median, lang),
         figure(f.days(s.lead_median_days), "lead_time_days.median")},
        {said(Text::stats_lead_p90, lang), figure(f.days(s.lead_p90_days), "lead_time_days.p90")},
        {said(Text::stats_deadlines_met, lang),
         figure(f.share(s.deadline_met_share), "deadlines_met_share")},
        {said(Text::stats_first_promise_kept, lang),
         figure(f.share(s.first_promise_kept_share), "first_promise_kept_share")},
        {html_escape(confirmed),
         figure(f.share(s.confirmed_in_time_share), "first_confirmation_in_time_share")},
        {said(Text::stats_updated_in_time, lang),
         figure(f.share(s.updated_in_time_share), "updated_in_time_share")},
        {said(Text::stats_rating_mean, lang), figure(f.days(s.rating_mean), "rating.mean")},
        {said(Text::stats_handovers_per_case, lang),
         figure(f.days(s.handovers_per_case), "handovers_per_case")},
        {said(Text::stats_escalations, lang), figure(std::to_string(s.escalations), "escalations")},
    };
    out += fmt::format("<section id=\"summary\"><h2>{}</h2>\n<ul class=\"kpi\">",
                       said(Text::report_summary, lang));
    for (const auto& [label, value] : items) {
        out += fmt::format("<li><b>{}</b><span>{}</span></li>", value, label);
    }
    out += "</ul>\n";
    if (s.closed + s.withdrawn == 0) {
        out += fmt::format("<p>{}</p>\n", said(Text::report_nothing, lang));
    }
    out += "</section>\n";
}

void weekly(std::string& out, const ReportData& d, const Format& f) {
    const std::string_view lang = d.lang;
    const auto& weeks = d.weeks;
    std::vector<double> closed, median, p90;
    for (const WeekStats& w : weeks) {
        closed.push_back(w.closed);
        median.push_back(w.lead_median_days ? rounded(*w.lead_median_days) : 0);
        p90.push_back(w.lead_p90_days ? rounded(*w.lead_p90_days) : 0);
    }
    const std::string see = std::string(say(Text::report_see_table, lang));
    out += fmt::format("<section id=\"weekly\"><h2>{}</h2>\n", said(Text::report_weekly, lang));
    out += fmt::format(
        "<figure><figcaption>{}</figcaption>{}</figure>\n",
        said(Text::report_closed_per_week, lang),
        week_chart("chart-closed", say(Text::report_closed_per_week, lang), see, weeks, {closed}));
    out += fmt::format(
        "<figure><figcaption>{}</figcaption><div class=\"legend\">{}{}</div>{}</figure>\n",
        said(Text::report_lead_per_week, lang),
        swatch("chart-lead", 0, say(Text::stats_median, lang)),
        swatch("chart-lead", 1, say(Text::stats_p90, lang)),
        week_chart("chart-lead", say(Text::report_lead_per_week, lang), see, weeks, {median, p90}));
    std::string confirmed;
    append_filled(confirmed, say(Text::stats_confirmed_in_time, lang),
                  {hours_text(d.first_within_hours, f)});
    const std::string head =
        th(say(Text::stats_week, lang)) + th(say(Text::stats_closed, lang), true) +
        th(say(Text::stats_lead_median, lang), true) + th(say(Text::stats_lead_p90, lang), true) +
        th(say(Text::stats_deadlines_met, lang), true) +
        th(say(Text::stats_first_promise_kept, lang), true) + th(confirmed, true);
    std::string rows;
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        const WeekStats& w = weeks[i];
        const std::string p = fmt::format("weeks.{}.", i);
        rows += "<tr>" +
                td(fmt::format("<span data-label=\"\">{}</span> <span data-label=\"\">{}</span>",
                               iso_week(w.monday), w.monday.iso()),
                   false) +
                td(figure(std::to_string(w.closed), p + "closed")) +
                td(figure(f.days(w.lead_median_days), p + "lead_time_days.median")) +
                td(figure(f.days(w.lead_p90_days), p + "lead_time_days.p90")) +
                td(figure(std::to_string(w.deadlines_met), p + "deadlines_met") + "/" +
                   figure(std::to_string(w.deadlines_promised), p + "deadlines_promised")) +
                td(figure(std::to_string(w.first_promises_kept), p + "first_promise_kept") + "/" +
                   figure(std::to_string(w.first_promises), p + "first_promises")) +
                td(figure(std::to_string(w.confirmed_in_time), p + "first_confirmation_in_time") +
                   "/" + figure(std::to_string(w.closed), p + "closed")) +
                "</tr>";
    }
    out += details_table(lang, head, rows);
    out += "</section>\n";
}

void escalations(std::string& out, const Stats& s, const ReportData& d) {
    const std::string_view lang = d.lang;
    std::vector<HBar> bars;
    std::string rows;
    std::size_t i = 0;
    for (const auto& [rule, n] : s.escalations_by_rule) {
        bars.push_back(HBar{rule_label(rule, lang), static_cast<double>(n), i++});
        rows += "<tr>" + td(html_escape(rule_label(rule, lang)), false) +
                td(figure(std::to_string(n), "escalations_by_rule." + rule)) + "</tr>";
    }
    out += fmt::format("<section id=\"escalations\"><h2>{0}</h2>\n<figure><figcaption>{0}"
                       "</figcaption>{1}</figure>\n",
                       said(Text::report_escalations, lang),
                       hbar_chart("chart-escalations", say(Text::report_escalations, lang),
                                  say(Text::report_see_table, lang), bars));
    out += details_table(
        lang, th(say(Text::stats_rule, lang)) + th(say(Text::stats_escalations, lang), true), rows);
    out += "</section>\n";
}

void handovers(std::string& out, const Stats& s, const ReportData& d, const Format& f) {
    const std::string_view lang = d.lang;
    std::vector<HBar> bars;
    std::string rows;
    for (std::size_t i = 0; i < s.lead_by_handovers.size(); ++i) {
        const LeadByHandovers& g = s.lead_by_handovers[i];
        std::string label = std::to_string(g.handovers);
        if (i + 1 == s.lead_by_handovers.size()) {
            label.clear();
            append_filled(label, say(Text::stats_or_more, lang), {std::to_string(g.handovers)});
        }
        bars.push_back(HBar{label, g.median_days ? rounded(*g.median_days) : 0, i});
        const std::string p = fmt::format("lead_time_by_handovers.{}.", i);
        rows += "<tr>" + td("<span data-label=\"\">" + html_escape(label) + "</span>", false) +
                td(figure(std::to_string(g.cases), p + "cases")) +
                td(figure(f.days(g.median_days), p + "lead_time_days_median")) + "</tr>";
    }
    out += fmt::format("<section id=\"handovers\"><h2>{0}</h2>\n<figure><figcaption>{0} ({1})"
                       "</figcaption>{2}</figure>\n",
                       said(Text::report_handovers, lang), said(Text::stats_lead_median, lang),
                       hbar_chart("chart-handovers", say(Text::report_handovers, lang),
                                  say(Text::report_see_table, lang), bars));
    out += details_table(lang,
                         th(say(Text::stats_handovers, lang)) +
                             th(say(Text::stats_cases, lang), true) +
                             th(say(Text::stats_lead_median, lang), true),
                         rows);
    out += "</section>\n";
}

void verdicts(std::string& out, const Stats& s, const ReportData& d) {
    const std::string_view lang = d.lang;
    std::vector<HBar> bars;
    std::string rows;
    for (std::size_t i = s.rating_counts.size(); i-- > 0;) {
        const std::string rating = std::to_string(i + 1);
        bars.push_back(HBar{"★ " + rating, static_cast<double>(s.rating_counts[i]), i});
        rows += "<tr>" + td("<span data-label=\"\">★ " + rating + "</span>", false) +
                td(figure(std::to_string(s.rating_counts[i]), "rating.counts." + rating)) + "</tr>";
    }
    out += fmt::format("<section id=\"verdicts\"><h2>{0}</h2>\n<figure><figcaption>{1}"
                       "</figcaption>{2}</figure>\n",
                       said(Text::report_verdicts, lang), said(Text::stats_verdicts, lang),
                       hbar_chart("chart-verdicts", say(Text::stats_verdicts, lang),
                                  say(Text::report_see_table, lang), bars));
    out += details_table(
        lang, th(say(Text::stats_rating, lang)) + th(say(Text::stats_verdicts, lang), true), rows);
    if (!s.remarks.empty()) {
        out += fmt::format("<h3>{}</h3>\n<ul class=\"remarks\">", said(Text::stats_remarks, lang));
        // Newest first: what was said last matters most at the meeting.
        for (std::size_t i = s.remarks.size(); i-- > 0;) {
            const Remark& r = s.remarks[i];
            const std::string p = fmt::format("rating.latest.{}.", i);
            std::string who = figure(html_escape(r.id), p + "id");
            if (d.show_customers && !r.customer.empty() && r.customer != kForgotten) {
                who += " (<span data-label=\"\">" + html_escape(r.customer) + "</span>)";
            }
            const std::string stars =
                r.rating ? " ★ " + figure(std::to_string(*r.rating), p + "rating") : "";
            out += fmt::format("<li><b>{}</b>{}: {}</li>", who, stars,
                               figure(html_escape(r.text), p + "remark"));
        }
        out += "</ul>\n";
    }
    out += "</section>\n";
}

void people(std::string& out, const ReportData& d, const Format& f) {
    const std::string_view lang = d.lang;
    std::string confirmed;
    append_filled(confirmed, say(Text::stats_confirmed_in_time, lang),
                  {hours_text(d.first_within_hours, f)});
    std::string rows;
    for (const ReportPerson& p : d.people) {
        const Stats& s = p.stats;
        const std::string& o = p.name;
        rows +=
            "<tr>" + td(html_escape(o), false) +
            td(figure(std::to_string(s.closed), "closed_accepted", o)) +
            td(figure(std::to_string(s.open), "open", o)) +
            td(figure(f.days(s.lead_median_days), "lead_time_days.median", o)) +
            td(figure(f.days(s.lead_p90_days), "lead_time_days.p90", o)) +
            td(figure(f.share(s.deadline_met_share), "deadlines_met_share", o)) +
            td(figure(f.share(s.first_promise_kept_share), "first_promise_kept_share", o)) +
            td(figure(f.share(s.confirmed_in_time_share), "first_confirmation_in_time_share", o)) +
            td(figure(f.days(s.rating_mean), "rating.mean", o)) +
            td(figure(std::to_string(s.escalations), "escalations", o)) + "</tr>";
    }
    const std::string head =
        th(say(Text::stats_person, lang)) + th(say(Text::stats_accepted, lang), true) +
        th(say(Text::stats_open, lang), true) + th(say(Text::stats_lead_median, lang), true) +
        th(say(Text::stats_lead_p90, lang), true) + th(say(Text::stats_deadlines_met, lang), true) +
        th(say(Text::stats_first_promise_kept, lang), true) + th(confirmed, true) +
        th(say(Text::stats_rating_mean, lang), true) + th(say(Text::stats_escalations, lang), true);
    out += fmt::format("<section id=\"people\"><h2>{}</h2>\n<div class=\"wide\"><table><thead><tr>"
                       "{}</tr></thead><tbody>{}</tbody></table></div>\n</section>\n",
                       said(Text::team_people, lang), head, rows);
}

}  // namespace

std::string render_report_html(const ReportData& d) {
    const Stats& s = *d.stats;
    const std::string_view lang = d.lang;
    const Format f{kLanguages[column_of(lang)].decimal_mark};
    std::string period;
    append_filled(period, say(Text::report_period, lang),
                  {long_date(d.first_day, lang), long_date(d.last_day, lang)});
    std::string made;
    append_filled(made, say(Text::report_made, lang),
                  {long_date(to_local(d.now.seconds).date, lang)});
    std::string out;
    out.reserve(64 * 1024);
    out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; img-src data:\">\n"
                       "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                       html_escape(lang), said(Text::report_title, lang), kStyle);
    out += fmt::format("<header><h1>{}</h1><p data-label=\"\">{}</p>",
                       said(Text::report_title, lang), html_escape(period));
    if (!d.scope.empty()) {
        out += fmt::format("<p>{}</p>", html_escape(d.scope));
    }
    out += "</header>\n<main>\n";
    summary(out, s, d, f);
    weekly(out, d, f);
    escalations(out, s, d);
    handovers(out, s, d, f);
    verdicts(out, s, d);
    if (!d.people.empty()) {
        people(out, d, f);
    }
    out += fmt::format("</main>\n<footer><p data-label=\"\">{}</p></footer>\n</body>\n</html>\n",
                       html_escape(made));
    return out;
}

}  // namespace owner
