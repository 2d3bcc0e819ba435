#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

// Reading one TOML table's typed fields, for the case codec and the config file alike: which
// keys were read, and one error format, "PATH:LINE: PREFIXKEY: expected WHAT".
namespace owner {

// The TOML text of the file at `path` as a table; a syntax error throws Error in one line,
// "PATH:LINE: what toml++ says" (what it quotes made visible: a newline in it stays "\n").
toml::table parse_toml(std::string_view text, const std::string& path);

class TomlFields {
  public:
    // Whether an error also names what the file holds instead (", got an integer"): case files
    // say it; the config says only what it expected.
    enum class Found { unsaid, said };

    TomlFields(const toml::table& table, const std::string& path, std::string prefix, Found found);

    // Throws Error at the node's line (the table's when the key is missing).
    [[noreturn]] void fail(const toml::node* node, std::string_view key,
                           std::string_view expected) const;
    [[noreturn]] void fail(const toml::node& node, std::string_view key,
                           std::string_view expected) const {
        fail(&node, key, expected);
    }

    // The key's node, marking the key as read; nullptr when absent.
    const toml::node* take(std::string_view key);
    // The key's node as it is (for an error about a key already read).
    const toml::node* node(std::string_view key) const { return m_table.get(key); }
    // A string; with `required`, a missing key is an error too.
    std::optional<std::string> string(std::string_view key, bool required = false);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::int64_t> integer(std::string_view key);
    const toml::table* table(std::string_view key);

    // Everything not read, kept as written.
    toml::table rest() const;
    // Throws for the first key not read: a misspelt setting would otherwise be ignored.
    void refuse_unknown() const;

    const std::string& path() const { return m_path; }

  private:
    const toml::table& m_table;
    const std::string& m_path;
    std::string m_prefix;
    Found m_found;
    std::set<std::string> m_known;
};

}  // namespace owner
