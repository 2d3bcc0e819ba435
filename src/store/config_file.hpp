#pragma once

#include <string>
#include <string_view>

#include "domain/config.hpp"

namespace owner {

// Reads config.toml. Unknown keys and wrong types are errors naming the file, line and key:
// a typo in a team rule must not pass silently. Throws Error.
Config parse_config(std::string_view text, const std::string& path, Config defaults);

}  // namespace owner
