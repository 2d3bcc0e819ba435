#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/blob.hpp"
#include "store/store.hpp"

namespace owner {

// A cache of parsed open cases, so that daily commands do not re-parse unchanged files. It is
// never trusted: each entry is used only while the file's device, inode, size, modification and
// change times (nanoseconds) are exactly as when it was parsed, and a file changed within the
// last two seconds is not cached at all (the "racy git" rule: a same-size rewrite within one tick
// of a coarse clock could otherwise look unchanged). A missing, foreign or corrupt cache is
// ignored and rebuilt; failing to write it is not an error.
class CaseCache {
  public:
    explicit CaseCache(std::filesystem::path file);

    // Like Store::load(refs), using remembered cases where the files are unchanged.
    LoadedCases load(const Store& store, const std::vector<CaseRef>& refs);
    // Writes the cache back if anything changed; `now_seconds` is the real clock.
    void save(std::int64_t now_seconds);

    // The title and customer of a case whose file is unchanged since it was cached (the same
    // checks as load), read from the front of its entry without decoding the rest; nullopt when
    // the file itself must be read. Never writes the cache (shell completion).
    std::optional<std::pair<std::string, std::string>> title_and_customer(const CaseRef& ref);

    std::size_t hits() const { return m_hits; }
    std::size_t misses() const { return m_misses; }

    // The binary form of a case (public for the round-trip unit test).
    static std::string encode(const Case& c);
    static bool decode(std::string_view data, Case& out);

  private:
    using Identity = FileIdentity;
    struct Entry {
        Identity id;
        std::string_view blob;  // encode(case): in m_text, or in m_fresh for a case parsed now
        bool seen = false;      // listed in this run (entries of files gone are dropped)
    };

    void read_file_once();
    // The file's identity now, or nullopt when it cannot be looked at.
    static std::optional<Identity> identity_of(const std::filesystem::path& path);

    std::filesystem::path m_file;
    bool m_read = false;
    bool m_dirty = false;
    bool m_existed = false;
    std::string m_text;                      // the cache file as read
    std::deque<std::string> m_fresh;         // blobs encoded in this run (stable addresses)
    std::map<std::string, Entry> m_entries;  // by path
    std::size_t m_hits = 0, m_misses = 0;
};

}  // namespace owner
