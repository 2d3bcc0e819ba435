#include "commands/common.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/planning.hpp"
#include "domain/when.hpp"

namespace owner {

CaseUnderEdit checkout(const Context& ctx, const std::string& typed, bool include_closed) {
    CaseUnderEdit e;
    e.lock = ctx.store.lock();
    e.ref = ctx.store.resolve(typed, include_closed);
    e.c = ctx.store.load(e.ref);
    return e;
}

Timestamp when_arg(const Context& ctx, const std::string& text, std::string_view option) {
    try {
        return parse_when(text, ctx.now, ctx.config.calendar);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("{}: {}", option, e.what()));
    }
}

void warn_outside_working_time(const Context& ctx, const Timestamp& t, std::string_view what) {
    if (const std::string why = outside_working_time(t, ctx.config.calendar); !why.empty()) {
        ctx.warn(fmt::format("{}: {}", what, why));
    }
}

} // namespace owner
