#include "store/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/lookup.hpp"
#include "store/cache.hpp"
#include "store/codec.hpp"
#include "store/folder.hpp"
#include "store/outcome_cache.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {
constexpr const char* kOpenCasesCache = "open-cases";
}

Store::Store(fs::path root, int lock_timeout_ms, bool use_cache)
    : m_root(std::move(root)), m_lock_timeout_ms(lock_timeout_ms), m_use_cache(use_cache) {}

namespace {

// The refs of listed case files, in order.
void append_refs(std::vector<CaseRef>& out, const FolderListing& files, bool closed) {
    out.reserve(out.size() + files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string path;
        path.reserve(files.prefix().size() + files[i].size());
        path.append(files.prefix()).append(files[i]);
        out.push_back(CaseRef{std::string(files.id(i)), fs::path(std::move(path)), closed, {}});
    }
}

}  // namespace

fs::path Store::path_for(const Case& c) const {
    if (c.closed) {
        const Date d = to_local(c.closed->seconds).date;
        return archive_dir() / fmt::format("{:04}", d.year) / (c.id + ".toml");
    }
    return cases_dir() / (c.id + ".toml");
}

FolderListing Store::open_files() const {
    return FolderListing(cases_dir(), Listed::case_files);
}

std::vector<FolderListing> Store::closed_files(std::optional<int> from_year) const {
    // Every real folder in archive/ (not a link), in name order; from a year on, only those
    // named by a year from then on.
    const FolderListing years(archive_dir(), Listed::real_folders);
    std::vector<FolderListing> out;
    for (std::size_t y = 0; y < years.size(); ++y) {
        const std::string_view name = years[y];
        if (from_year && (name.size() != 4 || std::atoi(name.data()) < *from_year)) {
            continue;
        }
        out.emplace_back(years.prefix() + std::string(name), Listed::case_files);
    }
    return out;
}

std::vector<CaseRef> Store::open_refs() const {
    std::vector<CaseRef> out;
    append_refs(out, open_files(), false);
    return out;
}

std::vector<CaseRef> Store::closed_refs() const {
    std::vector<CaseRef> out;
    for (const auto& files : closed_files()) {
        append_refs(out, files, true);
    }
    return out;
}

std::vector<CaseRef> Store::closed_refs_since(const Timestamp& since) const {
    std::vector<CaseRef> out;
    for (const auto& files : closed_files(to_local(since.seconds).date.year)) {
        append_refs(out, files, true);
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

LoadedCases Store::load_open() const {
    const FolderListing files = open_files();
    return load_cached(std::span(&files, 1), false, kOpenCasesCache);
}

LoadedCases Store::load_open_except(std::span<const std::string> others) const {
    const FolderListing files = open_files();
    return load_cached(std::span(&files, 1), false, kOpenCasesCache, others);
}

LoadedCases Store::load_closed() const {
    return load_cached(closed_files(), true, "closed-cases");
}

std::vector<BadFile>
Store::visit_closed_outcomes(const Config& config, const std::string& time_zone,
                             const std::function<void(const ArchivedOutcome&)>& visit) const {
    return visit_outcomes(*this, config, outcome_fingerprint(config) + "\n" + time_zone,
                          m_use_cache, m_root / ".cache" / "closed-outcomes",
                          static_cast<std::int64_t>(std::time(nullptr)), visit);
}

std::unique_ptr<CaseCache> Store::open_cases_cache() const {
    if (!m_use_cache) {
        return nullptr;
    }
    return std::make_unique<CaseCache>(m_root / ".cache" / kOpenCasesCache);
}

LoadedCases Store::load_cached(std::span<const FolderListing> folders, bool closed,
                               const char* cache_name, std::span<const std::string> others) const {
    if (!m_use_cache) {
        std::vector<CaseRef> refs;
        for (const auto& files : folders) {
            append_refs(refs, files, closed);
        }
        return load(refs);
    }
    CaseCache cache(m_root / ".cache" / cache_name);
    LoadedCases loaded = cache.load(*this, folders, closed, others);
    std::size_t listed = 0;
    for (const auto& files : folders) {
        listed += files.size();
    }
    if (listed > 0) {
        cache.save(static_cast<std::int64_t>(std::time(nullptr)));
    }
    return loaded;
}

namespace {

std::string describe(const Case& c) {
    std::string title = c.title;
    if (title.size() > 40) {
        std::size_t cut = 39;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) {
            --cut;  // never inside a UTF-8 character
        }
        title = title.substr(0, cut) + "…";
    }
    return fmt::format("{}: {}", c.customer, title);
}

// Among loaded cases, those whose reference or customer name matches; as refs into `refs`.
std::vector<std::pair<CaseRef, std::string>>
match_text(const std::string& typed, const LoadedCases& loaded, const std::vector<CaseRef>& refs) {
    std::vector<std::pair<CaseRef, std::string>> out;
    for (std::size_t i : match_case_text(typed, loaded.cases)) {
        const Case& c = loaded.cases[i];
        const auto ref =
            std::find_if(refs.begin(), refs.end(), [&](const CaseRef& r) { return r.id == c.id; });
        if (ref != refs.end()) {
            out.emplace_back(*ref, describe(c));
        }
    }
    return out;
}

}  // namespace

CaseRef Store::resolve(const std::string& typed, bool include_closed) const {
    // Nothing that looks like a path is looked up at all.
    if (typed.find('/') != std::string::npos || typed.find_first_not_of('.') == std::string::npos ||
        std::any_of(typed.begin(), typed.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        throw UsageError(fmt::format("'{}' is not a case id; ids are lowercase letters and digits "
                                     "such as k7rq2 (or give the "
                                     "customer's reference or name)",
                                     typed));
    }
    const std::vector<CaseRef> open = open_refs();
    std::vector<CaseRef> refs = open;
    std::vector<CaseRef> closed;
    if (include_closed) {
        closed = closed_refs();
        refs.insert(refs.end(), closed.begin(), closed.end());
    }
    std::vector<std::string> ids;
    ids.reserve(refs.size());
    for (const auto& r : refs) {
        ids.push_back(r.id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // One case found: refused when it is both in cases/ and in the archive (a crash mid-move).
    auto only_copy = [&](const std::string& id) {
        const std::vector<CaseRef> all = copies(id);
        if (all.size() > 1) {
            std::vector<std::string> paths;
            for (const auto& r : all) {
                paths.push_back(r.path.string());
            }
            throw Error(fmt::format(
                "case {} has {} copies: {}; 'owner doctor --fix' keeps the one whose log "
                "contains the other's (or remove the stale one by hand)",
                id, all.size(), fmt::join(paths, " and ")));
        }
    };
    // Ids are lowercase; one read aloud and typed in capitals is still the id.
    std::string id_typed = typed;
    std::transform(id_typed.begin(), id_typed.end(), id_typed.begin(), [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    if (is_safe_id(id_typed)) {
        const IdMatch m = match_id(id_typed, ids);
        if (m.candidates.size() == 1) {
            only_copy(m.candidates.front());
            return *std::find_if(refs.begin(), refs.end(),
                                 [&](const CaseRef& r) { return r.id == m.candidates.front(); });
        }
        if (m.candidates.size() > 1) {
            throw UsageError(fmt::format("case '{}' is ambiguous: it could be {}", typed,
                                         fmt::join(m.candidates, ", ")));
        }
    }
    // Not an id: the customer's reference or a part of their name, among open cases first (the
    // archive is read only when no open case matches).
    const LoadedCases open_cases = load_open();
    auto found = match_text(typed, open_cases, open);
    std::optional<LoadedCases> closed_cases;
    if (found.empty() && include_closed) {
        closed_cases = load_closed();
        found = match_text(typed, *closed_cases, closed);
    }
    if (found.size() == 1) {
        only_copy(found.front().first.id);
        found.front().first.found_as = found.front().second;
        return found.front().first;
    }
    if (found.size() > 1) {
        constexpr std::size_t kShown = 5;
        std::vector<std::string> listed;
        for (std::size_t i = 0; i < found.size() && i < kShown; ++i) {
            listed.push_back(fmt::format("{} ({})", found[i].first.id, found[i].second));
        }
        throw UsageError(fmt::format(
            "'{}' matches {} cases: {}{}; did you mean one of these? Type more of the name, or the "
            "id",
            typed, found.size(), fmt::join(listed, ", "),
            found.size() > kShown ? fmt::format(" and {} more", found.size() - kShown) : ""));
    }
    if (!include_closed) {
        const auto all_closed = closed_refs();
        for (const auto& r : all_closed) {
            if (is_safe_id(id_typed) && r.id.starts_with(id_typed)) {
                throw Error(fmt::format("case '{}' is closed; 'owner reopen {}' brings it back",
                                        r.id, r.id));
            }
        }
        const auto by_text = match_text(typed, load_closed(), all_closed);
        if (by_text.size() == 1) {
            const std::string& id = by_text.front().first.id;
            throw Error(fmt::format("case '{}' ({}) is closed; 'owner reopen {}' brings it back",
                                    id, by_text.front().second, id));
        }
    }
    std::string near = is_safe_id(id_typed) ? closest_id(id_typed, ids) : "";
    if (near.empty()) {
        std::vector<std::string> customers;
        for (const Case& c : open_cases.cases) {
            customers.push_back(c.customer);
        }
        const std::string name = nearest_text(typed, customers);
        if (!name.empty()) {
            near = name;
        }
    }
    throw Error(near.empty() ? fmt::format("no case '{}'", typed)
                             : fmt::format("no case '{}'; did you mean '{}'?", typed, near));
}

bool Store::id_exists(const std::string& id) const {
    return !copies(id).empty();
}

std::vector<CaseRef> Store::copies(const std::string& id) const {
    std::vector<CaseRef> out;
    auto add_if_there = [&](const fs::path& p, bool closed) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) == 0) {
            out.push_back(CaseRef{id, p, closed, {}});
        } else if (errno != ENOENT) {
            throw_cannot_read_folder(p.parent_path(), errno);
        }
    };
    add_if_there(cases_dir() / (id + ".toml"), false);
    const FolderListing years(archive_dir(), Listed::real_folders);
    for (std::size_t y = 0; y < years.size(); ++y) {
        add_if_there(years.prefix() + std::string(years[y]) + "/" + id + ".toml", true);
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

void Store::save_text(const Case& c, const std::string& text,
                      const std::optional<CaseRef>& previous) const {
    if (text.size() > kMaxCaseFileBytes) {
        // It could not be read back: refused before anything is written.
        throw Error(fmt::format("case {}: the file would be {} bytes, more than the {} a case "
                                "file may hold; nothing was written",
                                c.id, text.size(), kMaxCaseFileText));
    }
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

}  // namespace owner
