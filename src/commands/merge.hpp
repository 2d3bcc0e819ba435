#pragma once

#include <string>
#include <vector>

namespace owner {

// The git merge driver: owner __merge BASE OURS THEIRS PATH (registered by `owner init --git`).
// Writes the merged case over OURS and exits 0, or reports conflicting fields and exits 1,
// leaving OURS untouched (never conflict markers in a case file).
int run_merge_driver(const std::vector<std::string>& args);

}  // namespace owner
