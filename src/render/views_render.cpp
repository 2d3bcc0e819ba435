#include "render/views_render.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/times_said.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {

template <typename... Args> std::string say_with(Text t, std::string_view lang, Args&&... args) {
    return fmt::format(fmt::runtime(say(t, lang)), std::forward<Args>(args)...);
}

// The cells of a case that are the same on each of its lines (its id, its customer) made once,
// and the width of its title: made visible, capped and measured once per case, not once per
// line.
class CaseCells {
  public:
    struct Cell {
        std::string text;
        std::size_t width = 0;
    };
    struct Cells {
        Cell id;
        Cell customer;
        std::optional<std::size_t> title_width;  // nullopt when visible() changes the title
        bool made = false;
    };
    CaseCells(const std::vector<Case>& cases, const Style& style, std::size_t width)
        : m_cases(cases), m_style(style), m_width(width), m_cells(cases.size()) {}
    const Cells& of(std::size_t ci) {
        Cells& cells = m_cells[ci];
        if (!cells.made) {
            make(cells, m_cases[ci]);
        }
        return cells;
    }

  private:
    void make(Cells& cells, const Case& c) const {
        m_style.paint(cells.id.text, "36", c.id);
        cells.id.width = make_cell(cells.id.text);
        const auto plain = safe_line_width(c.customer, false);
        if (plain && m_width >= kNoWidthLimit) {
            cells.customer = {c.customer, *plain};  // the common case: shown as it is
        } else {
            cells.customer.text = cap_width(visible(c.customer), 18, m_width, m_style.ascii());
            cells.customer.width = make_cell(cells.customer.text);
        }
        cells.title_width = safe_line_width(c.title, false);
        cells.made = true;
    }
    const std::vector<Case>& m_cases;
    const Style& m_style;
    std::size_t m_width;
    std::vector<Cells> m_cells;
};

// Small indices of 64-bit keys, by open addressing: for the few thousand instants and days of a
// view, with no node per entry.
class IndexOf {
  public:
    // The index of `key`, and whether it is new (then it is `next`).
    std::pair<std::uint32_t, bool> find_or_add(std::int64_t key, std::size_t next) {
        if (2 * (m_size + 1) > m_slots.size()) {
            grow();
        }
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t at = hash(key) & mask;; at = (at + 1) & mask) {
            Slot& slot = m_slots[at];
            if (slot.index == 0) {
                slot = {key, static_cast<std::uint32_t>(next + 1)};
                ++m_size;
                return {static_cast<std::uint32_t>(next), true};
            }
            if (slot.key == key) {
                return {slot.index - 1, false};
            }
        }
    }

  private:
    struct Slot {
        std::int64_t key = 0;
        std::uint32_t index = 0;  // the index + 1; 0: empty
    };
    static std::size_t hash(std::int64_t key) {
        return static_cast<std::size_t>((static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ULL) >>
                                        32);
    }
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<std::size_t>(64, 2 * old.size()), Slot{});
        m_size = 0;
        for (const Slot& slot : old) {
            if (slot.index != 0) {
                find_or_add(slot.key, slot.index - 1);
            }
        }
    }
    std::vector<Slot> m_slots;  // a power of two of them, at most half used
    std::size_t m_size = 0;
};

// "09:05"
void append_hhmm(std::string& out, int minute_of_day) {
    const int h = minute_of_day / 60;
    const int m = minute_of_day % 60;
    const char text[5] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                          static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
    out.append(text, sizeof text);
}

// The texts of the dates of a view, made once per distinct instant and way of showing it:
// thousands of items share a few hundred instants, and each text asks the time zone. The words
// of a day ("Wed 25 Nov") are made once per day. The texts are kept one after the other in one
// string (a cell is where its text is there), not a string each.
class WhenTexts {
  public:
    struct Cell {
        std::uint32_t begin = 0;
        std::uint32_t size = 0;
        std::uint32_t width = 0;
    };
    WhenTexts(const Timestamp& now, std::string_view lang)
        : m_lang(lang), m_today(to_local(now.seconds).date), m_tomorrow(m_today.plus_days(1)),
          m_yesterday(m_today.plus_days(-1)) {}

    // The "when" column of an item (empty: none).
    Cell of(const Item& item, bool time_only) {
        if (!item.when || (!time_only && item.kind == ItemKind::review)) {
            return {};
        }
        const Way way = time_only                            ? (item.moved ? Way::moved : Way::time)
                        : item.kind == ItemKind::update_owed ? Way::since
                                                             : Way::relative;
        return cell(*item.when, way);
    }
    // The day of a review item, as an ISO date (empty: none).
    Cell review_date(const Item& item) {
        return item.when ? cell(*item.when, Way::iso_date) : Cell{};
    }
    // The text of a cell (until the next one is made).
    std::string_view text(Cell c) const { return {m_texts.data() + c.begin, c.size}; }
    // A time written in an item's text (a report's "moved from …"), as the "when" column says it.
    std::string_view said(const Timestamp& t) { return text(cell(t, Way::relative)); }

  private:
    enum class Way { relative, since, time, moved, iso_date };

    struct Day {
        std::string words;  // "Wed 25 Nov"
        std::string iso;    // "2026-11-25"
    };
    const Day& day(const Date& d) {
        const auto [index, added] =
            m_day_index.find_or_add(d.year * 512 + d.month * 32 + d.day, m_days.size());
        if (added) {
            m_days.push_back({human_date(d, m_lang), d.iso()});
        }
        return m_days[index];
    }

    Cell cell(const Timestamp& t, Way way) {
        const auto [index, added] =
            m_index.find_or_add(t.seconds * 8 + static_cast<std::int64_t>(way), m_cells.size());
        if (!added) {
            return m_cells[index];
        }
        const LocalTime lt = to_local(t.seconds);
        std::string time;
        append_hhmm(time, lt.minute_of_day);
        std::string& text = m_texts;
        const std::size_t begin = text.size();
        switch (way) {
        case Way::relative:
            // "today 11:00", "tomorrow 09:00", "yesterday 17:00", else "Mon 23 Nov 10:00"
            // (relative_when's words).
            if (lt.date == m_today) {
                say_to(text, Text::rel_today, m_lang, {time});
            } else if (lt.date == m_tomorrow) {
                say_to(text, Text::rel_tomorrow, m_lang, {time});
            } else if (lt.date == m_yesterday) {
                say_to(text, Text::rel_yesterday, m_lang, {time});
            } else {
                text += day(lt.date).words;
                text += ' ';
                text += time;
            }
            break;
        case Way::since:
            say_to(text, Text::since, m_lang, {day(lt.date).words});
            break;
        case Way::time:
            text += time;
            break;
        case Way::moved:
            // An item moved off a day off shows its own date: "due Fri 25 Dec 17:00".
            text += day(lt.date).words;
            text += ' ';
            text += time;
            break;
        case Way::iso_date:
            text += day(lt.date).iso;
            break;
        }
        // What make_cell makes of it (it is shown as it is: the catalogue's words and digits).
        std::size_t width = 0;
        if (const auto w = safe_line_width(std::string_view(text).substr(begin), true)) {
            width = *w;
        } else {
            const std::string safe =
                terminal_safe(std::string_view(text).substr(begin), true, true);
            text.resize(begin);
            text += safe;
            width = display_width(safe);
        }
        m_cells.push_back({static_cast<std::uint32_t>(begin),
                           static_cast<std::uint32_t>(text.size() - begin),
                           static_cast<std::uint32_t>(width)});
        return m_cells.back();
    }

    std::string_view m_lang;
    Date m_today;
    Date m_tomorrow;
    Date m_yesterday;
    std::string m_texts;
    std::vector<Cell> m_cells;
    IndexOf m_index;  // of t.seconds * 8 + way in m_cells
    std::vector<Day> m_days;
    IndexOf m_day_index;
};

// The item phrases of the catalogue, split once at their {} into the text around them, and their
// widths without their arguments: each is said thousands of times.
class Phrases {
  public:
    explicit Phrases(std::string_view lang) : m_lang(lang) {}
    // Appends the phrase with its {} filled in by `args` in turn (as say_to does); returns the
    // width of the phrase's own text, nullopt when it is not shown as it is.
    std::optional<std::size_t> say(std::string& out, Text key,
                                   std::initializer_list<std::string_view> args) {
        const Phrase& phrase = of(key);
        const std::size_t texts = phrase.texts.size();
        const std::size_t filled = std::min(texts - 1, args.size());
        const std::string_view* const arg = args.begin();
        // Made room for at once, then copied in (not appended piece by piece).
        std::size_t size = phrase.bytes;
        for (std::size_t i = 0; i < filled; ++i) {
            size += arg[i].size();
        }
        const std::size_t base = out.size();
        out.resize(base + size);
        char* p = out.data() + base;
        for (std::size_t i = 0; i < texts; ++i) {
            const std::string& text = phrase.texts[i];
            std::memcpy(p, text.data(), text.size());
            p += text.size();
            if (i < filled) {
                std::memcpy(p, arg[i].data(), arg[i].size());
                p += arg[i].size();
            }
        }
        return phrase.width;
    }

  private:
    struct Phrase {
        std::vector<std::string> texts;  // around the {}: one more than there are {}
        std::size_t bytes = 0;           // of the texts
        std::optional<std::size_t> width;
        bool made = false;
    };
    const Phrase& of(Text key) {
        const auto k = static_cast<std::size_t>(key);
        if (k >= m_phrases.size()) {
            m_phrases.resize(k + 1);
        }
        Phrase& phrase = m_phrases[k];
        if (!phrase.made) {
            phrase.made = true;
            // Filling each {} with a mark that no text holds splits the phrase the way say_to
            // reads it ("{{" and "}}" included).
            constexpr std::string_view kMark = "\x01";
            std::string marked;
            say_to(marked, key, m_lang, {kMark, kMark, kMark, kMark, kMark, kMark});
            std::size_t start = 0;
            for (std::size_t at; (at = marked.find(kMark, start)) != std::string::npos;
                 start = at + kMark.size()) {
                phrase.texts.emplace_back(marked, start, at - start);
            }
            phrase.texts.emplace_back(marked, start);
            std::string plain;
            for (const auto& text : phrase.texts) {
                plain += text;
            }
            phrase.bytes = plain.size();
            phrase.width = safe_line_width(plain, false);
        }
        return phrase;
    }

    std::string_view m_lang;
    std::vector<Phrase> m_phrases;  // by key
};

// What the sections of a view share while they are made.
struct SectionParts {
    const std::vector<Case>& cases;
    const Style& style;
    std::string_view lang;
    WhenTexts whens;
    CaseCells case_cells;
    Phrases phrases;
};

// Adds widths while all parts are shown as they are; nullopt as soon as one is not.
struct Width {
    std::optional<std::size_t> sum = 0;
    Width& operator+=(std::optional<std::size_t> w) {
        sum = sum && w ? std::optional(*sum + *w) : std::nullopt;
        return *this;
    }
    Width& operator+=(std::string_view text) {
        return sum ? *this += safe_line_width(text, false) : *this;
    }
};

// The text of an item after the customer, appended to `out`: what, and who when it is not the
// owner. Returns its width when every part of it is shown as it is (then so is the whole),
// nullopt when visible() would change something: the caller measures the whole then. (Item's
// texts are read through string_view: they may become views.)
std::optional<std::size_t> append_item_what(std::string& out, const Item& item,
                                            SectionParts& parts) {
    const Case& c = parts.cases[item.case_index];
    const std::string_view lang = parts.lang;
    const std::string_view what = item.what;
    const std::string_view who = item.who;
    Width width;
    const auto phrase = [&](Text key, std::initializer_list<std::string_view> args) {
        width += parts.phrases.say(out, key, args);
    };
    // A time written in a colleague's text (times_said), as the "when" column says it.
    const auto say_time = [&](const Timestamp& t) { return std::string(parts.whens.said(t)); };
    switch (item.kind) {
    case ItemKind::action:
        out += what;
        width += what;
        if (c.actions[*item.action_index].who) {
            out += " — ";
            out += who;
            width += std::optional<std::size_t>(3);
            width += who;
        }
        return width.sum;
    case ItemKind::check:
        phrase(Text::item_check, {who, what});
        width += who;
        width += what;
        return width.sum;
    case ItemKind::deadline:
        phrase(Text::item_promised, {c.title});
        width += parts.case_cells.of(item.case_index).title_width;
        return width.sum;
    case ItemKind::escalation: {
        const std::string_view told = item.told;
        const std::string_view text = told.empty() ? what : told;
        width += text;
        if (who.empty()) {
            out += text;
            return width.sum;
        }
        phrase(Text::item_escalate_to, {text, who});
        width += who;
        return width.sum;
    }
    case ItemKind::update_owed:
        phrase(Text::item_owed_update, {c.title});
        width += parts.case_cells.of(item.case_index).title_width;
        return width.sum;
    case ItemKind::no_next_step:
        phrase(Text::item_plan_next, {c.title});
        width += parts.case_cells.of(item.case_index).title_width;
        return width.sum;
    case ItemKind::review: {
        const std::string_view level = priority_word(to_string(c.priority), lang);
        const auto date = parts.whens.review_date(item);
        phrase(Text::item_not_reviewed, {level, parts.whens.text(date), c.title});
        width += level;
        width += std::optional(date.width);
        width += parts.case_cells.of(item.case_index).title_width;
        return width.sum;
    }
    case ItemKind::acceptance:
        phrase(what == kAskForTheirYes ? Text::item_acceptance_ask : Text::item_acceptance_wait,
               {c.title});
        width += parts.case_cells.of(item.case_index).title_width;
        return width.sum;
    case ItemKind::waiting:
        say_to(out, Text::item_waited, lang,
               {what.empty() ? std::string() : " (" + std::string(what) + ")"});
        return std::nullopt;
    case ItemKind::asked:
    case ItemKind::callback:
        phrase(Text::item_asked, {what, who});
        width += what;
        width += who;
        return width.sum;
    case ItemKind::escalated:
        phrase(Text::item_escalated, {what, who});
        width += what;
        width += who;
        return width.sum;
    // What the row is about before the name (as "Asked of you"), so that a cut on a narrow
    // terminal takes a long name's end, not the note or the report.
    case ItemKind::handed:
        if (!what.empty()) {
            const std::string said = times_said(what, say_time);
            out += said;
            out += " — ";
            width += said;
            width += std::optional<std::size_t>(3);
        }
        if (item.by.empty()) {
            phrase(Text::item_handed, {who});
        } else {
            phrase(Text::item_handed_by, {who, item.by});
            width += item.by;
        }
        width += who;
        return width.sum;
    case ItemKind::report: {
        // A colleague's entry as the log has it, its times said as the view says them.
        const std::string said = times_said(what, say_time);
        out += said;
        out += " — ";
        out += who;
        width += said;
        width += std::optional<std::size_t>(3);
        width += who;
        return width.sum;
    }
    }
    out += what;
    return std::nullopt;
}

constexpr std::string_view kIndent = "  ";

// The table of a section, written to `out` at `width`: id, when (left out when no item has
// one), customer, what. Each row is written cell by cell into the table's one buffer; when
// nothing is cut (not a terminal), the columns' widths are known before the rows (the cases'
// cells and the whens are measured once), and each row goes out as it is made.
void section_table(TextOut& out, std::size_t width, TextTable& table,
                   const std::vector<Item>& items, bool time_only, bool overdue,
                   SectionParts& parts) {
    const bool streamed = width >= kNoWidthLimit;
    std::vector<WhenTexts::Cell> whens;
    whens.reserve(items.size());
    bool timeless = true;
    std::size_t id = 0, when = 0, customer = 0;  // the widest cells of the first columns
    // A held table's text, or a little more: reserved once, not grown (and copied) twice over.
    // (Each row: its texts, and the words and colours a phrase or a style adds.)
    constexpr std::size_t kRowWords = 64;
    std::size_t bytes = 0;
    for (const Item& item : items) {
        whens.push_back(parts.whens.of(item, time_only));
        timeless = timeless && whens.back().size == 0;
        const auto& cells = parts.case_cells.of(item.case_index);
        if (streamed) {
            id = std::max(id, cells.id.width);
            when = std::max<std::size_t>(when, whens.back().width);
            customer = std::max(customer, cells.customer.width);
        } else {
            bytes += cells.id.text.size() + cells.customer.text.size() + whens.back().size +
                     item.what.size() + item.who.size() + item.told.size() +
                     parts.cases[item.case_index].title.size() + kRowWords;
        }
    }
    const std::size_t columns = timeless ? 3 : 4;
    table.clear();
    if (streamed) {
        table.stream_to(out,
                        timeless ? std::vector<std::size_t>{id, customer, 0}
                                 : std::vector<std::size_t>{id, when, customer, 0},
                        kIndent);
    } else {
        // The table is one for all sections, and keeps its memory: its text grows to the largest.
        table.reserve(items.size(), items.size() * columns, bytes);
    }
    const bool red = overdue && parts.style.enabled();
    for (std::size_t n = 0; n < items.size(); ++n) {
        const Item& item = items[n];
        const auto& cells = parts.case_cells.of(item.case_index);
        table.add_measured_cell(cells.id.text, cells.id.width);
        if (!timeless) {
            if (red) {
                parts.style.paint(table.begin_cell(), "31", parts.whens.text(whens[n]));
                table.end_measured_cell(whens[n].width);
            } else {
                table.add_measured_cell(parts.whens.text(whens[n]), whens[n].width);
            }
        }
        table.add_measured_cell(cells.customer.text, cells.customer.width);
        if (const auto what_width = append_item_what(table.begin_cell(), item, parts)) {
            table.end_measured_cell(*what_width);
        } else {
            table.end_cell(false);  // customer text: visible(), no colour passes
        }
        table.end_row();
    }
    table.render_to(out, width, kIndent);  // what was not streamed
    table.clear();
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
    j.set("owner", c.owner ? Json(*c.owner) : Json());
    if (!item.by.empty()) {
        j.set("by", item.by);
    }
    j.set("when", time_json(item.when));
    j.set("action", item.action_index ? Json(*item.action_index + 1) : Json());
    j.set("urgency", item.urgency);
    return j;
}

void today_text_to(TextOut& out, const TodayView& v, const std::vector<Case>& cases,
                   const Timestamp& now, const Style& style, std::size_t width) {
    const std::string_view lang = v.language;
    const std::string day = capitalized(long_date(v.date, lang));
    if (v.open_cases == 0 && v.sections.empty()) {
        out += say_with(Text::today_no_cases, lang, day);
        return;
    }
    std::size_t overdue = 0, today = 0;
    for (const auto& s : v.sections) {
        overdue += s.key == SectionKey::overdue ? s.items.size() : 0;
        today += s.key == SectionKey::today ? s.items.size() : 0;
        // What is asked of you and your call-backs have their own sections, but one past its
        // due time is as overdue as any action of yours: the header counts it.
        if (s.key == SectionKey::callbacks || s.key == SectionKey::asked) {
            for (const auto& item : s.items) {
                overdue += item.when && *item.when < now ? 1 : 0;
            }
        }
    }
    const std::string header =
        day + " · " +
        say_count(Text::today_header_one, Text::today_header_many, v.open_cases, lang) +
        say_with(Text::today_header_rest, lang, overdue, today);
    // A narrow terminal gets the top line wrapped, as the rows below.
    for (const std::string& line :
         width < kNarrowTerminal ? wrap_lines(header, width) : std::vector<std::string>{header}) {
        out += style.bold(line);
        out += '\n';
    }
    // A section at a time, through one table: what is held is the largest section, not the
    // megabytes of all of them (at a team's scale).
    SectionParts parts{
        cases, style, lang, WhenTexts(now, lang), CaseCells(cases, style, width), Phrases(lang)};
    TextTable table;
    // A narrow terminal: what each row is about (and a cell too wide for its column) wraps
    // instead of being cut.
    table.wrap_cells(width < kNarrowTerminal);
    table.set_ascii(style.ascii());
    for (const auto& s : v.sections) {
        out += '\n';
        out += style.bold(fmt::format("{} ({})", s.title, s.items.size()));
        out += '\n';
        section_table(out, width, table, s.items, false, s.key == SectionKey::overdue, parts);
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
        line = fmt::format("{}. {}", line, say(Text::well_done, lang));
        out += '\n';
        for (const std::string& part :
             width < kNarrowTerminal ? wrap_lines(line, width) : std::vector<std::string>{line}) {
            out += style.dim(part);
            out += '\n';
        }
    }
    out.end_lines();
}

std::string today_text(const TodayView& v, const std::vector<Case>& cases, const Timestamp& now,
                       const Style& style, std::size_t width) {
    TextOut out;
    today_text_to(out, v, cases, now, style, width);
    return std::move(out).text();
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

void agenda_text_to(TextOut& out, const AgendaView& v, const std::vector<Case>& cases,
                    const Timestamp& now, const Style& style, std::size_t width) {
    const std::string_view lang = v.language;
    SectionParts parts{
        cases, style, lang, WhenTexts(now, lang), CaseCells(cases, style, width), Phrases(lang)};
    TextTable table;
    // A narrow terminal: what each row is about (and a cell too wide for its column) wraps
    // instead of being cut.
    table.wrap_cells(width < kNarrowTerminal);
    table.set_ascii(style.ascii());
    const auto section = [&](const std::vector<Item>& items, bool time_only, bool overdue) {
        section_table(out, width, table, items, time_only, overdue, parts);
    };
    if (!v.overdue.empty()) {
        out += style.bold(
            style.red(fmt::format("{} ({})", say(Text::today_overdue, lang), v.overdue.size())));
        out += '\n';
        section(v.overdue, false, true);
        out += '\n';
    }
    for (const auto& day : v.days) {
        std::string head =
            say_with(day.items.size() == 1 ? Text::agenda_items_one : Text::agenda_items_many, lang,
                     human_date(day.date, lang), day.items.size());
        if (day.overbooked) {
            head += style.yellow(say_with(Text::agenda_overbooked, lang, v.overbooked_after));
        }
        out += style.bold(head);
        out += '\n';
        section(day.items, true, false);
    }
    if (!v.no_next_step.empty()) {
        out += '\n';
        out += style.bold(
            fmt::format("{} ({})", say(Text::today_no_next_step, lang), v.no_next_step.size()));
        out += '\n';
        section(v.no_next_step, false, false);
    }
    out.end_lines();
}

std::string agenda_text(const AgendaView& v, const std::vector<Case>& cases, const Timestamp& now,
                        const Style& style, std::size_t width) {
    TextOut out;
    agenda_text_to(out, v, cases, now, style, width);
    return std::move(out).text();
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
