#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// A small JSON value for machine output. Objects keep insertion order so that output is stable.
namespace owner {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() : m_value(nullptr) {}
    Json(std::nullptr_t) : m_value(nullptr) {}
    Json(bool b) : m_value(b) {}
    Json(int i) : m_value(static_cast<std::int64_t>(i)) {}
    Json(std::int64_t i) : m_value(i) {}
    Json(std::size_t i) : m_value(static_cast<std::int64_t>(i)) {}
    Json(double d) : m_value(d) {}
    Json(const char* s) : m_value(std::string(s)) {}
    Json(std::string s) : m_value(std::move(s)) {}
    Json(std::string_view s) : m_value(std::string(s)) {}
    template <typename T>
    Json(const std::optional<T>& o) : Json() {
        if (o) {
            *this = Json(*o);
        }
    }

    static Json array() { Json j; j.m_value = Array{}; return j; }
    static Json object() { Json j; j.m_value = Object{}; return j; }

    // Appends to an array.
    Json& push(Json v);
    // Adds a key to an object (keys are written in the order they were added).
    Json& set(std::string key, Json v);

    std::string dump() const;  // compact, one line
    std::string pretty() const;  // indented by 2

private:
    void write(std::string& out, int indent, int depth) const;
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> m_value;
};

std::string json_escape(std::string_view s);

} // namespace owner
