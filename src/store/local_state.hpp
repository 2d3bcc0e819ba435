#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

// The store's local state, never shared through git (.gitignore lists it): what `remind` has
// said, the person's unsaved `edit` copies and the caches of parsed cases.
namespace owner {

// What `remind` said before: one reminder key per line of `.remind-state`.
std::set<std::string> read_remind_state(const Store& store);
void write_remind_state(const Store& store, const std::set<std::string>& keys);

// An `owner edit` in progress: the copy the editor works on, and the version of the case it
// started from (so that saving cannot undo a change made meanwhile).
struct EditCopy {
    std::filesystem::path copy;  // .edit-ID.toml
    std::filesystem::path base;  // .edit-ID.base
};
EditCopy edit_copy_of(const Store& store, const std::string& id);
void discard_edit(const EditCopy& edit);

// Keeps a mail that could not be taken in (it came on standard input, from a mail program that
// has handed it over) in .cache/refused-mail/, where git never looks; returns its path.
std::filesystem::path keep_refused_mail(const Store& store, std::string_view bytes,
                                        const Timestamp& now);

// Removes every local copy that may still hold these cases' customer: the caches (rebuilt by the
// next command), their lines in `.remind-state` (reminder keys hold action texts) and their
// unsaved edits. Returns what was removed, relative to the store.
std::vector<std::string> remove_local_copies(const Store& store,
                                             const std::vector<std::string>& ids);

}  // namespace owner
