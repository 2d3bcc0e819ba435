#include "commands/common.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/when.hpp"

namespace owner {

CaseUnderEdit checkout(const Context& ctx, const std::string& typed, bool include_closed) {
    CaseUnderEdit e;
    e.lock = ctx.store.lock();
    e.ref = ctx.store.resolve(typed, include_closed);
    if (!e.ref.found_as.empty()) {
        // Found by the customer's name or reference: say which case is about to change.
        ctx.note(fmt::format("owner: '{}' is case {} ({})", typed, e.ref.id, e.ref.found_as));
    }
    e.c = ctx.store.load(e.ref);
    return e;
}

std::string who_arg(const Context& ctx, const std::string& typed, std::string_view option) {
    const Config& config = ctx.config;
    if (typed.empty() || config.is_me(typed)) {
        return typed.empty() ? typed : config.name;
    }
    if (config.people.find(typed) != nullptr) {
        return config.people.canonical(typed);
    }
    if (!config.people.empty()) {
        const std::string near = config.people.nearest(typed);
        ctx.warn(near.empty() ? fmt::format("{}: '{}' is not in [people] in the config; kept as typed", option, typed)
                              : fmt::format("{}: '{}' is not in [people] in the config; did you mean '{}'? Kept as typed",
                                            option, typed, near));
    }
    return typed;
}

Timestamp when_arg(const Context& ctx, const std::string& text, std::string_view option) {
    try {
        return parse_when(text, ctx.now, ctx.config.calendar);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("{}: {}", option, e.what()));
    }
}

} // namespace owner
