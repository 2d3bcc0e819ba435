#include "commands/context.hpp"

#include <fmt/format.h>

namespace owner {

void Context::out(std::string_view text) const {
    const std::string safe = terminal_safe(text, style.enabled());
    std::fwrite(safe.data(), 1, safe.size(), stdout);
}

void Context::out_json(const Json& doc) const {
    out(doc.pretty() + "\n");
}

void Context::note(std::string_view text) const {
    fmt::print(stderr, "{}\n", terminal_safe(text));
}

void Context::warn(std::string_view text) const {
    fmt::print(stderr, "owner: warning: {}\n", terminal_safe(text));
}

void Context::report_bad(const std::vector<BadFile>& bad) const {
    for (const auto& b : bad) {
        warn(fmt::format("skipped {}", b.reason));
    }
}

}  // namespace owner
