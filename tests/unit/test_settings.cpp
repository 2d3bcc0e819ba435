#include <doctest/doctest.h>

#include <map>
#include <string>

#include "domain/calendar.hpp"
#include "domain/error.hpp"
#include "domain/when.hpp"
#include "store/settings.hpp"
#include "zone.hpp"

using namespace owner;

namespace {

Settings settings_from(const std::map<std::string, std::string>& env) {
    return read_settings([&](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace

TEST_CASE("read_settings: the environment, read once") {
    SUBCASE("defaults") {
        const Settings s = settings_from({{"HOME", "/home/a"}});
        CHECK(s.store_root == "/home/a/.local/share/owner");
        CHECK(s.lock_timeout_ms == 10000);
        CHECK(s.use_cache);
        CHECK(s.tmp_dir == "/tmp");
        CHECK(s.hook_timeout_s == 60);
        CHECK(s.warnings.empty());
    }
    SUBCASE("OWNER_HOME wins, XDG_DATA_HOME only when absolute, a relative OWNER_HOME is refused") {
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_HOME", "/s/./x/"}}).store_root == "/s/x/");
        CHECK(settings_from({{"HOME", "/h"}, {"XDG_DATA_HOME", "/d"}}).store_root == "/d/owner");
        CHECK(settings_from({{"HOME", "/h"}, {"XDG_DATA_HOME", "d"}}).store_root ==
              "/h/.local/share/owner");
        CHECK_THROWS_WITH_AS(
            settings_from({{"HOME", "/h"}, {"OWNER_HOME", "store"}}),
            doctest::Contains("OWNER_HOME: expected an absolute path, got 'store'"), Error);
    }
    SUBCASE("lock timeouts: fractions, inf and huge values clamp; text and negatives are refused") {
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_LOCK_TIMEOUT", "0.3"}}).lock_timeout_ms ==
              300);
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_LOCK_TIMEOUT", "inf"}}).lock_timeout_ms ==
              kMaxLockTimeoutMs);
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_LOCK_TIMEOUT", "1e300"}}).lock_timeout_ms ==
              kMaxLockTimeoutMs);
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_LOCK_TIMEOUT", "0"}}).lock_timeout_ms == 0);
        for (const char* bad : {"-1", "nan", "10s", "ten"}) {
            CHECK_THROWS_AS(settings_from({{"HOME", "/h"}, {"OWNER_LOCK_TIMEOUT", bad}}), Error);
        }
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_HOOK_TIMEOUT", "5"}}).hook_timeout_s == 5);
        CHECK_THROWS_AS(settings_from({{"HOME", "/h"}, {"OWNER_HOOK_TIMEOUT", "0"}}), Error);
    }
    SUBCASE("OWNER_NO_CACHE, TMPDIR, the editor") {
        const Settings s = settings_from(
            {{"HOME", "/h"}, {"OWNER_NO_CACHE", ""}, {"TMPDIR", "/var/tmp"}, {"EDITOR", "nano"}});
        CHECK_FALSE(s.use_cache);
        CHECK(s.tmp_dir == "/var/tmp");
        CHECK(s.editor == "nano");
        CHECK(settings_from({{"HOME", "/h"}, {"EDITOR", "nano"}, {"VISUAL", "code -w"}}).editor ==
              "code -w");
        CHECK(settings_from({{"HOME", "/h"}, {"TMPDIR", "tmp"}}).tmp_dir == "/tmp");
    }
    SUBCASE("how a git store commits: in process unless told or steered otherwise") {
        const Settings plain = settings_from({{"HOME", "/h"}});
        CHECK(plain.git_commit.in_process);
        CHECK(plain.git_commit.steering_variable.empty());
        CHECK_FALSE(plain.git_commit.author_name.has_value());
        CHECK(plain.git_commit.home == "/h");
        CHECK_FALSE(
            settings_from({{"HOME", "/h"}, {"OWNER_GIT_LIBRARY", "off"}}).git_commit.in_process);
        CHECK(settings_from({{"HOME", "/h"}, {"OWNER_GIT_LIBRARY", "on"}}).git_commit.in_process);
        CHECK_THROWS_WITH_AS(settings_from({{"HOME", "/h"}, {"OWNER_GIT_LIBRARY", "no"}}),
                             "OWNER_GIT_LIBRARY: expected on or off, got 'no'", Error);
        // Set, even empty, these make git commit otherwise than libgit2 would.
        CHECK(settings_from({{"HOME", "/h"}, {"GIT_CONFIG_NOSYSTEM", ""}})
                  .git_commit.steering_variable == "GIT_CONFIG_NOSYSTEM");
        CHECK(settings_from({{"HOME", "/h"}, {"GIT_AUTHOR_DATE", "@0 +0000"}})
                  .git_commit.steering_variable == "GIT_AUTHOR_DATE");
        const Settings named = settings_from(
            {{"HOME", "/h"}, {"GIT_AUTHOR_NAME", "Dini"}, {"GIT_COMMITTER_EMAIL", ""}});
        CHECK(named.git_commit.author_name == "Dini");
        CHECK(named.git_commit.committer_email == "");  // set and empty: git refuses it
        CHECK_FALSE(named.git_commit.author_email.has_value());
    }
    SUBCASE("where the config is, and what app.cpp and __merge used to read with getenv") {
        CHECK(settings_from({{"HOME", "/h"}}).config_path == "/h/.config/owner/config.toml");
        CHECK_FALSE(settings_from({{"HOME", "/h"}}).config_named);
        CHECK(settings_from({{"HOME", "/h"}, {"XDG_CONFIG_HOME", "/x"}}).config_path ==
              "/x/owner/config.toml");
        CHECK(settings_from({{"HOME", "/h"}, {"XDG_CONFIG_HOME", "x"}}).config_path ==
              "/h/.config/owner/config.toml");
        const Settings named =
            settings_from({{"HOME", "/h"}, {"XDG_CONFIG_HOME", "/x"}, {"OWNER_CONFIG", "c.toml"}});
        CHECK(named.config_path == "c.toml");
        CHECK(named.config_named);
        const Settings s = settings_from({{"HOME", "/h"},
                                          {"OWNER_NOW", "mon 9:00"},
                                          {"COLUMNS", "120"},
                                          {"NO_COLOR", "1"},
                                          {"TERM", "dumb"},
                                          {"OWNER_MERGE_PREFER", "ours"},
                                          {"OWNER_MERGE_REBASE", ""},
                                          {"EMAIL", "a@b.example"}});
        CHECK(s.now == "mon 9:00");
        CHECK(s.columns == "120");
        CHECK(s.no_color);
        CHECK(s.dumb_terminal);
        CHECK(s.merge_prefer == "ours");
        CHECK(s.merge_rebasing);  // set, even empty
        CHECK_FALSE(s.git_author_name);
        CHECK(s.git_author_email);
        const Settings plain = settings_from({{"HOME", "/h"}, {"NO_COLOR", ""}, {"TERM", "xterm"}});
        CHECK_FALSE(plain.no_color);  // NO_COLOR counts only when it is not empty
        CHECK_FALSE(plain.dumb_terminal);
        CHECK_FALSE(plain.merge_rebasing);
        CHECK(plain.now.empty());
    }
    SUBCASE("an unknown TZ is a warning, known zones and POSIX rules are not") {
        CHECK(settings_from({{"HOME", "/h"}, {"TZ", "Nowhere/Zone"}}).warnings.size() == 1);
        CHECK(settings_from({{"HOME", "/h"}, {"TZ", "Europe/Amsterdam"}}).warnings.empty());
        CHECK(time_zone_known("", ""));
        CHECK(time_zone_known(":UTC", ""));
        CHECK(time_zone_known("CET-1CEST,M3.5.0,M10.5.0/3", ""));
        CHECK(time_zone_known("<+0330>-3:30", ""));
        CHECK_FALSE(time_zone_known("Nowhere/Zone", ""));
        CHECK_FALSE(time_zone_known("../../etc/passwd", ""));
        CHECK_FALSE(time_zone_known("Amsterdam", ""));
    }
}

TEST_CASE("dates outside 1970-2099 are refused, working time is bounded") {
    ZoneGuard zone("Europe/Amsterdam");
    const WorkCalendar cal;
    const Timestamp now = *parse_rfc3339("2026-11-25T09:00:00+01:00");
    CHECK(in_supported_range(Date{2099, 12, 31}));
    CHECK_FALSE(in_supported_range(Date{2100, 1, 1}));
    CHECK_FALSE(in_supported_range(Date{1969, 12, 31}));
    CHECK_THROWS_WITH_AS(parse_when("9999-12-31", now, cal),
                         doctest::Contains("1970-01-01 to 2099-12-31"), UsageError);
    CHECK_THROWS_AS(parse_when("+100000d", now, cal), UsageError);
    CHECK(parse_when("2099-12-31", now, cal).rfc3339() == "2099-12-31T17:00:00+01:00");
    // Beyond ten years the count stops growing: bounded work whatever the input.
    const Timestamp far = *parse_rfc3339("2099-12-31T17:00:00+01:00");
    const Timestamp ten = *parse_rfc3339("2040-01-01T17:00:00+01:00");
    CHECK(cal.working_minutes_between(now, far) == cal.working_minutes_between(now, ten));
    CHECK(cal.working_minutes_between(far, now) == -cal.working_minutes_between(now, far));
    CHECK(cal.working_minutes_between(now, now.plus_seconds(86400)) == 8 * 60);
}

TEST_CASE("read_settings: ASCII punctuation when the locale is C, POSIX, unset or not UTF-8") {
    CHECK(settings_from({}).ascii);
    CHECK(settings_from({{"LANG", "C"}}).ascii);
    CHECK(settings_from({{"LANG", "POSIX"}}).ascii);
    CHECK(settings_from({{"LANG", "de_DE.ISO-8859-1"}}).ascii);
    CHECK(settings_from({{"LANG", "en_US"}}).ascii);
    CHECK_FALSE(settings_from({{"LANG", "nl_NL.UTF-8"}}).ascii);
    CHECK_FALSE(settings_from({{"LANG", "C.utf8"}}).ascii);
    CHECK_FALSE(settings_from({{"LANG", "de_DE.UTF-8@euro"}}).ascii);
    // LC_ALL, then LC_CTYPE, then LANG: the first that is set and not empty decides.
    CHECK(settings_from({{"LC_ALL", "C"}, {"LANG", "nl_NL.UTF-8"}}).ascii);
    CHECK_FALSE(settings_from({{"LC_ALL", ""}, {"LC_CTYPE", "C.UTF-8"}, {"LANG", "C"}}).ascii);
    CHECK(settings_from({{"LC_CTYPE", "POSIX"}, {"LANG", "en_GB.UTF-8"}}).ascii);
}
