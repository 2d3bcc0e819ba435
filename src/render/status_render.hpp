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

// One flavour of chat markup, shared by the views for chat (`status`, `team`): how to write bold
// and code, a bullet, and customer text.
struct Markup {
    std::string (*escape)(std::string_view);
    std::string_view bold_open, bold_close, code, bullet;
    std::string_view after_heading;  // CommonMark needs a blank line to end a paragraph
};
// The markup of a format (json has none: plain text's).
Markup markup_for(StatusFormat format);
// The text as the format sends it: Slack's and Mattermost's webhook payloads, else itself.
std::string chat_payload(const std::string& text, StatusFormat format);
// A case in chat: `id`, then its title and customer as `[status] fields` allow.
std::string chat_case_label(const Case& c, const StatusFields& f, const Markup& m);
// Case text that may go out: without the customer's name when `[status] fields` keeps it in.
std::string allowed_in_chat(std::string_view text, const Case& c, const StatusFields& f);

// Customer text for Slack's mrkdwn: one line, & < > as entities, * _ ~ ` as look-alikes that
// cannot format, @here/@channel/@all/@everyone unable to notify.
std::string mrkdwn_escape(std::string_view s);
// Customer text for CommonMark (markdown, Mattermost): one line, punctuation backslash-escaped,
// mentions unable to notify.
std::string markdown_escape(std::string_view s);

}  // namespace owner
