#include "domain/messages.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "domain/planning.hpp"

namespace owner {

namespace {

struct Builtin {
    std::string_view lang;
    std::string_view name;
    std::string_view text;
};

constexpr Builtin kBuiltins[] = {
    {"en", "customer",
     "Dear {customer},\n\n"
     "Here is where your request \"{title}\" stands: I, {who}, will see to {what} by {when}.\n\n"
     "If anything changes before then, you will hear it from me first.\n\n"
     "Kind regards,\n{owner}\n"},
    {"en", "colleague",
     "Hi {who},\n\n"
     "For {customer} (\"{title}\", case {id}) I am counting on you for: {what}, by {when}.\n"
     "I will check in with you on {checks}. Tell me straight away if something gets in the way.\n\n"
     "Thanks,\n{owner}\n"},
    {"en", "escalation",
     "Hi {to},\n\n"
     "I am escalating case {id} for {customer} (\"{title}\"): {reason}, since {since}.\n"
     "What is needed: {who} to get {what} done by {when}; the customer was promised {deadline}.\n"
     "Can you help unblock this?\n\n"
     "{owner}\n"},
    {"en", "notice",
     "Hi {who},\n\n"
     "A heads-up: I escalated case {id} (\"{title}\") to {to}, because {reason}. "
     "We still need {what} by {when}; let me know what would help.\n\n"
     "{owner}\n"},
    {"en", "thanks",
     "Hi {who},\n\n"
     "Good news: {customer} accepted the solution for \"{title}\" and the case is closed. "
     "Thank you for {what} — it made the difference.\n\n"
     "{owner}\n"},
    {"nl", "customer",
     "Beste {customer},\n\n"
     "Zo staat uw verzoek \"{title}\" ervoor: ik, {who}, zorg voor {what}, uiterlijk {when}.\n\n"
     "Verandert er onderweg iets, dan hoort u het als eerste van mij.\n\n"
     "Met vriendelijke groet,\n{owner}\n"},
    {"nl", "colleague",
     "Hoi {who},\n\n"
     "Voor {customer} (\"{title}\", zaak {id}) reken ik op jou voor: {what}, uiterlijk {when}.\n"
     "Ik kom bij je terug op {checks}. Laat het meteen weten als er iets tussenkomt.\n\n"
     "Dank je,\n{owner}\n"},
    {"nl", "escalation",
     "Hoi {to},\n\n"
     "Ik escaleer zaak {id} voor {customer} (\"{title}\"): {reason}, sinds {since}.\n"
     "Nodig: {who} moet {what} uiterlijk {when} afronden; de klant is {deadline} beloofd.\n"
     "Kun jij helpen dit vlot te trekken?\n\n"
     "{owner}\n"},
    {"nl", "notice",
     "Hoi {who},\n\n"
     "Ter info: ik heb zaak {id} (\"{title}\") geëscaleerd naar {to}, omdat {reason}. "
     "We hebben {what} nog steeds uiterlijk {when} nodig; laat weten wat je helpt.\n\n"
     "{owner}\n"},
    {"nl", "thanks",
     "Hoi {who},\n\n"
     "Goed nieuws: {customer} heeft de oplossing voor \"{title}\" geaccepteerd en de zaak is gesloten. "
     "Dank je wel voor {what}, dat maakte het verschil.\n\n"
     "{owner}\n"},
};

constexpr std::string_view kMonths[2][12] = {
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}};
constexpr std::string_view kDays[2][7] = {
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}};

bool requires_who_what_when(std::string_view name) {
    return name == "customer" || name == "colleague" || name == "escalation" || name == "notice";
}

std::string lowercase_first(std::string s) {
    // "Credit note for invoice" reads as "credit note for invoice" inside a sentence, but keep
    // acronyms and names: only lower a capital followed by a lowercase letter.
    if (s.size() >= 2 && std::isupper(static_cast<unsigned char>(s[0])) && std::islower(static_cast<unsigned char>(s[1]))) {
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    }
    return s;
}

std::map<std::string, std::string> base_values(const Case& c, const Config& config, std::string_view lang) {
    return {{"customer", c.customer},
            {"title", c.title},
            {"id", c.id},
            {"ref", c.ref.value_or(c.id)},
            {"owner", config.name},
            {"deadline", c.deadline ? spoken_time(*c.deadline, lang) : (lang == "nl" ? "geen vaste datum" : "no fixed date")}};
}

Draft render(const Config& config, std::string_view lang, std::string_view name, const std::map<std::string, std::string>& values) {
    return Draft{fill_template(template_for(config, lang, name), values), ""};
}

} // namespace

std::optional<std::string> builtin_template(std::string_view lang, std::string_view name) {
    for (const auto& b : kBuiltins) {
        if (b.lang == lang && b.name == name) {
            return std::string(b.text);
        }
    }
    return std::nullopt;
}

std::string template_problem(std::string_view name, std::string_view text) {
    for (std::size_t pos = text.find('{'); pos != std::string_view::npos; pos = text.find('{', pos + 1)) {
        const auto end = text.find('}', pos);
        if (end == std::string_view::npos) {
            return fmt::format("an unclosed '{{' at offset {}", pos);
        }
        const std::string_view key = text.substr(pos + 1, end - pos - 1);
        if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), key) == std::end(kPlaceholders)) {
            return fmt::format("unknown placeholder {{{}}}; known: {{{}}}", key, fmt::join(kPlaceholders, "}, {"));
        }
    }
    if (requires_who_what_when(name)) {
        std::vector<std::string> missing;
        for (std::string_view p : {"{who}", "{what}", "{when}"}) {
            if (text.find(p) == std::string_view::npos) {
                missing.emplace_back(p);
            }
        }
        if (!missing.empty()) {
            return fmt::format("a message must say Who ({{who}}), What ({{what}}) and When ({{when}}); this one lacks {}",
                               fmt::join(missing, " and "));
        }
    }
    return "";
}

std::string template_for(const Config& config, std::string_view lang, std::string_view name) {
    if (auto l = config.templates.find(std::string(lang)); l != config.templates.end()) {
        if (auto t = l->second.find(std::string(name)); t != l->second.end()) {
            return t->second;
        }
    }
    return builtin_template(lang, name).value_or(*builtin_template("en", name));
}

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find('{', pos);
        const auto close = open == std::string_view::npos ? open : text.find('}', open);
        if (open == std::string_view::npos || close == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, open - pos));
        const std::string key(text.substr(open + 1, close - open - 1));
        auto it = values.find(key);
        out += it != values.end() ? it->second : "";
        pos = close + 1;
    }
    return out;
}

std::string spoken_time(const Timestamp& t, std::string_view lang) {
    const int l = lang == "nl" ? 1 : 0;
    const LocalTime lt = to_local(t.seconds);
    return fmt::format("{} {} {} {} {}", kDays[l][lt.date.weekday()], lt.date.day, kMonths[l][lt.date.month - 1],
                       l ? "om" : "at", hhmm(lt.minute_of_day));
}

std::string spoken_list(const std::vector<std::string>& items, std::string_view lang) {
    if (items.empty()) {
        return "";
    }
    if (items.size() == 1) {
        return items.front();
    }
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return fmt::format("{} {} {}", fmt::join(head, ", "), lang == "nl" ? "en" : "and", items.back());
}

std::vector<std::string> helpers(const Case& c, const Config& config) {
    std::vector<std::string> names;
    for (const Action& a : c.actions) {
        // One person under several names on the roster is thanked once, by the roster's name.
        if (a.who && !is_own(a, config) && std::find(names.begin(), names.end(), config.people.canonical(*a.who)) == names.end()) {
            names.push_back(config.people.canonical(*a.who));
        }
    }
    return names;
}

Draft draft_to_customer(const Case& c, const Config& config, std::string_view lang) {
    const auto open = c.open_actions();
    if (open.empty()) {
        return {"", fmt::format("case {} has no open action, so there is no What to promise; plan the next step first "
                                "(owner plan {} WHAT --due WHEN)", c.id, c.id)};
    }
    std::vector<std::string> what;
    Timestamp last = c.actions[open.front()].due;
    for (auto i : open) {
        what.push_back(lowercase_first(c.actions[i].what));
        last = std::max(last, c.actions[i].due);
    }
    auto values = base_values(c, config, lang);
    values["who"] = config.name;  // towards the customer the Who is always the owner
    values["what"] = spoken_list(what, lang);
    values["when"] = spoken_time(c.deadline.value_or(last), lang);
    return render(config, lang, "customer", values);
}

Draft draft_to_colleague(const Case& c, const std::string& name, const Config& config, std::string_view lang) {
    std::vector<std::string> what;
    std::optional<Timestamp> when;
    std::vector<Timestamp> checks;
    for (auto i : c.open_actions()) {
        const Action& a = c.actions[i];
        if (a.who && config.people.same(*a.who, name)) {
            what.push_back(lowercase_first(a.what));
            when = when ? std::max(*when, a.due) : a.due;
            checks.insert(checks.end(), a.checks.begin(), a.checks.end());
        }
    }
    if (what.empty()) {
        const auto names = helpers(c, config);
        return {"", fmt::format("case {} has no open action for '{}'{}", c.id, name,
                                names.empty() ? "" : fmt::format(" (colleagues on it: {})", fmt::join(names, ", ")))};
    }
    std::sort(checks.begin(), checks.end());
    std::vector<std::string> check_times;
    for (const auto& t : checks) {
        check_times.push_back(spoken_time(t, lang));
    }
    auto values = base_values(c, config, lang);
    values["who"] = name;
    values["what"] = spoken_list(what, lang);
    values["when"] = spoken_time(*when, lang);
    values["checks"] = check_times.empty() ? spoken_time(*when, lang) : spoken_list(check_times, lang);
    return render(config, lang, "colleague", values);
}

Draft draft_thanks(const Case& c, const Config& config, std::string_view lang) {
    const auto names = helpers(c, config);
    if (names.empty()) {
        return {"", fmt::format("nobody else had an action in case {}: nobody to thank but yourself", c.id)};
    }
    std::vector<std::string> what;
    for (const Action& a : c.actions) {
        if (!is_own(a, config)) {
            what.push_back(lowercase_first(a.what));
        }
    }
    auto values = base_values(c, config, lang);
    values["who"] = spoken_list(names, lang);
    values["what"] = spoken_list(what, lang);
    return render(config, lang, "thanks", values);
}

EscalationDrafts draft_escalation(const Case& c, const std::string& contact, const std::string& reason,
                                  const Timestamp& since, std::optional<std::size_t> action,
                                  const Config& config, std::string_view lang) {
    EscalationDrafts out;
    const auto open = c.open_actions();
    if (!action) {
        // The person concerned: the first open action handed to a colleague, else the first open one.
        for (auto i : open) {
            if (!is_own(c.actions[i], config)) {
                action = i;
                break;
            }
        }
        if (!action && !open.empty()) {
            action = open.front();
        }
    }
    auto values = base_values(c, config, lang);
    values["to"] = contact;
    values["reason"] = reason;
    values["since"] = spoken_time(since, lang);
    if (action) {
        const Action& a = c.actions[*action];
        values["who"] = a.who.value_or(config.name);
        values["what"] = lowercase_first(a.what);
        values["when"] = spoken_time(a.due, lang);
        out.person = !is_own(a, config) ? *a.who : "";
    } else {
        values["who"] = config.name;
        values["what"] = lang == "nl" ? "een oplossing voor de klant" : "a solution for the customer";
        values["when"] = c.deadline ? spoken_time(*c.deadline, lang) : (lang == "nl" ? "zo snel mogelijk" : "as soon as possible");
    }
    out.to_contact = render(config, lang, "escalation", values);
    if (!out.person.empty()) {
        out.to_person = render(config, lang, "notice", values);
    }
    return out;
}

} // namespace owner
