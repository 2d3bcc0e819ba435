#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

// The binary records of owner's caches (store/cache, store/outcome_cache): numbers as 8 bytes in
// the machine's order, strings as their length and bytes. A cache is this machine's own file, so
// the order need not travel; a record that does not add up marks the reader not ok and the
// cache is rebuilt.
namespace owner {

inline void put_u64(std::string& out, std::uint64_t v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

inline void put_str(std::string& out, std::string_view s) {
    put_u64(out, s.size());
    out.append(s);
}

// What says a file is unchanged since it was cached: device, inode, size, and the modification
// and change times in nanoseconds (an edit of the same size within the same second still moves
// the change time).
struct FileIdentity {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileIdentity&) const = default;

    // Changed less than two seconds before `now_seconds`: a later change within the same
    // timestamp granularity could go unseen, so such a file is not cached (git's "racy" rule).
    bool too_fresh(std::int64_t now_seconds) const {
        constexpr std::int64_t kRacySeconds = 2;
        return ctime_ns / 1000000000LL > now_seconds - kRacySeconds ||
               mtime_ns / 1000000000LL > now_seconds - kRacySeconds;
    }
    void put(std::string& out) const {
        put_u64(out, dev);
        put_u64(out, ino);
        put_u64(out, size);
        put_u64(out, static_cast<std::uint64_t>(mtime_ns));
        put_u64(out, static_cast<std::uint64_t>(ctime_ns));
    }
};

class BlobReader {
  public:
    explicit BlobReader(std::string_view in) : m_in(in) {}
    bool ok() const { return m_ok; }
    bool done() const { return m_pos == m_in.size(); }
    std::size_t left() const { return m_in.size() - m_pos; }
    // Marks the input as not adding up.
    void fail() { m_ok = false; }

    std::uint64_t u64() {
        std::uint64_t v = 0;
        if (m_pos + sizeof v > m_in.size()) {
            m_ok = false;
            return 0;
        }
        std::memcpy(&v, m_in.data() + m_pos, sizeof v);
        m_pos += sizeof v;
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    // A view into the input: valid while the input is.
    std::string_view view() {
        const std::uint64_t n = u64();
        if (!m_ok || n > m_in.size() - m_pos) {
            m_ok = false;
            return {};
        }
        const std::string_view s = m_in.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    std::string str() { return std::string(view()); }
    FileIdentity identity() {
        FileIdentity id;
        id.dev = u64();
        id.ino = u64();
        id.size = u64();
        id.mtime_ns = i64();
        id.ctime_ns = i64();
        return id;
    }
    // 0 absent, 1 false, 2 true; anything else is corrupt.
    std::optional<bool> opt_bool() {
        const std::uint64_t v = u64();
        if (v > 2) {
            m_ok = false;
        }
        return v == 0 ? std::nullopt : std::optional<bool>(v == 2);
    }

  private:
    std::string_view m_in;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

}  // namespace owner
