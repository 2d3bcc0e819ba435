#include "commands/context.hpp"

#include <istream>
#include <ostream>

#include <fmt/format.h>

namespace owner {

HeldResults::~HeldResults() {
    if (m_until_exit) {
        // Reachable from here until exit; never destroyed.
        static auto* const kept_until_exit = new std::vector<std::unique_ptr<AnyHeld>>();
        for (auto& held : m_held) {
            kept_until_exit->push_back(std::move(held));
        }
    }
}

void Context::out(std::string_view text) const {
    if (style.ascii() && has_typographic_punctuation(text)) {
        out_data(ascii_punctuation(text));
        return;
    }
    out_data(text);
}

void Context::out_data(std::string_view text) const {
    // Text that is safe already (the common case: renderers made every cell safe) is written as
    // it is, not copied: `today` at a team's scale prints megabytes.
    if (is_terminal_safe(text, style.enabled())) {
        write_all(io.out, text);
    } else {
        write_all(io.out, terminal_safe(text, style.enabled()));
    }
}

void Context::out_bytes(std::string_view bytes) const {
    write_all(io.out, bytes);
}

void Context::out_table(const TextTable& table) const {
    TextOut pieces = text_out();
    table.render_to(pieces, width);
    pieces.flush();
}

void Context::out_json(const Json& doc) const {
    out_data(doc.pretty() + "\n");
}

std::string Context::human(std::string_view text) const {
    return style.ascii() ? ascii_punctuation(text) : std::string(text);
}

void Context::note(std::string_view text) const {
    write_all(io.err, fmt::format("{}\n", terminal_safe(human(text))));
}

void Context::warn(std::string_view text) const {
    write_all(io.err, fmt::format("owner: warning: {}\n", terminal_safe(human(text))));
}

void Context::report_bad(const std::vector<BadFile>& bad) const {
    for (const auto& b : bad) {
        warn(fmt::format("skipped {}", b.reason));
    }
}

std::string Context::ask(std::string_view question) const {
    write_all(io.err, terminal_safe(human(question)));
    io.err.flush();
    std::string answer;
    std::getline(io.in, answer);
    return answer;
}

std::string Context::read_input() const {
    std::string text;
    char buf[65536];
    while (io.in.read(buf, sizeof buf) || io.in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(io.in.gcount()));
    }
    return text;
}

}  // namespace owner
