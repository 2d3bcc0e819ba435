#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/stats.hpp"

// `owner report`: the figures of `stats` as one self-contained HTML page (inline CSS and SVG, no
// script, nothing fetched), for a screen, a phone and A4 paper. Pure: data in, text out.
namespace owner {

// One person of a team store, for the per-person section.
struct ReportPerson {
    std::string name;
    Stats stats;
};

struct ReportData {
    const Stats* stats = nullptr;
    std::vector<WeekStats> weeks;  // week_series over the period
    Date first_day, last_day;      // the period shown in the heading
    Timestamp now;
    std::string scope;                 // "" (the store), a person's name, or the team's line
    std::vector<ReportPerson> people;  // a team store's per-person section; empty: none
    bool show_customers = false;       // [status] fields allow customers' names
    double first_within_hours = 2;
    std::string lang;
};

// Every figure carries `data-json`, the path of its value in `stats --json` (a person's figure
// also `data-owner`, their `stats --json --owner NAME`), so that a test can check them all.
std::string render_report_html(const ReportData& data);

// Text made safe as HTML element content and attribute values.
std::string html_escape(std::string_view s);

}  // namespace owner
