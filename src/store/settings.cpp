#include "store/settings.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <regex>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> value(const std::function<const char*(const char*)>& get,
                                 const char* name) {
    const char* v = get(name);
    if (v == nullptr || *v == '\0') {
        return std::nullopt;
    }
    return std::string(v);
}

// The home folder: HOME, else the passwd entry (looked up only when HOME is not set).
std::optional<fs::path> home_dir(const std::function<const char*(const char*)>& get) {
    if (auto h = value(get, "HOME")) {
        return fs::path(*h);
    }
    if (const passwd* pw = getpwuid(getuid())) {
        return fs::path(pw->pw_dir);
    }
    return std::nullopt;
}

fs::path default_root(const std::function<const char*(const char*)>& get) {
    // XDG says relative paths in XDG_* are invalid and must be ignored.
    if (auto d = value(get, "XDG_DATA_HOME"); d && fs::path(*d).is_absolute()) {
        return fs::path(*d) / "owner";
    }
    if (auto h = home_dir(get)) {
        return *h / ".local" / "share" / "owner";
    }
    throw Error("cannot find the home folder: HOME is not set");
}

}  // namespace

std::optional<long long> parse_seconds_ms(const std::string& text, long long max_ms) {
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || std::isnan(seconds) || seconds < 0) {
        return std::nullopt;
    }
    if (!std::isfinite(seconds) || seconds * 1000.0 >= static_cast<double>(max_ms)) {
        return max_ms;
    }
    return static_cast<long long>(seconds * 1000.0);
}

bool time_zone_known(const std::string& tz_in, const std::string& tzdir) {
    std::string tz = tz_in;
    if (!tz.empty() && tz.front() == ':') {
        tz.erase(0, 1);
    }
    if (tz.empty()) {
        return true;  // TZ= or TZ=: is UTC on purpose
    }
    std::error_code ec;
    if (tz.front() == '/') {
        return fs::is_regular_file(tz, ec);
    }
    if (tz.find("..") == std::string::npos) {
        for (const std::string& dir : {tzdir, std::string("/usr/share/zoneinfo")}) {
            if (!dir.empty() && fs::is_regular_file(fs::path(dir) / tz, ec)) {
                return true;
            }
        }
    }
    // A POSIX rule: a name of three or more letters (or <+01>), then an offset, optionally DST.
    static const std::regex posix(
        R"(^([A-Za-z]{3,}|<[-+0-9A-Za-z]{3,}>)[-+]?[0-9]{1,2}(:[0-9]{2}){0,2}(([A-Za-z]{3,}|<[-+0-9A-Za-z]{3,}>)([-+]?[0-9]{1,2}(:[0-9]{2}){0,2})?(,[-+0-9A-Za-z./:]+)*)?$)");
    return std::regex_match(tz, posix);
}

bool is_zone_name(const std::string& name) {
    static const std::regex form(R"([A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*)");
    return name.size() <= 64 && std::regex_match(name, form) &&
           name.find("..") == std::string::npos;
}

bool time_zone_name_known(const std::string& name, const std::string& tzdir) {
    if (!is_zone_name(name)) {
        return false;
    }
    for (const std::string& dir : {tzdir, std::string("/usr/share/zoneinfo")}) {
        if (dir.empty()) {
            continue;
        }
        std::error_code ec;
        const fs::path file = fs::path(dir) / name;
        if (!fs::is_regular_file(file, ec)) {
            continue;
        }
        // zone.tab and the like are files there too: a zone begins with "TZif".
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        std::array<char, 4> magic{};
        const ssize_t got = ::read(fd, magic.data(), magic.size());
        ::close(fd);
        if (got == 4 && std::string_view(magic.data(), 4) == "TZif") {
            return true;
        }
    }
    return false;
}

WorkTimeZone::WorkTimeZone(const std::string& name) {
    ::setenv("TZ", name.c_str(), 1);
    ::tzset();
    time_zone_changed();
}

WorkTimeZone::~WorkTimeZone() {
    ::unsetenv("TZ");
    ::tzset();
    time_zone_changed();
}

Settings read_settings(const std::function<const char*(const char*)>& get) {
    Settings s;
    if (auto h = value(get, "OWNER_HOME")) {
        if (!fs::path(*h).is_absolute()) {
            throw Error(
                fmt::format("OWNER_HOME: expected an absolute path, got '{}' (a relative one would "
                            "name another store in every folder)",
                            *h));
        }
        s.store_root = fs::path(*h).lexically_normal();
    } else {
        s.store_root = default_root(get);
    }
    if (auto t = value(get, "OWNER_LOCK_TIMEOUT")) {
        const auto ms = parse_seconds_ms(*t, kMaxLockTimeoutMs);
        if (!ms) {
            throw Error(fmt::format(
                "OWNER_LOCK_TIMEOUT: expected seconds (a number of 0 or more, or inf), got '{}'",
                *t));
        }
        s.lock_timeout_ms = static_cast<int>(*ms);
    }
    if (auto t = value(get, "OWNER_HOOK_TIMEOUT")) {
        const auto ms = parse_seconds_ms(*t, kMaxHookTimeoutS * 1000LL);
        if (!ms || *ms < 1000) {
            throw Error(fmt::format("OWNER_HOOK_TIMEOUT: expected whole seconds of 1 or more (at "
                                    "most a day, or inf), got '{}'",
                                    *t));
        }
        s.hook_timeout_s = static_cast<int>(*ms / 1000);
    }
    s.use_cache = get("OWNER_NO_CACHE") == nullptr;
    if (auto t = value(get, "TMPDIR"); t && fs::path(*t).is_absolute()) {
        s.tmp_dir = *t;
    }
    s.editor = value(get, "VISUAL").value_or(value(get, "EDITOR").value_or(""));
    s.path = value(get, "PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    if (const char* tz = get("TZ")) {
        s.tz = tz;
    }
    s.tzdir = value(get, "TZDIR").value_or("");
    if (const char* tz = get("TZ");
        tz != nullptr && !time_zone_known(tz, value(get, "TZDIR").value_or(""))) {
        s.warnings.push_back(
            fmt::format("TZ={} is not a time zone this system knows; times are in UTC "
                        "(a name such as Europe/Amsterdam, see /usr/share/zoneinfo)",
                        tz));
    }
    if (auto c = value(get, "OWNER_CONFIG")) {
        s.config_path = *c;
        s.config_named = true;
    } else if (auto d = value(get, "XDG_CONFIG_HOME"); d && fs::path(*d).is_absolute()) {
        s.config_path = fs::path(*d) / "owner" / "config.toml";
    } else if (auto h = home_dir(get)) {
        s.config_path = *h / ".config" / "owner" / "config.toml";
    }
    s.now = value(get, "OWNER_NOW").value_or("");
    s.columns = value(get, "COLUMNS").value_or("");
    s.no_color = value(get, "NO_COLOR").has_value();
    s.dumb_terminal = value(get, "TERM").value_or("") == "dumb";
    std::string locale;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        if (auto v = value(get, name)) {
            locale = std::move(*v);
            break;
        }
    }
    s.ascii = ascii_locale(locale);
    s.merge_prefer = value(get, "OWNER_MERGE_PREFER").value_or("");
    s.merge_rebasing = get("OWNER_MERGE_REBASE") != nullptr;
    if (auto v = value(get, "OWNER_GIT_LIBRARY")) {
        if (*v != "on" && *v != "off") {
            throw Error(fmt::format("OWNER_GIT_LIBRARY: expected on or off, got '{}'", *v));
        }
        s.git_commit.in_process = *v == "on";
    }
    for (const char* name : {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                             "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
                             "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_CONFIG",
                             "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
                             "GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS", "GIT_REFLOG_ACTION"}) {
        if (get(name) != nullptr) {
            s.git_commit.steering_variable = name;
            break;
        }
    }
    for (const auto& [name, part] :
         {std::pair{"GIT_AUTHOR_NAME", &s.git_commit.author_name},
          std::pair{"GIT_AUTHOR_EMAIL", &s.git_commit.author_email},
          std::pair{"GIT_COMMITTER_NAME", &s.git_commit.committer_name},
          std::pair{"GIT_COMMITTER_EMAIL", &s.git_commit.committer_email}}) {
        if (const char* v = get(name)) {
            *part = v;
        }
    }
    s.git_commit.home = home_dir(get).value_or(fs::path());
    s.git_author_name = value(get, "GIT_AUTHOR_NAME").has_value();
    s.git_author_email =
        value(get, "GIT_AUTHOR_EMAIL").has_value() || value(get, "EMAIL").has_value();
    return s;
}

bool ascii_locale(std::string_view locale) {
    const std::size_t dot = locale.find('.');
    if (dot == std::string_view::npos) {
        return true;  // C, POSIX, unset, or a language's default codeset
    }
    std::string codeset(locale.substr(dot + 1, locale.find('@', dot) - dot - 1));
    for (char& ch : codeset) {
        ch = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
    return codeset != "utf-8" && codeset != "utf8";
}

Settings read_settings(const Environment& env) {
    return read_settings([&env](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace owner
