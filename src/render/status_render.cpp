#include "render/status_render.hpp"

#include "domain/catalogue.hpp"

#include <fmt/format.h>

#include "render/case_view.hpp"

namespace owner {

std::string mrkdwn_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

std::string markdown_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

// One flavour of light markup: how to write bold, code and escape customer text.
struct Markup {
    std::string (*escape)(std::string_view);
    std::string_view bold_open, bold_close, code, bullet;
};

std::string plain(std::string_view s) { return std::string(s); }

std::string case_label(const StatusLine& l, const StatusFields& f, const Markup& m) {
    std::string out = fmt::format("{}{}{}", m.code, l.c->id, m.code);
    if (f.title) {
        out += " " + m.escape(l.c->title);
    }
    if (f.customer) {
        out += " (" + m.escape(l.c->customer) + ")";
    }
    return out;
}

std::string render_markup(const StatusView& v, const StatusFields& f, const Markup& m) {
    std::size_t waiting = 0;
    for (const auto& w : v.waiting) {
        waiting += w.lines.size();
    }
    std::string out = fmt::format("{}Status {}{}\n", m.bold_open, human_date(v.date), m.bold_close);
    out += fmt::format("{} open · {} due today · {} waiting on colleagues · {} escalated · {} owed an update · {} closed\n",
                       v.open_cases, v.due_today.size(), waiting, v.escalated.size(), v.owed_update.size(), v.closed.size());
    auto section = [&](std::string_view title) { out += fmt::format("\n{}{}{}\n", m.bold_open, title, m.bold_close); };
    if (!v.due_today.empty()) {
        section(say(Text::status_due, f.lang));
        for (const auto& l : v.due_today) {
            out += fmt::format("{}{}: {} — {}, {}\n", m.bullet, case_label(l, f, m), m.escape(l.what), m.escape(l.who),
                               hhmm(to_local(l.when->seconds).minute_of_day));
        }
    }
    if (!v.waiting.empty()) {
        section(say(Text::status_waiting, f.lang));
        for (const auto& w : v.waiting) {
            out += fmt::format("{}{}: {}\n", m.bullet, m.escape(w.who), w.lines.size());
            for (const auto& l : w.lines) {
                out += fmt::format("  {}{}: {}, due {}\n", m.bullet, case_label(l, f, m), m.escape(l.what), human_time(*l.when));
            }
        }
    }
    if (!v.escalated.empty()) {
        section(say(Text::status_escalated, f.lang));
        for (const auto& l : v.escalated) {
            out += fmt::format("{}{}: {}\n", m.bullet, case_label(l, f, m), m.escape(l.what));
        }
    }
    if (!v.owed_update.empty()) {
        section(say(Text::status_owed, f.lang));
        for (const auto& l : v.owed_update) {
            out += fmt::format("{}{}: nothing since {}\n", m.bullet, case_label(l, f, m), human_date(to_local(l.when->seconds).date));
        }
    }
    if (!v.closed.empty()) {
        section(fmt::format(fmt::runtime(say(Text::status_closed, f.lang)), human_date(to_local(v.since.seconds).date)));
        for (const auto& l : v.closed) {
            out += fmt::format("{}{}\n", m.bullet, case_label(l, f, m));
        }
    }
    return out;
}

Json line_json(const StatusLine& l, const StatusFields& f) {
    Json j = Json::object().set("case", l.c->id);
    if (f.title) {
        j.set("title", l.c->title);
    }
    if (f.customer) {
        j.set("customer", l.c->customer);
    }
    if (!l.what.empty()) {
        j.set("what", l.what);
    }
    if (!l.who.empty()) {
        j.set("who", l.who);
    }
    j.set("when", time_json(l.when));
    return j;
}

} // namespace

std::string render_status(const StatusView& v, StatusFormat format, const StatusFields& fields) {
    switch (format) {
    case StatusFormat::text:
        return render_markup(v, fields, Markup{plain, "", "", "", "- "});
    case StatusFormat::markdown:
        return render_markup(v, fields, Markup{markdown_escape, "**", "**", "`", "- "});
    case StatusFormat::slack: {
        const std::string text = render_markup(v, fields, Markup{mrkdwn_escape, "*", "*", "`", "• "});
        return Json::object().set("text", text).set("mrkdwn", true).pretty() + "\n";
    }
    case StatusFormat::json: {
        auto list = [&](const std::vector<StatusLine>& lines) {
            Json a = Json::array();
            for (const auto& l : lines) {
                a.push(line_json(l, fields));
            }
            return a;
        };
        Json waiting = Json::array();
        for (const auto& w : v.waiting) {
            waiting.push(Json::object().set("who", w.who).set("actions", list(w.lines)));
        }
        return Json::object()
                   .set("schema", kJsonSchema)
                   .set("date", v.date.iso())
                   .set("since", v.since.rfc3339())
                   .set("open_cases", v.open_cases)
                   .set("due_today", list(v.due_today))
                   .set("waiting_on", std::move(waiting))
                   .set("escalated", list(v.escalated))
                   .set("owed_update", list(v.owed_update))
                   .set("closed", list(v.closed))
                   .pretty() + "\n";
    }
    }
    return "";
}

} // namespace owner
