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

// Reads a record. Every member is forced inline so that a decoder's cursor stays in registers:
// a reader passed by address to a call would have to be reloaded after every string it fills
// (the string's bytes could alias it), which was a third of decoding a case.
#define OWNER_BLOB_INLINE [[gnu::always_inline]] inline
// The same for a lambda that reads one field into its place (after its parameter list).
#define OWNER_BLOB_LAMBDA_INLINE __attribute__((always_inline))

class BlobReader {
  public:
    explicit BlobReader(std::string_view in) : m_p(in.data()), m_end(in.data() + in.size()) {}
    OWNER_BLOB_INLINE bool ok() const { return m_ok; }
    OWNER_BLOB_INLINE bool done() const { return m_p == m_end; }
    OWNER_BLOB_INLINE std::size_t left() const { return static_cast<std::size_t>(m_end - m_p); }
    // Marks the input as not adding up.
    OWNER_BLOB_INLINE void fail() { m_ok = false; }

    OWNER_BLOB_INLINE std::uint64_t u64() {
        std::uint64_t v = 0;
        if (left() < sizeof v) {
            m_ok = false;
            return 0;
        }
        std::memcpy(&v, m_p, sizeof v);
        m_p += sizeof v;
        return v;
    }
    OWNER_BLOB_INLINE std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    // A view into the input: valid while the input is.
    OWNER_BLOB_INLINE std::string_view view() {
        const std::uint64_t n = u64();
        if (n > left()) {
            m_ok = false;
            return {};
        }
        const std::string_view s(m_p, n);
        m_p += n;
        return s;
    }
    std::string str() { return std::string(view()); }
    // A number of records to come, each at least one number long: more than the bytes left can
    // hold does not add up (and is never allocated).
    OWNER_BLOB_INLINE std::size_t count() {
        const std::uint64_t n = u64();
        if (n > left() / sizeof(std::uint64_t)) {
            m_ok = false;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
    OWNER_BLOB_INLINE FileIdentity identity() {
        FileIdentity id;
        id.dev = u64();
        id.ino = u64();
        id.size = u64();
        id.mtime_ns = i64();
        id.ctime_ns = i64();
        return id;
    }
    // 0 absent, 1 false, 2 true; anything else is corrupt.
    OWNER_BLOB_INLINE std::optional<bool> opt_bool() {
        const std::uint64_t v = u64();
        if (v > 2) {
            m_ok = false;
        }
        return v == 0 ? std::nullopt : std::optional<bool>(v == 2);
    }

  private:
    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

}  // namespace owner
