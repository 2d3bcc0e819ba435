#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/merge.hpp"
#include "domain/time.hpp"
#include "store/store.hpp"

namespace owner {

struct SyncOptions {
    std::string remote = "origin";
    Prefer prefer = Prefer::none;
    // Apply cases deleted on another machine, and commit case files deleted here by hand; without
    // it sync refuses both, naming the cases.
    bool accept_deletions = false;
};

// A sync that failed for a reason outside the store (the remote down, a push refused): its
// message is the reason then, after "; ", what waits to be pushed ("2 local commits wait to be
// pushed"), when anything does. `lasting()` is the message without that count, which grows from
// run to run while the reason stays: `remind --sync` says one reason once.
class SyncError : public Error {
  public:
    SyncError(const std::string& reason, const std::string& waiting)
        : Error(waiting.empty() ? reason : reason + "; " + waiting), m_lasting(reason) {}
    const std::string& lasting() const { return m_lasting; }

  private:
    std::string m_lasting;
};

// fetch, check what came, rebase the local commits onto the remote (merging case files field by
// field with the owner-case driver, and moves by case id) in a private working tree inside .git,
// check the result, bring the store to it file by file, push. Anything wrong stops the sync with
// an Error and leaves the store as it was (checked, not assumed). `note` hears what the person
// should know (a renumbered case). Returns the upstream it is now in sync with.
std::string sync_with_remote(const Store& store, const Timestamp& now, const SyncOptions& options,
                             const std::function<void(std::string_view)>& note);

// A sync that was killed, or stopped by a full disk, leaves its marker (.git/owner-sync): what it
// was doing, as one sentence, or nullopt when none. Reads only.
std::optional<std::string> interrupted_sync(const std::filesystem::path& root);

// Finishes or undoes an interrupted sync (call with the store locked); returns what it did, or
// nullopt when there was none. Never loses a change made since. Throws Error, keeping the marker,
// when the store cannot be put right yet (the disk still full): then nothing may be written.
std::optional<std::string> settle_interrupted_sync(const Store& store);

}  // namespace owner
