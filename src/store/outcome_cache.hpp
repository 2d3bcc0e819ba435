#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "domain/config.hpp"
#include "domain/stats.hpp"
#include "store/settings.hpp"
#include "store/store.hpp"

// The archive's cache for `stats`: one small outcome per closed case (domain/stats.hpp,
// ArchivedOutcome) instead of the case, so that stats over years of history reads one file and
// never holds the cases. Trusted exactly as the cache of parsed cases (store/cache.hpp): an entry
// is used only while its file's device, inode, size, modification and change times are as when
// it was read, a file changed within the last two seconds is not kept, an added file is read and a
// removed one dropped. The outcome also depends on the config and the time zone: the cache
// carries both (outcome_fingerprint and the zone's rules) and is ignored as a whole when either
// differs. A missing, foreign or corrupt cache is ignored and rebuilt; failing to write it is not
// an error.
namespace owner {

// What the local time zone is, as the C library will read it: TZ (or its absence), TZDIR and
// the bytes of the zone file it names (or /etc/localtime). Two runs that differ here may count
// working time differently.
std::string time_zone_identity(const Settings& settings);

// Calls `visit` with the outcome of every closed case of the store, in archive order (as
// Store::closed_refs), through the cache file `cache_file` when `use_cache`; `fingerprint` names
// the config and zone the outcomes were computed with. Returns the files that could not be read.
// `now_seconds` is the real clock.
std::vector<BadFile> visit_outcomes(const Store& store, const Config& config,
                                    const std::string& fingerprint, bool use_cache,
                                    const std::filesystem::path& cache_file,
                                    std::int64_t now_seconds,
                                    const std::function<void(const ArchivedOutcome&)>& visit);

// The binary form of an outcome (public for the round-trip unit test).
std::string encode_outcome(const ArchivedOutcome& a);
bool decode_outcome(std::string_view data, ArchivedOutcome& out);

}  // namespace owner
