#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The environment, read once at start-up into one value that is passed down: nothing in the
// program but main and read_settings reads it (app.cpp, commands/ and store/ never call getenv).
namespace owner {

// The process environment as a map: main builds it from `environ`, tests write it.
using Environment = std::map<std::string, std::string>;

// How a change is committed in a git store (store/git_in_process.hpp).
struct GitCommitSettings {
    bool in_process = true;  // OWNER_GIT_LIBRARY=off: false, git the program commits
    // The first variable set by which git would commit elsewhere, otherwise or at another date
    // than libgit2 (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_GLOBAL, GIT_AUTHOR_DATE…); empty if none.
    std::string steering_variable;
    // GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL as set (an empty
    // value is set and empty, which git refuses).
    std::optional<std::string> author_name, author_email, committer_name, committer_email;
    std::filesystem::path home;  // for a core.hooksPath of ~/…
};

struct Settings {
    std::filesystem::path
        store_root;  // OWNER_HOME, else $XDG_DATA_HOME/owner, else ~/.local/share/owner
    int lock_timeout_ms = 10000;  // OWNER_LOCK_TIMEOUT (seconds, may be fractional or "inf")
    bool use_cache = true;        // OWNER_NO_CACHE set: false
    std::filesystem::path tmp_dir = "/tmp";  // TMPDIR when absolute
    int hook_timeout_s = 60;  // OWNER_HOOK_TIMEOUT: a remind --exec hook is killed after it
    std::string editor;       // VISUAL, else EDITOR; empty: look for one (see find_editor)
    std::string path;         // PATH, to look for an editor
    // OWNER_CONFIG, else $XDG_CONFIG_HOME/owner/config.toml, else ~/.config/owner/config.toml;
    // empty when there is no home folder to look in (an error only once the config is read).
    std::filesystem::path config_path;
    bool config_named = false;   // OWNER_CONFIG names it: a missing file is an error
    std::string now;             // OWNER_NOW as typed (--now wins over it)
    std::string columns;         // COLUMNS as set by the shell or the person
    bool no_color = false;       // NO_COLOR set to something
    bool dumb_terminal = false;  // TERM=dumb
    // The locale's character set is not UTF-8: LC_ALL, else LC_CTYPE, else LANG (the first that
    // is set and not empty) is unset, C, POSIX or names another codeset. Output then uses ASCII
    // punctuation ("...", "-", "|" for "…", "—", "│"); see ascii_locale.
    bool ascii = false;
    std::string merge_prefer;       // OWNER_MERGE_PREFER: ours, theirs or nothing (owner __merge)
    bool merge_rebasing = false;    // OWNER_MERGE_REBASE set: owner sync is rebasing
    bool git_author_name = false;   // GIT_AUTHOR_NAME set: git needs no user.name
    bool git_author_email = false;  // GIT_AUTHOR_EMAIL or EMAIL set: git needs no user.email
    GitCommitSettings git_commit;
    std::optional<std::string> tz;      // TZ as set (unset: the system's /etc/localtime)
    std::string tzdir;                  // TZDIR, where TZ names are looked up first
    std::vector<std::string> warnings;  // said once on stderr by the caller (an unknown TZ)
};

// Whether a locale name (the value of LC_ALL, LC_CTYPE or LANG that decides; empty when none is
// set) gives ASCII punctuation: empty, "C", "POSIX" and any locale whose codeset is not UTF-8
// ("en_US.ISO-8859-1", "de_DE@euro", and "en_US" alone, which glibc reads as Latin-1).
bool ascii_locale(std::string_view locale);

// Longest wait for the store lock: OWNER_LOCK_TIMEOUT=inf (or anything larger) means this.
inline constexpr int kMaxLockTimeoutMs = 24 * 3600 * 1000;
inline constexpr int kMaxHookTimeoutS = 24 * 3600;

// Reads the environment through `get` (std::getenv in the program; a map in tests). Throws Error
// naming the variable for a value it cannot use (a relative OWNER_HOME, a negative timeout).
Settings read_settings(const std::function<const char*(const char*)>& get);
Settings read_settings(const Environment& env);

// Seconds as typed in OWNER_LOCK_TIMEOUT / OWNER_HOOK_TIMEOUT → milliseconds, clamped to
// [0, max_ms]; "inf" and huge values give max_ms. nullopt for anything else (text, negative, nan).
std::optional<long long> parse_seconds_ms(const std::string& text, long long max_ms);

// True when TZ names a zone the C library can load (a zoneinfo file or a POSIX rule such as
// CET-1CEST); an unknown name makes it use UTC silently.
bool time_zone_known(const std::string& tz, const std::string& tzdir);

// True when `name` has the form of an IANA zone name ("Europe/Amsterdam", "UTC", "Etc/GMT+5"):
// letters, digits and - + _ / in words, no path that leaves the zone folder.
bool is_zone_name(const std::string& name);
// True when `name` is an IANA zone this system has: a zoneinfo file (TZif) under `tzdir` or
// /usr/share/zoneinfo.
bool time_zone_name_known(const std::string& name, const std::string& tzdir);

// The config's [work] time_zone for this process while TZ is unset: sets TZ (for the C library
// and the programs owner starts) and clears the memos of the zone; the destructor unsets it.
class WorkTimeZone {
  public:
    explicit WorkTimeZone(const std::string& name);
    ~WorkTimeZone();
    WorkTimeZone(const WorkTimeZone&) = delete;
    WorkTimeZone& operator=(const WorkTimeZone&) = delete;
};

}  // namespace owner
