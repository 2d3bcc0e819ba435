#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/config.hpp"
#include "store/settings.hpp"

namespace owner {

// Reads config.toml. Unknown keys and wrong types are errors naming the file, line and key:
// a typo in a team rule must not pass silently. Throws Error.
Config parse_config(std::string_view text, const std::string& path, Config defaults);

// The team's file in the store (README "A team on one store"): `team.toml` beside cases/.
inline constexpr std::string_view kTeamFileName = "team.toml";
inline constexpr int kTeamFileSchema = 1;
std::filesystem::path team_file(const std::filesystem::path& store_root);
// Reads team.toml: `schema`, [people] as in the config (with email and role), [escalate] to and
// tags, which must name people on the roster. Throws Error "PATH:LINE: KEY: expected …"; a newer
// schema is refused with one line.
TeamRoster parse_team(std::string_view text, const std::string& path);
// Writes team.toml in a fixed layout that parse_team reads back.
std::string write_team(const TeamRoster& team);
// The store's team, when it has a team.toml; nullopt for a store of one person.
std::optional<TeamRoster> read_team(const std::filesystem::path& store_root);

// Where the config was looked for, and whether it names the owner (drafts are signed with it).
struct ConfigSource {
    std::filesystem::path path;
    bool name_set = false;
};

// Reads the config file that `settings` names: the defaults when it does not exist, an Error when
// OWNER_CONFIG names a file that does not exist. When it sets no `name`, `login_name` is asked
// for one (only then: looking up the login opens sockets on some systems).
Config load_config(const Settings& settings, const std::function<std::string()>& login_name,
                   ConfigSource& source);

// The login's full name from the passwd entry (GECOS up to the first comma), else the login name,
// else "me".
std::string login_full_name();

}  // namespace owner
