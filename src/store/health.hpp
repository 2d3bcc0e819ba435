#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"

namespace owner {

// What `doctor` finds wrong with the store on disk, and what --fix repaired.
struct Finding {
    std::string kind;  // parse, id, duplicate, permissions, temp, edit, lock, git-lock, sync
    std::string path;
    std::string problem;
    std::string fixed;  // what --fix did, if anything
};

// Examines the store: permissions (store, cases, .git), temp files left by interrupted writes,
// unsaved edits, symbolic links, unreadable folders, case files that do not parse, cases in the
// wrong place, two copies of a case, the lock, stale git locks and an interrupted sync. With
// `fix`, repairs what is safe to repair: modes, dead temp files, a copy whose whole log is in the
// other's, git locks no process holds, an interrupted sync (finished or undone). Call with the
// store locked when fixing.
std::vector<Finding> examine_store(const Store& store, bool fix);

}  // namespace owner
