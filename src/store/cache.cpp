#include "store/cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>
#include <type_traits>

#include <fcntl.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "domain/case_fields.hpp"
#include "domain/error.hpp"
#include "domain/escalation.hpp"
#include "store/blob.hpp"
#include "store/codec.hpp"
#include "store/files.hpp"

namespace owner {

namespace {

// "owner-case-cache N\n": N is the record layout of the field table (kCaseRecordVersion).
struct Magic {
    char text[32] = {};
    std::size_t size = 0;
};
constexpr Magic make_magic() {
    Magic m;
    for (char c : std::string_view("owner-case-cache ")) {
        m.text[m.size++] = c;
    }
    char digits[12] = {};
    std::size_t n = 0;
    for (int v = kCaseRecordVersion; v > 0 || n == 0; v /= 10) {
        digits[n++] = static_cast<char>('0' + v % 10);
    }
    while (n > 0) {
        m.text[m.size++] = digits[--n];
    }
    m.text[m.size++] = '\n';
    return m;
}
constexpr Magic kMagicText = make_magic();
constexpr std::string_view kMagic(kMagicText.text, kMagicText.size);
static_assert(kCaseRecordVersion != 1 || kMagic == "owner-case-cache 1\n");

class Writer {
  public:
    void u64(std::uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void str(std::string_view s) {
        u64(s.size());
        m_out.append(s);
    }
    void opt_str(const std::optional<std::string>& s) {
        u64(s ? 1 : 0);
        if (s) {
            str(*s);
        }
    }
    void ts(const Timestamp& t) {
        i64(t.seconds);
        i64(t.offset_minutes);
    }
    void opt_ts(const std::optional<Timestamp>& t) {
        u64(t ? 1 : 0);
        if (t) {
            ts(*t);
        }
    }
    // One field of the table (domain/case_fields.hpp), by its type.
    template <typename Record, typename T> void field(const Field<Record, T>& f, const Record& r) {
        const T& v = f.of(r);
        if constexpr (std::is_same_v<T, int>) {
            i64(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
            str(v);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            opt_str(v);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            u64(v.size());
            for (const auto& s : v) {
                str(s);
            }
        } else if constexpr (std::is_same_v<T, Timestamp>) {
            ts(v);
        } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
            opt_ts(v);
        } else if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
            u64(v.size());
            for (const auto& t : v) {
                ts(t);
            }
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            u64(v ? 1 : 0);
            if (v) {
                i64(v->serial());
            }
        } else if constexpr (std::is_same_v<T, Priority>) {
            u64(static_cast<std::uint64_t>(v));
        } else {
            static_assert(sizeof(T) == 0, "cache.cpp: a field type the writer does not know");
        }
    }
    void table(const toml::table& t) {
        if (t.empty()) {
            str("");
            return;
        }
        std::ostringstream ss;
        ss << toml::toml_formatter{t};
        str(ss.str());
    }
    std::string take() { return std::move(m_out); }

  private:
    std::string m_out;
};

// A table kept as TOML text in the record: parsed into `t`; false when it is not TOML.
bool parse_table(std::string_view text, toml::table& t) {
    try {
        t = toml::parse(text);
        return true;
    } catch (const std::exception&) {
        t.clear();
        return false;
    }
}

// The case record's reader: what BlobReader reads, and the case's own field types, each read
// straight into its place in the case (no temporaries); inlined as BlobReader is.
class Reader : public BlobReader {
  public:
    using BlobReader::BlobReader;
    OWNER_BLOB_INLINE void str(std::string& s) {
        const std::string_view v = view();
        s.clear();
        s.append(v.data(), v.size());  // append's path is shorter than assign's
    }
    OWNER_BLOB_INLINE void opt_str(std::optional<std::string>& s) {
        if (u64() == 0) {
            s.reset();
        } else if (s) {
            str(*s);
        } else {
            const std::string_view v = view();
            s.emplace(v.data(), v.size());
        }
    }
    OWNER_BLOB_INLINE Timestamp ts() {
        const std::int64_t s = i64();
        const auto off = static_cast<int>(i64());
        return Timestamp{s, off};
    }
    OWNER_BLOB_INLINE std::optional<Timestamp> opt_ts() {
        if (u64() == 0) {
            return std::nullopt;
        }
        return ts();
    }
    // One field of the table (domain/case_fields.hpp), by its type, into its place.
    template <typename Record, typename T>
    OWNER_BLOB_INLINE void field(const Field<Record, T>& f, Record& r) {
        T& v = f.of(r);
        if constexpr (std::is_same_v<T, int>) {
            v = static_cast<int>(i64());
        } else if constexpr (std::is_same_v<T, std::string>) {
            str(v);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            opt_str(v);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            v.resize(count());
            for (auto& s : v) {
                str(s);
            }
        } else if constexpr (std::is_same_v<T, Timestamp>) {
            v = ts();
        } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
            v = opt_ts();
        } else if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
            v.resize(count());
            for (auto& t : v) {
                t = ts();
            }
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            v.reset();
            if (u64() != 0) {
                v = Date::from_serial(i64());
            }
        } else if constexpr (std::is_same_v<T, Priority>) {
            const std::uint64_t p = u64();
            if (p > static_cast<std::uint64_t>(Priority::low)) {
                fail();
                return;
            }
            v = static_cast<Priority>(p);
        } else {
            static_assert(sizeof(T) == 0, "cache.cpp: a field type the reader does not know");
        }
    }
    // Hand-added keys: none (the usual case) costs nothing.
    OWNER_BLOB_INLINE void extra(Extra& e) {
        const std::string_view text = view();
        if (text.empty() || !ok()) {
            e.clear();
            return;
        }
        toml::table t;
        if (!parse_table(text, t)) {
            fail();
        }
        e = std::move(t);
    }
};

// A record begins with whose the case is and whom it asks something of (the team index), so
// that a team member's `today` can pass over another person's case without decoding it: the
// owner (optional string), then the count and the names: the `who` of each open action handed
// over, and the contact of each escalation still waiting on them (names compared as written).
void write_index(Writer& w, const Case& c) {
    w.opt_str(c.owner);
    std::size_t n = 0;
    for (const Action& a : c.actions) {
        n += a.open() && a.who;
    }
    const std::vector<std::size_t> escalations = unanswered_escalations(c, Roster{});
    w.u64(n + escalations.size());
    for (const Action& a : c.actions) {
        if (a.open() && a.who) {
            w.str(*a.who);
        }
    }
    for (const std::size_t i : escalations) {
        w.str(escalated_to(c.log[i]));
    }
}

// Past the index; false when the record is cut short.
bool skip_index(Reader& r) {
    if (r.u64() != 0) {
        (void)r.view();
    }
    for (std::size_t n = r.count(); n > 0 && r.ok(); --n) {
        (void)r.view();
    }
    return r.ok();
}

// True when every name in the index is one of `others` (exactly as written): a case that is
// surely another person's and asks nothing of the runner. A name written otherwise (an alias, a
// name off the roster, no owner) is not sure: the case is decoded and the caller decides.
bool only_others(std::string_view blob, std::span<const std::string> others) {
    Reader r(blob);
    const auto other = [&](std::string_view name) {
        return std::find(others.begin(), others.end(), name) != others.end();
    };
    if (r.u64() == 0 || !other(r.view())) {
        return false;
    }
    for (std::size_t n = r.count(); n > 0; --n) {
        if (!r.ok() || !other(r.view())) {
            return false;
        }
    }
    return r.ok();
}

// head_of() reads these four from the front of a record without decoding the rest.
static_assert(std::get<0>(kCaseFields).name == "schema" && std::get<1>(kCaseFields).name == "id" &&
              std::get<2>(kCaseFields).name == "title" &&
              std::get<3>(kCaseFields).name == "customer");

}  // namespace

std::string CaseCache::encode(const Case& c) {
    Writer w;
    write_index(w, c);
    for_each_field(kCaseFields, [&](const auto& f) { w.field(f, c); });
    w.u64(c.actions.size());
    for (const Action& a : c.actions) {
        for_each_field(kActionFields, [&](const auto& f) { w.field(f, a); });
        w.table(a.extra.table());
    }
    w.u64(c.log.size());
    for (const LogEntry& e : c.log) {
        for_each_field(kLogFields, [&](const auto& f) { w.field(f, e); });
        w.table(e.extra.table());
    }
    w.table(c.extra.table());
    return w.take();
}

bool CaseCache::decode(std::string_view data, Case& c) {
    // Every field is assigned, so `c` need not be empty: no Case{} to build and move.
    Reader r(data);
    if (!skip_index(r)) {
        return false;
    }
    for_each_field(kCaseFields, [&](const auto& f) OWNER_BLOB_LAMBDA_INLINE { r.field(f, c); });
    c.actions.resize(r.count());
    for (Action& a : c.actions) {
        for_each_field(kActionFields,
                       [&](const auto& f) OWNER_BLOB_LAMBDA_INLINE { r.field(f, a); });
        r.extra(a.extra);
    }
    c.log.resize(r.count());
    for (LogEntry& e : c.log) {
        for_each_field(kLogFields, [&](const auto& f) OWNER_BLOB_LAMBDA_INLINE { r.field(f, e); });
        r.extra(e.extra);
    }
    r.extra(c.extra);
    return r.ok() && r.done();
}

bool cache_folder_usable(const std::filesystem::path& cache_file) {
    struct stat st {};
    if (::lstat(cache_file.parent_path().c_str(), &st) != 0) {
        return errno == ENOENT;  // made as a private folder when the cache is first written
    }
    return S_ISDIR(st.st_mode);
}

CaseCache::CaseCache(std::filesystem::path file) : m_file(std::move(file)) {}

void CaseCache::read_file_once() {
    if (m_read) {
        return;
    }
    m_read = true;
    if (!cache_folder_usable(m_file)) {
        return;
    }
    std::optional<FileBytes> bytes;
    try {
        bytes = read_file_bytes(m_file);
    } catch (const Error&) {
        return;
    }
    m_existed = bytes.has_value();
    if (!bytes || !bytes->view().starts_with(kMagic)) {
        return;
    }
    m_text = std::move(*bytes);  // the entries' names and blobs point into it
    Reader r(m_text.view().substr(kMagic.size()));
    const std::size_t n = r.count();
    m_entries.reserve(n);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        Entry& e = m_entries.emplace_back();
        e.name = r.view();
        e.id = r.identity();
        e.blob = r.view();
        // Written in name order, each name once: anything else is not a cache we wrote.
        if (i > 0 && !(m_entries[i - 1].name < e.name)) {
            r.fail();
        }
    }
    if (!r.ok() || !r.done() || m_entries.size() != n) {
        m_entries.clear();  // corrupt: start again
        m_dirty = true;
    }
}

CaseCache::Entry* CaseCache::find(std::string_view name) {
    // Names are looked up in the order they were written: try where the last one was found.
    if (m_cursor < m_entries.size() && m_entries[m_cursor].name == name) {
        return &m_entries[m_cursor++];
    }
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), name,
                                     [](const Entry& e, std::string_view n) { return e.name < n; });
    if (it != m_entries.end() && it->name == name) {
        m_cursor = static_cast<std::size_t>(it - m_entries.begin()) + 1;
        return &*it;
    }
    const auto added = m_added.find(name);
    return added != m_added.end() ? &added->second : nullptr;
}

std::optional<CaseCache::Head> CaseCache::head_of(std::string_view name, std::string_view id,
                                                  const std::optional<Identity>& now) {
    read_file_once();
    const Entry* e = find(name);
    if (e == nullptr || e->dropped || !now || *now != e->id) {
        return std::nullopt;
    }
    // encode() begins with the index, the schema, the id, the title and the customer (asserted
    // above).
    Reader r(e->blob);
    if (!skip_index(r)) {
        return std::nullopt;
    }
    r.i64();
    const std::string_view cached_id = r.view();
    const std::string_view title = r.view();
    const std::string_view customer = r.view();
    if (!r.ok() || cached_id != id) {
        return std::nullopt;
    }
    return Head{title, customer};
}

std::optional<std::pair<std::string, std::string>>
CaseCache::title_and_customer(const CaseRef& ref) {
    const auto head =
        head_of(ref.path.native(), ref.id, file_identity_at(AT_FDCWD, ref.path.c_str()));
    if (!head) {
        return std::nullopt;
    }
    return std::pair{std::string(head->title), std::string(head->customer)};
}

std::optional<CaseCache::Head> CaseCache::head(const FolderListing& files, std::size_t i,
                                               const std::optional<FileIdentity>& identity) {
    m_key.assign(files.prefix()).append(files[i]);
    return head_of(m_key, files.id(i), identity);
}

void CaseCache::load_one(const Store& store, std::string_view name, std::string_view id,
                         const std::optional<Identity>& now, bool closed, LoadedCases& out) {
    Entry* e = find(name);
    if (e != nullptr && !e->dropped) {
        e->seen = true;  // kept even when the file is gone since the listing
    }
    if (!now) {
        return;  // gone since the listing
    }
    if (e != nullptr && !e->dropped && e->id == *now) {
        if (!m_others.empty() && only_others(e->blob, m_others)) {
            ++m_passed;
            return;
        }
        Case& c = out.cases.emplace_back();
        if (decode(e->blob, c) && c.id == id) {
            ++m_hits;
            return;
        }
        out.cases.pop_back();
    }
    // The path object only for a file that must be read.
    const CaseRef ref{std::string(id), std::string(name), closed, {}};
    try {
        Case c = store.load(ref);
        const std::string_view blob = m_fresh.emplace_back(encode(c));
        if (e == nullptr) {
            const std::string_view stored = m_fresh.emplace_back(name);
            e = &m_added.emplace(stored, Entry{}).first->second;
            e->name = stored;
        }
        e->id = *now;
        e->blob = blob;
        e->seen = true;
        e->dropped = false;
        m_dirty = true;
        out.cases.push_back(std::move(c));
    } catch (const Error& error) {
        if (e != nullptr && !e->dropped) {
            e->dropped = true;
            m_dirty = true;
        }
        out.bad.push_back(BadFile{ref.path, error.what()});
    }
}

void CaseCache::start_run() {
    read_file_once();
    for (Entry& e : m_entries) {
        e.seen = false;
    }
    for (auto& [name, e] : m_added) {
        e.seen = false;
    }
}

void CaseCache::end_run() {
    // Entries of cases no longer listed (closed, deleted) are dropped.
    auto drop_unseen = [&](Entry& e) {
        if (!e.seen && !e.dropped) {
            e.dropped = true;
            m_dirty = true;
        }
    };
    for (Entry& e : m_entries) {
        drop_unseen(e);
    }
    for (auto& [name, e] : m_added) {
        drop_unseen(e);
    }
}

LoadedCases CaseCache::load(const Store& store, std::span<const FolderListing> folders, bool closed,
                            std::span<const std::string> others) {
    m_others = others;
    start_run();
    LoadedCases out;
    std::size_t total = 0;
    for (const FolderListing& files : folders) {
        total += files.size();
    }
    out.cases.reserve(total);
    std::string name;  // the file's path: the cache's key
    for (const FolderListing& files : folders) {
        ListingIdentities identities(files);
        for (std::size_t i = 0; i < files.size(); ++i) {
            name.assign(files.prefix()).append(files[i]);
            load_one(store, name, files.id(i), identities.get(i), closed, out);
        }
    }
    end_run();
    return out;
}

void CaseCache::save(std::int64_t now_seconds) {
    if (!m_dirty) {
        return;
    }
    std::vector<const Entry*> kept;
    kept.reserve(m_entries.size() + m_added.size());
    std::size_t bytes = kMagic.size() + 8;
    auto keep = [&](const Entry& e) {
        if (e.dropped || e.id.too_fresh(now_seconds)) {
            return;  // gone, or too fresh to trust next time
        }
        kept.push_back(&e);
        bytes += e.name.size() + e.blob.size() + 7 * 8;
    };
    for (const Entry& e : m_entries) {
        keep(e);
    }
    for (const auto& [name, e] : m_added) {
        keep(e);
    }
    if (kept.empty() && !m_existed) {
        return;  // nothing worth remembering yet
    }
    if (!m_added.empty()) {
        std::sort(kept.begin(), kept.end(),
                  [](const Entry* a, const Entry* b) { return a->name < b->name; });
    }
    std::string out;
    out.reserve(bytes);
    out += kMagic;
    put_u64(out, kept.size());
    for (const Entry* e : kept) {
        put_str(out, e->name);
        e->id.put(out);
        put_str(out, e->blob);
    }
    try {
        if (!cache_folder_usable(m_file)) {
            return;  // never through a link ('owner doctor' reports it)
        }
        make_private_dir(m_file.parent_path());
        write_file_atomic(m_file, out);
    } catch (const Error&) {
        // A read-only store or a full disk: the cache is only an optimisation.
    }
}

}  // namespace owner
