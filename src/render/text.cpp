#include "render/text.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include <utf8proc.h>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace owner {

namespace {

// The columns of a code point on a terminal, by utf8proc (Unicode's East Asian Width and emoji
// presentation: wide CJK and emoji 2, combining marks such as Thai vowel signs and format
// characters 0). A grapheme cluster takes the sum of its code points' columns, as terminals that
// draw by wcwidth do (xterm, VTE).
std::size_t code_point_width(char32_t cp) {
    return static_cast<std::size_t>(utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)));
}

// The code point at s[i] and its length; an invalid byte is one byte of one column (U+FFFD, as
// terminal_safe shows it).
std::size_t next_code_point(std::string_view s, std::size_t i, char32_t& cp) {
    if (const std::size_t len = decode_utf8(s, i, cp)) {
        return len;
    }
    cp = 0xFFFD;
    return 1;
}

// Skips an ANSI escape sequence starting at s[i], if any.
bool skip_escape(std::string_view s, std::size_t& i) {
    if (s[i] != '\x1b' || i + 1 >= s.size() || s[i + 1] != '[') {
        return false;
    }
    i += 2;
    while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) {
        ++i;
    }
    ++i;
    return true;
}

}  // namespace

namespace {

// The bytes of a word that are not printable ASCII (0x20 … 0x7e), each as its top bit: below 0x20
// (a borrow into its top bit), from 0x80 (its top bit) or 0x7f (+1 sets it). A borrow or a carry
// only goes up from a byte that is flagged itself, so the lowest flagged byte is exact.
constexpr std::uint64_t unprintable_bytes(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    return (((w - 0x20 * kOnes) & ~w) | w | (w + kOnes)) & kHigh;
}

std::uint64_t load_word(const char* p) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// The end of the run of printable ASCII (0x20 … 0x7e) that starts at s[i]: eight bytes at a time,
// as `today` at a team's scale passes megabytes through here, and the place of the byte that ends
// it read from the word, not found again byte by byte.
[[gnu::always_inline]] inline std::size_t ascii_run(std::string_view s, std::size_t i) {
    const char* const p = s.data();
    const std::size_t n = s.size();
    if constexpr (std::endian::native == std::endian::little) {
        while (i + 8 <= n) {
            if (const std::uint64_t bad = unprintable_bytes(load_word(p + i))) {
                return i + static_cast<std::size_t>(std::countr_zero(bad)) / 8;
            }
            i += 8;
        }
        if (i < n && n >= 8) {
            // The last word of s, read again: the bytes before i count as spaces (a borrow or a
            // carry of theirs could flag a byte of the run).
            const std::uint64_t before = (std::uint64_t{1} << (8 * (i - (n - 8)))) - 1;
            const std::uint64_t w =
                (load_word(p + n - 8) & ~before) | (0x2020202020202020ULL & before);
            const std::uint64_t bad = unprintable_bytes(w);
            return bad != 0 ? n - 8 + static_cast<std::size_t>(std::countr_zero(bad)) / 8 : n;
        }
    } else {
        while (i + 8 <= n && unprintable_bytes(load_word(p + i)) == 0) {
            i += 8;
        }
    }
    while (i < n && s[i] >= 0x20 && s[i] < 0x7f) {
        ++i;
    }
    return i;
}

bool plain_ascii(std::string_view s) {
    return ascii_run(s, 0) == s.size();
}

}  // namespace

namespace {

// The length of a colour sequence ESC [ digits/semicolons m at s[i], or 0.
std::size_t sgr_length(std::string_view s, std::size_t i) {
    if (i + 2 >= s.size() || s[i] != '\x1b' || s[i + 1] != '[') {
        return 0;
    }
    std::size_t k = i + 2;
    while (k < s.size() && ((s[k] >= '0' && s[k] <= '9') || s[k] == ';')) {
        ++k;
    }
    return k < s.size() && s[k] == 'm' ? k + 1 - i : 0;
}

bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 0x20 && c < 0x7f) || c == '\n'; });
}

}  // namespace

std::string terminal_safe(std::string_view s, bool keep_sgr, bool single_line) {
    if (printable_ascii(s) && (!single_line || s.find('\n') == std::string_view::npos)) {
        return std::string(s);  // the common case
    }
    std::string out;
    out.reserve(s.size() + 16);
    std::size_t run = 0;  // the start of text copied as it is, in one piece
    const auto flush = [&](std::size_t i) { out.append(s.substr(run, i - run)); };
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t end = ascii_run(s, i); end > i) {
            i = end;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' && !single_line) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = c >= 0x80 ? decode_utf8(s, i, cp) : 1;
        if (c >= 0x80 && len > 0 && cp > 0x9f && !is_bidi_control(cp)) {
            i += len;  // a printable character beyond ASCII
            continue;
        }
        flush(i);
        if (len == 0) {
            out += "\uFFFD";  // an invalid byte
            run = ++i;
            continue;
        }
        cp = c >= 0x80 ? cp : c;
        std::size_t n = len;
        if (cp == '\x1b' && keep_sgr && (n = sgr_length(s, i)) > 0) {
            out.append(s.substr(i, n));  // a colour: Style wrote it
        } else if (cp == '\r' && !single_line && i + 1 < s.size() && s[i + 1] == '\n') {
            out += '\r';
            n = 1;
        } else if (cp < 0x20) {
            append_utf8(out, 0x2400 + cp);  // its control picture: ␛ ␇ ␊ …
            n = 1;
        } else if (cp == 0x7f) {
            out += "\u2421";
            n = 1;
        } else if (is_bidi_control(cp)) {
            // Shown, not obeyed: "Invoice [U+202E]gnp.exe", never "Invoice exe.png".
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += "[U+";
            for (int shift = 12; shift >= 0; shift -= 4) {
                out += kHex[(cp >> shift) & 0xF];
            }
            out += ']';
            n = len;
        } else {
            out += "\uFFFD";  // a C1 control
            n = len;
        }
        i += n;
        run = i;
    }
    flush(s.size());
    return out;
}

namespace {

// The display width of s when terminal_safe(s, keep_sgr, !multi_line) is s itself, else nullopt:
// one pass, no copy. (With `multi_line`, the width is of all lines together: only whether it has
// one counts.)
std::optional<std::size_t> safe_width(std::string_view s, bool keep_sgr, bool multi_line) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t end = ascii_run(s, i); end > i) {
            width += end - i;
            i = end;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            char32_t cp = 0;
            const std::size_t len = decode_utf8(s, i, cp);
            if (len == 0 || cp <= 0x9f || is_bidi_control(cp)) {
                return std::nullopt;  // an invalid byte, a C1 control or a bidi control
            }
            width += code_point_width(cp);
            i += len;
            continue;
        }
        if (multi_line && (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n'))) {
            ++i;  // a line break stays
            continue;
        }
        const std::size_t n = keep_sgr && c == 0x1b ? sgr_length(s, i) : 0;
        if (n == 0) {
            return std::nullopt;  // a control character (or a newline on one line)
        }
        i += n;  // a colour: kept, and no columns
    }
    return width;
}

}  // namespace

std::optional<std::size_t> safe_line_width(std::string_view s, bool keep_sgr) {
    return safe_width(s, keep_sgr, false);
}

bool is_terminal_safe(std::string_view s, bool keep_sgr) {
    // safe_width(s, keep_sgr, true), without the widths: megabytes pass through here.
    for (std::size_t i = 0; i < s.size();) {
        i = ascii_run(s, i);
        if (i == s.size()) {
            break;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size() &&
            (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
            (c > 0xC2 || static_cast<unsigned char>(s[i + 1]) >= 0xA0)) {
            i += 2;  // a letter of two bytes (é, ø, Ş), read here: names are full of them
        } else if (c >= 0x80) {
            char32_t cp = 0;
            const std::size_t len = decode_utf8(s, i, cp);
            if (len == 0 || cp <= 0x9f || is_bidi_control(cp)) {
                return false;  // an invalid byte, a C1 control or a bidi control
            }
            i += len;
        } else if (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) {
            ++i;  // a line break stays
        } else if (const std::size_t n = keep_sgr && c == 0x1b ? sgr_length(s, i) : 0) {
            i += n;  // a colour: kept
        } else {
            return false;  // a control character
        }
    }
    return true;
}

std::size_t display_width(std::string_view s) {
    if (plain_ascii(s)) {
        return s.size();  // the common case, without decoding
    }
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (skip_escape(s, i)) {
            continue;
        }
        char32_t cp = 0;
        i += next_code_point(s, i, cp);
        width += code_point_width(cp);
    }
    return width;
}

std::string fit_width(std::string_view s, std::size_t width, std::string_view more) {
    if (display_width(s) <= width) {
        return std::string(s);
    }
    if (width == 0) {
        return "";
    }
    const std::size_t more_width = std::min(display_width(more), width);
    std::string out;
    std::size_t used = 0;
    bool coloured = false;
    // Whole grapheme clusters (utf8proc's segmentation): a base letter keeps its marks, an emoji
    // its modifiers and joined parts. The cluster being read is s[start, i), of `columns`.
    std::size_t start = 0;
    std::size_t columns = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    const auto take_cluster = [&](std::size_t end) {
        if (used + columns > width - more_width) {
            return false;
        }
        out.append(s.substr(start, end - start));
        used += columns;
        start = end;
        columns = 0;
        return true;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        if (const std::size_t n = sgr_length(s, i)) {
            if (!take_cluster(i)) {
                break;
            }
            out.append(s.substr(i, n));
            coloured = s.substr(i, n) != "\x1b[0m" && s.substr(i, n) != "\x1b[m";
            i += n;
            start = i;
            previous = -1;
            state = 0;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = next_code_point(s, i, cp);
        const auto code = static_cast<utf8proc_int32_t>(cp);
        if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, code, &state) &&
            !take_cluster(i)) {
            break;
        }
        previous = code;
        columns += code_point_width(cp);
        i += len;
    }
    if (i == s.size()) {
        take_cluster(i);
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    out += more.substr(0, more_width == display_width(more) ? more.size() : width);
    return coloured ? out + "\x1b[0m" : out;
}

namespace {

// The bytes of the longest start of s, in whole grapheme clusters, that is at most `width`
// columns wide (at least one cluster, so that a line always moves on).
std::size_t clusters_within(std::string_view s, std::size_t width) {
    std::size_t used = 0, end = 0, columns = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = sgr_length(s, i)) {
            i += n;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = next_code_point(s, i, cp);
        const auto code = static_cast<utf8proc_int32_t>(cp);
        if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, code, &state)) {
            if (used + columns > width && end > 0) {
                return end;
            }
            used += columns;
            end = i;
            columns = 0;
        }
        previous = code;
        columns += code_point_width(cp);
        i += len;
    }
    return used + columns > width && end > 0 ? end : s.size();
}

}  // namespace

std::vector<std::string> wrap_lines(std::string_view s, std::size_t width) {
    width = std::max<std::size_t>(width, 1);
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_width = 0;
    for (std::size_t pos = 0; pos <= s.size();) {
        std::size_t end = std::min(s.find(' ', pos), s.size());
        std::string_view word = s.substr(pos, end - pos);
        pos = end + 1;
        if (word.empty()) {
            if (end >= s.size()) {
                break;
            }
            continue;
        }
        std::size_t w = display_width(word);
        if (line_width > 0 && line_width + 1 + w > width) {
            lines.push_back(std::move(line));
            line.clear();
            line_width = 0;
        }
        // A word wider than a line: broken between its clusters.
        while (line_width == 0 && w > width) {
            const std::size_t cut = clusters_within(word, width);
            lines.emplace_back(word.substr(0, cut));
            word.remove_prefix(cut);
            w = display_width(word);
        }
        if (word.empty()) {
            continue;
        }
        if (line_width > 0) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += w;
    }
    if (!line.empty()) {
        lines.push_back(std::move(line));
    }
    // A colour open at a line's end is closed there and opened again on the next line, so that
    // it never colours what stands beside it.
    std::string open;
    for (std::string& l : lines) {
        if (open.empty() && l.find('\x1b') == std::string::npos) {
            continue;
        }
        l.insert(0, open);
        for (std::size_t i = 0; i < l.size(); ++i) {
            if (const std::size_t n = sgr_length(l, i)) {
                const std::string_view seq = std::string_view(l).substr(i, n);
                open = seq == "\x1b[0m" || seq == "\x1b[m" ? "" : std::string(seq);
                i += n - 1;
            }
        }
        if (!open.empty()) {
            l += "\x1b[0m";
        }
    }
    return lines;
}

bool has_typographic_punctuation(std::string_view s) {
    for (unsigned char c : s) {
        if (c >= 0xC2 && c <= 0xE2) {
            return ascii_punctuation(s) != s;
        }
    }
    return false;
}

std::string ascii_punctuation(std::string_view s) {
    static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
        {"\u2026", "..."}, {"\u2014", "-"},  {"\u2013", "-"},  {"\u2012", "-"},  {"\u2010", "-"},
        {"\u2011", "-"},   {"\u2212", "-"},  {"\u00B7", "-"},  {"\u2022", "*"},  {"\u2219", "*"},
        {"\u2192", "->"},  {"\u2190", "<-"}, {"\u21D2", "=>"}, {"\u2502", "|"},  {"\u2503", "|"},
        {"\u2500", "-"},   {"\u2501", "-"},  {"\u2550", "="},  {"\u2018", "'"},  {"\u2019", "'"},
        {"\u201A", "'"},   {"\u201C", "\""}, {"\u201D", "\""}, {"\u201E", "\""}, {"\u00AB", "\""},
        {"\u00BB", "\""},  {"\u00A0", " "},  {"\u202F", " "},  {"\u2009", " "},  {"\u00D7", "x"},
        {"\u2588", "#"},   {"\u2589", "#"},  {"\u258A", "#"},  {"\u258B", "#"},  {"\u258C", "#"},
        {"\u258D", "#"},   {"\u258E", "#"},  {"\u258F", "#"},  {"\u2591", "."},  {"\u2592", ":"},
        {"\u2593", "#"},   {"\u2713", "v"},  {"\u2717", "x"},  {"\u2264", "<="}, {"\u2265", ">="},
        {"\u2248", "~"},   {"\u223C", "~"},  {"\u2217", "*"},
    };
    std::string out;
    out.reserve(s.size());
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c != 0xC2 && c != 0xC3 && c != 0xE2) {
            continue;
        }
        for (const auto& [from, to] : kMap) {
            if (s.substr(i, from.size()) == from) {
                out.append(s.substr(run, i - run));
                out += to;
                i += from.size() - 1;
                run = i + 1;
                break;
            }
        }
    }
    out.append(s.substr(run));
    return out;
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t w = display_width(s);
    if (w < width) {
        out.append(width - w, ' ');
    }
    return out;
}

std::string wrap(std::string_view s, std::size_t width, std::string_view indent) {
    std::string out;
    std::string line(indent);
    const std::size_t room =
        width > display_width(indent) + 10 ? width : display_width(indent) + 10;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t end = s.find(' ', pos);
        if (end == std::string_view::npos) {
            end = s.size();
        }
        const std::string_view word = s.substr(pos, end - pos);
        const bool first = line.size() == indent.size();
        if (!first && display_width(line) + 1 + display_width(word) > room) {
            out += line + "\n";
            line = std::string(indent);
        }
        line += (line.size() == indent.size() ? "" : " ") + std::string(word);
        pos = end + 1;
    }
    if (line.size() > indent.size()) {
        out += line + "\n";
    }
    return out;
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
    std::string out;
    paint(out, code, s);
    return out;
}

void Style::paint(std::string& out, std::string_view code, std::string_view s) const {
    if (!m_enabled || s.empty()) {
        out += s;
        return;
    }
    out += "\x1b[";
    out += code;
    out += 'm';
    out += s;
    out += "\x1b[0m";
}

std::size_t make_cell(std::string& cell) {
    if (const auto w = safe_line_width(cell, true)) {
        return *w;  // the common case: shown as it is
    }
    cell = terminal_safe(cell, true, true);
    return display_width(cell);
}

void TextTable::add_row(std::vector<std::string> cells) {
    for (const auto& cell : cells) {
        add_cell(cell);
    }
    end_row();
}

void TextTable::add_cell(std::string_view text) {
    begin_cell() += text;
    end_cell(true);
}

void TextTable::end_cell(bool keep_sgr) {
    const std::string_view text = std::string_view(m_text).substr(m_cell_start);
    std::size_t width = 0;
    if (const auto w = safe_line_width(text, keep_sgr)) {
        width = *w;  // the common case: shown as it is
    } else {
        const std::string safe = terminal_safe(text, keep_sgr, true);
        m_text.resize(m_cell_start);
        m_text += safe;
        width = display_width(safe);
    }
    push_cell(m_cell_start, m_text.size() - m_cell_start, width);
}

void TextTable::too_large() {
    throw Error("a table of more than 4 GiB of text cannot be shown");
}

void TextTable::reserve(std::size_t rows, std::size_t cells, std::size_t bytes) {
    m_row_ends.reserve(rows);
    m_cells.reserve(cells);
    m_text.reserve(bytes);
}

std::size_t TextTable::rendered_size_bound(std::string_view indent) const {
    // Each row: the indent, its cells, the padding of all but its last cell to the column's
    // width and two spaces after each of them, a newline.
    std::size_t bytes = m_text.size() + m_row_ends.size() * (indent.size() + 1);
    for (const Column& column : m_columns) {
        bytes += column.cells * (column.width + 2) - column.cell_widths;
    }
    return bytes;
}

std::string TextTable::render(std::size_t max_width, std::string_view indent) const {
    TextOut out;
    render_to(out, max_width, indent);
    return std::move(out).text();
}

void TextTable::render_to(std::string& out, std::size_t max_width, std::string_view indent) const {
    TextOut rows;
    render_to(rows, max_width, indent);
    out += rows.pending();
}

void TextTable::render_to(TextOut& out, std::size_t max_width, std::string_view indent) const {
    const std::vector<std::size_t> widths = fitted_widths(max_width, indent);
    const std::size_t rows = m_row_ends.size();
    if (rows == 0) {
        return;
    }
    // As many rows at a time as make about a piece.
    const std::size_t row_bytes = rendered_size_bound(indent) / rows + 1;
    const std::size_t batch = std::max<std::size_t>(1, out.piece() / row_bytes);
    std::string line;
    for (std::size_t first = 0; first < rows; first += batch) {
        append_rows(out, line, widths, max_width, indent, first, std::min(rows, first + batch));
        out.end_lines();
    }
}

void TextTable::stream_to(TextOut& out, std::vector<std::size_t> widths, std::string_view indent) {
    clear();
    m_stream.reset(new Stream{out, std::move(widths), std::string(indent)});
}

void TextTable::stream_row() {
    Stream& s = *m_stream;
    const std::size_t n = m_cells.size();
    if (s.widths.size() < n) {
        s.widths.resize(n);  // one per column; the last one's is not used
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
        s.widths[i] = std::max<std::size_t>(s.widths[i], m_cells[i].width);  // never a negative pad
    }
    m_row_ends.push_back(static_cast<std::uint32_t>(n));
    std::string line;
    append_rows(s.out, line, s.widths, kNoWidthLimit, s.indent, 0, 1);
    s.out.end_lines();
    m_text.clear();
    m_cells.clear();
    m_row_ends.clear();
}

void TextTable::clear() {
    m_stream.reset();
    m_text.clear();
    m_cells.clear();
    m_row_ends.clear();
    m_columns.clear();
    m_last_width = 0;
    m_cell_start = 0;
}

std::vector<std::size_t> TextTable::fitted_widths(std::size_t max_width,
                                                  std::string_view indent) const {
    const std::size_t columns = m_columns.size();
    const std::size_t last_width = m_last_width;
    std::vector<std::size_t> widths(columns);
    for (std::size_t i = 0; i < columns; ++i) {
        widths[i] = m_columns[i].width;
    }
    if (max_width >= kNoWidthLimit) {
        return widths;
    }
    // Make the rows fit: the last column keeps at least a useful minimum, then the widest other
    // columns give way, down to a few characters each.
    const std::size_t fixed = display_width(indent) + (columns > 0 ? 2 * (columns - 1) : 0);
    const auto others = [&] {
        std::size_t sum = 0;
        for (std::size_t i = 0; i + 1 < columns; ++i) {
            sum += widths[i];
        }
        return sum;
    };
    std::size_t min_last = std::min<std::size_t>(last_width, 16);
    // Cells that wrap keep their words whole where they can: a column gives way down to its
    // longest word (of at most 10 columns) before any word is broken ("yesterday 12:00" over two
    // lines, not "yesterda" and "y 12:00").
    std::vector<std::size_t> word_floor(columns, 0);
    if (m_wrap_cells) {
        std::size_t k = 0;
        for (const std::uint32_t row_end : m_row_ends) {
            for (std::size_t i = 0; k < row_end; ++k, ++i) {
                const std::string_view text = text_of(m_cells[k]);
                for (std::size_t pos = 0; pos < text.size();) {
                    const std::size_t end = std::min(text.find(' ', pos), text.size());
                    word_floor[i] = std::max(
                        word_floor[i],
                        std::min<std::size_t>(display_width(text.substr(pos, end - pos)), 10));
                    pos = end + 1;
                }
            }
        }
    }
    const auto shrink = [&](std::size_t floor, bool whole_words) {
        while (fixed + others() + min_last > max_width) {
            std::size_t widest = 0;
            for (std::size_t i = 1; i + 1 < columns; ++i) {
                const std::size_t least = whole_words ? std::max(floor, word_floor[i]) : floor;
                if (widths[i] > least && (widest == 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest == 0) {
                return;
            }
            --widths[widest];
        }
    };
    shrink(8, true);
    min_last = std::min<std::size_t>(min_last, 10);  // a narrow terminal: everything gives way
    shrink(4, true);
    shrink(4, false);
    return widths;
}

void TextTable::append_rows(TextOut& out, std::string& line, const std::vector<std::size_t>& widths,
                            std::size_t max_width, std::string_view indent, std::size_t first,
                            std::size_t last) const {
    if (first >= last) {
        return;
    }
    std::size_t k = first == 0 ? 0 : m_row_ends[first - 1];
    if (max_width >= kNoWidthLimit) {
        // Nothing is cut: every row's bytes are known, written straight into `out`. Its text, and
        // for each row the indent, the padded columns and a newline, and 16 bytes to pad with one
        // store.
        std::size_t padded = indent.size() + 1;
        for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
            padded += widths[i] + 2;
        }
        // (The cells of the rows are one after the other in m_text.)
        const std::size_t k_end = m_row_ends[last - 1];
        const std::size_t text =
            k_end > k ? m_cells[k_end - 1].begin + m_cells[k_end - 1].size - m_cells[k].begin : 0;
        const std::size_t room = text + (last - first) * padded + 16;
        char* p = out.room(room);
        const char* const end = p + room;
        static constexpr char kSpaces[] = "                ";  // 16
        for (std::size_t r = first; r < last; ++r) {
            const std::size_t n = m_row_ends[r] - k;
            char* const line_start = p;
            p = std::copy(indent.begin(), indent.end(), p);
            for (std::size_t i = 0; i < n; ++i, ++k) {
                const Cell& cell = m_cells[k];
                std::memcpy(p, m_text.data() + cell.begin, cell.size);
                p += cell.size;
                if (i + 1 < n) {
                    const std::size_t pad = widths[i] - cell.width + 2;
                    if (pad <= 16 && end - p >= 16) {
                        std::memcpy(p, kSpaces, 16);  // one store, not a call
                    } else {
                        std::memset(p, ' ', pad);
                    }
                    p += pad;
                }
            }
            while (p > line_start && p[-1] == ' ') {
                --p;
            }
            *p++ = '\n';
        }
        out.written(p);
        return;
    }
    // Cut to the width: each line made in `line`, then appended.
    const std::size_t indent_width = display_width(indent);
    if (m_wrap_cells) {
        append_wrapped_rows(out, widths, max_width, indent, first, last);
        return;
    }
    for (std::size_t r = first; r < last; ++r) {
        const std::size_t n = m_row_ends[r] - k;
        line.assign(indent);
        std::size_t used = indent_width;
        for (std::size_t i = 0; i < n; ++i, ++k) {
            const std::string_view cell = text_of(m_cells[k]);
            const std::size_t w = m_cells[k].width;
            if (i + 1 < n) {
                if (w <= widths[i]) {
                    line += cell;
                    line.append(widths[i] - w, ' ');
                } else {
                    const std::string cut = fit_width(cell, widths[i], ellipsis(m_ascii));
                    line += cut;
                    line.append(widths[i] - std::min(widths[i], display_width(cut)), ' ');
                }
                line += "  ";
                used += widths[i] + 2;
            } else {
                const std::size_t room = max_width > used + 1 ? max_width - used : 1;
                if (w <= room) {
                    line += cell;
                } else {
                    line += fit_width(cell, room, ellipsis(m_ascii));
                }
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        line += '\n';
        out += line;
    }
}

void TextTable::append_wrapped_rows(TextOut& out, const std::vector<std::size_t>& widths,
                                    std::size_t max_width, std::string_view indent,
                                    std::size_t first, std::size_t last) const {
    const std::size_t indent_width = display_width(indent);
    std::size_t k = first == 0 ? 0 : m_row_ends[first - 1];
    std::vector<std::vector<std::string>> cells;
    std::string line;
    for (std::size_t r = first; r < last; ++r) {
        const std::size_t n = m_row_ends[r] - k;
        cells.assign(n, {});
        std::size_t height = 1;
        std::size_t used = indent_width;
        for (std::size_t i = 0; i < n; ++i, ++k) {
            const std::string_view cell = text_of(m_cells[k]);
            const std::size_t room = i + 1 < n              ? widths[i]
                                     : max_width > used + 1 ? max_width - used
                                                            : 1;
            if (m_cells[k].width <= room) {
                cells[i].emplace_back(cell);
            } else {
                cells[i] = wrap_lines(cell, room);
            }
            used += i + 1 < n ? widths[i] + 2 : 0;
            height = std::max(height, cells[i].size());
        }
        for (std::size_t y = 0; y < height; ++y) {
            line.assign(indent);
            for (std::size_t i = 0; i < n; ++i) {
                const std::string& part = y < cells[i].size() ? cells[i][y] : std::string();
                line += part;
                if (i + 1 < n) {
                    line.append(widths[i] - std::min(widths[i], display_width(part)) + 2, ' ');
                }
            }
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            line += '\n';
            out += line;
        }
    }
}

void TextOut::flush() {
    if (m_sink) {
        if (m_size > 0) {
            m_sink(pending());
        }
        m_size = 0;
    }
}

void TextOut::grow(std::size_t n) {
    // With a sink, it grows to about a piece and a row and is written over after (resize fills
    // what it adds: that is done once).
    m_buffer.resize(std::max(m_size + n, 2 * m_buffer.size()));
}

}  // namespace owner
