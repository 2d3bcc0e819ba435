#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// The team-chat summary: what is open, due, waiting on whom, escalated, owed, and closed.
namespace owner {

struct StatusLine {
    const Case* c = nullptr;
    std::string what;  // an action, or empty for the case itself
    std::string who;
    std::optional<Timestamp> when;
};

struct WaitingOn {
    std::string who;
    std::vector<StatusLine> lines;
};

struct StatusView {
    Date date;
    Timestamp since;
    std::size_t open_cases = 0;
    std::vector<StatusLine> due_today;
    std::vector<WaitingOn> waiting;  // by colleague, most actions first
    std::vector<StatusLine> escalated;
    std::vector<StatusLine> owed_update;
    std::vector<StatusLine> closed;
};

// `text` (a title, an action) without the customer's name or contact: every word of three or
// more letters of the name, and the contact, become "[customer]" (whole words, any case). For
// `[status] fields` without "customer": names in action texts stay out of the channel too.
std::string without_customer_name(std::string_view text, const Case& c);

// `who`: only what involves that colleague.
StatusView build_status(const std::vector<Case>& open, const std::vector<Case>& closed,
                        const Timestamp& since, const std::optional<std::string>& who,
                        const Timestamp& now, const Config& config);

}  // namespace owner
