#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// The environment, read once at start-up into one value that is passed down: nothing below
// `run` calls getenv.
namespace owner {

struct Settings {
    std::filesystem::path
        store_root;  // OWNER_HOME, else $XDG_DATA_HOME/owner, else ~/.local/share/owner
    int lock_timeout_ms = 10000;  // OWNER_LOCK_TIMEOUT (seconds, may be fractional or "inf")
    bool use_cache = true;        // OWNER_NO_CACHE set: false
    std::filesystem::path tmp_dir = "/tmp";  // TMPDIR when absolute
    int hook_timeout_s = 60;  // OWNER_HOOK_TIMEOUT: a remind --exec hook is killed after it
    std::string editor;       // VISUAL, else EDITOR; empty: look for one (see find_editor)
    std::string path;         // PATH, to look for an editor

    std::optional<std::string> tz;      // TZ as set (unset: the system's /etc/localtime)
    std::string tzdir;                  // TZDIR, where TZ names are looked up first
    std::vector<std::string> warnings;  // said once on stderr by the caller (an unknown TZ)
};

// Longest wait for the store lock: OWNER_LOCK_TIMEOUT=inf (or anything larger) means this.
inline constexpr int kMaxLockTimeoutMs = 24 * 3600 * 1000;
inline constexpr int kMaxHookTimeoutS = 24 * 3600;

// Reads the environment through `get` (std::getenv in the program; a map in tests). Throws Error
// naming the variable for a value it cannot use (a relative OWNER_HOME, a negative timeout).
Settings read_settings(const std::function<const char*(const char*)>& get);
Settings read_settings();

// Seconds as typed in OWNER_LOCK_TIMEOUT / OWNER_HOOK_TIMEOUT → milliseconds, clamped to
// [0, max_ms]; "inf" and huge values give max_ms. nullopt for anything else (text, negative, nan).
std::optional<long long> parse_seconds_ms(const std::string& text, long long max_ms);

// True when TZ names a zone the C library can load (a zoneinfo file or a POSIX rule such as
// CET-1CEST); an unknown name makes it use UTC silently.
bool time_zone_known(const std::string& tz, const std::string& tzdir);

}  // namespace owner
