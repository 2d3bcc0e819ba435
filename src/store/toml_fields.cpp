#include "store/toml_fields.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "render/text.hpp"

namespace owner {

toml::table parse_toml(std::string_view text, const std::string& path) {
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        // toml++ quotes what it saw, a newline included: the error stays one line.
        throw Error(
            fmt::format("{}:{}: {}", path, e.source().begin.line, visible(e.description())));
    }
}

namespace {

std::string_view type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    default:
        return "something else";
    }
}

}  // namespace

TomlFields::TomlFields(const toml::table& table, const std::string& path, std::string prefix,
                       Found found)
    : m_table(table), m_path(path), m_prefix(std::move(prefix)), m_found(found) {}

void TomlFields::fail(const toml::node* node, std::string_view key,
                      std::string_view expected) const {
    const auto line = node ? node->source().begin.line : m_table.source().begin.line;
    std::string got;
    if (node && m_found == Found::said) {
        got = fmt::format(", got {}", type_name(*node));
    }
    throw Error(
        fmt::format("{}:{}: {}{}: expected {}{}", m_path, line, m_prefix, key, expected, got));
}

const toml::node* TomlFields::take(std::string_view key) {
    m_known.insert(std::string(key));
    return m_table.get(key);
}

std::optional<std::string> TomlFields::string(std::string_view key, bool required) {
    const toml::node* node = take(key);
    if (!node) {
        if (required) {
            fail(nullptr, key, "a string (the key is missing)");
        }
        return std::nullopt;
    }
    if (!node->is_string()) {
        fail(node, key, "a string");
    }
    return node->as_string()->get();
}

std::optional<bool> TomlFields::boolean(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) {
        return std::nullopt;
    }
    if (!node->is_boolean()) {
        fail(node, key, "true or false");
    }
    return node->as_boolean()->get();
}

std::optional<std::int64_t> TomlFields::integer(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) {
        return std::nullopt;
    }
    if (!node->is_integer()) {
        fail(node, key, "an integer");
    }
    return node->as_integer()->get();
}

const toml::table* TomlFields::table(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) {
        return nullptr;
    }
    if (!node->is_table()) {
        fail(node, key, "a table");
    }
    return node->as_table();
}

toml::table TomlFields::rest() const {
    toml::table out;
    for (const auto& [key, value] : m_table) {
        if (!m_known.contains(std::string(key.str()))) {
            out.insert(key, value);
        }
    }
    return out;
}

void TomlFields::refuse_unknown() const {
    for (const auto& [key, value] : m_table) {
        if (!m_known.contains(std::string(key.str()))) {
            throw Error(fmt::format("{}:{}: unknown setting '{}{}'; see owner(5) for the keys",
                                    m_path, value.source().begin.line, m_prefix, key.str()));
        }
    }
}

}  // namespace owner
