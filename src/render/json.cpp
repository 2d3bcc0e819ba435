#include "render/json.hpp"

#include <cmath>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace owner {

Json& Json::push(Json v) {
    std::get<Array>(m_value).push_back(std::move(v));
    return *this;
}

Json& Json::set(std::string key, Json v) {
    std::get<Object>(m_value).emplace_back(std::move(key), std::move(v));
    return *this;
}

std::string json_escape(std::string_view s) {
    return quote_escaped(s, EscapeRules{.c1_controls = true, .upper_hex = false});
}

void Json::write(std::string& out, int indent, int depth) const {
    auto newline = [&](int d) {
        if (indent > 0) {
            out += '\n';
            out.append(static_cast<std::size_t>(indent * d), ' ');
        }
    };
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += fmt::format("{}", v);
            } else if constexpr (std::is_same_v<T, double>) {
                out += std::isfinite(v) ? fmt::format("{}", v) : "null";
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += json_escape(v);
            } else if constexpr (std::is_same_v<T, Array>) {
                out += '[';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out += i ? "," : "";
                    newline(depth + 1);
                    v[i].write(out, indent, depth + 1);
                }
                if (!v.empty()) {
                    newline(depth);
                }
                out += ']';
            } else {
                out += '{';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out += i ? "," : "";
                    newline(depth + 1);
                    out += json_escape(v[i].first);
                    out += indent > 0 ? ": " : ":";
                    v[i].second.write(out, indent, depth + 1);
                }
                if (!v.empty()) {
                    newline(depth);
                }
                out += '}';
            }
        },
        m_value);
}

std::string Json::dump() const {
    std::string out;
    write(out, 0, 0);
    return out;
}

std::string Json::pretty() const {
    std::string out;
    write(out, 2, 0);
    return out;
}

const Json* Json::find(std::string_view key) const {
    if (const Object* o = object_items()) {
        for (const auto& [k, v] : *o) {
            if (k == key) {
                return &v;
            }
        }
    }
    return nullptr;
}

std::optional<double> Json::number() const {
    if (const auto* i = std::get_if<std::int64_t>(&m_value)) {
        return static_cast<double>(*i);
    }
    if (const auto* d = std::get_if<double>(&m_value)) {
        return *d;
    }
    return std::nullopt;
}

namespace {

class JsonParser {
  public:
    JsonParser(std::string_view text, std::string_view what) : m_s(text), m_what(what) {}

    Json document() {
        Json v = value(0);
        skip_space();
        if (m_pos != m_s.size()) {
            fail("unexpected text after the JSON value");
        }
        return v;
    }

  private:
    static constexpr int kMaxDepth = 64;

    [[noreturn]] void fail(std::string_view problem) const {
        std::size_t line = 1;
        for (std::size_t i = 0; i < m_pos && i < m_s.size(); ++i) {
            line += m_s[i] == '\n';
        }
        throw Error(fmt::format("{}: line {}: {}", m_what, line, problem));
    }

    void skip_space() {
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' ||
                                      m_s[m_pos] == '\n' || m_s[m_pos] == '\r')) {
            ++m_pos;
        }
    }

    bool literal(std::string_view word) {
        if (m_s.substr(m_pos, word.size()) == word) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    Json value(int depth) {
        if (depth > kMaxDepth) {
            fail("nested too deeply");
        }
        skip_space();
        if (m_pos >= m_s.size()) {
            fail("unexpected end of input");
        }
        const char c = m_s[m_pos];
        if (c == '{') {
            ++m_pos;
            Json obj = Json::object();
            skip_space();
            if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                ++m_pos;
                return obj;
            }
            for (;;) {
                skip_space();
                if (m_pos >= m_s.size() || m_s[m_pos] != '"') {
                    fail("expected a string key");
                }
                std::string key = string_body();
                skip_space();
                if (m_pos >= m_s.size() || m_s[m_pos] != ':') {
                    fail("expected ':'");
                }
                ++m_pos;
                obj.set(std::move(key), value(depth + 1));
                skip_space();
                if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                    ++m_pos;
                    return obj;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++m_pos;
            Json arr = Json::array();
            skip_space();
            if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                ++m_pos;
                return arr;
            }
            for (;;) {
                arr.push(value(depth + 1));
                skip_space();
                if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                    ++m_pos;
                    return arr;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            return Json(string_body());
        }
        if (literal("true")) {
            return Json(true);
        }
        if (literal("false")) {
            return Json(false);
        }
        if (literal("null")) {
            return Json();
        }
        return number();
    }

    Json number() {
        const std::size_t start = m_pos;
        if (m_pos < m_s.size() && m_s[m_pos] == '-') {
            ++m_pos;
        }
        bool is_int = true;
        auto digits = [&] {
            const std::size_t from = m_pos;
            while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
                ++m_pos;
            }
            return m_pos > from;
        };
        if (!digits()) {
            fail("expected a value");
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '.') {
            ++m_pos;
            is_int = false;
            if (!digits()) {
                fail("expected digits after '.'");
            }
        }
        if (m_pos < m_s.size() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
            ++m_pos;
            is_int = false;
            if (m_pos < m_s.size() && (m_s[m_pos] == '+' || m_s[m_pos] == '-')) {
                ++m_pos;
            }
            if (!digits()) {
                fail("expected an exponent");
            }
        }
        const std::string text(m_s.substr(start, m_pos - start));
        if (is_int && text.size() < 18) {
            return Json(static_cast<std::int64_t>(std::stoll(text)));
        }
        return Json(std::strtod(text.c_str(), nullptr));
    }

    unsigned hex4() {
        if (m_pos + 4 > m_s.size()) {
            fail("short \\u escape");
        }
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_s[m_pos++];
            v <<= 4;
            if (h >= '0' && h <= '9') {
                v |= static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                v |= static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                v |= static_cast<unsigned>(h - 'A' + 10);
            } else {
                fail("bad \\u escape");
            }
        }
        return v;
    }

    std::string string_body() {
        ++m_pos;  // the opening quote
        std::string out;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos++];
            if (c == '"') {
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("control character in a string");
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_s.size()) {
                break;
            }
            const char e = m_s[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (m_pos + 2 <= m_s.size() && m_s[m_pos] == '\\' && m_s[m_pos + 1] == 'u') {
                        m_pos += 2;
                        const unsigned low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF) {
                            fail("bad surrogate pair");
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        fail("lone surrogate");
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("lone surrogate");
                }
                append_utf8(out, cp);
                break;
            }
            default:
                fail("bad escape in a string");
            }
        }
        fail("unterminated string");
    }

    std::string_view m_s;
    std::string_view m_what;
    std::size_t m_pos = 0;
};

}  // namespace

Json parse_json(std::string_view text, std::string_view what) {
    return JsonParser(text, what).document();
}

}  // namespace owner
