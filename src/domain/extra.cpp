#include "domain/extra.hpp"

namespace owner {

Extra::Extra(toml::table table)
    : m_table(table.empty() ? nullptr : std::make_unique<toml::table>(std::move(table))) {}

bool Extra::erase(std::string_view key) {
    if (!m_table || m_table->erase(key) == 0) {
        return false;
    }
    if (m_table->empty()) {
        m_table.reset();
    }
    return true;
}

const toml::table& Extra::empty_table() noexcept {
    static const toml::table empty;
    return empty;
}

toml::table& Extra::table_to_fill() {
    if (!m_table) {
        m_table = std::make_unique<toml::table>();
    }
    return *m_table;
}

}  // namespace owner
