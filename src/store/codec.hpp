#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/case.hpp"

namespace owner {

// The largest case file owner reads or writes (documented in owner(5)): a case with years of notes
// is a few tens of kilobytes.
inline constexpr std::size_t kMaxCaseFileBytes = 1024 * 1024;
inline constexpr std::string_view kMaxCaseFileText = "1 MiB (1048576 bytes)";

// Reads a case file. Throws Error "PATH:LINE: what is wrong" on any syntax or schema problem, and
// for a text over kMaxCaseFileBytes (what git brings in, an import: as if read from a file).
Case parse_case(std::string_view text, const std::string& path);

// Writes a case file: one line per field in a fixed key order, keys a person added kept.
std::string write_case(const Case& c);

// TOML basic string with escapes, quotes included.
std::string toml_quote(std::string_view s);

}  // namespace owner
