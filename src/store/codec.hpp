#pragma once

#include <string>
#include <string_view>

#include "domain/case.hpp"

namespace owner {

// Reads a case file. Throws Error "PATH:LINE: what is wrong" on any syntax or schema problem.
Case parse_case(std::string_view text, const std::string& path);

// Writes a case file: one line per field in a fixed key order, keys a person added kept.
std::string write_case(const Case& c);

// TOML basic string with escapes, quotes included.
std::string toml_quote(std::string_view s);

}  // namespace owner
