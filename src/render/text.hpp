#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Plain-text building blocks: display width of UTF-8 text, clean truncation, tables, colour.
namespace owner {

// The width for output that is not going to a terminal: nothing is truncated or wrapped.
inline constexpr std::size_t kNoWidthLimit = std::numeric_limits<std::size_t>::max() / 4;

// Text that is safe to print to a terminal: every control character, invalid UTF-8 byte and escape
// sequence is shown visibly instead of acting on the terminal (ESC as "␛", BEL as "␇", any C0
// control as its Unicode control picture, DEL as "␡", C1 controls and invalid bytes as "�", a bidi
// override or isolate as "[U+202E]", so that it cannot reorder what a person reads).
// Newlines stay unless `single_line`, which shows them as "␊". With `keep_sgr`, colour sequences
// (ESC [ digits m) pass unchanged: only Style writes those when colour is on.
std::string terminal_safe(std::string_view s, bool keep_sgr = false, bool single_line = false);
// One line of customer text for people: terminal_safe, single line, no colour passes.
inline std::string visible(std::string_view s) {
    return terminal_safe(s, false, true);
}

// When terminal_safe(s, keep_sgr, true) is s itself: its display width (one pass, no copy).
// nullopt when something would be shown differently (a control, a newline, an invalid byte).
std::optional<std::size_t> safe_line_width(std::string_view s, bool keep_sgr);

// Whether terminal_safe(s, keep_sgr) is s itself, so that s can be printed without a copy.
bool is_terminal_safe(std::string_view s, bool keep_sgr);

// Columns the text occupies on a terminal (UTF-8 aware; wide CJK counts 2, combining marks 0).
std::size_t display_width(std::string_view s);
// What ends a text that was cut: "…", or "..." where output is ASCII punctuation (Style::ascii).
inline std::string_view ellipsis(bool ascii) {
    return ascii ? "..." : "…";
}
// Cuts s to at most `width` columns, ending in `more` when cut; never splits a grapheme cluster
// or a colour sequence (a colour left open by the cut is reset).
std::string fit_width(std::string_view s, std::size_t width, std::string_view more = "…");
// A column capped at `cap` columns on a terminal (`width` is the output's); never cut otherwise.
inline std::string cap_width(std::string_view s, std::size_t cap, std::size_t width,
                             bool ascii = false) {
    return width >= kNoWidthLimit ? std::string(s) : fit_width(s, cap, ellipsis(ascii));
}
// The lines of s at most `width` columns wide: broken at spaces, and a word wider than that
// between grapheme clusters (by display width; colour sequences count nothing, and one open at
// a line's end is closed there and opened again on the next).
std::vector<std::string> wrap_lines(std::string_view s, std::size_t width);

// Terminals narrower than this get `list` and `today` without the columns the order already
// shows (priority), and their last column wrapped rather than cut.
inline constexpr std::size_t kNarrowTerminal = 60;

// Typographic punctuation as ASCII, for a terminal whose locale is C, POSIX or unset (or names
// no UTF-8): "…" → "...", "—" and "–" → "-", "·" → "-", "→" → "->", "│" → "|", curly quotes →
// straight ones, and the like. Letters (é, ß) are not punctuation and stay.
std::string ascii_punctuation(std::string_view s);
// True when ascii_punctuation(s) would change s.
bool has_typographic_punctuation(std::string_view s);
std::string pad_right(std::string_view s, std::size_t width);
// Word-wraps s into lines of at most `width` columns, each starting with `indent`.
std::string wrap(std::string_view s, std::size_t width, std::string_view indent);

// ANSI styles, applied only when colour is on.
class Style {
  public:
    explicit Style(bool enabled, bool ascii = false) : m_enabled(enabled), m_ascii(ascii) {}
    bool enabled() const { return m_enabled; }
    // ASCII punctuation only (Settings::ascii): cuts end in "...", not "…".
    bool ascii() const { return m_ascii; }
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string yellow(std::string_view s) const { return wrap("33", s); }
    std::string cyan(std::string_view s) const { return wrap("36", s); }
    // The same, appended to `out` without a string of its own: paint(out, "36", id).
    void paint(std::string& out, std::string_view code, std::string_view s) const;

  private:
    std::string wrap(std::string_view code, std::string_view s) const;
    bool m_enabled;
    bool m_ascii = false;
};

// Text written out in pieces of whole lines through one buffer that is reused, so that what a
// view prints at a team's scale (megabytes) is never held at once. A writer appends (+=, or
// room … written to write in place) and calls end_lines() where a line ends; the text goes to the
// sink there once it is a piece (or more), and at flush(). Without a sink, it keeps all the text
// (text()).
class TextOut {
  public:
    using Sink = std::function<void(std::string_view)>;
    static constexpr std::size_t kPiece = 64 * 1024;
    TextOut() = default;
    explicit TextOut(Sink sink, std::size_t piece = kPiece)
        : m_sink(std::move(sink)), m_piece(piece) {}

    TextOut& operator+=(std::string_view text) {
        if (!text.empty()) {
            std::memcpy(room(text.size()), text.data(), text.size());
            m_size += text.size();
        }
        return *this;
    }
    TextOut& operator+=(char c) {
        *room(1) = c;
        ++m_size;
        return *this;
    }
    // At least `n` bytes to write the text on in place (they hold anything); written(end) then
    // says where it ends.
    char* room(std::size_t n) {
        if (m_buffer.size() - m_size < n) {
            grow(n);
        }
        return m_buffer.data() + m_size;
    }
    void written(const char* end) { m_size = static_cast<std::size_t>(end - m_buffer.data()); }
    // The text not sent yet.
    std::string_view pending() const { return {m_buffer.data(), m_size}; }
    // About how many bytes go out at once (everything with no sink).
    std::size_t piece() const { return m_sink ? m_piece : kNoWidthLimit; }
    void end_lines() {
        if (m_sink && m_size >= m_piece) {
            flush();
        }
    }
    // The text so far goes to the sink (the buffer keeps its memory, for the next piece).
    void flush();
    // All the text, when there is no sink.
    std::string text() && {
        m_buffer.resize(m_size);
        return std::move(m_buffer);
    }

  private:
    void grow(std::size_t n);
    Sink m_sink;
    std::size_t m_piece = kPiece;
    std::string m_buffer;  // its size is what is written to; the text is the first m_size bytes
    std::size_t m_size = 0;
};

// Makes `cell` what a table shows (terminal_safe on one line, colours kept) and returns its width.
std::size_t make_cell(std::string& cell);

// A table of one-line cells (control characters and newlines in a cell are shown visibly). Rows
// fit `max_width`: the last column takes what is left and is truncated; when that leaves it too
// little, the widest other columns (never the first) are cut too. The cells live in one buffer:
// a row is built cell by cell (add_cell, or begin_cell … end_cell to write a cell in pieces) and
// closed by end_row; add_row does all of that for a row of strings.
class TextTable {
  public:
    // Each cell is made terminal-safe and measured once, here.
    void add_row(std::vector<std::string> cells);
    // A cell made terminal-safe (colour sequences kept) and measured.
    void add_cell(std::string_view text);
    // A cell that is already what make_cell makes of it, `width` columns wide.
    void add_measured_cell(std::string_view text, std::size_t width) {
        push_cell(m_text.size(), text.size(), width);
        m_text += text;
    }
    // The buffer to append the next cell's text to; end_cell makes it safe and measures it, with
    // colour sequences shown visibly unless `keep_sgr` (customer text: visible()).
    std::string& begin_cell() {
        m_cell_start = m_text.size();
        return m_text;
    }
    void end_cell(bool keep_sgr = true);
    // Closes the cell begun when its writer knows it is safe and `width` columns wide.
    void end_measured_cell(std::size_t width) {
        push_cell(m_cell_start, m_text.size() - m_cell_start, width);
    }
    void end_row() {
        if (m_stream) {
            stream_row();
            return;
        }
        const std::size_t start = m_row_ends.empty() ? 0 : m_row_ends.back();
        const std::size_t n = m_cells.size() - start;
        if (m_columns.size() < n) {
            m_columns.resize(n);
        }
        for (std::size_t i = 0; i + 1 < n; ++i) {
            Column& column = m_columns[i];
            const std::size_t w = m_cells[start + i].width;
            column.width = std::max(column.width, w);
            ++column.cells;
            column.cell_widths += w;
        }
        if (n > 0) {
            m_last_width = std::max<std::size_t>(m_last_width, m_cells.back().width);
        }
        m_row_ends.push_back(static_cast<std::uint32_t>(m_cells.size()));
    }
    // Room for `rows` rows of `cells` cells, `bytes` of text in all.
    void reserve(std::size_t rows, std::size_t cells, std::size_t bytes);
    bool empty() const { return m_row_ends.empty(); }
    std::string render(std::size_t max_width, std::string_view indent = "") const;
    // Appends the rendered rows to `out` (no string of their own).
    void render_to(std::string& out, std::size_t max_width, std::string_view indent = "") const;
    // Writes the rendered rows to `out`, a piece at a time.
    void render_to(TextOut& out, std::size_t max_width, std::string_view indent = "") const;
    // From now on each row goes to `out` as it ends, nothing cut, its columns but the last as
    // wide as `widths` (each at least its widest cell: the caller knows them) after `indent`:
    // what render_to would write, without holding the rows (a team's `today` has thousands).
    void stream_to(TextOut& out, std::vector<std::size_t> widths, std::string_view indent);
    // Empty again, keeping its memory for the next table (and no longer streaming).
    void clear();
    // On a width: a cell too wide for its column wrapped onto lines under it instead of cut (a
    // narrow terminal; the row is as high as its tallest cell), and what is cut ends in "..."
    // instead of "…" (`ascii`).
    void wrap_cells(bool wrap) { m_wrap_cells = wrap; }
    void set_ascii(bool ascii) { m_ascii = ascii; }
    // At least as many bytes as render_to appends (without cutting), to size `out` once.
    std::size_t rendered_size_bound(std::string_view indent) const;

  private:
    // Cells are kept in 32 bits (a table's text under 4 GiB); beyond, an Error, not wrapped
    // offsets.
    void push_cell(std::size_t begin, std::size_t size, std::size_t width) {
        if (begin + size > UINT32_MAX || width > UINT32_MAX) {
            too_large();
        }
        m_cells.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(size),
                           static_cast<std::uint32_t>(width)});
    }
    [[noreturn]] static void too_large();
    void stream_row();
    struct Cell {
        std::uint32_t begin = 0;  // into m_text
        std::uint32_t size = 0;
        std::uint32_t width = 0;  // display width
    };
    std::string_view text_of(const Cell& c) const { return {m_text.data() + c.begin, c.size}; }
    // Rows [first, last) with their cells wrapped to the widths (wrap_cells).
    void append_wrapped_rows(TextOut& out, const std::vector<std::size_t>& widths,
                             std::size_t max_width, std::string_view indent, std::size_t first,
                             std::size_t last) const;
    // The columns' widths once the rows fit `max_width`.
    std::vector<std::size_t> fitted_widths(std::size_t max_width, std::string_view indent) const;
    // Appends rows [first, last) to `out` (`line`: room for a row cut to the width).
    void append_rows(TextOut& out, std::string& line, const std::vector<std::size_t>& widths,
                     std::size_t max_width, std::string_view indent, std::size_t first,
                     std::size_t last) const;
    // What each column holds, kept up to date by end_row: the widest cell (the last cell of each
    // row counts for m_last_width instead), and the cells and their columns, to size the output.
    struct Column {
        std::size_t width = 0;
        std::size_t cells = 0;
        std::size_t cell_widths = 0;
    };

    std::string m_text;                     // the cells' text, one after the other
    std::vector<Cell> m_cells;              // row after row
    std::vector<std::uint32_t> m_row_ends;  // the end of each row in m_cells
    std::vector<Column> m_columns;          // as many as the longest row has cells
    std::size_t m_last_width = 0;
    std::size_t m_cell_start = 0;  // of the cell begun with begin_cell
    struct Stream {
        TextOut& out;
        std::vector<std::size_t> widths;
        std::string indent;
    };
    std::unique_ptr<Stream> m_stream;  // set by stream_to
    bool m_wrap_cells = false;
    bool m_ascii = false;
};

}  // namespace owner
