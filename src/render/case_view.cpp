#include "render/case_view.hpp"

#include <type_traits>

#include <fmt/format.h>

#include "domain/case_fields.hpp"
#include "domain/escalation.hpp"
#include "domain/mail.hpp"
#include "domain/messages.hpp"
#include "domain/times_said.hpp"

namespace owner {

Json json_document() {
    return Json::object().set("schema", kJsonSchema);
}

Json time_json(const std::optional<Timestamp>& t) {
    return t ? Json(t->rfc3339()) : Json();
}

namespace {

// One field's value (domain/case_fields.hpp), by its type; an absent one is null.
template <typename T> Json field_json(const T& v) {
    if constexpr (std::is_same_v<T, std::vector<std::string>> ||
                  std::is_same_v<T, std::vector<Timestamp>>) {
        Json list = Json::array();
        for (const auto& item : v) {
            list.push(field_json(item));
        }
        return list;
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        return v.rfc3339();
    } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
        return time_json(v);
    } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
        return v ? Json(v->iso()) : Json();
    } else if constexpr (std::is_same_v<T, Priority>) {
        return to_string(v);
    } else {
        return Json(v);
    }
}

template <typename Fields, typename Record>
void set_fields(Json& j, const Fields& fields, const Record& r) {
    for_each_field(fields, [&](const auto& f) {
        if (!f.has(kNotInJson)) {
            j.set(std::string(f.name), field_json(f.of(r)));
        }
    });
}

}  // namespace

Json case_json(const Case& c) {
    Json j = Json::object();
    set_fields(j, kCaseFields, c);
    j.set("contact_name", contact_name(c));
    j.set("lang", case_language(c));
    Json thread = Json::array();
    for (const auto& id : mail_ids(c)) {
        thread.push(id);
    }
    j.set("mail_ids", std::move(thread));
    Json actions = Json::array();
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        const Action& a = c.actions[i];
        Json aj = Json::object();
        aj.set("n", i + 1);
        set_fields(aj, kActionFields, a);
        aj.set("tell", customer_wording(a));
        const auto* effort = a.extra.get_as<std::string>("effort");
        aj.set("effort", effort ? Json(effort->get()) : Json());
        actions.push(std::move(aj));
    }
    j.set("actions", std::move(actions));
    Json log = Json::array();
    for (const auto& e : c.log) {
        Json ej = Json::object();
        set_fields(ej, kLogFields, e);
        log.push(std::move(ej));
    }
    j.set("log", std::move(log));
    return j;
}

std::string case_text(const Case& c, const Timestamp& now, const WorkCalendar& calendar,
                      const Style& style, std::size_t width) {
    std::string out = fmt::format("{}  {}\n", style.bold(c.id), visible(c.title));
    TextTable fields;
    std::string customer = visible(c.customer);
    if (c.contact) {
        customer += fmt::format(" <{}>", visible(*c.contact));
    }
    fields.add_row({"customer", customer});
    if (c.owner) {  // a team's store: whose case it is
        fields.add_row({"owner", visible(*c.owner)});
    }
    if (c.ref) {
        fields.add_row({"ref", visible(*c.ref)});
    }
    if (!c.tags.empty()) {
        fields.add_row({"tags", visible(fmt::format("{}", fmt::join(c.tags, ", ")))});
    }
    fields.add_row({"opened", human_time(c.opened)});
    if (c.deadline) {
        std::string left;
        if (!c.closed) {
            const auto minutes = calendar.working_minutes_between(now, *c.deadline);
            const auto solution = awaiting_acceptance(c);
            left = solution ? fmt::format("  (solution given {}: awaiting acceptance)",
                                          human_time(*solution))
                   : *c.deadline < now
                       ? "  (missed)"
                       : fmt::format("  ({:.1f} working days left)",
                                     static_cast<double>(minutes) / calendar.minutes_per_day());
        }
        fields.add_row({"deadline", human_time(*c.deadline) + left});
    } else {
        fields.add_row({"deadline", "none promised"});
    }
    fields.add_row(
        {"priority",
         fmt::format("{}{}", to_string(c.priority),
                     c.priority_reviewed ? fmt::format(" (reviewed {})", c.priority_reviewed->iso())
                                         : "")});
    if (c.summary) {
        fields.add_row({"summary", visible(*c.summary)});
    }
    fields.add_row({"customer told", c.last_update_to_customer
                                         ? human_time(*c.last_update_to_customer)
                                         : "not yet"});
    if (c.closed) {
        fields.add_row({"closed", fmt::format("{} ({})", human_time(*c.closed),
                                              c.outcome.value_or("closed"))});
    }
    out += fields.render(width, "  ");
    if (!c.actions.empty()) {
        out += style.bold("actions") + "\n";
        TextTable actions;
        for (std::size_t i = 0; i < c.actions.size(); ++i) {
            const Action& a = c.actions[i];
            std::string state = a.done        ? "done"
                                : a.cancelled ? "cancelled"
                                : a.stalled   ? "stalled"
                                : a.due < now ? "overdue"
                                              : "open";
            // An action without `who` is the case owner's: "me" in a store of one person.
            std::string detail = fmt::format("{}, due {}",
                                             visible(a.who     ? *a.who
                                                     : c.owner ? *c.owner
                                                               : std::string("me")),
                                             human_time(a.due));
            if (!a.checks.empty() && a.open()) {
                std::vector<std::string> checks;
                for (const auto& t : a.checks) {
                    checks.push_back(human_time(t));
                }
                detail += fmt::format("; checks {}", fmt::join(checks, ", "));
            }
            if (const auto tell = customer_wording(a)) {
                detail += fmt::format("; the customer reads \"{}\"", visible(*tell));
            }
            actions.add_row({fmt::format("{}.", i + 1), state, visible(a.what) + " — " + detail});
        }
        out += actions.render(width, "  ");
    }
    if (!c.log.empty()) {
        out += style.bold("log") + "\n";
        TextTable log;
        for (const auto& e : c.log) {
            log.add_row({human_time(e.at),
                         visible(e.by ? fmt::format("{} by {}", e.event, *e.by) : e.event),
                         visible(times_said(e.text, [](const Timestamp& t) {
                             return human_time(t);  // as the first column says it
                         }))});
        }
        out += log.render(width, "  ");
    }
    return out;
}

}  // namespace owner
