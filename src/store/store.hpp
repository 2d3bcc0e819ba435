#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"
#include "domain/stats.hpp"
#include "store/codec.hpp"
#include "store/files.hpp"
#include "store/folder.hpp"

namespace owner {

class CaseCache;

// A case file that could not be read, with the one-line reason.
struct BadFile {
    std::filesystem::path path;
    std::string reason;
};

struct LoadedCases {
    std::vector<Case> cases;
    std::vector<BadFile> bad;
};

// Where a case lives.
struct CaseRef {
    std::string id;
    std::filesystem::path path;
    bool closed = false;
    // Set when the case was found by its customer's reference or name rather than its id:
    // "M. Jansen: Double charge on November invoice", for a confirmation.
    std::string found_as;
};

// The folder of case files: cases/ for open ones, archive/<year>/ for closed ones.
class Store {
  public:
    // `lock_timeout_ms` and `use_cache` come from Settings (OWNER_LOCK_TIMEOUT, OWNER_NO_CACHE).
    explicit Store(std::filesystem::path root, int lock_timeout_ms = 10000, bool use_cache = true);

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path cases_dir() const { return m_root / "cases"; }
    std::filesystem::path archive_dir() const { return m_root / "archive"; }
    std::filesystem::path path_for(const Case& c) const;

    // Open cases only: the daily commands never look in the archive. A missing folder is an
    // empty store; one that cannot be read is an Error (never "no cases").
    std::vector<CaseRef> open_refs() const;
    // The same as listings (store/folder.hpp), for what walks every case file by its name in
    // its folder without a CaseRef each (load_open, shell completion): cases/, and the archive's
    // year folders in order (every real folder in archive/; with `from_year`, only those named
    // by a year from then on).
    FolderListing open_files() const;
    std::vector<FolderListing> closed_files(std::optional<int> from_year = std::nullopt) const;
    std::vector<CaseRef> closed_refs() const;
    // Closed cases that may have closed at or after `since`: only the archive years from then on.
    std::vector<CaseRef> closed_refs_since(const Timestamp& since) const;
    LoadedCases load(const std::vector<CaseRef>& refs) const;
    // Every open case, through the cache of parsed files (store/cache.hpp) unless OWNER_NO_CACHE.
    // A case file over kMaxCaseFileBytes, or anything but a regular file, is a bad file.
    LoadedCases load_open() const;
    // The open cases a team member's view needs: as load_open, but a cached case that is surely
    // another person's and asks nothing of the runner is passed over undecoded (its owner and
    // every open action's `who` are among `others`, the roster's names but the runner's; see
    // CaseCache::load). What is returned still needs the caller's own test.
    LoadedCases load_open_except(std::span<const std::string> others) const;
    // Every closed case, through a cache of its own (stats over years of history).
    LoadedCases load_closed() const;
    Case load(const CaseRef& ref) const;
    // The outcome of every closed case, one at a time in archive order, for `stats`: through the
    // archive's outcome cache (store/outcome_cache.hpp) unless OWNER_NO_CACHE, never holding the
    // cases. `time_zone` is time_zone_identity(settings). Returns the files that could not be read.
    std::vector<BadFile>
    visit_closed_outcomes(const Config& config, const std::string& time_zone,
                          const std::function<void(const ArchivedOutcome&)>& visit) const;
    // The cache of parsed open cases (store/cache.hpp), for what only peeks into it (shell
    // completion); nullptr under OWNER_NO_CACHE.
    std::unique_ptr<CaseCache> open_cases_cache() const;

    // What a person typed → the case: an id or a unique prefix of one; else the customer's
    // reference or a unique part of their name (open cases first). Throws UsageError listing the
    // candidates when several match, Error with a suggestion when none does, and naming both files
    // when the case is both in cases/ and in the archive (what a crash mid-move leaves; doctor
    // --fix).
    CaseRef resolve(const std::string& typed, bool include_closed) const;
    bool id_exists(const std::string& id) const;

    // Exclusive write access to the store for the lifetime of the returned object.
    std::unique_ptr<FileLock> lock() const;
    // Writes the case where it belongs (cases/ or archive/<year>/) and removes it from where it
    // was, if that differs. Call with the lock held.
    void save(const Case& c, const std::optional<CaseRef>& previous = std::nullopt) const;
    // The same with the file's text as a person wrote it (edit keeps comments and layout); `c` is
    // that text parsed, which decides the place.
    void save_text(const Case& c, const std::string& text,
                   const std::optional<CaseRef>& previous) const;
    // Every copy of the case with this id: more than one is a crash mid-move or a bad sync.
    std::vector<CaseRef> copies(const std::string& id) const;

    // The files this process wrote or removed in the store, for the git commit that says what a
    // command did: cases saved with save(), and what commands that write by other means record.
    const std::vector<std::filesystem::path>& written() const { return m_written; }
    void note_written(const std::filesystem::path& path) const { m_written.push_back(path); }

  private:
    LoadedCases load_cached(std::span<const FolderListing> folders, bool closed,
                            const char* cache_name, std::span<const std::string> others = {}) const;

    std::filesystem::path m_root;
    int m_lock_timeout_ms;
    bool m_use_cache;
    mutable std::vector<std::filesystem::path> m_written;
};

}  // namespace owner
