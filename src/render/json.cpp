#include "render/json.hpp"

#include <cmath>

#include <fmt/format.h>

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
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
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
            if (c < 0x20) {
                out += fmt::format("\\u{:04x}", c);
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
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

} // namespace owner
