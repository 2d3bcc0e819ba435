#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>

#include <toml++/toml.h>

// Keys a person added by hand to a case, an action or a log entry, kept so that the tool never
// drops them when it rewrites a file. Almost always there are none: then this is one null pointer
// (a toml::table is 96 bytes with a virtual destructor, and a store of 2 000 cases carries some
// 13 000 of them), built, copied, moved and destroyed without touching the heap.
namespace owner {

class Extra {
  public:
    Extra() noexcept = default;
    // An empty table is kept as none.
    Extra(toml::table table);  // NOLINT(google-explicit-constructor): `x.extra = r.rest()`
    Extra(const Extra& other)
        : m_table(other.m_table ? std::make_unique<toml::table>(*other.m_table) : nullptr) {}
    Extra(Extra&&) noexcept = default;
    Extra& operator=(const Extra& other) {
        if (this != &other) {
            m_table = other.m_table ? std::make_unique<toml::table>(*other.m_table) : nullptr;
        }
        return *this;
    }
    Extra& operator=(Extra&&) noexcept = default;
    ~Extra() = default;

    bool empty() const noexcept { return !m_table || m_table->empty(); }
    std::size_t size() const noexcept { return m_table ? m_table->size() : 0; }
    void clear() noexcept { m_table.reset(); }

    bool contains(std::string_view key) const { return m_table && m_table->contains(key); }
    const toml::node* get(std::string_view key) const {
        return m_table ? std::as_const(*m_table).get(key) : nullptr;
    }
    template <typename T> const auto* get_as(std::string_view key) const {
        return m_table ? std::as_const(*m_table).template get_as<T>(key) : nullptr;
    }
    // A view of the value at `key`: empty when there is none.
    toml::node_view<const toml::node> operator[](std::string_view key) const {
        return m_table ? std::as_const(*m_table)[key] : toml::node_view<const toml::node>{};
    }

    template <typename Key, typename Value> void insert(Key&& key, Value&& value) {
        table_to_fill().insert(std::forward<Key>(key), std::forward<Value>(value));
    }
    template <typename Key, typename Value> void insert_or_assign(Key&& key, Value&& value) {
        table_to_fill().insert_or_assign(std::forward<Key>(key), std::forward<Value>(value));
    }
    // True when the key was there.
    bool erase(std::string_view key);

    // The keys as a toml::table (an empty one when there are none), for the codec and the merge.
    const toml::table& table() const noexcept { return m_table ? *m_table : empty_table(); }
    toml::table::const_iterator begin() const noexcept { return table().cbegin(); }
    toml::table::const_iterator end() const noexcept { return table().cend(); }

  private:
    static const toml::table& empty_table() noexcept;
    toml::table& table_to_fill();

    std::unique_ptr<toml::table> m_table;  // null when there are no keys
};

}  // namespace owner
