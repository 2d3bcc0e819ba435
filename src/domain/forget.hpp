#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"

// Data protection: what `owner forget` removes from a customer's cases. Closed cases keep their
// dates, actions' timing, colleagues and outcome (the statistics) but lose what identifies the
// customer.
namespace owner {

// What is written where a forgotten text was.
inline constexpr std::string_view kForgotten = "(forgotten)";

// Which cases a request to forget `customer` (exactly as in the cases) concerns: the closed ones
// it rewrites, and how many open ones it leaves alone (they must be closed first).
struct ForgetPlan {
    std::vector<const Case*> closed;
    std::size_t open_left = 0;
};
ForgetPlan plan_forget(const std::vector<Case>& closed, const std::vector<Case>& open,
                       std::string_view customer);

// The case without what identifies the customer: name, contact, reference, summary, every free
// text (log and action texts) and every hand-added key; the title loses the customer's name, or
// all of it with `titles`. A log entry at `now` says that personal data was removed.
Case forgotten(const Case& c, bool titles, const Timestamp& now);

// True when a remembered reminder key ("kind|case|detail|when") is about one of `ids`: such keys
// may hold action texts, so forgetting drops them.
bool reminder_key_of(std::string_view key, const std::vector<std::string>& ids);

}  // namespace owner
