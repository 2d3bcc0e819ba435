#include "render/team_render.hpp"

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {

std::string render_markup(const TeamView& v, const StatusFields& f, const Markup& m) {
    const std::string_view lang = f.lang;
    auto say_with = [&](Text t, auto&&... args) {
        return fmt::format(fmt::runtime(say(t, lang)), std::forward<decltype(args)>(args)...);
    };
    // The first section's blank line ends the heading's paragraph.
    std::string out =
        fmt::format("{}{}{}\n", m.bold_open, say_with(Text::team_heading, human_date(v.date, lang)),
                    m.bold_close);
    auto section = [&](std::string_view title, std::size_t count) {
        out += fmt::format("\n{}{} ({}){}\n{}", m.bold_open, title, count, m.bold_close,
                           m.after_heading);
    };
    section(say(Text::team_people, lang), v.members.size());
    for (const TeamMember& p : v.members) {
        out +=
            fmt::format("{}{}{}: {}\n", m.bullet, m.escape(p.name),
                        p.role == kLeadRole ? say(Text::team_lead, lang) : std::string_view(),
                        say_with(Text::team_member, p.open_cases, p.overdue_cases, p.at_risk_cases,
                                 p.asked_open, p.asked_overdue, p.escalations.size()));
        for (const TeamEscalation& e : p.escalations) {
            out += fmt::format("  {}{}: {}\n", m.bullet, chat_case_label(*e.c, f, m),
                               say_with(Text::team_escalated, human_time(e.since, lang)));
        }
    }
    if (!v.at_risk.empty()) {
        section(say(Text::team_at_risk, lang), v.at_risk.size());
        for (const TeamRisk& r : v.at_risk) {
            out += fmt::format("{}{} — {}: {}\n", m.bullet, chat_case_label(*r.c, f, m),
                               m.escape(r.owner), m.escape(allowed_in_chat(r.reason, *r.c, f)));
        }
    }
    return out;
}

// A case in the JSON: its id, and its title and customer as `[status] fields` allow.
Json case_ref_json(const Case& c, const StatusFields& f) {
    Json j = Json::object().set("case", c.id);
    if (f.title) {
        j.set("title", allowed_in_chat(c.title, c, f));
    }
    if (f.customer) {
        j.set("customer", c.customer);
    }
    return j;
}

std::string render_json(const TeamView& v, const StatusFields& f) {
    Json people = Json::array();
    for (const TeamMember& p : v.members) {
        Json escalations = Json::array();
        for (const TeamEscalation& e : p.escalations) {
            escalations.push(case_ref_json(*e.c, f).set("since", e.since.rfc3339()));
        }
        people.push(
            Json::object()
                .set("name", p.name)
                .set("role", p.role.empty() ? Json() : Json(p.role))
                .set("cases", Json::object()
                                  .set("open", p.open_cases)
                                  .set("overdue", p.overdue_cases)
                                  .set("at_risk", p.at_risk_cases))
                .set("asked",
                     Json::object().set("open", p.asked_open).set("overdue", p.asked_overdue))
                .set("escalations_unanswered", std::move(escalations)));
    }
    Json at_risk = Json::array();
    for (const TeamRisk& r : v.at_risk) {
        at_risk.push(case_ref_json(*r.c, f)
                         .set("owner", r.owner)
                         .set("deadline", time_json(r.c->deadline))
                         .set("detail", allowed_in_chat(r.detail, *r.c, f)));
    }
    return json_document()
               .set("date", v.date.iso())
               .set("people", std::move(people))
               .set("at_risk", std::move(at_risk))
               .pretty() +
           "\n";
}

}  // namespace

std::string render_team(const TeamView& v, StatusFormat format, const StatusFields& fields) {
    if (format == StatusFormat::json) {
        return render_json(v, fields);
    }
    return chat_payload(render_markup(v, fields, markup_for(format)), format);
}

}  // namespace owner
