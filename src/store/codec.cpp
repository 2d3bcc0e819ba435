#include "store/codec.hpp"

#include <set>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "domain/case_fields.hpp"
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

    // One field of the table (domain/case_fields.hpp), by its type.
    template <typename Record, typename T> void read(const Field<Record, T>& f, Record& into) {
        T& v = f.of(into);
        if constexpr (std::is_same_v<T, int>) {
            v = static_cast<int>(integer(f.name).value_or(0));
        } else if constexpr (std::is_same_v<T, std::string>) {
            v = f.has(kEmptyIsAbsent) ? string(f.name).value_or("") : *string(f.name, true);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            v = string(f.name);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            v = strings(f.name);
        } else if constexpr (std::is_same_v<T, Timestamp>) {
            v = *timestamp(f.name, true);
        } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
            v = timestamp(f.name);
        } else if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
            v = timestamps(f.name);
            std::sort(v.begin(), v.end());  // in time order
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            v = date(f.name);
        } else if constexpr (std::is_same_v<T, Priority>) {
            if (auto p = string(f.name)) {
                auto level = parse_priority(*p);
                if (!level) {
                    fail(node(f.name), f.name, fmt::format("one of {}", kPriorityNames));
                }
                v = *level;
            }
        } else {
            static_assert(sizeof(T) == 0, "codec.cpp: a field type the reader does not know");
        }
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
    for_each_field(kActionFields, [&](const auto& f) { r.read(f, a); });
    a.extra = r.rest();
    return a;
}

LogEntry read_log(const toml::table& t, const std::string& path, std::size_t index) {
    FieldReader r(t, path, fmt::format("log[{}].", index + 1));
    LogEntry e;
    for_each_field(kLogFields, [&](const auto& f) { r.read(f, e); });
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

// One field of the table (domain/case_fields.hpp), by its type; an absent or empty optional one
// is not written.
template <typename Record, typename T>
void put_field(std::string& out, const Field<Record, T>& f, const Record& from) {
    const T& v = f.of(from);
    if constexpr (std::is_same_v<T, int>) {
        put(out, f.name, fmt::format("{}", v));
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!f.has(kEmptyIsAbsent) || !v.empty()) {
            put(out, f.name, toml_quote(v));
        }
    } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
        put_string(out, f.name, v);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>> ||
                         std::is_same_v<T, std::vector<Timestamp>>) {
        if (!v.empty()) {
            std::string list = "[";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) {
                    list += ", ";
                }
                if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
                    list += v[i].rfc3339();
                } else {
                    list += toml_quote(v[i]);
                }
            }
            put(out, f.name, list + "]");
        }
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        put(out, f.name, v.rfc3339());
    } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
        put_time(out, f.name, v);
    } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
        if (v) {
            put(out, f.name, v->iso());
        }
    } else if constexpr (std::is_same_v<T, Priority>) {
        put(out, f.name, toml_quote(to_string(v)));
    } else {
        static_assert(sizeof(T) == 0, "codec.cpp: a field type the writer does not know");
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
    if (text.size() > kMaxCaseFileBytes) {
        throw Error(fmt::format("{}: {} bytes, more than the {} a case file may hold", path,
                                text.size(), kMaxCaseFileText));
    }
    if (text.find('\0') != std::string_view::npos) {
        throw Error(fmt::format("{}: not a text file (it contains NUL bytes)", path));
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw Error(
            fmt::format("{}: the file is empty; expected a case (schema = 1, id, title, …)", path));
    }
    const toml::table root = parse_toml(text, path);
    FieldReader r(root, path, "");
    const auto schema = r.integer("schema");
    if (!schema) {
        throw Error(fmt::format(
            "{}:1: schema: missing; expected 'schema = 1' at the top of a case file", path));
    }
    if (*schema < kSoloSchemaVersion || *schema > kSchemaVersion) {
        throw Error(fmt::format(
            "{}:{}: schema: this owner reads schema {} to {}, the file has schema {}{}", path,
            r.node("schema")->source().begin.line, kSoloSchemaVersion, kSchemaVersion, *schema,
            *schema > kSchemaVersion ? " (written by a newer owner?)" : ""));
    }
    Case c;
    for_each_field(kCaseFields, [&](const auto& f) {
        r.read(f, c);
        if (f.name == "id" && !is_safe_id(c.id)) {
            r.fail(r.node("id"), "id", "lowercase letters, digits, '-' or '_'");
        }
    });
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
    for_each_field(kCaseFields, [&](const auto& f) {
        if (f.name == "schema") {
            put(out, f.name, fmt::format("{}", c.written_schema()));
        } else {
            put_field(out, f, c);
        }
    });
    put_extra_values(out, c.extra.table(), false);
    for (const Action& a : c.actions) {
        out += "\n[[actions]]\n";
        for_each_field(kActionFields, [&](const auto& f) { put_field(out, f, a); });
        put_extra_values(out, a.extra.table(), true);
    }
    for (const LogEntry& e : c.log) {
        out += "\n[[log]]\n";
        for_each_field(kLogFields, [&](const auto& f) { put_field(out, f, e); });
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
