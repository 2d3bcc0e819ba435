#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"

// Three-way merge of one case, for git: fields are merged one by one, actions are matched by
// what they say, and log entries from both sides are all kept (the log is append-only).
namespace owner {

struct FieldConflict {
    std::string field;  // "deadline", "actions[Credit note].due"
    std::string ours;
    std::string theirs;
};

struct MergeResult {
    Case merged;
    std::vector<FieldConflict> conflicts;  // empty: clean
};

enum class Prefer { none, ours, theirs };

// `base` is absent when both sides added the file. With a preference, conflicting fields take
// that side and the merged log says so.
MergeResult merge_cases(const std::optional<Case>& base, const Case& ours, const Case& theirs,
                        Prefer prefer, const Timestamp& now);

} // namespace owner
