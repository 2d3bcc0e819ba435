#pragma once

#include <string>
#include <string_view>
#include <vector>

// Plain-text building blocks: display width of UTF-8 text, clean truncation, tables, colour.
namespace owner {

// Columns the text occupies on a terminal (UTF-8 aware; wide CJK counts 2, combining marks 0).
std::size_t display_width(std::string_view s);
// Cuts s to at most `width` columns, ending in "…" when cut; never splits a character.
std::string fit_width(std::string_view s, std::size_t width);
std::string pad_right(std::string_view s, std::size_t width);
// Word-wraps s into lines of at most `width` columns, each starting with `indent`.
std::string wrap(std::string_view s, std::size_t width, std::string_view indent);

// ANSI styles, applied only when colour is on.
class Style {
public:
    explicit Style(bool enabled) : m_enabled(enabled) {}
    bool enabled() const { return m_enabled; }
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string yellow(std::string_view s) const { return wrap("33", s); }
    std::string green(std::string_view s) const { return wrap("32", s); }
    std::string cyan(std::string_view s) const { return wrap("36", s); }

private:
    std::string wrap(std::string_view code, std::string_view s) const;
    bool m_enabled;
};

// A table of plain-text cells; the last column takes what is left of `max_width` and is truncated.
class TextTable {
public:
    void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
    bool empty() const { return m_rows.empty(); }
    std::string render(std::size_t max_width, std::string_view indent = "") const;

private:
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace owner
