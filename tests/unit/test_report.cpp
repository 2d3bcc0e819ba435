#include <doctest/doctest.h>

#include "domain/stats.hpp"
#include "render/report_html.hpp"
#include "render/stats_render.hpp"
#include "render/text.hpp"

using namespace owner;

namespace {

std::vector<WeekStats> two_weeks() {
    WeekStats a{.monday = Date{2026, 11, 16}};
    a.closed = 3;
    a.lead_median_days = 2.26;
    a.lead_p90_days = 6.04;
    a.deadlines_met = 1;
    a.deadlines_promised = 2;
    a.first_promises_kept = 2;
    a.first_promises = 2;
    a.confirmed_in_time = 3;
    WeekStats b{.monday = Date{2026, 11, 23}};
    b.closed = 12;
    return {a, b};
}

std::size_t widest_line(const std::string& text) {
    std::size_t widest = 0, start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        widest = std::max(widest, display_width(text.substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

}  // namespace

TEST_CASE("text_bar: eighths of a block, or ASCII") {
    CHECK(text_bar(12, 12, 4, false) == "████");
    CHECK(text_bar(3, 12, 4, false) == "█");
    CHECK(text_bar(1, 16, 4, false) == "▎");  // a quarter of a cell: two eighths
    CHECK(text_bar(0, 12, 4, false).empty());
    CHECK(text_bar(6, 12, 4, true) == "##");
    CHECK(text_bar(1, 100, 4, true) == "#");  // something is never drawn as nothing
}

TEST_CASE("render_weekly: a line per week within 80 columns, in every language") {
    const auto weeks = two_weeks();
    const std::string en = render_weekly(weeks, "en", 200, false, 2);
    CAPTURE(en);
    CHECK(en.starts_with("week      closed"));
    CHECK(en.find("2026-W47  ████               3     2.3  6.0       1/2      2/2        3/3") !=
          std::string::npos);
    CHECK(en.find("2026-W48  ████████████████  12       -    -         -        -       0/12") !=
          std::string::npos);
    CHECK(widest_line(en) <= 80);
    const std::string ascii = render_weekly(weeks, "en", 200, true, 2);
    CHECK(ascii.find("2026-W48  ################  12") != std::string::npos);
    CHECK(ascii.find("█") == std::string::npos);
    for (const char* lang : {"nl", "de"}) {
        const std::string text = render_weekly(weeks, lang, 80, false, 1.5);
        CHECK(widest_line(text) <= 80);
        CHECK(text.find("1,5") != std::string::npos);  // the decimal mark of the language
        CHECK(text.find("2,3") != std::string::npos);
    }
    CHECK(widest_line(render_weekly(weeks, "de", 50, false, 2)) <= 50);
}

TEST_CASE("render_report_html: escaped, self-contained, every chart with its text") {
    Stats s;
    s.closed = 2;
    s.escalations_by_rule = {{"stalled", 1}, {"other", 0}};
    s.lead_by_handovers = {LeadByHandovers{0, 1, 1.0, 1.0}, LeadByHandovers{1, 1, 2.0, 2.0},
                           LeadByHandovers{2, 0, std::nullopt, std::nullopt}};
    s.rating_counts = {0, 0, 0, 1, 1};
    s.remarks.push_back(
        Remark{"k7rq2", Timestamp{1795000000, 60}, 5, "<b>great</b> & quick", "M. <Jansen>"});
    s.remarks.push_back(Remark{"k8abc", Timestamp{1795000100, 60}, 4, "ok", "(forgotten)"});
    ReportData d;
    d.stats = &s;
    d.weeks = two_weeks();
    d.first_day = Date{2026, 11, 16};
    d.last_day = Date{2026, 11, 25};
    d.now = Timestamp{1795600000, 60};
    d.lang = "nl";
    d.show_customers = true;
    const std::string page = render_report_html(d);
    CHECK(page.find("<html lang=\"nl\">") != std::string::npos);
    CHECK(page.find("&lt;b&gt;great&lt;/b&gt; &amp; quick") != std::string::npos);
    CHECK(page.find("<b>great</b>") == std::string::npos);
    CHECK(page.find(">M. &lt;Jansen&gt;</span>)") != std::string::npos);
    CHECK(page.find("(forgotten)") == std::string::npos);  // a forgotten customer is not named
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Rapportage zaken") != std::string::npos);
    CHECK(page.find("Escalaties per regel") != std::string::npos);
    CHECK(page.find(R"(<span data-json="weeks.0.lead_time_days.median">2,3</span>)") !=
          std::string::npos);
    CHECK(page.find("id=\"people\"") == std::string::npos);
    d.show_customers = false;
    CHECK(render_report_html(d).find("Jansen") == std::string::npos);
    CHECK(html_escape("a\"b'c") == "a&quot;b&#39;c");
}
