#include "commands/context.hpp"

#include <fmt/format.h>

namespace owner {

void Context::note(std::string_view text) const { fmt::print(stderr, "{}\n", text); }

void Context::warn(std::string_view text) const { fmt::print(stderr, "owner: warning: {}\n", text); }

void Context::report_bad(const std::vector<BadFile>& bad) const {
    for (const auto& b : bad) {
        warn(fmt::format("skipped {}", b.reason));
    }
}

} // namespace owner
