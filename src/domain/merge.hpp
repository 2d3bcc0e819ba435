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

// Every field is merged three-way, the keys a person added by hand too (at any depth, in the case,
// its actions and its log entries).
// `base` is absent when both sides added the file. With a preference, conflicting fields take
// that side and the merged log says so.
MergeResult merge_cases(const std::optional<Case>& base, const Case& ours, const Case& theirs,
                        Prefer prefer, const Timestamp& now);

// The names of the fields that differ between two versions of a case, in file order: "title",
// "priority", a hand-added key's name, "actions", "log". Names only, never values.
std::vector<std::string> changed_fields(const Case& before, const Case& after);

// True when two cases under one id are different cases (made apart on two machines), not two
// versions of one: they were opened at different moments or for different customers.
bool different_cases(const Case& a, const Case& b);

}  // namespace owner
