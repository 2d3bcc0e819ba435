#pragma once

#include <string>

#include "domain/calendar.hpp"
#include "domain/case.hpp"
#include "domain/catalogue.hpp"  // relative_when
#include "render/json.hpp"
#include "render/text.hpp"

namespace owner {

// The JSON schema version of every --json output (README "JSON").
inline constexpr int kJsonSchema = 1;
// The object every --json output is: {"schema": 1, ...}, to which the caller adds its keys.
Json json_document();

Json time_json(const std::optional<Timestamp>& t);
// A case as JSON: every field, RFC 3339 times, actions numbered from 1.
Json case_json(const Case& c);
// A case for people: fields, actions and log.
std::string case_text(const Case& c, const Timestamp& now, const WorkCalendar& calendar,
                      const Style& style, std::size_t width);

}  // namespace owner
