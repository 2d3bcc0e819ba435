#include "domain/text.hpp"

#include <fmt/format.h>

#include "domain/case_fields.hpp"
#include "domain/error.hpp"

namespace owner {

namespace {

constexpr std::string_view kC0Names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                         "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                         "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                         "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

std::string control_problem(char32_t cp, std::size_t at) {
    const std::string name = cp < 0x20    ? fmt::format(" ({})", kC0Names[cp])
                             : cp == 0x7f ? " (DEL)"
                                          : "";
    return fmt::format("control character U+{:04X}{} at byte {}", static_cast<std::uint32_t>(cp),
                       name, at);
}

std::string bidi_problem(char32_t cp, std::size_t at) {
    static constexpr std::string_view kNames[] = {"LRE", "RLE", "PDF", "LRO", "RLO",
                                                  "LRI", "RLI", "FSI", "PDI"};
    const std::string_view name = cp <= 0x202E ? kNames[cp - 0x202A] : kNames[5 + cp - 0x2066];
    return fmt::format("bidi control U+{:04X} ({}) at byte {}", static_cast<std::uint32_t>(cp),
                       name, at);
}

}  // namespace

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t len = 0;
    char32_t min = 0;
    if (c < 0x80) {
        cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(k) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

namespace {

std::optional<std::string> table_problem(const toml::table& t, const std::string& where);

std::optional<std::string> node_problem(const toml::node& n, const std::string& where) {
    if (const auto* s = n.as_string()) {
        if (auto p = text_problem(s->get(), true)) {
            return fmt::format("{}: {}", where, *p);
        }
    } else if (const auto* t = n.as_table()) {
        return table_problem(*t, where);
    } else if (const auto* a = n.as_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (auto p = node_problem(*a->get(i), fmt::format("{}[{}]", where, i))) {
                return p;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> table_problem(const toml::table& t, const std::string& where) {
    for (const auto& [key, value] : t) {
        const std::string name =
            where.empty() ? std::string(key.str()) : fmt::format("{}.{}", where, key.str());
        if (auto p = text_problem(key.str(), false)) {
            return fmt::format("{} (key): {}", name, *p);
        }
        if (auto p = node_problem(value, name)) {
            return p;
        }
    }
    return std::nullopt;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string windows_1252_to_utf8(std::string_view bytes) {
    static constexpr char16_t kHigh[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4);
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        append_utf8(out, c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c);
    }
    return out;
}

std::optional<std::string> text_problem(std::string_view s, bool multiline, bool tabs) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) {
            return fmt::format("invalid UTF-8 at byte {}", i);
        }
        const bool newline = cp == '\n' || (cp == '\r' && i + 1 < s.size() && s[i + 1] == '\n');
        if ((cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) && !(multiline && newline) &&
            !(tabs && cp == '\t')) {
            return control_problem(cp, i);
        }
        if (!multiline && is_bidi_control(cp)) {
            return bidi_problem(cp, i);
        }
        i += len;
    }
    return std::nullopt;
}

void require_clean_text(std::string_view s, std::string_view what, bool multiline) {
    if (auto p = text_problem(s, multiline)) {
        throw UsageError(
            fmt::format("{}: {}; text must be valid UTF-8 without control characters{}", what, *p,
                        multiline ? " (newlines are fine)" : " or bidi overrides"));
    }
}

namespace {

// The first problem in the text fields of a record (domain/case_fields.hpp), named "PREFIXKEY"
// ("tags[0]" for an item of a list).
template <typename Fields, typename Record>
std::optional<std::string> fields_problem(const Fields& fields, const Record& r,
                                          std::string_view prefix) {
    std::optional<std::string> found;
    const auto one = [&](std::string_view s, std::string_view name, bool multiline) {
        if (!found) {
            if (auto p = text_problem(s, multiline)) {
                found = fmt::format("{}{}: {}", prefix, name, *p);
            }
        }
    };
    for_each_field(fields, [&](const auto& f) {
        using T = typename std::remove_cvref_t<decltype(f)>::Type;
        const T& v = f.of(r);
        const bool multiline = f.has(kMultiline);
        if constexpr (std::is_same_v<T, std::string>) {
            one(v, f.name, multiline);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            one(v.value_or(""), f.name, multiline);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                one(v[i], fmt::format("{}[{}]", f.name, i), multiline);
            }
        }
    });
    return found;
}

}  // namespace

std::optional<std::string> case_text_problem(const Case& c) {
    std::optional<std::string> p;
    if ((p = fields_problem(kCaseFields, c, ""))) {
        return p;
    }
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        const Action& a = c.actions[i];
        const std::string where = fmt::format("actions[{}]", i + 1);
        if ((p = fields_problem(kActionFields, a, where + ".")) ||
            (p = table_problem(a.extra.table(), where))) {
            return p;
        }
    }
    for (std::size_t i = 0; i < c.log.size(); ++i) {
        const LogEntry& e = c.log[i];
        const std::string where = fmt::format("log[{}]", i + 1);
        if ((p = fields_problem(kLogFields, e, where + ".")) ||
            (p = table_problem(e.extra.table(), where))) {
            return p;
        }
    }
    return table_problem(c.extra.table(), "");
}

std::string quote_escaped(std::string_view s, EscapeRules rules) {
    std::string out = "\"";
    const auto hex = [&](unsigned char c) {
        out += rules.upper_hex ? fmt::format("\\u{:04X}", c) : fmt::format("\\u{:04x}", c);
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        const auto c = static_cast<unsigned char>(ch);
        char32_t cp = 0;
        if (rules.c1_controls && c == 0xE2 && decode_utf8(s, i, cp) == 3 && is_bidi_control(cp)) {
            out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(cp));  // never raw in JSON
            i += 2;
            continue;
        }
        if (rules.c1_controls && c == 0xC2 && i + 1 < s.size() &&
            static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            hex(static_cast<unsigned char>(s[++i]));
            continue;
        }
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                hex(c);
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

}  // namespace owner
