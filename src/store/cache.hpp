#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/blob.hpp"
#include "store/files.hpp"
#include "store/folder.hpp"
#include "store/store.hpp"

namespace owner {

// False when the folder of `cache_file` (the store's .cache) is a symbolic link or anything but a
// folder: owner neither reads a cache through it nor writes one (customer data would land outside
// the store). The store itself may be reached through a link; its .cache may not.
bool cache_folder_usable(const std::filesystem::path& cache_file);

// A cache of parsed open cases, so that daily commands do not re-parse unchanged files. It is
// never trusted: each entry is used only while the file's device, inode, size, modification and
// change times (nanoseconds) are exactly as when it was parsed, and a file changed within the
// last two seconds is not cached at all (the "racy git" rule: a same-size rewrite within one tick
// of a coarse clock could otherwise look unchanged). A missing, foreign or corrupt cache is
// ignored and rebuilt; failing to write it is not an error.
class CaseCache {
  public:
    explicit CaseCache(std::filesystem::path file);

    // The same for the case files of listed folders (Store::open_files, closed_files), each
    // looked at by its name in its folder: no path object per case.
    // With `others` (the names of a team's roster but the runner's), a cached case whose owner
    // and every open action's `who` are among them, as written, is passed over undecoded: it is
    // surely another person's and asks nothing of the runner.
    LoadedCases load(const Store& store, std::span<const FolderListing> folders, bool closed,
                     std::span<const std::string> others = {});
    // Writes the cache back if anything changed; `now_seconds` is the real clock.
    void save(std::int64_t now_seconds);

    // The title and customer of a case whose file is unchanged since it was cached (the same
    // checks as load), read from the front of its entry without decoding the rest; nullopt when
    // the file itself must be read. Never writes the cache (shell completion).
    std::optional<std::pair<std::string, std::string>> title_and_customer(const CaseRef& ref);
    // The same for the i-th file of a listing, as views into the cache (valid while it lives).
    struct Head {
        std::string_view title, customer;
    };
    std::optional<Head> head(const FolderListing& files, std::size_t i,
                             const std::optional<FileIdentity>& identity);

    std::size_t hits() const { return m_hits; }
    std::size_t passed() const { return m_passed; }  // cases passed over by `others`

    // The binary form of a case (public for the round-trip unit test).
    static std::string encode(const Case& c);
    static bool decode(std::string_view data, Case& out);

  private:
    using Identity = FileIdentity;
    struct Entry {
        std::string_view name;  // the file's path: in m_text, or in m_fresh for a new name
        Identity id;
        std::string_view blob;  // encode(case): in m_text, or in m_fresh for a case parsed now
        bool seen = false;      // listed in this run (entries of files gone are dropped)
        bool dropped = false;
    };

    void read_file_once();
    // Before and after loading: what is not listed again is dropped.
    void start_run();
    void end_run();
    Entry* find(std::string_view name);
    // One listed case file: from its entry while `now` matches, else parsed (and remembered).
    void load_one(const Store& store, std::string_view name, std::string_view id,
                  const std::optional<Identity>& now, bool closed, LoadedCases& out);
    std::optional<Head> head_of(std::string_view name, std::string_view id,
                                const std::optional<Identity>& now);

    std::filesystem::path m_file;
    bool m_read = false;
    bool m_dirty = false;
    bool m_existed = false;
    FileBytes m_text;                 // the cache file as read
    std::deque<std::string> m_fresh;  // names and blobs made in this run (stable addresses)
    std::vector<Entry> m_entries;     // from the file, sorted by name
    std::map<std::string_view, Entry, std::less<>> m_added;  // names new in this run
    std::string m_key;                                       // a path looked up by head()
    std::size_t m_cursor = 0;  // where the next name is likely to be (names come in order)
    std::size_t m_hits = 0;    // cases decoded from their entry (tests ask)
    std::size_t m_passed = 0;  // cases passed over undecoded (load's `others`)
    std::span<const std::string> m_others;
};

}  // namespace owner
