#include "render/views_render.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {

template <typename... Args> std::string say_with(Text t, std::string_view lang, Args&&... args) {
    return fmt::format(fmt::runtime(say(t, lang)), std::forward<Args>(args)...);
}

// The text of an item after the customer, appended to `out`: what, and who when it is not the
// owner. (Item's texts are read through string_view: they may become views.)
void append_item_what(std::string& out, const Item& item, const Case& c, std::string_view lang,
                      std::string_view review_date) {
    const std::string_view what = item.what;
    const std::string_view who = item.who;
    switch (item.kind) {
    case ItemKind::action:
        out += what;
        if (c.actions[*item.action_index].who) {
            out += " — ";
            out += who;
        }
        return;
    case ItemKind::check:
        return say_to(out, Text::item_check, lang, {who, what});
    case ItemKind::deadline:
        return say_to(out, Text::item_promised, lang, {c.title});
    case ItemKind::escalation: {
        const std::string_view told = item.told;
        const std::string_view text = told.empty() ? what : told;
        if (who.empty()) {
            out += text;
            return;
        }
        return say_to(out, Text::item_escalate_to, lang, {text, who});
    }
    case ItemKind::update_owed:
        return say_to(out, Text::item_owed_update, lang, {c.title});
    case ItemKind::no_next_step:
        return say_to(out, Text::item_plan_next, lang, {c.title});
    case ItemKind::review:
        return say_to(out, Text::item_not_reviewed, lang,
                      {priority_word(to_string(c.priority), lang), review_date, c.title});
    case ItemKind::waiting:
        if (what.empty()) {
            return say_to(out, Text::item_waited, lang, {""});
        }
        return say_to(out, Text::item_waited, lang, {" (" + std::string(what) + ")"});
    }
    out += what;
}

// The texts of the dates of a view, made once per distinct instant and way of showing it:
// thousands of items share a few hundred instants, and each text asks the time zone.
class WhenTexts {
  public:
    struct Cell {
        std::string text;
        std::size_t width = 0;
    };
    WhenTexts(const Timestamp& now, std::string_view lang) : m_now(now), m_lang(lang) {}

    // The "when" column of an item (empty: none).
    const Cell& of(const Item& item, bool time_only) {
        static const Cell none;
        if (!item.when || (!time_only && item.kind == ItemKind::review)) {
            return none;
        }
        const Way way = time_only         ? (item.moved ? Way::moved : Way::time)
                        : item.kind == ItemKind::update_owed ? Way::since
                                                             : Way::relative;
        return cell(*item.when, way);
    }
    // The day of a review item, as an ISO date.
    std::string_view review_date(const Item& item) {
        return item.when ? std::string_view(cell(*item.when, Way::iso_date).text)
                         : std::string_view();
    }

  private:
    enum class Way { relative, since, time, moved, iso_date };

    const Cell& cell(const Timestamp& t, Way way) {
        const auto key = std::pair{t.seconds, way};
        const auto found = m_cells.find(key);
        if (found != m_cells.end()) {
            return found->second;
        }
        Cell c;
        switch (way) {
        case Way::relative:
            c.text = relative_when(t, m_now, m_lang);
            break;
        case Way::since:
            c.text = fmt::format(fmt::runtime(say(Text::since, m_lang)),
                                 human_date(to_local(t.seconds).date, m_lang));
            break;
        case Way::time:
            c.text = hhmm(to_local(t.seconds).minute_of_day);
            break;
        case Way::moved:
            // An item moved off a day off shows its own date: "due Fri 25 Dec 17:00".
            c.text = human_time(t, m_lang);
            break;
        case Way::iso_date:
            c.text = to_local(t.seconds).date.iso();
            break;
        }
        c.width = make_cell(c.text);
        return m_cells.emplace(key, std::move(c)).first->second;
    }

    Timestamp m_now;
    std::string_view m_lang;
    std::map<std::pair<std::int64_t, Way>, Cell> m_cells;
};

// The customer column of a case is the same on each of its lines: made (made visible, capped)
// and measured once per case, not once per line.
class CustomerColumn {
  public:
    CustomerColumn(const std::vector<Case>& cases, std::size_t width)
        : m_cases(cases), m_width(width), m_cells(cases.size()), m_widths(cases.size(), kNotMade) {}
    void add_to(TextTable& table, std::size_t ci) {
        if (m_widths[ci] == kNotMade) {
            m_cells[ci] = cap_width(visible(m_cases[ci].customer), 18, m_width);
            m_widths[ci] = make_cell(m_cells[ci]);
        }
        table.add_measured_cell(m_cells[ci], m_widths[ci]);
    }

  private:
    static constexpr std::size_t kNotMade = static_cast<std::size_t>(-1);
    const std::vector<Case>& m_cases;
    std::size_t m_width;
    std::vector<std::string> m_cells;
    std::vector<std::size_t> m_widths;
};

// What the sections of a view share while they are made.
struct SectionParts {
    const std::vector<Case>& cases;
    const Style& style;
    std::string_view lang;
    WhenTexts whens;
    CustomerColumn customers;
};

// The table of a section: id, when (left out when no item has one), customer, what. Each row is
// written cell by cell into the table's one buffer.
TextTable section_table(const std::vector<Item>& items, bool time_only, bool overdue,
                        SectionParts& parts) {
    std::vector<const WhenTexts::Cell*> whens;
    whens.reserve(items.size());
    bool timeless = true;
    for (const Item& item : items) {
        whens.push_back(&parts.whens.of(item, time_only));
        timeless = timeless && whens.back()->text.empty();
    }
    const std::size_t columns = timeless ? 3 : 4;
    TextTable table;
    table.reserve(items.size(), items.size() * columns, items.size() * 96);
    for (std::size_t n = 0; n < items.size(); ++n) {
        const Item& item = items[n];
        const Case& c = parts.cases[item.case_index];
        parts.style.paint(table.begin_cell(), "36", c.id);
        table.end_cell();
        if (!timeless) {
            if (overdue && parts.style.enabled()) {
                std::string red;
                parts.style.paint(red, "31", whens[n]->text);
                table.add_measured_cell(red, whens[n]->width);
            } else {
                table.add_measured_cell(whens[n]->text, whens[n]->width);
            }
        }
        parts.customers.add_to(table, item.case_index);
        append_item_what(table.begin_cell(), item, c, parts.lang,
                         item.kind == ItemKind::review ? parts.whens.review_date(item)
                                                       : std::string_view());
        table.end_cell(false);  // customer text: visible(), no colour passes
        table.end_row();
    }
    return table;
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
    std::string head =
        style.bold(day + " · " +
                   say_count(Text::today_header_one, Text::today_header_many, v.open_cases, lang) +
                   say_with(Text::today_header_rest, lang, overdue, today)) +
        "\n";
    // Every table first, so that the text is made in one string of the right size (at a team's
    // scale it is megabytes: no copies, no doubling).
    SectionParts parts{cases, style, lang, WhenTexts(now, lang), CustomerColumn(cases, width)};
    std::vector<std::string> titles;
    std::vector<TextTable> tables;
    std::size_t size = head.size();
    for (const auto& s : v.sections) {
        titles.push_back("\n" + style.bold(fmt::format("{} ({})", s.title, s.items.size())) +
                         "\n");
        tables.push_back(section_table(s.items, false, s.key == SectionKey::overdue, parts));
        size += titles.back().size() + tables.back().rendered_size_bound("  ");
    }
    std::string tail;
    if (v.sections.empty()) {
        tail += fmt::format("\n{}\n", say(Text::today_nothing, lang));
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
        tail += "\n" + style.dim(fmt::format("{}. {}", line, say(Text::well_done, lang))) + "\n";
    }
    std::string out;
    out.reserve(size + tail.size());
    out += head;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        out += titles[i];
        tables[i].render_to(out, width, "  ");
        tables[i] = TextTable();  // its memory back at once
    }
    out += tail;
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
    SectionParts parts{cases, style, lang, WhenTexts(now, lang), CustomerColumn(cases, width)};
    if (!v.overdue.empty()) {
        out += style.bold(style.red(
                   fmt::format("{} ({})", say(Text::today_overdue, lang), v.overdue.size()))) +
               "\n";
        section_table(v.overdue, false, true, parts).render_to(out, width, "  ");
        out += "\n";
    }
    for (const auto& day : v.days) {
        std::string head =
            say_with(day.items.size() == 1 ? Text::agenda_items_one : Text::agenda_items_many, lang,
                     human_date(day.date, lang), day.items.size());
        if (day.overbooked) {
            head += style.yellow(say_with(Text::agenda_overbooked, lang, v.overbooked_after));
        }
        out += style.bold(head) + "\n";
        section_table(day.items, true, false, parts).render_to(out, width, "  ");
    }
    if (!v.no_next_step.empty()) {
        out += "\n" +
               style.bold(fmt::format("{} ({})", say(Text::today_no_next_step, lang),
                                      v.no_next_step.size())) +
               "\n";
        section_table(v.no_next_step, false, false, parts).render_to(out, width, "  ");
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
