#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/cache.hpp"
#include "store/codec.hpp"

namespace owner {

namespace fs = std::filesystem;

Store::Store(fs::path root, int lock_timeout_ms, bool use_cache)
    : m_root(std::move(root)), m_lock_timeout_ms(lock_timeout_ms), m_use_cache(use_cache) {}

namespace {

// The entries of a folder. A folder that does not exist has none (a new store); one that cannot
// be read is an error, never an empty store.
std::vector<fs::directory_entry> entries(const fs::path& dir) {
    std::vector<fs::directory_entry> out;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec == std::errc::no_such_file_or_directory) {
        return out;
    }
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
        out.push_back(*it);
    }
    if (ec) {
        throw Error(fmt::format("cannot read the folder {}: {}", dir.string(), ec.message()));
    }
    return out;
}

bool is_real_dir(const fs::directory_entry& e) {
    std::error_code ec;
    return e.is_directory(ec) && !e.is_symlink(ec);
}

} // namespace

fs::path Store::path_for(const Case& c) const {
    if (c.closed) {
        const Date d = to_local(c.closed->seconds).date;
        return archive_dir() / fmt::format("{:04}", d.year) / (c.id + ".toml");
    }
    return cases_dir() / (c.id + ".toml");
}

std::vector<CaseRef> Store::list_dir(const fs::path& dir, bool closed) const {
    std::vector<CaseRef> out;
    for (const auto& e : entries(dir)) {
        const std::string name = e.path().filename().string();
        if (!name.ends_with(".toml") || name.starts_with(".")) {
            continue;  // temp files and anything else a person keeps here
        }
        out.push_back(CaseRef{name.substr(0, name.size() - 5), e.path(), closed});
    }
    std::sort(out.begin(), out.end(), [](const CaseRef& a, const CaseRef& b) { return a.id < b.id; });
    return out;
}

std::vector<CaseRef> Store::open_refs() const { return list_dir(cases_dir(), false); }

std::vector<CaseRef> Store::closed_refs() const {
    std::vector<CaseRef> out;
    std::vector<fs::path> years;
    for (const auto& e : entries(archive_dir())) {
        if (is_real_dir(e)) {
            years.push_back(e.path());
        }
    }
    std::sort(years.begin(), years.end());
    for (const auto& y : years) {
        auto refs = list_dir(y, true);
        out.insert(out.end(), refs.begin(), refs.end());
    }
    return out;
}

std::vector<CaseRef> Store::closed_refs_since(const Timestamp& since) const {
    const int first_year = to_local(since.seconds).date.year;
    std::vector<CaseRef> out;
    for (const auto& e : entries(archive_dir())) {
        const std::string name = e.path().filename().string();
        if (name.size() != 4 || std::atoi(name.c_str()) < first_year || !is_real_dir(e)) {
            continue;
        }
        auto refs = list_dir(e.path(), true);
        out.insert(out.end(), refs.begin(), refs.end());
    }
    return out;
}

Case Store::load(const CaseRef& ref) const {
    auto text = read_file(ref.path, kMaxCaseFileBytes);
    if (!text) {
        throw Error(fmt::format("{}: the file disappeared", ref.path.string()));
    }
    Case c = parse_case(*text, ref.path.string());
    if (c.id != ref.id) {
        throw Error(fmt::format("{}: id: the file says '{}', its name says '{}'", ref.path.string(),
                                c.id, ref.id));
    }
    return c;
}

LoadedCases Store::load(const std::vector<CaseRef>& refs) const {
    LoadedCases out;
    out.cases.reserve(refs.size());
    for (const auto& ref : refs) {
        try {
            out.cases.push_back(load(ref));
        } catch (const Error& e) {
            out.bad.push_back(BadFile{ref.path, e.what()});
        }
    }
    return out;
}

LoadedCases Store::load_open() const { return load_cached(open_refs(), "open-cases"); }

LoadedCases Store::load_closed() const { return load_cached(closed_refs(), "closed-cases"); }

LoadedCases Store::load_cached(const std::vector<CaseRef>& refs, const char* cache_name) const {
    if (!m_use_cache) {
        return load(refs);
    }
    CaseCache cache(m_root / ".cache" / cache_name);
    LoadedCases loaded = cache.load(*this, refs);
    if (!refs.empty()) {
        cache.save(static_cast<std::int64_t>(std::time(nullptr)));
    }
    return loaded;
}

CaseRef Store::resolve(const std::string& typed, bool include_closed) const {
    if (!is_safe_id(typed)) {
        throw UsageError(fmt::format(
            "'{}' is not a case id; ids are lowercase letters and digits such as k7rq2", typed));
    }
    std::vector<CaseRef> refs = open_refs();
    if (include_closed) {
        auto closed = closed_refs();
        refs.insert(refs.end(), closed.begin(), closed.end());
    }
    std::vector<std::string> ids;
    ids.reserve(refs.size());
    for (const auto& r : refs) {
        ids.push_back(r.id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const IdMatch m = match_id(typed, ids);
    if (m.candidates.size() == 1) {
        const std::vector<CaseRef> all = copies(m.candidates.front());
        if (all.size() > 1) {
            std::vector<std::string> paths;
            for (const auto& r : all) {
                paths.push_back(r.path.string());
            }
            throw Error(fmt::format("case {} has {} copies: {}; 'owner doctor --fix' keeps the one whose log "
                                    "contains the other's (or remove the stale one by hand)",
                                    m.candidates.front(), all.size(), fmt::join(paths, " and ")));
        }
        return *std::find_if(refs.begin(), refs.end(),
                             [&](const CaseRef& r) { return r.id == m.candidates.front(); });
    }
    if (m.candidates.size() > 1) {
        throw UsageError(fmt::format("case '{}' is ambiguous: it could be {}", typed,
                                     fmt::join(m.candidates, ", ")));
    }
    if (!include_closed) {
        for (const auto& r : closed_refs()) {
            if (r.id.starts_with(typed)) {
                throw Error(fmt::format("case '{}' is closed; 'owner reopen {}' brings it back",
                                        r.id, r.id));
            }
        }
    }
    const std::string near = closest_id(typed, ids);
    throw Error(near.empty() ? fmt::format("no case '{}'", typed)
                             : fmt::format("no case '{}'; did you mean '{}'?", typed, near));
}

bool Store::id_exists(const std::string& id) const { return !copies(id).empty(); }

std::vector<CaseRef> Store::copies(const std::string& id) const {
    std::vector<CaseRef> out;
    auto add_if_there = [&](const fs::path& p, bool closed) {
        std::error_code ec;
        const auto type = fs::symlink_status(p, ec).type();
        if (ec && ec != std::errc::no_such_file_or_directory) {
            throw Error(fmt::format("cannot read the folder {}: {}", p.parent_path().string(), ec.message()));
        }
        if (type != fs::file_type::not_found && type != fs::file_type::none) {
            out.push_back(CaseRef{id, p, closed});
        }
    };
    add_if_there(cases_dir() / (id + ".toml"), false);
    std::vector<fs::path> years;
    for (const auto& e : entries(archive_dir())) {
        if (is_real_dir(e)) {
            years.push_back(e.path());
        }
    }
    std::sort(years.begin(), years.end());
    for (const auto& y : years) {
        add_if_there(y / (id + ".toml"), true);
    }
    return out;
}

std::unique_ptr<FileLock> Store::lock() const {
    make_private_dir(m_root);
    return std::make_unique<FileLock>(m_root / ".lock", m_lock_timeout_ms);
}

void Store::save(const Case& c, const std::optional<CaseRef>& previous) const {
    save_text(c, write_case(c), previous);
}

void Store::save_text(const Case& c, const std::string& text, const std::optional<CaseRef>& previous) const {
    const fs::path target = path_for(c);
    refuse_linked_folders(m_root, target.parent_path());
    make_private_dir(target.parent_path());
    write_file_atomic(target, text);
    note_written(target);
    if (previous && previous->path != target) {
        note_written(previous->path);
        // The new copy is durable before the old one goes: a crash leaves two, never none.
        if (::unlink(previous->path.c_str()) == 0) {
            sync_dir(previous->path.parent_path());
        }
    }
}

} // namespace owner
