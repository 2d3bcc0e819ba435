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
    template <typename T> Json(const std::optional<T>& o) : Json() {
        if (o) {
            *this = Json(*o);
        }
    }

    static Json array() {
        Json j;
        j.m_value = Array{};
        return j;
    }
    static Json object() {
        Json j;
        j.m_value = Object{};
        return j;
    }

    // Appends to an array.
    Json& push(Json v);
    // Adds a key to an object (keys are written in the order they were added).
    Json& set(std::string key, Json v);

    const std::string* string() const { return std::get_if<std::string>(&m_value); }
    const Array* array_items() const { return std::get_if<Array>(&m_value); }
    const Object* object_items() const { return std::get_if<Object>(&m_value); }
    // The value of a key of an object; nullptr when absent or not an object.
    const Json* find(std::string_view key) const;
    std::optional<double> number() const;

    std::string dump() const;    // compact, one line
    std::string pretty() const;  // indented by 2

  private:
    void write(std::string& out, int indent, int depth) const;
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> m_value;
};

std::string json_escape(std::string_view s);

// Parses JSON text (RFC 8259). Throws Error "what: line N: problem" on bad input; nesting is
// limited so hostile input cannot exhaust the stack.
Json parse_json(std::string_view text, std::string_view what);

}  // namespace owner
