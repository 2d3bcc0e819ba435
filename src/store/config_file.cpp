#include "store/config_file.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/lookup.hpp"
#include "domain/mail.hpp"
#include "domain/messages.hpp"
#include "domain/planning.hpp"
#include "domain/text.hpp"
#include "render/text.hpp"
#include "store/codec.hpp"
#include "store/files.hpp"
#include "store/process.hpp"
#include "store/toml_fields.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

// Reads one table of the config: the shared typed fields into the defaults, numbers in a range.
class Section : public TomlFields {
  public:
    Section(const toml::table& t, const std::string& path, std::string prefix)
        : TomlFields(t, path, std::move(prefix), Found::unsaid) {}

    void string(std::string_view key, std::string& out) {
        if (auto v = TomlFields::string(key)) {
            clean(*node(key), key, *v);
            out = std::move(*v);
        }
    }

    // Config text is shown and written into cases: held to what an argument is (valid UTF-8, no
    // control characters; newlines and tabs only in a template).
    void clean(const toml::node& at, std::string_view key, std::string_view text,
               bool multiline = false) const {
        if (auto p = text_problem(text, multiline, multiline)) {
            fail(at, key,
                 fmt::format("valid UTF-8 without control characters{} ({})",
                             multiline ? " but newlines and tabs" : "", *p));
        }
    }

    template <typename Number>
    void number(std::string_view key, Number& out, double min, double max) {
        if (const toml::node* n = take(key)) {
            double v = 0;
            if (n->is_integer()) {
                v = static_cast<double>(n->as_integer()->get());
            } else if (n->is_floating_point()) {
                v = n->as_floating_point()->get();
            } else {
                fail(*n, key, fmt::format("a number from {} to {}", min, max));
            }
            if (!(v >= min && v <= max) || (std::is_integral_v<Number> && v != std::floor(v))) {
                fail(*n, key,
                     fmt::format("{} from {} to {}",
                                 std::is_integral_v<Number> ? "a whole number" : "a number", min,
                                 max));
            }
            out = static_cast<Number>(v);
        }
    }

    void boolean(std::string_view key, bool& out) {
        if (auto v = TomlFields::boolean(key)) {
            out = *v;
        }
    }

    // Every key must be one we know: a misspelt rule would otherwise be ignored.
    void finish() const { refuse_unknown(); }
};

std::optional<int> parse_hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') {
        return std::nullopt;
    }
    auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -100; };
    const int h = digit(0) * 10 + digit(1);
    const int m = digit(3) * 10 + digit(4);
    if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
        return std::nullopt;
    }
    return h * 60 + m;
}

WorkCalendar read_work(Section& s, const WorkCalendar& defaults) {
    std::array<bool, 7> days = defaults.working_weekdays();
    int start = defaults.start_minute();
    int end = defaults.end_minute();
    std::set<Date> holidays = defaults.holidays();
    if (const toml::node* n = s.take("days")) {
        static constexpr std::string_view kNames[] = {"mon", "tue", "wed", "thu",
                                                      "fri", "sat", "sun"};
        const toml::array* arr = n->as_array();
        if (!arr) {
            s.fail(*n, "days", "an array such as [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]");
        }
        days.fill(false);
        for (const toml::node& item : *arr) {
            bool found = false;
            for (std::size_t i = 0; i < 7 && item.is_string(); ++i) {
                if (item.as_string()->get() == kNames[i]) {
                    days[i] = found = true;
                }
            }
            if (!found) {
                s.fail(item, "days", "weekday names mon, tue, wed, thu, fri, sat, sun");
            }
        }
        if (arr->empty()) {
            s.fail(*n, "days", "at least one working day");
        }
    }
    if (const toml::node* n = s.take("hours")) {
        const auto text = n->value<std::string>();
        std::optional<int> a, b;
        if (text && text->size() == 11 && (*text)[5] == '-') {
            a = parse_hhmm(text->substr(0, 5));
            b = parse_hhmm(text->substr(6));
        }
        if (!a || !b || *b <= *a) {
            s.fail(*n, "hours", "a range such as \"09:00-17:00\"");
        }
        start = *a;
        end = *b;
    }
    if (const toml::node* n = s.take("holidays")) {
        const toml::array* arr = n->as_array();
        if (!arr) {
            s.fail(*n, "holidays", "an array of dates such as [2026-12-25, 2026-12-26]");
        }
        for (const toml::node& item : *arr) {
            if (!item.is_date()) {
                s.fail(item, "holidays", "dates such as 2026-12-25");
            }
            const toml::date d = item.as_date()->get();
            holidays.insert(Date{d.year, d.month, d.day});
        }
    }
    s.finish();
    return WorkCalendar(days, start, end, std::move(holidays));
}

// A list of names: the aliases of a person.
void read_aliases(const Section& s, const std::string& key, const toml::array& arr, Person& p) {
    for (const toml::node& item : arr) {
        if (!item.is_string() || fold_text(item.as_string()->get()).empty()) {
            s.fail(item, key, "names as strings, such as \"Ben\"");
        }
        s.clean(item, key, item.as_string()->get());
        p.aliases.push_back(item.as_string()->get());
    }
}

// [people]: "Ben Smit" = ["Ben", "Ben Smit (billing)"], or with more about the person:
// "Ben Smit" = { aliases = ["Ben"], email = "ben@example.com", role = "lead" }. A name that
// means two people is refused.
Roster read_people(const toml::table& t, const std::string& path, const std::string& prefix) {
    Section s(t, path, prefix);
    std::vector<Person> people;
    for (const auto& [key, value] : t) {
        const std::string name(key.str());
        if (fold_text(name).empty()) {
            s.fail(value, name, "a person's name with letters or digits");
        }
        s.clean(value, name, name);
        Person p{name, {}, {}, {}};
        if (const toml::array* arr = value.as_array()) {
            read_aliases(s, name, *arr, p);
        } else if (const toml::table* person = value.as_table()) {
            Section about(*person, path, prefix + name + ".");
            if (const toml::node* n = about.take("aliases")) {
                if (!n->as_array()) {
                    about.fail(*n, "aliases", "an array of names, such as [\"Ben\"]");
                }
                read_aliases(about, "aliases", *n->as_array(), p);
            }
            about.string("email", p.email);
            if (!p.email.empty() && !is_mail_address(p.email)) {
                about.fail(*about.node("email"), "email", "a mail address such as ben@example.com");
            }
            about.string("role", p.role);
            if (!p.role.empty() && p.role != kLeadRole) {
                about.fail(*about.node("role"), "role", "\"lead\" (or no role)");
            }
            about.finish();
        } else {
            s.fail(value, name,
                   "an array of the other ways the name is written, such as [\"Ben\", \"Ben Smit "
                   "(billing)\"], or [], or a table such as { aliases = [\"Ben\"], email = "
                   "\"ben@example.com\", role = \"lead\" }");
        }
        people.push_back(std::move(p));
    }
    // Each spelling must point to one person only, or `--who Ben` could not know whom it means.
    std::map<std::string, std::string> owner_of;
    for (const Person& p : people) {
        std::vector<std::string> spellings{p.name};
        spellings.insert(spellings.end(), p.aliases.begin(), p.aliases.end());
        for (const std::string& spelling : spellings) {
            const auto [it, inserted] = owner_of.emplace(fold_text(spelling), p.name);
            if (!inserted && it->second != p.name) {
                s.fail(*t.get(p.name), p.name,
                       fmt::format("names that are nobody else's; \"{}\" is also {}", spelling,
                                   it->second));
            }
        }
    }
    return Roster(std::move(people));
}

}  // namespace

Config parse_config(std::string_view text, const std::string& path, Config c) {
    const toml::table root = parse_toml(text, path);
    Section top(root, path, "");
    top.string("name", c.name);
    top.string("language", c.language);
    if (!is_language(c.language)) {
        top.fail(*root.get("language"), "language", language_choices(" or ", "\""));
    }
    top.string("email", c.email);
    if (!c.email.empty() && !is_mail_address(c.email)) {
        top.fail(*root.get("email"), "email", "a mail address such as sam@example.com");
    }
    if (const auto problem = address_length_problem(c.email)) {
        top.fail(*root.get("email"), "email", "an address a mail can be sent from: " + *problem);
    }
    if (const toml::table* t = top.table("work")) {
        Section s(*t, path, "work.");
        // The name's form here; whether this system has the zone, in load_config.
        if (const toml::node* n = s.take("time_zone")) {
            const auto name = n->value<std::string>();
            if (!name || !is_zone_name(*name)) {
                s.fail(*n, "time_zone", "an IANA time zone name such as \"Europe/Amsterdam\"");
            }
            c.time_zone = *name;
        }
        c.calendar = read_work(s, c.calendar);
    }
    if (const toml::table* t = top.table("plan")) {
        Section s(*t, path, "plan.");
        if (const toml::node* n = s.take("slack_days")) {
            throw Error(fmt::format("{}:{}: plan.slack_days is no longer read: set "
                                    "plan.default_effort (an action's usual size, such as \"1wh\") "
                                    "and plan.slack_share instead (owner(5))",
                                    path, n->source().begin.line));
        }
        if (const toml::node* n = s.take("default_effort")) {
            const auto typed = n->value<std::string>();
            const auto minutes = typed ? parse_effort(*typed, c.calendar) : std::nullopt;
            if (!minutes) {
                s.fail(*n, "default_effort",
                       fmt::format("a working time such as {}", kEffortForms));
            }
            c.default_effort_minutes = *minutes;
        }
        s.number("slack_share", c.slack_share, 0, 1);
        s.number("overbooked", c.overbooked, 1, 1000);
        s.number("review_days", c.review_days, 1, 365);
        s.number("soon_days", c.soon_days, 0, 365);
        s.finish();
    }
    if (const toml::table* t = top.table("drafts")) {
        Section s(*t, path, "drafts.");
        s.boolean("first_names", c.first_names);
        s.finish();
    }
    if (const toml::table* t = top.table("mail")) {
        Section s(*t, path, "mail.");
        s.string("send", c.mail_send);
        if (const toml::node* n = t->get("send")) {
            try {
                (void)split_command(c.mail_send);
            } catch (const Error&) {
                s.fail(*n, "send",
                       "a command that reads a mail on its input, such as \"msmtp -t\" or "
                       "\"/usr/sbin/sendmail -t\" (quotes balanced)");
            }
        }
        s.finish();
    }
    if (const toml::table* t = top.table("check")) {
        Section s(*t, path, "check.");
        s.number("first_after_hours", c.check_first_after_hours, 0, 1000);
        s.finish();
    }
    if (const toml::table* t = top.table("update")) {
        Section s(*t, path, "update.");
        s.number("every_days", c.update_every_days, 1, 365);
        s.number("first_within_hours", c.update_first_within_hours, 0, 1000);
        s.number("acceptance_days", c.update_acceptance_days, 1, 365);
        s.finish();
    }
    if (const toml::table* t = top.table("escalate")) {
        Section s(*t, path, "escalate.");
        s.string("to", c.escalation.to);
        s.boolean("on_stalled", c.escalation.on_stalled);
        s.number("overdue_hours", c.escalation.overdue_hours, 0, 10000);
        s.number("deadline_hours", c.escalation.deadline_hours, 0, 10000);
        s.number("repeat_after_hours", c.escalation.repeat_after_hours, 1, 10000);
        if (const toml::table* tags = s.table("tags")) {
            for (const auto& [tag, contact] : *tags) {
                const Section in_tags(*tags, path, "escalate.tags.");
                if (!contact.is_string()) {
                    in_tags.fail(contact, tag.str(), "a contact name");
                }
                in_tags.clean(contact, tag.str(), tag.str());
                in_tags.clean(contact, tag.str(), contact.as_string()->get());
                c.escalation.tags[std::string(tag.str())] = contact.as_string()->get();
            }
        }
        s.finish();
    }
    if (const toml::table* t = top.table("status")) {
        Section s(*t, path, "status.");
        if (const toml::node* n = s.take("fields")) {
            const toml::array* arr = n->as_array();
            if (!arr) {
                s.fail(*n, "fields", "an array such as [\"title\", \"customer\"]");
            }
            c.status_customer = c.status_title = false;
            for (const toml::node& item : *arr) {
                const auto v = item.value<std::string>();
                if (v == "customer") {
                    c.status_customer = true;
                } else if (v == "title") {
                    c.status_title = true;
                } else {
                    s.fail(item, "fields",
                           "\"title\" and/or \"customer\" (the id always goes out, contact details "
                           "never)");
                }
            }
        }
        s.finish();
    }
    if (const toml::table* t = top.table("urgency")) {
        Section s(*t, path, "urgency.");
        UrgencyWeights& w = c.urgency;
        s.number("urgent", w.urgent, 0, 1000);
        s.number("high", w.high, 0, 1000);
        s.number("normal", w.normal, 0, 1000);
        s.number("low", w.low, 0, 1000);
        s.number("deadline", w.deadline, 0, 1000);
        s.number("deadline_horizon", w.deadline_horizon, 1, 365);
        s.number("deadline_passed", w.deadline_passed, 0, 1000);
        s.number("overdue_action", w.overdue_action, 0, 1000);
        s.number("overdue_check", w.overdue_check, 0, 1000);
        s.number("stalled", w.stalled, 0, 1000);
        s.number("silence_per_day", w.silence_per_day, 0, 1000);
        s.number("silence_max", w.silence_max, 0, 1000);
        s.number("age_per_day", w.age_per_day, 0, 1000);
        s.number("age_max", w.age_max, 0, 1000);
        s.number("no_next_step", w.no_next_step, 0, 1000);
        s.finish();
    }
    if (const toml::table* t = top.table("people")) {
        c.people = read_people(*t, path, "people.");
    }
    if (const toml::table* t = top.table("templates")) {
        for (const auto& [lang, names] : *t) {
            if (!is_language(lang.str())) {
                Section(*t, path, "templates.")
                    .fail(names, lang.str(), "a language: " + language_choices());
            }
            if (!names.is_table()) {
                Section(*t, path, "templates.").fail(names, lang.str(), "a table of templates");
            }
            const std::string prefix = fmt::format("templates.{}.", lang.str());
            for (const auto& [name, value] : *names.as_table()) {
                Section s(*names.as_table(), path, prefix);
                if (std::find(std::begin(kTemplateNames), std::end(kTemplateNames), name.str()) ==
                    std::end(kTemplateNames)) {
                    s.fail(value, name.str(),
                           fmt::format("a template name: {}", fmt::join(kTemplateNames, ", ")));
                }
                if (!value.is_string()) {
                    s.fail(value, name.str(), "a string");
                }
                const std::string body = value.as_string()->get();
                s.clean(value, name.str(), body, true);
                if (const std::string problem = template_problem(name.str(), body);
                    !problem.empty()) {
                    throw Error(fmt::format("{}:{}: {}{}: {}", path, value.source().begin.line,
                                            prefix, name.str(), problem));
                }
                c.templates[std::string(lang.str())][std::string(name.str())] = body;
            }
        }
    }
    top.finish();
    return c;
}

fs::path team_file(const fs::path& store_root) {
    return store_root / kTeamFileName;
}

TeamRoster parse_team(std::string_view text, const std::string& path) {
    const toml::table root = parse_toml(text, path);
    Section top(root, path, "");
    const toml::node* schema = top.take("schema");
    if (schema == nullptr || !schema->is_integer()) {
        top.fail(schema, "schema", fmt::format("'schema = {}' at the top", kTeamFileSchema));
    }
    if (const auto v = schema->as_integer()->get(); v != kTeamFileSchema) {
        throw Error(fmt::format("{}:{}: schema: this owner reads team schema {}, the file has "
                                "schema {}{}",
                                path, schema->source().begin.line, kTeamFileSchema, v,
                                v > kTeamFileSchema ? " (written by a newer owner?)" : ""));
    }
    TeamRoster team;
    const toml::table* people = top.table("people");
    if (people == nullptr || people->empty()) {
        top.fail(people, "people", "a table of the team's people, such as [people] Dini = {}");
    }
    team.people = read_people(*people, path, "people.");
    // An escalation reaches a person: each contact is a roster name (an alias becomes the name).
    const auto contact = [&](const Section& s, const toml::node& at, std::string_view key,
                             const std::string& name) {
        const Person* p = team.people.find(name);
        if (p == nullptr) {
            const std::string near = team.people.nearest(name);
            s.fail(at, key,
                   fmt::format("a person on the roster ([people]){}",
                               near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
        }
        return p->name;
    };
    if (const toml::table* t = top.table("escalate")) {
        Section s(*t, path, "escalate.");
        std::string to;
        s.string("to", to);
        if (!to.empty()) {
            team.escalate_to = contact(s, *s.node("to"), "to", to);
        }
        if (const toml::table* tags = s.table("tags")) {
            const Section in_tags(*tags, path, "escalate.tags.");
            for (const auto& [tag, value] : *tags) {
                if (!value.is_string()) {
                    in_tags.fail(value, tag.str(), "a person on the roster");
                }
                in_tags.clean(value, tag.str(), tag.str());
                team.escalate_tags[std::string(tag.str())] =
                    contact(in_tags, value, tag.str(), value.as_string()->get());
            }
        }
        s.finish();
    }
    top.finish();
    return team;
}

std::string write_team(const TeamRoster& team) {
    std::string out = "# The team's roster, shared through the store (owner(5)): change it with "
                      "'owner team edit'.\n";
    out += fmt::format("schema = {}\n\n[people]\n", kTeamFileSchema);
    for (const Person& p : team.people.people()) {
        std::vector<std::string> parts;
        if (!p.aliases.empty()) {
            std::vector<std::string> quoted;
            for (const auto& a : p.aliases) {
                quoted.push_back(toml_quote(a));
            }
            parts.push_back(fmt::format("aliases = [{}]", fmt::join(quoted, ", ")));
        }
        if (!p.email.empty()) {
            parts.push_back("email = " + toml_quote(p.email));
        }
        if (!p.role.empty()) {
            parts.push_back("role = " + toml_quote(p.role));
        }
        out += fmt::format("{} = {{{}{}{}}}\n", toml_quote(p.name), parts.empty() ? "" : " ",
                           fmt::join(parts, ", "), parts.empty() ? "" : " ");
    }
    if (!team.escalate_to.empty() || !team.escalate_tags.empty()) {
        out += "\n[escalate]\n";
        if (!team.escalate_to.empty()) {
            out += "to = " + toml_quote(team.escalate_to) + "\n";
        }
        if (!team.escalate_tags.empty()) {
            out += "\n[escalate.tags]\n";
            for (const auto& [tag, who] : team.escalate_tags) {
                out += toml_quote(tag) + " = " + toml_quote(who) + "\n";
            }
        }
    }
    return out;
}

std::optional<TeamRoster> read_team(const fs::path& store_root) {
    const fs::path path = team_file(store_root);
    auto text = read_file(path);
    if (!text) {
        return std::nullopt;
    }
    return parse_team(*text, path.string());
}

std::string login_full_name() {
    if (const passwd* pw = getpwuid(getuid())) {
        std::string gecos = pw->pw_gecos ? pw->pw_gecos : "";
        gecos = gecos.substr(0, gecos.find(','));
        if (!gecos.empty()) {
            return gecos;
        }
        if (pw->pw_name && *pw->pw_name) {
            return pw->pw_name;
        }
    }
    return "me";
}

Config load_config(const Settings& settings, const std::function<std::string()>& login_name,
                   ConfigSource& source) {
    if (settings.config_path.empty()) {
        throw Error("cannot find the home folder: HOME is not set");
    }
    source.path = settings.config_path;
    source.name_set = false;
    Config c;
    if (auto text = read_file(settings.config_path)) {
        c = parse_config(*text, settings.config_path.string(), Config{});
        source.name_set = !c.name.empty();
    } else if (settings.config_named) {
        throw Error(fmt::format("OWNER_CONFIG names {}, which does not exist",
                                settings.config_path.string()));
    }
    if (!c.time_zone.empty() && !time_zone_name_known(c.time_zone, settings.tzdir)) {
        throw Error(fmt::format("{}: work.time_zone: \"{}\" is not a time zone this system knows "
                                "(a name such as Europe/Amsterdam, see /usr/share/zoneinfo)",
                                settings.config_path.string(), c.time_zone));
    }
    if (c.name.empty()) {
        c.name = login_name();
        if (auto p = text_problem(c.name, false)) {
            throw Error(fmt::format("the login's full name (from the password database) has {}; "
                                    "set name = \"Your Name\" in {}",
                                    *p, settings.config_path.string()));
        }
    }
    return c;
}

}  // namespace owner
