#include "store/cache.hpp"

#include <cstring>
#include <sstream>

#include <sys/stat.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/blob.hpp"
#include "store/codec.hpp"
#include "store/files.hpp"

namespace owner {

namespace {

constexpr std::string_view kMagic = "owner-case-cache 1\n";

class Writer {
  public:
    void u64(std::uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void identity(const FileIdentity& id) { id.put(m_out); }
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

// The case record's reader: what BlobReader reads, and the case's own field types.
class Reader : public BlobReader {
  public:
    using BlobReader::BlobReader;
    std::optional<std::string> opt_str() {
        if (u64() == 0) {
            return std::nullopt;
        }
        return str();
    }
    Timestamp ts() {
        const std::int64_t s = i64();
        const auto off = static_cast<int>(i64());
        return Timestamp{s, off};
    }
    std::optional<Timestamp> opt_ts() {
        if (u64() == 0) {
            return std::nullopt;
        }
        return ts();
    }
    toml::table table() {
        const std::string text = str();
        if (text.empty() || !ok()) {
            return {};
        }
        try {
            return toml::parse(text);
        } catch (const std::exception&) {
            fail();
            return {};
        }
    }
    std::size_t count(std::size_t max) {
        const std::uint64_t n = u64();
        if (n > max) {
            fail();
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
};

}  // namespace

std::string CaseCache::encode(const Case& c) {
    Writer w;
    w.i64(c.schema);
    w.str(c.id);
    w.str(c.title);
    w.str(c.customer);
    w.opt_str(c.contact);
    w.opt_str(c.ref);
    w.u64(c.tags.size());
    for (const auto& t : c.tags) {
        w.str(t);
    }
    w.ts(c.opened);
    w.opt_ts(c.deadline);
    w.u64(static_cast<std::uint64_t>(c.priority));
    w.u64(c.priority_reviewed ? 1 : 0);
    if (c.priority_reviewed) {
        w.i64(c.priority_reviewed->serial());
    }
    w.opt_str(c.summary);
    w.opt_ts(c.last_update_to_customer);
    w.opt_ts(c.closed);
    w.opt_str(c.outcome);
    w.u64(c.actions.size());
    for (const Action& a : c.actions) {
        w.str(a.what);
        w.opt_str(a.who);
        w.opt_ts(a.start);
        w.ts(a.due);
        w.u64(a.checks.size());
        for (const auto& t : a.checks) {
            w.ts(t);
        }
        w.opt_ts(a.stalled);
        w.opt_ts(a.done);
        w.table(a.extra);
    }
    w.u64(c.log.size());
    for (const LogEntry& e : c.log) {
        w.ts(e.at);
        w.str(e.event);
        w.str(e.text);
        w.table(e.extra);
    }
    w.table(c.extra);
    return w.take();
}

bool CaseCache::decode(std::string_view data, Case& c) {
    constexpr std::size_t kMax = 1 << 20;
    Reader r(data);
    c = Case{};
    c.schema = static_cast<int>(r.i64());
    c.id = r.str();
    c.title = r.str();
    c.customer = r.str();
    c.contact = r.opt_str();
    c.ref = r.opt_str();
    c.tags.resize(r.count(kMax));
    for (auto& t : c.tags) {
        t = r.str();
    }
    c.opened = r.ts();
    c.deadline = r.opt_ts();
    const std::uint64_t p = r.u64();
    if (p > 3) {
        return false;
    }
    c.priority = static_cast<Priority>(p);
    if (r.u64() != 0) {
        c.priority_reviewed = Date::from_serial(r.i64());
    }
    c.summary = r.opt_str();
    c.last_update_to_customer = r.opt_ts();
    c.closed = r.opt_ts();
    c.outcome = r.opt_str();
    c.actions.resize(r.count(kMax));
    for (Action& a : c.actions) {
        a.what = r.str();
        a.who = r.opt_str();
        a.start = r.opt_ts();
        a.due = r.ts();
        a.checks.resize(r.count(kMax));
        for (auto& t : a.checks) {
            t = r.ts();
        }
        a.stalled = r.opt_ts();
        a.done = r.opt_ts();
        a.extra = r.table();
    }
    c.log.resize(r.count(kMax));
    for (LogEntry& e : c.log) {
        e.at = r.ts();
        e.event = r.str();
        e.text = r.str();
        e.extra = r.table();
    }
    c.extra = r.table();
    return r.ok() && r.done();
}

CaseCache::CaseCache(std::filesystem::path file) : m_file(std::move(file)) {}

void CaseCache::read_file_once() {
    if (m_read) {
        return;
    }
    m_read = true;
    std::optional<std::string> text;
    try {
        text = read_file(m_file);
    } catch (const Error&) {
        return;
    }
    m_existed = text.has_value();
    if (!text || !text->starts_with(kMagic)) {
        return;
    }
    m_text = std::move(*text);  // the entries' blobs point into it
    Reader r(std::string_view(m_text).substr(kMagic.size()));
    const std::size_t n = r.count(1 << 24);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        std::string name = r.str();
        Entry e;
        e.id = r.identity();
        e.blob = r.view();
        m_entries.emplace(std::move(name), e);
    }
    if (!r.ok() || !r.done()) {
        m_entries.clear();  // corrupt: start again
        m_dirty = true;
    }
}

std::optional<CaseCache::Identity> CaseCache::identity_of(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        return std::nullopt;
    }
    return Identity{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                    static_cast<std::uint64_t>(st.st_size),
                    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                    st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
}

std::optional<std::pair<std::string, std::string>>
CaseCache::title_and_customer(const CaseRef& ref) {
    read_file_once();
    const auto it = m_entries.find(ref.path.string());
    if (it == m_entries.end() || identity_of(ref.path) != it->second.id) {
        return std::nullopt;
    }
    // encode() begins with the schema, the id, the title and the customer.
    Reader r(it->second.blob);
    r.i64();
    const std::string id = r.str();
    std::string title = r.str();
    std::string customer = r.str();
    if (!r.ok() || id != ref.id) {
        return std::nullopt;
    }
    return std::pair{std::move(title), std::move(customer)};
}

LoadedCases CaseCache::load(const Store& store, const std::vector<CaseRef>& refs) {
    read_file_once();
    LoadedCases out;
    out.cases.reserve(refs.size());
    for (auto& [name, e] : m_entries) {
        e.seen = false;
    }
    for (const auto& ref : refs) {
        const std::string& name = ref.path.native();
        auto it = m_entries.find(name);
        if (it != m_entries.end()) {
            it->second.seen = true;  // kept even when the file is gone since the listing
        }
        const std::optional<Identity> now = identity_of(ref.path);
        if (!now) {
            continue;  // gone since the listing
        }
        const Identity& id = *now;
        if (it != m_entries.end() && it->second.id == id) {
            out.cases.emplace_back();
            if (decode(it->second.blob, out.cases.back()) && out.cases.back().id == ref.id) {
                ++m_hits;
                continue;
            }
            out.cases.pop_back();
        }
        ++m_misses;
        try {
            Case c = store.load(ref);
            m_entries[name] = Entry{id, m_fresh.emplace_back(encode(c)), true};
            m_dirty = true;
            out.cases.push_back(std::move(c));
        } catch (const Error& e) {
            if (m_entries.erase(name)) {
                m_dirty = true;
            }
            out.bad.push_back(BadFile{ref.path, e.what()});
        }
    }
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (!it->second.seen) {  // a case no longer listed (closed, deleted)
            it = m_entries.erase(it);
            m_dirty = true;
        } else {
            ++it;
        }
    }
    return out;
}

void CaseCache::save(std::int64_t now_seconds) {
    if (!m_dirty) {
        return;
    }
    Writer w;
    std::size_t kept = 0;
    Writer body;
    for (const auto& [name, e] : m_entries) {
        if (e.id.too_fresh(now_seconds)) {
            continue;  // too fresh to trust next time
        }
        body.str(name);
        body.identity(e.id);
        body.str(e.blob);
        ++kept;
    }
    if (kept == 0 && !m_existed) {
        return;  // nothing worth remembering yet
    }
    w.u64(kept);
    std::string out(kMagic);
    out += w.take();
    out += body.take();
    try {
        make_private_dir(m_file.parent_path());
        write_file_atomic(m_file, out);
    } catch (const Error&) {
        // A read-only store or a full disk: the cache is only an optimisation.
    }
}

}  // namespace owner
