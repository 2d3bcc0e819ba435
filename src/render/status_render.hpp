#pragma once

#include <string>
#include <vector>

#include "domain/language.hpp"

#include "domain/status.hpp"
#include "render/json.hpp"

namespace owner {

// Which case fields may go out to a chat channel; the id always does, contact details never.
struct StatusFields {
    bool customer = true;
    bool title = true;
    std::string lang{kBaseLanguage};  // headings, from the catalogue
};

enum class StatusFormat { text, markdown, slack, mattermost, json };

std::string render_status(const StatusView& v, StatusFormat format, const StatusFields& fields);

// Customer text for Slack's mrkdwn: one line, & < > as entities, * _ ~ ` as look-alikes that
// cannot format, @here/@channel/@all/@everyone unable to notify.
std::string mrkdwn_escape(std::string_view s);
// Customer text for CommonMark (markdown, Mattermost): one line, punctuation backslash-escaped,
// mentions unable to notify.
std::string markdown_escape(std::string_view s);

}  // namespace owner
