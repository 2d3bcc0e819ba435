#include "store/codec.hpp"

#include <set>
#include <sstream>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "render/text.hpp"
#include "store/toml_fields.hpp"

namespace owner {

namespace {

// Reads one table of a case file: the shared typed fields, and the date-times of a case.
class FieldReader : public TomlFields {
  public:
    FieldReader(const toml::table& table, const std::string& path, std::string context)
        : TomlFields(table, path, std::move(context), Found::said) {}

    std::optional<Timestamp> timestamp(std::string_view key, bool required = false) {
        const toml::node* node = take(key);
        if (!node) {
            if (required) {
                fail(nullptr, key,
                     "a date-time such as 2026-12-02T17:00:00+01:00 (the key is missing)");
            }
            return std::nullopt;
        }
        return to_timestamp(node, key);
    }

    std::vector<Timestamp> timestamps(std::string_view key) {
        std::vector<Timestamp> out;
        const toml::node* node = take(key);
        if (!node) {
            return out;
        }
        const toml::array* arr = node->as_array();
        if (!arr) {
            fail(node, key, "an array of date-times");
        }
        for (const toml::node& item : *arr) {
            out.push_back(to_timestamp(&item, key));
        }
        return out;
    }

    std::vector<std::string> strings(std::string_view key) {
        std::vector<std::string> out;
        const toml::node* node = take(key);
        if (!node) {
            return out;
        }
        const toml::array* arr = node->as_array();
        if (!arr) {
            fail(node, key, "an array of strings");
        }
        for (const toml::node& item : *arr) {
            if (!item.is_string()) {
                fail(&item, key, "an array of strings");
            }
            out.push_back(item.as_string()->get());
        }
        return out;
    }

    std::optional<Date> date(std::string_view key) {
        const toml::node* node = take(key);
        if (!node) {
            return std::nullopt;
        }
        if (!node->is_date()) {
            fail(node, key, "a date such as 2026-11-25");
        }
        const toml::date d = node->as_date()->get();
        return Date{d.year, d.month, d.day};
    }

  private:
    Timestamp to_timestamp(const toml::node* node, std::string_view key) const {
        if (!node->is_date_time()) {
            fail(node, key, "a date-time such as 2026-12-02T17:00:00+01:00");
        }
        const toml::date_time dt = node->as_date_time()->get();
        const Date d{dt.date.year, dt.date.month, dt.date.day};
        if (!in_supported_range(d)) {
            fail(node, key, fmt::format("a date from {}", kDateRangeText));
        }
        const int minute = dt.time.hour * 60 + dt.time.minute;
        if (!dt.offset) {  // a local date-time written by hand: the user's zone
            return from_local(d, minute, dt.time.second);
        }
        const int offset = dt.offset->minutes;
        return Timestamp{d.serial() * 86400 + minute * 60 + dt.time.second - offset * 60LL, offset};
    }
};

const toml::array* array_of_tables(FieldReader& r, std::string_view key) {
    const toml::node* node = r.take(key);
    if (!node) {
        return nullptr;
    }
    const toml::array* arr = node->as_array();
    if (!arr || !arr->is_array_of_tables()) {
        r.fail(node, key, fmt::format("[[{}]] tables", key));
    }
    return arr;
}

Action read_action(const toml::table& t, const std::string& path, std::size_t index) {
    FieldReader r(t, path, fmt::format("actions[{}].", index + 1));
    Action a;
    a.what = *r.string("what", true);
    a.who = r.string("who");
    a.start = r.timestamp("start");
    a.due = *r.timestamp("due", true);
    a.checks = r.timestamps("checks");
    std::sort(a.checks.begin(), a.checks.end());
    a.stalled = r.timestamp("stalled");
    a.done = r.timestamp("done");
    a.extra = r.rest();
    return a;
}

LogEntry read_log(const toml::table& t, const std::string& path, std::size_t index) {
    FieldReader r(t, path, fmt::format("log[{}].", index + 1));
    LogEntry e;
    e.at = *r.timestamp("at", true);
    e.event = *r.string("event", true);
    e.text = r.string("text").value_or("");
    e.extra = r.rest();
    return e;
}

// ---- writing ----

void put(std::string& out, std::string_view key, std::string_view raw_value) {
    out += key;
    out += " = ";
    out += raw_value;
    out += '\n';
}

void put_string(std::string& out, std::string_view key, const std::optional<std::string>& v) {
    if (v) {
        put(out, key, toml_quote(*v));
    }
}

void put_time(std::string& out, std::string_view key, const std::optional<Timestamp>& v) {
    if (v) {
        put(out, key, v->rfc3339());
    }
}

// Our own style: "double-quoted" strings, like the rest of the file.
constexpr auto kFormatFlags =
    toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings;

std::string format_node(const toml::node& node) {
    std::ostringstream ss;
    node.visit([&](const auto& n) {
        if constexpr (toml::is_table<decltype(n)>) {
            toml::table copy = n;
            copy.is_inline(true);
            ss << toml::toml_formatter{copy, kFormatFlags};
        } else {
            ss << toml::toml_formatter{n, kFormatFlags};
        }
    });
    return ss.str();
}

std::string format_key(std::string_view key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    return bare ? std::string(key) : toml_quote(key);
}

// A table written under its own header ([name] or [[name]]), as a person wrote it; an inline
// table (`crm = { id = 5 }`, `contacts = [{ name = "Petra" }]`) is a value like any other.
bool is_section(const toml::node& value) {
    if (const toml::table* t = value.as_table()) {
        return !t->is_inline();
    }
    const toml::array* a = value.as_array();
    return a != nullptr && !a->empty() && a->is_array_of_tables() &&
           !a->front().as_table()->is_inline();
}

// Extra values go with their table; extra sections of the case are written at the very end (a
// value written there would belong to the last [[log]] entry when read back).
void put_extra_values(std::string& out, const toml::table& extra, bool inline_tables) {
    for (const auto& [key, value] : extra) {
        if (!inline_tables && is_section(value)) {
            continue;
        }
        put(out, format_key(key.str()), format_node(value));
    }
}

}  // namespace

std::string toml_quote(std::string_view s) {
    return quote_escaped(s, EscapeRules{.c1_controls = false, .upper_hex = true});
}

Case parse_case(std::string_view text, const std::string& path) {
    if (text.find('\0') != std::string_view::npos) {
        throw Error(fmt::format("{}: not a text file (it contains NUL bytes)", path));
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw Error(
            fmt::format("{}: the file is empty; expected a case (schema = 1, id, title, …)", path));
    }
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        // toml++ quotes what it saw, a newline included: the error stays one line.
        throw Error(
            fmt::format("{}:{}: {}", path, e.source().begin.line, visible(e.description())));
    }
    FieldReader r(root, path, "");
    const auto schema = r.integer("schema");
    if (!schema) {
        throw Error(fmt::format(
            "{}:1: schema: missing; expected 'schema = 1' at the top of a case file", path));
    }
    if (*schema != kSchemaVersion) {
        throw Error(
            fmt::format("{}:{}: schema: this owner reads schema {}, the file has schema {}{}", path,
                        r.node("schema")->source().begin.line, kSchemaVersion, *schema,
                        *schema > kSchemaVersion ? " (written by a newer owner?)" : ""));
    }
    Case c;
    c.id = *r.string("id", true);
    if (!is_safe_id(c.id)) {
        r.fail(r.node("id"), "id", "lowercase letters, digits, '-' or '_'");
    }
    c.title = *r.string("title", true);
    c.customer = *r.string("customer", true);
    c.contact = r.string("contact");
    c.ref = r.string("ref");
    c.tags = r.strings("tags");
    c.opened = *r.timestamp("opened", true);
    c.deadline = r.timestamp("deadline");
    if (auto p = r.string("priority")) {
        auto level = parse_priority(*p);
        if (!level) {
            r.fail(r.node("priority"), "priority", fmt::format("one of {}", kPriorityNames));
        }
        c.priority = *level;
    }
    c.priority_reviewed = r.date("priority_reviewed");
    c.summary = r.string("summary");
    c.last_update_to_customer = r.timestamp("last_update_to_customer");
    c.closed = r.timestamp("closed");
    c.outcome = r.string("outcome");
    if (const toml::array* actions = array_of_tables(r, "actions")) {
        for (std::size_t i = 0; i < actions->size(); ++i) {
            c.actions.push_back(read_action(*actions->get(i)->as_table(), path, i));
        }
    }
    if (const toml::array* log = array_of_tables(r, "log")) {
        for (std::size_t i = 0; i < log->size(); ++i) {
            c.log.push_back(read_log(*log->get(i)->as_table(), path, i));
        }
    }
    c.extra = r.rest();
    return c;
}

std::string write_case(const Case& c) {
    std::string out;
    out.reserve(2048);
    put(out, "schema", fmt::format("{}", c.schema));
    put(out, "id", toml_quote(c.id));
    put(out, "title", toml_quote(c.title));
    put(out, "customer", toml_quote(c.customer));
    put_string(out, "contact", c.contact);
    put_string(out, "ref", c.ref);
    if (!c.tags.empty()) {
        std::string list = "[";
        for (std::size_t i = 0; i < c.tags.size(); ++i) {
            list += (i ? ", " : "") + toml_quote(c.tags[i]);
        }
        put(out, "tags", list + "]");
    }
    put_time(out, "opened", c.opened);
    put_time(out, "deadline", c.deadline);
    put(out, "priority", toml_quote(to_string(c.priority)));
    if (c.priority_reviewed) {
        put(out, "priority_reviewed", c.priority_reviewed->iso());
    }
    put_string(out, "summary", c.summary);
    put_time(out, "last_update_to_customer", c.last_update_to_customer);
    put_time(out, "closed", c.closed);
    put_string(out, "outcome", c.outcome);
    put_extra_values(out, c.extra.table(), false);
    for (const Action& a : c.actions) {
        out += "\n[[actions]]\n";
        put(out, "what", toml_quote(a.what));
        put_string(out, "who", a.who);
        put_time(out, "start", a.start);
        put_time(out, "due", a.due);
        if (!a.checks.empty()) {
            std::string list = "[";
            for (std::size_t i = 0; i < a.checks.size(); ++i) {
                list += (i ? ", " : "") + a.checks[i].rfc3339();
            }
            put(out, "checks", list + "]");
        }
        put_time(out, "stalled", a.stalled);
        put_time(out, "done", a.done);
        put_extra_values(out, a.extra.table(), true);
    }
    for (const LogEntry& e : c.log) {
        out += "\n[[log]]\n";
        put(out, "at", e.at.rfc3339());
        put(out, "event", toml_quote(e.event));
        if (!e.text.empty()) {
            put(out, "text", toml_quote(e.text));
        }
        put_extra_values(out, e.extra.table(), true);
    }
    toml::table tables;
    for (const auto& [key, value] : c.extra) {
        if (is_section(value)) {
            tables.insert(key, value);
        }
    }
    if (!tables.empty()) {
        std::ostringstream ss;
        ss << toml::toml_formatter{tables, kFormatFlags};
        out += '\n';
        out += ss.str();
        out += '\n';
    }
    return out;
}

}  // namespace owner
