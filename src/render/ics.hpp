#pragma once

#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

namespace owner {

// An iCalendar (RFC 5545) file of open actions, checks and promised deadlines: CRLF line ends,
// lines folded at 75 octets, text escaped, UIDs stable across exports so calendars update in place.
std::string render_ics(const std::vector<Case>& cases, const Timestamp& now, const Config& config);

// RFC 5545 TEXT escaping: backslash, semicolon, comma and newline.
std::string ics_escape(std::string_view s);
// Folds one content line at 75 octets without splitting a UTF-8 character; ends with CRLF.
std::string ics_fold(std::string_view line);

} // namespace owner
