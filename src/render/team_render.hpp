#pragma once

#include <string>

#include "domain/team.hpp"
#include "render/status_render.hpp"

namespace owner {

// The lead's view (`owner team`) in a format of `status` (text, markdown, slack, mattermost, json),
// naming customers and titles as `[status] fields` allows.
std::string render_team(const TeamView& v, StatusFormat format, const StatusFields& fields);

}  // namespace owner
