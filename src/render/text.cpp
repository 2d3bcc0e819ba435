#include "render/text.hpp"

#include <algorithm>

namespace owner {

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes count as one column.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
    ++i;
    while (extra-- > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        ++i;
    }
    return cp;
}

int code_point_width(char32_t cp) {
    if (cp == 0 || (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F)) {
        return 0;
    }
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
        (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
        return 2;
    }
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

} // namespace

namespace {
bool plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}
} // namespace

std::size_t display_width(std::string_view s) {
    if (plain_ascii(s)) {
        return s.size();  // the common case, without decoding
    }
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (skip_escape(s, i)) {
            continue;
        }
        width += static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
    }
    return width;
}

std::string fit_width(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) {
        return std::string(s);
    }
    if (width == 0) {
        return "";
    }
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const auto w = static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
        if (used + w > width - 1) {
            break;
        }
        used += w;
        out.append(s.substr(start, i - start));
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out + "…";
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
    const std::size_t room = width > display_width(indent) + 10 ? width : display_width(indent) + 10;
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
    if (!m_enabled || s.empty()) {
        return std::string(s);
    }
    return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
}

std::string TextTable::render(std::size_t max_width, std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    std::string out;
    for (const auto& row : m_rows) {
        std::string line(indent);
        std::size_t used = display_width(indent);
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i + 1 < row.size()) {
                line += pad_right(row[i], widths[i]) + "  ";
                used += widths[i] + 2;
            } else {
                const std::size_t room = max_width > used + 8 ? max_width - used : 8;
                line += fit_width(row[i], room);
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    }
    return out;
}

} // namespace owner
