#include "store/outcome_cache.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/blob.hpp"
#include "store/cache.hpp"
#include "store/files.hpp"
#include "store/folder.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

// 2: a reopened case's promise is its own, not a moved one (outcomes of 1 are computed anew).
// 3: the working days from solution to acceptance (issue 26).
// 4: the case's owner at the end (issue 27).
// 5: hand-overs judged against the case owner, not the one who runs owner.
// 6: the case handoffs (issue 27).
// 7: the rules of each escalation, the first confirmation in time (issue 29).
// 8: the actions a handoff wrote out for the old owner are no hand-over of their own.
constexpr std::string_view kMagic = "owner-outcome-cache 8\n";

using Reader = BlobReader;

using Identity = FileIdentity;

struct Entry {
    Identity id;
    std::string_view blob;
};

void put_entry(std::string& out, std::string_view name, const Identity& id, std::string_view blob) {
    put_str(out, name);
    id.put(out);
    put_str(out, blob);
}

// The entries of a cache file made with `fingerprint`; empty when it is missing, foreign, made
// with another config or zone, or corrupt. `trusted` is false then (it must be rewritten).
std::unordered_map<std::string_view, Entry>
read_entries(std::string_view text, const std::string& fingerprint, bool& trusted) {
    std::unordered_map<std::string_view, Entry> entries;
    trusted = false;
    if (!text.starts_with(kMagic)) {
        return entries;
    }
    Reader r(text.substr(kMagic.size()));
    if (r.view() != fingerprint || !r.ok()) {
        return entries;
    }
    const std::uint64_t n = r.u64();
    if (n > (1 << 24)) {
        return entries;
    }
    entries.reserve(n);
    for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
        const std::string_view name = r.view();
        Entry e;
        e.id = r.identity();
        e.blob = r.view();
        entries.emplace(name, e);
    }
    if (!r.ok() || !r.done() || entries.size() != n) {
        entries.clear();
        return entries;
    }
    trusted = true;
    return entries;
}

}  // namespace

std::string encode_outcome(const ArchivedOutcome& a) {
    std::string out;
    auto opt_bool = [&](const std::optional<bool>& b) { put_u64(out, b ? (*b ? 2 : 1) : 0); };
    const CaseOutcome& o = a.outcome;
    put_str(out, a.id);
    put_u64(out, a.closed ? 1 : 0);
    if (a.closed) {
        put_u64(out, static_cast<std::uint64_t>(a.closed->seconds));
        put_u64(out, static_cast<std::uint64_t>(a.closed->offset_minutes));
    }
    put_u64(out, a.accepted ? 1 : 0);
    put_u64(out, std::bit_cast<std::uint64_t>(o.lead_days));
    put_u64(out, std::bit_cast<std::uint64_t>(o.lead_working_days));
    opt_bool(o.deadline_met);
    opt_bool(o.first_promise_kept);
    put_u64(out, static_cast<std::uint64_t>(o.promises_moved));
    put_u64(out, o.rating ? 1 : 0);
    if (o.rating) {
        put_u64(out, static_cast<std::uint64_t>(*o.rating));
    }
    put_str(out, o.remark);
    put_u64(out, static_cast<std::uint64_t>(o.handovers));
    put_u64(out, static_cast<std::uint64_t>(o.case_handoffs));
    put_u64(out, static_cast<std::uint64_t>(o.checks));
    put_u64(out, static_cast<std::uint64_t>(o.escalations));
    put_u64(out, o.updated_in_time ? 1 : 0);
    put_u64(out, o.acceptance_working_days ? 1 : 0);
    if (o.acceptance_working_days) {
        put_u64(out, std::bit_cast<std::uint64_t>(*o.acceptance_working_days));
    }
    put_u64(out, a.owner ? 1 : 0);
    if (a.owner) {
        put_str(out, *a.owner);
    }
    put_u64(out, o.confirmed_in_time ? 1 : 0);
    put_u64(out, o.escalation_rules.size());
    for (const std::string& rule : o.escalation_rules) {
        put_str(out, rule);
    }
    return out;
}

bool decode_outcome(std::string_view data, ArchivedOutcome& a) {
    Reader r(data);
    a = ArchivedOutcome{};
    CaseOutcome& o = a.outcome;
    auto small = [&]() {
        const std::int64_t v = r.i64();
        if (v < 0 || v > (1 << 30)) {
            return -1;
        }
        return static_cast<int>(v);
    };
    a.id = r.view();
    const std::uint64_t has_closed = r.u64();
    if (has_closed > 1) {
        return false;
    }
    if (has_closed == 1) {
        const std::int64_t seconds = r.i64();
        const std::int64_t offset = r.i64();
        if (offset < -24 * 60 || offset > 24 * 60) {
            return false;
        }
        a.closed = Timestamp{seconds, static_cast<int>(offset)};
    }
    const std::uint64_t accepted = r.u64();
    a.accepted = accepted == 1;
    o.lead_days = std::bit_cast<double>(r.u64());
    o.lead_working_days = std::bit_cast<double>(r.u64());
    o.deadline_met = r.opt_bool();
    o.first_promise_kept = r.opt_bool();
    o.promises_moved = small();
    const std::uint64_t has_rating = r.u64();
    if (has_rating == 1) {
        o.rating = static_cast<int>(r.i64());
    }
    o.remark = r.view();
    o.handovers = small();
    o.case_handoffs = small();
    o.checks = small();
    o.escalations = small();
    const std::uint64_t in_time = r.u64();
    o.updated_in_time = in_time == 1;
    const std::uint64_t has_acceptance = r.u64();
    if (has_acceptance == 1) {
        o.acceptance_working_days = std::bit_cast<double>(r.u64());
    }
    const std::uint64_t has_owner = r.u64();
    if (has_owner == 1) {
        a.owner = std::string(r.view());
    }
    const std::uint64_t confirmed = r.u64();
    o.confirmed_in_time = confirmed == 1;
    const std::uint64_t rules = r.u64();
    if (rules > (1 << 16)) {
        return false;
    }
    for (std::uint64_t i = 0; i < rules && r.ok(); ++i) {
        o.escalation_rules.emplace_back(r.view());
    }
    return has_owner <= 1 && r.ok() && r.done() && accepted <= 1 && has_rating <= 1 &&
           in_time <= 1 && has_acceptance <= 1 && confirmed <= 1 && o.promises_moved >= 0 &&
           o.handovers >= 0 && o.case_handoffs >= 0 && o.checks >= 0 && o.escalations >= 0;
}

std::string time_zone_identity(const Settings& settings) {
    std::string out = settings.tz ? "TZ=" + *settings.tz : std::string("TZ unset");
    out += "\nTZDIR=" + settings.tzdir + "\n";
    // Where the C library looks (the same order as settings.cpp's time_zone_known).
    std::vector<fs::path> files;
    if (!settings.tz) {
        files.emplace_back("/etc/localtime");
    } else {
        std::string tz = *settings.tz;
        if (!tz.empty() && tz.front() == ':') {
            tz.erase(0, 1);
        }
        if (!tz.empty() && tz.front() == '/') {
            files.emplace_back(tz);
        } else if (!tz.empty() && tz.find("..") == std::string::npos) {
            if (!settings.tzdir.empty()) {
                files.push_back(fs::path(settings.tzdir) / tz);
            }
            files.push_back(fs::path("/usr/share/zoneinfo") / tz);
        }
    }
    for (const auto& f : files) {
        try {
            if (auto bytes = read_file(f, 1 << 20)) {
                out += f.string() + "\n";
                out += *bytes;
                break;
            }
        } catch (const Error&) {
            // Not a file we can read: the C library cannot either; the name alone says it.
        }
    }
    return out;
}

std::vector<BadFile> visit_outcomes(const Store& store, const Config& config,
                                    const std::string& fingerprint, bool use_cache,
                                    const fs::path& cache_file, std::int64_t now_seconds,
                                    const std::function<void(const ArchivedOutcome&)>& visit) {
    std::vector<BadFile> bad;
    std::optional<FileBytes> text;
    use_cache = use_cache && cache_folder_usable(cache_file);  // never through a link
    if (use_cache) {
        try {
            text = read_file_bytes(cache_file);
        } catch (const Error&) {
        }
    }
    bool trusted = false;
    const auto entries =
        read_entries(text ? text->view() : std::string_view(), fingerprint, trusted);
    bool dirty = !trusted;
    std::size_t used = 0, kept = 0;
    // The new cache, in archive order. While nothing changed, only the entries to keep are noted;
    // the text is made at the first change (most runs change nothing and write nothing).
    std::string body;
    std::vector<std::pair<std::string_view, const Entry*>> unchanged;
    auto keep_entry = [&](std::string_view key, const Identity& id, std::string_view blob,
                          const Entry* old) {
        if (id.too_fresh(now_seconds)) {
            return;
        }
        ++kept;
        if (!dirty && old != nullptr) {
            unchanged.emplace_back(key, old);
            return;
        }
        for (const auto& [k, e] : unchanged) {
            put_entry(body, k, e->id, e->blob);
        }
        unchanged.clear();
        put_entry(body, key, id, blob);
    };
    ArchivedOutcome a;
    // The listing is Store::closed_refs() without a path object per file (the cost at 20 000).
    std::string key;
    for (const FolderListing& files : store.closed_files()) {
        const std::string year = files.dir().filename().native();
        for (std::size_t f = 0; f < files.size(); ++f) {
            const std::string_view file = files[f];
            const std::string_view case_id = files.id(f);
            auto ref = [&]() {
                return CaseRef{std::string(case_id), files.prefix() + std::string(file), true, {}};
            };
            if (!use_cache) {
                const CaseRef r = ref();
                try {
                    visit(archived_outcome(store.load(r), config));
                } catch (const Error& e) {
                    bad.push_back(BadFile{r.path, e.what()});
                }
                continue;
            }
            key.assign(year).append("/").append(file);
            const std::optional<Identity> id = files.identity(f);
            if (!id) {
                continue;  // gone since the listing
            }
            const auto it = entries.find(key);
            used += it != entries.end();
            if (it != entries.end() && it->second.id == *id && decode_outcome(it->second.blob, a) &&
                a.id == case_id) {
                visit(a);
                keep_entry(it->first, *id, it->second.blob, &it->second);
                continue;
            }
            const CaseRef r = ref();
            dirty = true;
            try {
                a = archived_outcome(store.load(r), config);
            } catch (const Error& e) {
                bad.push_back(BadFile{r.path, e.what()});
                continue;
            }
            visit(a);
            keep_entry(key, *id, encode_outcome(a), nullptr);
        }
    }
    dirty = dirty || used != entries.size();  // files removed from the archive
    if (!use_cache || !dirty || (kept == 0 && !text)) {
        return bad;  // unchanged, or nothing worth remembering yet
    }
    for (const auto& [k, e] : unchanged) {  // only files removed: nothing written yet
        put_entry(body, k, e->id, e->blob);
    }
    std::string out(kMagic);
    put_str(out, fingerprint);
    put_u64(out, kept);
    out += body;
    try {
        make_private_dir(cache_file.parent_path());
        write_file_atomic(cache_file, out);
    } catch (const Error&) {
        // A read-only store or a full disk: the cache is only an optimisation.
    }
    return bad;
}

}  // namespace owner
