#pragma once

#include <string>
#include <vector>

#include "domain/time.hpp"

namespace owner {

struct Io;
struct Settings;

// The git merge driver: owner __merge BASE OURS THEIRS PATH (registered by `owner init --git`).
// Writes the merged case over OURS and exits 0, or reports conflicting fields and exits 1,
// leaving OURS untouched (never conflict markers in a case file). `now` is OWNER_NOW when it is a
// timestamp, else the clock's.
int run_merge_driver(const std::vector<std::string>& args, const Settings& settings, Timestamp now,
                     Io& io);

}  // namespace owner
