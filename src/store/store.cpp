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

Store::Store(fs::path root) : m_root(std::move(root)) {}

fs::path Store::path_for(const Case& c) const {
    if (c.closed) {
        const Date d = to_local(c.closed->seconds).date;
        return archive_dir() / fmt::format("{:04}", d.year) / (c.id + ".toml");
    }
    return cases_dir() / (c.id + ".toml");
}

std::vector<CaseRef> Store::list_dir(const fs::path& dir, bool closed) const {
    std::vector<CaseRef> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.ends_with(".toml") || name.starts_with(".")) {
            continue;  // temp files and anything else a person keeps here
        }
        out.push_back(CaseRef{name.substr(0, name.size() - 5), it->path(), closed});
    }
    std::sort(out.begin(), out.end(), [](const CaseRef& a, const CaseRef& b) { return a.id < b.id; });
    return out;
}

std::vector<CaseRef> Store::open_refs() const { return list_dir(cases_dir(), false); }

std::vector<CaseRef> Store::closed_refs() const {
    std::vector<CaseRef> out;
    std::error_code ec;
    std::vector<fs::path> years;
    for (fs::directory_iterator it(archive_dir(), ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec)) {
            years.push_back(it->path());
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
    std::error_code ec;
    for (fs::directory_iterator it(archive_dir(), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != 4 || std::atoi(name.c_str()) < first_year || it->is_symlink(ec)) {
            continue;
        }
        auto refs = list_dir(it->path(), true);
        out.insert(out.end(), refs.begin(), refs.end());
    }
    return out;
}

Case Store::load(const CaseRef& ref) const {
    auto text = read_file(ref.path);
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
    if (std::getenv("OWNER_NO_CACHE") != nullptr) {
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
    const IdMatch m = match_id(typed, ids);
    if (m.candidates.size() == 1) {
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

bool Store::id_exists(const std::string& id) const {
    std::error_code ec;
    if (fs::exists(cases_dir() / (id + ".toml"), ec)) {
        return true;
    }
    for (const auto& r : closed_refs()) {
        if (r.id == id) {
            return true;
        }
    }
    return false;
}

int lock_timeout_ms() {
    if (const char* v = std::getenv("OWNER_LOCK_TIMEOUT")) {
        char* end = nullptr;
        const double seconds = std::strtod(v, &end);
        if (end != v && seconds >= 0) {
            return static_cast<int>(seconds * 1000);
        }
    }
    return 10000;
}

std::unique_ptr<FileLock> Store::lock() const {
    make_private_dir(m_root);
    return std::make_unique<FileLock>(m_root / ".lock", lock_timeout_ms());
}

void Store::save(const Case& c, const std::optional<CaseRef>& previous) const {
    const fs::path target = path_for(c);
    refuse_linked_folders(m_root, target.parent_path());
    make_private_dir(target.parent_path());
    write_file_atomic(target, write_case(c));
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
