#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "domain/merge.hpp"
#include "domain/time.hpp"
#include "store/store.hpp"

namespace owner {

// fetch, check what came, rebase the local commits onto the remote (merging case files field by
// field with the owner-case driver, and moves by case id), check the result, push. Anything
// wrong stops the sync with an Error and leaves the store as it was. `note` hears what the
// person should know (a renumbered case). Returns the upstream it is now in sync with.
std::string sync_with_remote(const Store& store, const Timestamp& now, const std::string& remote,
                             Prefer prefer, const std::function<void(std::string_view)>& note);

}  // namespace owner
