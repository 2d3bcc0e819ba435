#include "render/status_render.hpp"

#include "domain/catalogue.hpp"
#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "render/case_view.hpp"
#include "render/text.hpp"

namespace owner {

namespace {

// Chat text is one line: newlines and tabs become spaces (a title with a newline cannot forge
// lines or bullets), other control characters are shown visibly.
std::string flatten(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    return visible(out);
}

// An '@' that starts a word is a mention in chat: @here, @channel, @all, @everyone and @room
// notify a whole channel or room (Slack, Mattermost, Teams, Matrix), @name one person. A
// zero-width space after each such '@' keeps the word readable and nobody paged. An '@' inside a
// word is left alone: the one in petra@example.com follows the local part of an address.
std::string quiet_mentions(std::string s) {
    const auto in_word = [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return std::isalnum(c) || c >= 0x80 || ch == '.' || ch == '_' || ch == '%' || ch == '+' ||
               ch == '-';
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '@' && (i == 0 || !in_word(s[i - 1])) && i + 1 < s.size() && s[i + 1] != ' ') {
            out += "\u200B";
        }
    }
    return out;
}

}  // namespace

std::string mrkdwn_escape(std::string_view s) {
    const std::string flat = flatten(s);
    std::string out;
    for (char c : flat) {
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
        // Slack's mrkdwn has no escape character: its formatting marks become look-alikes.
        case '*':
            out += "\u2217";  // ∗
            break;
        case '_':
            out += "\u02CD";  // ˍ
            break;
        case '~':
            out += "\u223C";  // ∼
            break;
        case '`':
            out += "\u02CB";  // ˋ
            break;
        default:
            out += c;
        }
    }
    return quiet_mentions(std::move(out));
}

std::string markdown_escape(std::string_view s) {
    const std::string flat = flatten(s);
    std::string out;
    for (char c : flat) {
        // Every ASCII punctuation character that CommonMark or GFM could read as markup.
        if (std::string_view("\\`*_[]<>#|~&!").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return quiet_mentions(std::move(out));
}

namespace {

std::string plain(std::string_view s) {
    return quiet_mentions(flatten(s));
}

std::string case_label(const StatusLine& l, const StatusFields& f, const Markup& m) {
    return chat_case_label(*l.c, f, m);
}

}  // namespace

std::string allowed_in_chat(std::string_view text, const Case& c, const StatusFields& f) {
    return f.customer ? std::string(text) : without_customer_name(text, c);
}

std::string chat_case_label(const Case& c, const StatusFields& f, const Markup& m) {
    std::string out = fmt::format("{}{}{}", m.code, c.id, m.code);
    if (f.title) {
        out += " " + m.escape(allowed_in_chat(c.title, c, f));
    }
    if (f.customer) {
        out += " (" + m.escape(c.customer) + ")";
    }
    return out;
}

Markup markup_for(StatusFormat format) {
    switch (format) {
    case StatusFormat::markdown:
    case StatusFormat::mattermost:
        return Markup{markdown_escape, "**", "**", "`", "- ", "\n"};
    case StatusFormat::slack:
        return Markup{mrkdwn_escape, "*", "*", "`", "• ", ""};
    case StatusFormat::text:
    case StatusFormat::json:
        break;
    }
    return Markup{plain, "", "", "", "- ", ""};
}

std::string chat_payload(const std::string& text, StatusFormat format) {
    if (format == StatusFormat::slack) {
        return Json::object().set("text", text).set("mrkdwn", true).pretty() + "\n";
    }
    if (format == StatusFormat::mattermost) {
        // Mattermost's incoming webhook: {"text": ...} in CommonMark (it reads *x* as italic).
        return Json::object().set("text", text).pretty() + "\n";
    }
    return text;
}

namespace {

std::string render_markup(const StatusView& v, const StatusFields& f, const Markup& m) {
    std::size_t waiting = 0;
    for (const auto& w : v.waiting) {
        waiting += w.lines.size();
    }
    const std::string_view lang = f.lang;
    auto say_with = [&](Text t, auto&&... args) {
        return fmt::format(fmt::runtime(say(t, lang)), std::forward<decltype(args)>(args)...);
    };
    std::string out = fmt::format("{}{}{}\n{}", m.bold_open,
                                  say_with(Text::status_heading, human_date(v.date, lang)),
                                  m.bold_close, m.after_heading);
    out += say_with(Text::status_counts, v.open_cases, v.due_today.size(), waiting,
                    v.escalated.size()) +
           say_count(Text::status_owed_one, Text::status_owed_many, v.owed_update.size(), lang) +
           say_with(Text::status_closed_count, v.closed.size()) + "\n";
    auto section = [&](std::string_view title) {
        out += fmt::format("\n{}{}{}\n{}", m.bold_open, title, m.bold_close, m.after_heading);
    };
    if (!v.due_today.empty()) {
        section(say(Text::status_due, f.lang));
        for (const auto& l : v.due_today) {
            // Overdue actions show their day: "11:00" alone would read as today.
            const LocalTime due = to_local(l.when->seconds);
            const std::string when = due.date == v.date ? hhmm(due.minute_of_day)
                                                        : say_with(Text::status_overdue_since,
                                                                   human_time(*l.when, lang));
            out += fmt::format("{}{}: {} — {}, {}\n", m.bullet, case_label(l, f, m),
                               m.escape(allowed_in_chat(l.what, *l.c, f)), m.escape(l.who), when);
        }
    }
    if (!v.waiting.empty()) {
        section(say(Text::status_waiting, f.lang));
        for (const auto& w : v.waiting) {
            out += fmt::format("{}{}: {}\n", m.bullet, m.escape(w.who), w.lines.size());
            for (const auto& l : w.lines) {
                out += fmt::format("  {}{}: {}, {}\n", m.bullet, case_label(l, f, m),
                                   m.escape(allowed_in_chat(l.what, *l.c, f)),
                                   say_with(Text::status_due_by, human_time(*l.when, lang)));
            }
        }
    }
    if (!v.escalated.empty()) {
        section(say(Text::status_escalated, f.lang));
        for (const auto& l : v.escalated) {
            out += fmt::format("{}{}: {}\n", m.bullet, case_label(l, f, m),
                               m.escape(allowed_in_chat(l.what, *l.c, f)));
        }
    }
    if (!v.owed_update.empty()) {
        section(say(Text::status_owed, f.lang));
        for (const auto& l : v.owed_update) {
            out += fmt::format("{}{}: {}\n", m.bullet, case_label(l, f, m),
                               say_with(Text::status_nothing_since,
                                        human_date(to_local(l.when->seconds).date, lang)));
        }
    }
    if (!v.closed.empty()) {
        section(fmt::format(fmt::runtime(say(Text::status_closed, f.lang)),
                            human_date(to_local(v.since.seconds).date, lang)));
        for (const auto& l : v.closed) {
            out += fmt::format("{}{}\n", m.bullet, case_label(l, f, m));
        }
    }
    return out;
}

Json line_json(const StatusLine& l, const StatusFields& f) {
    Json j = Json::object().set("case", l.c->id);
    if (f.title) {
        j.set("title", allowed_in_chat(l.c->title, *l.c, f));
    }
    if (f.customer) {
        j.set("customer", l.c->customer);
    }
    if (!l.what.empty()) {
        j.set("what", allowed_in_chat(l.what, *l.c, f));
    }
    if (!l.who.empty()) {
        j.set("who", l.who);
    }
    j.set("when", time_json(l.when));
    return j;
}

}  // namespace

std::string render_status(const StatusView& v, StatusFormat format, const StatusFields& fields) {
    switch (format) {
    case StatusFormat::text:
    case StatusFormat::markdown:
    case StatusFormat::slack:
    case StatusFormat::mattermost:
        return chat_payload(render_markup(v, fields, markup_for(format)), format);
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
        return json_document()
                   .set("date", v.date.iso())
                   .set("since", v.since.rfc3339())
                   .set("open_cases", v.open_cases)
                   .set("due_today", list(v.due_today))
                   .set("waiting_on", std::move(waiting))
                   .set("escalated", list(v.escalated))
                   .set("owed_update", list(v.owed_update))
                   .set("closed", list(v.closed))
                   .pretty() +
               "\n";
    }
    }
    return "";
}

}  // namespace owner
