#include "render/views_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {

template <typename... Args> std::string say_with(Text t, std::string_view lang, Args&&... args) {
    return fmt::format(fmt::runtime(say(t, lang)), std::forward<Args>(args)...);
}

// The text of an item after the customer: what, and who when it is not the owner.
std::string item_what(const Item& item, const Case& c, std::string_view lang) {
    switch (item.kind) {
    case ItemKind::action:
        return item.what + (c.actions[*item.action_index].who ? " — " + item.who : "");
    case ItemKind::check:
        return say_with(Text::item_check, lang, item.who, item.what);
    case ItemKind::deadline:
        return say_with(Text::item_promised, lang, c.title);
    case ItemKind::escalation: {
        const std::string& what = item.told.empty() ? item.what : item.told;
        return item.who.empty() ? what : say_with(Text::item_escalate_to, lang, what, item.who);
    }
    case ItemKind::update_owed:
        return say_with(Text::item_owed_update, lang, c.title);
    case ItemKind::no_next_step:
        return say_with(Text::item_plan_next, lang, c.title);
    case ItemKind::review:
        return say_with(Text::item_not_reviewed, lang, priority_word(to_string(c.priority), lang),
                        item.when ? to_local(item.when->seconds).date.iso() : "", c.title);
    case ItemKind::waiting:
        return say_with(Text::item_waited, lang, item.what.empty() ? "" : " (" + item.what + ")");
    }
    return item.what;
}

std::string item_when(const Item& item, const Timestamp& now, bool time_only,
                      std::string_view lang) {
    if (!item.when) {
        return "";
    }
    if (time_only) {
        // An item moved off a day off shows its own date: "due Fri 25 Dec 17:00", not a bare time.
        return item.moved ? human_time(*item.when, lang)
                          : hhmm(to_local(item.when->seconds).minute_of_day);
    }
    if (item.kind == ItemKind::update_owed) {
        return say_with(Text::since, lang, human_date(to_local(item.when->seconds).date, lang));
    }
    if (item.kind == ItemKind::review) {
        return "";
    }
    return relative_when(*item.when, now, lang);
}

// The customer column of a case is the same on each of its lines: made (made visible, capped)
// once per case, not once per line.
class CustomerColumn {
  public:
    CustomerColumn(const std::vector<Case>& cases, std::size_t width)
        : m_cases(cases), m_width(width), m_cells(cases.size()), m_made(cases.size(), false) {}
    const std::string& of(std::size_t ci) {
        if (!m_made[ci]) {
            m_cells[ci] = cap_width(visible(m_cases[ci].customer), 18, m_width);
            m_made[ci] = true;
        }
        return m_cells[ci];
    }

  private:
    const std::vector<Case>& m_cases;
    std::size_t m_width;
    std::vector<std::string> m_cells;
    std::vector<bool> m_made;
};

// visible(), keeping the string itself when it is already plain text.
std::string visible_owned(std::string s) {
    return safe_line_width(s, false) ? s : visible(s);
}

std::string section_table(const std::vector<Item>& items, const std::vector<Case>& cases,
                          const Timestamp& now, const Style& style, std::size_t width,
                          bool time_only, bool overdue, std::string_view lang,
                          CustomerColumn& customers) {
    TextTable table;
    std::vector<std::string> whens;
    whens.reserve(items.size());
    for (const Item& item : items) {
        whens.push_back(item_when(item, now, time_only, lang));
    }
    const bool timeless =
        std::all_of(whens.begin(), whens.end(), [](const std::string& w) { return w.empty(); });
    for (std::size_t n = 0; n < items.size(); ++n) {
        const Item& item = items[n];
        const Case& c = cases[item.case_index];
        std::string when = std::move(whens[n]);
        if (overdue) {
            when = style.red(when);
        }
        if (timeless) {
            table.add_row({style.cyan(c.id), customers.of(item.case_index),
                           visible_owned(item_what(item, c, lang))});
        } else {
            table.add_row({style.cyan(c.id), std::move(when), customers.of(item.case_index),
                           visible_owned(item_what(item, c, lang))});
        }
    }
    return table.render(width, "  ");
}

}  // namespace

Json item_json(const Item& item, const std::vector<Case>& cases) {
    const Case& c = cases[item.case_index];
    Json j = Json::object();
    j.set("kind", to_string(item.kind));
    j.set("case", c.id);
    j.set("customer", c.customer);
    j.set("title", c.title);
    j.set("what", item.what);
    j.set("who", item.who.empty() ? Json() : Json(item.who));
    j.set("when", time_json(item.when));
    j.set("action", item.action_index ? Json(*item.action_index + 1) : Json());
    j.set("urgency", item.urgency);
    return j;
}

std::string today_text(const TodayView& v, const std::vector<Case>& cases, const Timestamp& now,
                       const Style& style, std::size_t width) {
    const std::string_view lang = v.language;
    const std::string day = capitalized(long_date(v.date, lang));
    if (v.open_cases == 0) {
        return say_with(Text::today_no_cases, lang, day);
    }
    std::size_t overdue = 0, today = 0;
    for (const auto& s : v.sections) {
        overdue += s.key == SectionKey::overdue ? s.items.size() : 0;
        today += s.key == SectionKey::today ? s.items.size() : 0;
    }
    std::string out =
        style.bold(day + " · " +
                   say_count(Text::today_header_one, Text::today_header_many, v.open_cases, lang) +
                   say_with(Text::today_header_rest, lang, overdue, today)) +
        "\n";
    CustomerColumn customers(cases, width);
    for (const auto& s : v.sections) {
        out += "\n" + style.bold(fmt::format("{} ({})", s.title, s.items.size())) + "\n";
        out += section_table(s.items, cases, now, style, width, false, s.key == SectionKey::overdue,
                             lang, customers);
    }
    if (v.sections.empty()) {
        out += fmt::format("\n{}\n", say(Text::today_nothing, lang));
    }
    if (!v.done_before.empty()) {
        std::size_t actions = 0, closed = 0;
        for (const auto& i : v.done_before) {
            (i.kind == ItemKind::action ? actions : closed)++;
        }
        std::string line =
            human_date(v.previous_day, lang) + ": " +
            say_count(Text::done_actions_one, Text::done_actions_many, actions, lang);
        if (closed) {
            line += ", " + say_count(Text::done_closed_one, Text::done_closed_many, closed, lang);
        }
        out += "\n" + style.dim(fmt::format("{}. {}", line, say(Text::well_done, lang))) + "\n";
    }
    return out;
}

Json today_json(const TodayView& v, const std::vector<Case>& cases, const Timestamp& now) {
    Json sections = Json::array();
    for (const auto& s : v.sections) {
        Json items = Json::array();
        for (const auto& i : s.items) {
            items.push(item_json(i, cases));
        }
        sections.push(Json::object()
                          .set("key", to_string(s.key))
                          .set("title", s.title)
                          .set("items", std::move(items)));
    }
    Json done = Json::array();
    for (const auto& i : v.done_before) {
        done.push(Json::object()
                      .set("kind", i.kind == ItemKind::action ? "action_done" : "case_closed")
                      .set("case", cases[i.case_index].id)
                      .set("at", time_json(i.when))
                      .set("text", i.what));
    }
    return json_document()
        .set("now", now.rfc3339())
        .set("date", v.date.iso())
        .set("open_cases", v.open_cases)
        .set("sections", std::move(sections))
        .set("previous_working_day", v.previous_day.iso())
        .set("done_previous_working_day", std::move(done));
}

std::string agenda_text(const AgendaView& v, const std::vector<Case>& cases, const Timestamp& now,
                        const Style& style, std::size_t width) {
    const std::string_view lang = v.language;
    std::string out;
    CustomerColumn customers(cases, width);
    if (!v.overdue.empty()) {
        out += style.bold(style.red(
                   fmt::format("{} ({})", say(Text::today_overdue, lang), v.overdue.size()))) +
               "\n";
        out +=
            section_table(v.overdue, cases, now, style, width, false, true, lang, customers) + "\n";
    }
    for (const auto& day : v.days) {
        std::string head =
            say_with(day.items.size() == 1 ? Text::agenda_items_one : Text::agenda_items_many, lang,
                     human_date(day.date, lang), day.items.size());
        if (day.overbooked) {
            head += style.yellow(say_with(Text::agenda_overbooked, lang, v.overbooked_after));
        }
        out += style.bold(head) + "\n";
        out += section_table(day.items, cases, now, style, width, true, false, lang, customers);
    }
    if (!v.no_next_step.empty()) {
        out += "\n" +
               style.bold(fmt::format("{} ({})", say(Text::today_no_next_step, lang),
                                      v.no_next_step.size())) +
               "\n";
        out +=
            section_table(v.no_next_step, cases, now, style, width, false, false, lang, customers);
    }
    return out;
}

Json agenda_json(const AgendaView& v, const std::vector<Case>& cases) {
    auto list = [&](const std::vector<Item>& items) {
        Json a = Json::array();
        for (const auto& i : items) {
            a.push(item_json(i, cases));
        }
        return a;
    };
    Json days = Json::array();
    for (const auto& d : v.days) {
        days.push(Json::object()
                      .set("date", d.date.iso())
                      .set("load", d.items.size())
                      .set("overbooked", d.overbooked)
                      .set("items", list(d.items)));
    }
    return json_document()
        .set("overdue", list(v.overdue))
        .set("days", std::move(days))
        .set("no_next_step", list(v.no_next_step));
}

}  // namespace owner
