#include "domain/messages.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/escalation.hpp"
#include "domain/lookup.hpp"
#include "domain/planning.hpp"
#include "domain/stats.hpp"

namespace owner {

namespace {

// The built-in templates of one language.
struct Templates {
    std::string_view customer;
    std::string_view colleague;
    std::string_view escalation;
    std::string_view notice;
    std::string_view owner_notice;  // to the case's owner, when a colleague escalated the case
    std::string_view thanks;        // to one helper
    std::string_view thanks_many;   // to several
    std::string_view withdrawn;     // to one colleague after a withdrawal: thanks, no longer needed
    std::string_view withdrawn_many;
};

// One set of templates per language, in the order of kLanguages.
constexpr std::array<Templates, kLanguageCount> kBuiltins = {
    Templates{
        .customer =
            "{greeting}\n\n"
            "Here is where your request \"{title}\" stands.\n\n"
            "{say}\n\n"
            "{progress}\n\n"
            "What happens next:\n{what}\n\n"
            "{ask}\n\n"
            "I will make sure this is done by {when}. If anything changes before then, you will "
            "hear it from me first.\n\n"
            "Kind regards,\n{who}\n",
        .colleague =
            "Hi {who},\n\n"
            "For {customer} (\"{title}\", case {id}) I am counting on you for the following, by "
            "{when}:\n{what}\n\n"
            "I will check in with you on {checks}. Tell me straight away if something gets in the "
            "way.\n\n"
            "Thanks,\n{owner}\n",
        .escalation =
            "Hi {to},\n\n"
            "I am escalating case {id} for {customer} (\"{title}\").\n"
            "Reason: {reason} (since {since}).\n"
            "What is needed: {who} to get {what} done by {when}. Promised to the customer: "
            "{deadline}.\n"
            "Can you help unblock this?\n\n"
            "{owner}\n",
        .notice = "Hi {who},\n\n"
                  "A heads-up: I escalated case {id} (\"{title}\") to {to}.\n"
                  "Reason: {reason}.\n"
                  "We still need {what} by {when}; let me know what would help you get it done.\n\n"
                  "{owner}\n",
        .owner_notice = "Hi {case_owner},\n\n"
                        "A heads-up: I escalated your case {id} for {customer} (\"{title}\") to "
                        "{to}.\n"
                        "Reason: {reason}.\n"
                        "What is needed: {who} to get {what} done by {when}.\n\n"
                        "{owner}\n",
        .thanks = "Hi {who},\n\n"
                  "Good news: {customer} accepted the solution for \"{title}\" and the case is "
                  "closed. Thank you for your part in it:\n{what}\n\n"
                  "It made the difference.\n\n"
                  "{owner}\n",
        .thanks_many = "Hi {who},\n\n"
                       "Good news: {customer} accepted the solution for \"{title}\" and the case "
                       "is closed. Thank you all for your part in it:\n{what}\n\n"
                       "Together you made the difference.\n\n"
                       "{owner}\n",
        .withdrawn = "Hi {who},\n\n"
                     "{customer} has withdrawn the request \"{title}\" (case {id}) and no longer "
                     "needs a solution. Thank you for the work you put into it:\n{what}\n\n"
                     "Whatever is still open there is no longer needed: you can stop, and spend "
                     "the time elsewhere.\n\n"
                     "{owner}\n",
        .withdrawn_many = "Hi {who},\n\n"
                          "{customer} has withdrawn the request \"{title}\" (case {id}) and no "
                          "longer needs a solution. Thank you all for the work you put into "
                          "it:\n{what}\n\n"
                          "Whatever is still open there is no longer needed: you can stop, and "
                          "spend the time elsewhere.\n\n"
                          "{owner}\n",
    },
    Templates{
        .customer = "{greeting}\n\n"
                    "Graag laat ik u weten hoe het staat met uw verzoek \"{title}\".\n\n"
                    "{say}\n\n"
                    "{progress}\n\n"
                    "Wat er nu gebeurt:\n{what}\n\n"
                    "{ask}\n\n"
                    "Ik zorg ervoor dat dit uiterlijk {when} geregeld is. Verandert er onderweg "
                    "iets, dan hoort u het als eerste van mij.\n\n"
                    "Met vriendelijke groet,\n{who}\n",
        .colleague = "Hoi {who},\n\n"
                     "Voor {customer} (\"{title}\", zaak {id}) reken ik op jou voor het volgende, "
                     "uiterlijk {when}:\n{what}\n\n"
                     "Ik kom bij je terug op {checks}. Laat het meteen weten als er iets "
                     "tussenkomt.\n\n"
                     "Bedankt,\n{owner}\n",
        .escalation =
            "Hoi {to},\n\n"
            "Ik escaleer zaak {id} voor {customer} (\"{title}\").\n"
            "Reden: {reason} (sinds {since}).\n"
            "Nodig: {who} rondt {what} af, uiterlijk {when}. Toegezegd aan de klant: {deadline}.\n"
            "Kun jij helpen dit vlot te trekken?\n\n"
            "{owner}\n",
        .notice = "Hoi {who},\n\n"
                  "Ter info: ik heb zaak {id} (\"{title}\") geëscaleerd naar {to}.\n"
                  "Reden: {reason}.\n"
                  "We hebben {what} nog steeds uiterlijk {when} nodig; laat me weten wat je nodig "
                  "hebt om het af te ronden.\n\n"
                  "{owner}\n",
        .owner_notice = "Hoi {case_owner},\n\n"
                        "Ter info: ik heb jouw zaak {id} voor {customer} (\"{title}\") "
                        "geëscaleerd naar {to}.\n"
                        "Reden: {reason}.\n"
                        "Nodig: {who} rondt {what} af, uiterlijk {when}.\n\n"
                        "{owner}\n",
        .thanks = "Hoi {who},\n\n"
                  "Goed nieuws: {customer} heeft de oplossing voor \"{title}\" geaccepteerd en de "
                  "zaak is gesloten. Dank je wel voor je bijdrage:\n{what}\n\n"
                  "Dat maakte het verschil.\n\n"
                  "{owner}\n",
        .thanks_many = "Hoi {who},\n\n"
                       "Goed nieuws: {customer} heeft de oplossing voor \"{title}\" geaccepteerd "
                       "en de zaak is gesloten. Dank jullie wel voor jullie bijdrage:\n{what}\n\n"
                       "Samen maakten jullie het verschil.\n\n"
                       "{owner}\n",
        .withdrawn = "Hoi {who},\n\n"
                     "{customer} heeft het verzoek \"{title}\" (zaak {id}) ingetrokken en heeft "
                     "geen oplossing meer nodig. Dank je wel voor het werk dat je erin hebt "
                     "gestoken:\n{what}\n\n"
                     "Wat daarvan nog openstaat, is niet meer nodig: je kunt stoppen en je tijd "
                     "aan iets anders besteden.\n\n"
                     "{owner}\n",
        .withdrawn_many = "Hoi {who},\n\n"
                          "{customer} heeft het verzoek \"{title}\" (zaak {id}) ingetrokken en "
                          "heeft geen oplossing meer nodig. Dank jullie wel voor het werk dat "
                          "jullie erin hebben gestoken:\n{what}\n\n"
                          "Wat daarvan nog openstaat, is niet meer nodig: jullie kunnen stoppen "
                          "en jullie tijd aan iets anders besteden.\n\n"
                          "{owner}\n",
    },
    Templates{
        .customer = "{greeting}\n\n"
                    "gerne informiere ich Sie über den Stand Ihres Anliegens „{title}“.\n\n"
                    "{say}\n\n"
                    "{progress}\n\n"
                    "Die nächsten Schritte:\n{what}\n\n"
                    "{ask}\n\n"
                    "Ich sorge dafür, dass dies bis {when} erledigt ist. Sollte sich vorher etwas "
                    "ändern, erfahren Sie es zuerst von mir.\n\n"
                    "Mit freundlichen Grüßen\n{who}\n",
        .colleague = "Hallo {who},\n\n"
                     "für {customer} („{title}“, Fall {id}) brauche ich bis {when} Folgendes "
                     "von dir:\n{what}\n\n"
                     "Ich melde mich bei dir am {checks}. Sag mir bitte sofort Bescheid, wenn "
                     "etwas dazwischenkommt.\n\n"
                     "Danke dir\n{owner}\n",
        .escalation = "Hallo {to},\n\n"
                      "ich eskaliere Fall {id} für {customer} („{title}“).\n"
                      "Grund: {reason} (seit {since}).\n"
                      "Was nötig ist: {who} erledigt {what} bis {when}. Dem Kunden zugesagt: "
                      "{deadline}.\n"
                      "Kannst du helfen, das wieder in Gang zu bringen?\n\n"
                      "{owner}\n",
        .notice = "Hallo {who},\n\n"
                  "zur Info: Ich habe Fall {id} („{title}“) an {to} eskaliert.\n"
                  "Grund: {reason}.\n"
                  "Wir brauchen {what} weiterhin bis {when}; sag mir, was dir helfen würde, es zu "
                  "erledigen.\n\n"
                  "{owner}\n",
        .owner_notice = "Hallo {case_owner},\n\n"
                        "zur Info: Ich habe deinen Fall {id} für {customer} („{title}“) an {to} "
                        "eskaliert.\n"
                        "Grund: {reason}.\n"
                        "Was nötig ist: {who} erledigt {what} bis {when}.\n\n"
                        "{owner}\n",
        .thanks = "Hallo {who},\n\n"
                  "gute Nachrichten: {customer} hat die Lösung für „{title}“ angenommen, und der "
                  "Fall ist abgeschlossen. Danke für deinen Beitrag:\n{what}\n\n"
                  "Das hat den Ausschlag gegeben.\n\n"
                  "{owner}\n",
        .thanks_many = "Hallo {who},\n\n"
                       "gute Nachrichten: {customer} hat die Lösung für „{title}“ angenommen, und "
                       "der Fall ist abgeschlossen. Danke euch allen für euren Beitrag:\n{what}\n\n"
                       "Gemeinsam habt ihr das möglich gemacht.\n\n"
                       "{owner}\n",
        .withdrawn = "Hallo {who},\n\n"
                     "{customer} hat das Anliegen „{title}“ (Fall {id}) zurückgezogen und braucht "
                     "keine Lösung mehr. Danke für die Arbeit, die du hineingesteckt "
                     "hast:\n{what}\n\n"
                     "Was davon noch offen ist, wird nicht mehr gebraucht: Du kannst aufhören und "
                     "die Zeit für anderes nutzen.\n\n"
                     "{owner}\n",
        .withdrawn_many = "Hallo {who},\n\n"
                          "{customer} hat das Anliegen „{title}“ (Fall {id}) zurückgezogen und "
                          "braucht keine Lösung mehr. Danke euch allen für die Arbeit, die ihr "
                          "hineingesteckt habt:\n{what}\n\n"
                          "Was davon noch offen ist, wird nicht mehr gebraucht: Ihr könnt aufhören "
                          "und die Zeit für anderes nutzen.\n\n"
                          "{owner}\n",
    },
};

// A template of `set` by its name (kTemplateNames); empty for an unknown name.
std::string_view template_named(const Templates& set, std::string_view name) {
    return name == "customer"         ? set.customer
           : name == "colleague"      ? set.colleague
           : name == "escalation"     ? set.escalation
           : name == "notice"         ? set.notice
           : name == "owner_notice"   ? set.owner_notice
           : name == "thanks"         ? set.thanks
           : name == "thanks_many"    ? set.thanks_many
           : name == "withdrawn"      ? set.withdrawn
           : name == "withdrawn_many" ? set.withdrawn_many
                                      : std::string_view();
}

bool requires_who_what_when(std::string_view name) {
    return name == "customer" || name == "colleague" || name == "escalation" || name == "notice" ||
           name == "owner_notice";
}

// One thing a message names: its text and, in a list, when it is due ("by Friday 27 November").
struct Item {
    std::string text;
    std::string when;
};

std::string lines(const std::vector<Item>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "- " : "\n- ") + capitalized(item.text) +
               (item.when.empty() ? "" : " — " + item.when);
    }
    return out;
}

std::optional<std::string> extra_string(const toml::table& t, std::string_view key) {
    if (const auto* v = t.get(key); v && v->is_string() && !v->as_string()->get().empty()) {
        return v->as_string()->get();
    }
    return std::nullopt;
}

// A customer that is an organisation is not a person to greet by name.
bool is_organisation(std::string_view name) {
    static constexpr std::string_view kForms[] = {
        "B.V.",      "BV",       "N.V.",       "NV",         "V.O.F.",  "VOF",  "Ltd",  "Ltd.",
        "LLC",       "Inc",      "Inc.",       "GmbH",       "AG",      "S.A.", "SA",   "plc",
        "Stichting", "Gemeente", "Vereniging", "Foundation", "Company", "Corp", "Corp."};
    std::size_t start = 0;
    while (start < name.size()) {
        auto end = name.find_first_of(" ,", start);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        const auto word = name.substr(start, end - start);
        if (std::find(std::begin(kForms), std::end(kForms), word) != std::end(kForms)) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

std::string say_with(Text key, std::string_view lang,
                     std::initializer_list<std::string_view> args) {
    std::string out;
    say_to(out, key, lang, args);
    return out;
}

std::string greeting(const Case& c, std::string_view lang) {
    if (const auto person = contact_name(c)) {
        return say_with(Text::msg_dear, lang, {*person});
    }
    if (is_organisation(c.customer)) {
        return std::string(say(Text::msg_dear_organisation, lang));
    }
    return say_with(Text::msg_dear, lang, {c.customer});
}

// Closes up the empty lines an empty placeholder leaves: never more than one empty line in a row.
std::string tidy(std::string text) {
    std::string out;
    int newlines = 0;
    for (char ch : text) {
        newlines = ch == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) {
            out += ch;
        }
    }
    return out;
}

std::string_view progress_heading(const Case& c, std::string_view lang) {
    return say(c.last_update_to_customer ? Text::msg_done_since_last : Text::msg_done_so_far, lang);
}

std::string quoted(std::string_view s, std::string_view lang) {
    return say_with(Text::msg_quoted, lang, {s});
}

std::string greeted(const std::string& name, const Config& config);

std::map<std::string, std::string> base_values(const Case& c, const Config& config,
                                               std::string_view lang) {
    return {{"customer", c.customer},
            {"case_owner", greeted(std::string(config.owner_of(c)), config)},
            {"title", c.title},
            {"id", c.id},
            {"ref", c.ref.value_or(c.id)},
            {"owner", config.name},
            {"contact", contact_name(c).value_or(c.customer)},
            {"greeting", greeting(c, lang)},
            {"deadline", c.deadline ? spoken_time(*c.deadline, lang)
                                    : std::string(say(Text::msg_no_fixed_date, lang))}};
}

// {what} at the start of a line is a list of "- " lines; inside a sentence (a template of the
// user's own) it is "a, b and c".
Draft render_text(const std::string& text, std::string_view lang,
                  std::map<std::string, std::string> values, const std::vector<Item>* what) {
    if (what) {
        if (text.starts_with("{what}") || text.find("\n{what}") != std::string::npos) {
            values["what"] = lines(*what);
        } else {
            std::vector<std::string> texts;
            for (const auto& item : *what) {
                texts.push_back(item.text);
            }
            values["what"] = spoken_list(texts, lang);
        }
    }
    return Draft{tidy(fill_template(text, values)), "", {}, {}};
}

Draft render(const Config& config, std::string_view lang, std::string_view name,
             std::map<std::string, std::string> values, const std::vector<Item>* what = nullptr) {
    return render_text(template_for(config, lang, name), lang, std::move(values), what);
}

}  // namespace

std::optional<std::string> builtin_template(std::string_view lang, std::string_view name) {
    if (!is_language(lang)) {
        return std::nullopt;
    }
    const std::string_view text = template_named(kBuiltins[column_of(lang)], name);
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

std::string template_problem(std::string_view name, std::string_view text) {
    for (std::size_t pos = text.find('{'); pos != std::string_view::npos;
         pos = text.find('{', pos + 1)) {
        const auto end = text.find('}', pos);
        if (end == std::string_view::npos) {
            return fmt::format("an unclosed '{{' at offset {}", pos);
        }
        const std::string_view key = text.substr(pos + 1, end - pos - 1);
        if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), key) ==
            std::end(kPlaceholders)) {
            return fmt::format("unknown placeholder {{{}}}; known: {{{}}}", key,
                               fmt::join(kPlaceholders, "}, {"));
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
            return fmt::format("a message must say Who ({{who}}), What ({{what}}) and When "
                               "({{when}}); this one lacks {}",
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
    return builtin_template(lang, name).value_or(*builtin_template(kBaseLanguage, name));
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
    const LocalTime lt = to_local(t.seconds);
    return say_with(Text::time_spoken, lang,
                    {day_name(lt.date.weekday(), lang, false), std::to_string(lt.date.day),
                     month_name(lt.date.month, lang, false), hhmm(lt.minute_of_day)});
}

std::string spoken_list(const std::vector<std::string>& items, std::string_view lang) {
    if (items.empty()) {
        return "";
    }
    if (items.size() == 1) {
        return items.front();
    }
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return say_with(Text::list_and, lang, {fmt::format("{}", fmt::join(head, ", ")), items.back()});
}

std::string spoken_day(const Timestamp& t, std::string_view lang) {
    const LocalTime lt = to_local(t.seconds);
    return say_with(Text::date_spoken, lang,
                    {day_name(lt.date.weekday(), lang, false), std::to_string(lt.date.day),
                     month_name(lt.date.month, lang, false)});
}

std::optional<std::string> customer_wording(const Action& a) {
    return extra_string(a.extra.table(), "tell");
}

void set_customer_wording(Action& a, const std::string& text) {
    if (text.empty()) {
        a.extra.erase("tell");
    } else {
        a.extra.insert_or_assign("tell", text);
    }
}

std::optional<std::string> case_language(const Case& c) {
    auto l = extra_string(c.extra.table(), "lang");
    return l && is_language(*l) ? l : std::nullopt;
}

std::optional<std::string> contact_name(const Case& c) {
    return extra_string(c.extra.table(), "contact_name");
}

std::string message_language(const Case& c, const Config& config, std::string_view explicit_lang) {
    if (!explicit_lang.empty()) {
        return std::string(explicit_lang);
    }
    return case_language(c).value_or(config.language);
}

namespace {
// What changed since the customer last heard from the owner, said to them: the reopening they
// asked for, acknowledged, and a moved deadline (from the date they heard to the one that stands,
// in the customer wording of `deadline --tell`).
std::vector<std::string> changes_to_tell(const Case& c, std::string_view lang) {
    std::vector<std::string> out;
    const auto since = c.last_update_to_customer;
    bool reopened = false;
    std::optional<Timestamp> moved_from;
    std::string tell;
    for (std::size_t i = 0; i < c.log.size(); ++i) {
        const LogEntry& e = c.log[i];
        if (since && !(*since < e.at)) {
            continue;
        }
        if (e.event == "reopened") {
            reopened = true;
        } else if (e.event == "deadline" && !is_reopening_promise(c, i)) {
            if (const auto from = toml_timestamp(e.extra.get("from")); from && !moved_from) {
                moved_from = from;
            }
            if (const auto t = extra_string(e.extra.table(), "tell")) {
                tell = *t;
            }
        }
    }
    if (reopened) {
        out.emplace_back(say(Text::msg_reopened, lang));
    }
    if (moved_from && c.deadline && *moved_from != *c.deadline) {
        std::string moved = say_with(
            Text::msg_moved, lang, {spoken_day(*moved_from, lang), spoken_day(*c.deadline, lang)});
        if (!tell.empty()) {
            moved += " " + capitalized(tell);
            if (moved.back() != '.' && moved.back() != '!' && moved.back() != '?') {
                moved += '.';
            }
        }
        out.push_back(std::move(moved));
    }
    return out;
}

std::string paragraphs(const std::vector<std::string>& texts) {
    std::string out;
    for (const auto& t : texts) {
        out += (out.empty() ? "" : "\n\n") + t;
    }
    return out;
}

// A template of the user's own without {say} or {ask}: their paragraphs go after its greeting
// (its first line), so that nothing the owner asked for is lost.
std::string with_paragraphs_after_greeting(std::string text, const std::string& extra) {
    const auto eol = text.find('\n');
    if (eol == std::string::npos) {
        return text + "\n\n" + extra + "\n";
    }
    return text.substr(0, eol) + "\n\n" + extra + "\n" + text.substr(eol);
}
}  // namespace

Draft draft_to_customer(const Case& c, const Config& config, std::string_view lang,
                        const DraftWords& words) {
    const auto open = c.open_actions();
    if (open.empty()) {
        return {"",
                fmt::format("case {} has no open action, so there is no What to promise; plan the "
                            "next step first "
                            "(owner plan {} WHAT --due WHEN --tell \"what the customer reads\")",
                            c.id, c.id),
                {},
                {}};
    }
    const std::string_view en = kBaseLanguage;
    // Never a date in the past, never a contradiction (the ways out are named in one line).
    if (words.now && c.deadline && *c.deadline < *words.now) {
        return {"",
                fmt::format("case {}: the deadline promised to {} ({}) has passed, and a draft "
                            "never promises a date in the past: agree a new one (owner deadline "
                            "{} WHEN --reason TEXT --tell TEXT) or re-plan what is left (owner "
                            "plan {} N --due WHEN)",
                            c.id, c.customer, spoken_time(*c.deadline, en), c.id, c.id),
                {},
                {}};
    }
    std::vector<std::string> warnings;
    std::vector<Timestamp> due_of(c.actions.size());
    for (auto i : open) {
        const Action& a = c.actions[i];
        due_of[i] = a.due;
        if (c.deadline && *c.deadline < a.due) {
            return {"",
                    fmt::format("case {}: action {} \"{}\" is due {}, after the deadline promised "
                                "to {} ({}): re-plan it (owner plan {} {} --due WHEN) or move the "
                                "deadline (owner deadline {} WHEN --reason TEXT --tell TEXT)",
                                c.id, i + 1, a.what, spoken_time(a.due, en), c.customer,
                                spoken_time(*c.deadline, en), c.id, i + 1, c.id),
                    {},
                    {}};
        }
        if (words.now && a.due < *words.now) {
            if (!c.deadline) {
                return {"",
                        fmt::format("case {}: action {} \"{}\" was due {} and no deadline was "
                                    "promised, so the draft has no date to promise: re-plan it "
                                    "(owner plan {} {} --due WHEN) or promise one (owner deadline "
                                    "{} WHEN --reason TEXT)",
                                    c.id, i + 1, a.what, spoken_time(a.due, en), c.id, i + 1, c.id),
                        {},
                        {}};
            }
            due_of[i] = *c.deadline;
            warnings.push_back(fmt::format(
                "action {} \"{}\" was due {}: the draft promises it by the deadline ({}); "
                "re-plan it: owner plan {} {} --due WHEN",
                i + 1, a.what, spoken_time(a.due, en), spoken_time(*c.deadline, en), c.id, i + 1));
        }
    }
    // Progress: what was done, in customer wording, since the customer last heard from the owner.
    std::vector<std::pair<Timestamp, std::string>> done;
    for (const Action& a : c.actions) {
        const auto tell = customer_wording(a);
        if (a.done && tell &&
            (!c.last_update_to_customer || *a.done > *c.last_update_to_customer)) {
            done.emplace_back(*a.done, *tell);
        }
    }
    auto reported_done = [&](const std::string& tell) {
        return std::any_of(done.begin(), done.end(),
                           [&](const auto& d) { return fold_text(d.second) == fold_text(tell); });
    };
    std::vector<Item> next;
    std::vector<std::string> notes;
    std::optional<Timestamp>
        untold_due;  // one neutral line for every action without customer wording
    std::size_t neutral_at = 0;
    Timestamp last = due_of[open.front()];
    for (auto i : open) {
        const Action& a = c.actions[i];
        last = std::max(last, due_of[i]);
        if (a.is_callback() && a.who) {
            // "Our team lead will call you back", or "My colleague NAME …": who calls, by when.
            // The case's owner signs the draft: their own call-back is "I", not "my colleague".
            const Person* caller = config.people.find(*a.who);
            std::string text = config.people.same(*a.who, config.owner_of(c))
                                   ? std::string(say(Text::msg_callback_me, lang))
                               : caller != nullptr && caller->role == kLeadRole
                                   ? std::string(say(Text::msg_callback_lead, lang))
                                   : say_with(Text::msg_callback_colleague, lang, {*a.who});
            next.push_back(
                {std::move(text), say_with(Text::msg_by, lang, {spoken_day(due_of[i], lang)})});
            continue;
        }
        if (const auto tell = customer_wording(a)) {
            // Said done already: the customer reads it once, not also as what comes next.
            if (!reported_done(*tell)) {
                next.push_back(
                    {*tell, say_with(Text::msg_by, lang, {spoken_day(due_of[i], lang)})});
            }
            continue;
        }
        notes.push_back(fmt::format(
            "action {} \"{}\" has no customer wording, so the draft has a neutral line for it; "
            "add it with: owner plan {} {} --tell \"what the customer reads\"",
            i + 1, a.what, c.id, i + 1));
        if (!untold_due) {
            neutral_at = next.size();
            next.emplace_back();
        }
        untold_due = untold_due ? std::max(*untold_due, due_of[i]) : due_of[i];
    }
    if (untold_due) {
        next[neutral_at] = {std::string(say(Text::msg_next_step, lang)),
                            say_with(Text::msg_by, lang, {spoken_day(*untold_due, lang)})};
    }
    std::stable_sort(done.begin(), done.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<Item> done_lines;
    for (const auto& d : done) {
        done_lines.push_back({d.second, ""});
    }
    auto values = base_values(c, config, lang);
    // Towards the customer the Who is always the case's owner, whoever drafts it.
    values["who"] = std::string(config.owner_of(c));
    values["when"] = spoken_time(c.deadline.value_or(last), lang);
    values["progress"] = done_lines.empty()
                             ? ""
                             : fmt::format("{}\n{}", progress_heading(c, lang), lines(done_lines));
    std::vector<std::string> said = changes_to_tell(c, lang);
    if (!words.say.empty()) {
        said.push_back(words.say);
    }
    values["say"] = paragraphs(said);
    std::string ask = words.ask;
    if (ask.empty()) {
        if (const auto wait = waiting_on_customer(c);
            wait && !wait->note.empty() && wait->note != "waiting on the customer") {
            ask = std::string(wait->note);
        }
    }
    values["ask"] = ask.empty() ? "" : say_with(Text::msg_ask, lang, {ask});
    std::string text = template_for(config, lang, "customer");
    for (const char* key : {"ask", "say"}) {
        const std::string placeholder = fmt::format("{{{}}}", key);
        if (!values[key].empty() && text.find(placeholder) == std::string::npos) {
            text = with_paragraphs_after_greeting(std::move(text), placeholder);
            notes.push_back(fmt::format("your customer template ({}) has no {}: its paragraph "
                                        "went after the greeting; put {} where it belongs",
                                        lang, placeholder, placeholder));
        }
    }
    Draft d = render_text(text, lang, values, &next);
    d.notes = std::move(notes);
    d.warnings = std::move(warnings);
    return d;
}

namespace {
// How a colleague draft greets `name`: a person on the roster by first name ("Hi Ben," for "Ben
// Smit (billing)"), unless [drafts] first_names is off; anyone else as written.
std::string greeted(const std::string& name, const Config& config) {
    if (const Person* p = config.first_names ? config.people.find(name) : nullptr) {
        return p->name.substr(0, p->name.find(' '));
    }
    return name;
}
}  // namespace

Draft draft_to_colleague(const Case& c, const std::string& name, const Config& config,
                         std::string_view lang) {
    std::vector<const Action*> mine;
    std::optional<Timestamp> when;
    std::vector<Timestamp> checks;
    for (auto i : c.open_actions()) {
        const Action& a = c.actions[i];
        if (a.who && config.people.same(*a.who, name)) {
            mine.push_back(&a);
            when = when ? std::max(*when, a.due) : a.due;
            checks.insert(checks.end(), a.checks.begin(), a.checks.end());
        }
    }
    if (mine.empty()) {
        const auto names = helpers_of(c, config);
        return {"",
                fmt::format("case {} has no open action for '{}'{}", c.id, name,
                            names.empty()
                                ? ""
                                : fmt::format(" (colleagues on it: {})", fmt::join(names, ", "))),
                {},
                {}};
    }
    // Several actions due at different times: each line says its own; otherwise {when} does.
    const bool own_times =
        std::any_of(mine.begin(), mine.end(), [&](const Action* a) { return a->due != *when; });
    std::vector<Item> what;
    for (const Action* a : mine) {
        what.push_back(
            {a->what, own_times ? say_with(Text::msg_by, lang, {spoken_time(a->due, lang)}) : ""});
    }
    std::sort(checks.begin(), checks.end());
    checks.erase(std::unique(checks.begin(), checks.end()), checks.end());
    // A day is named once: "Thursday 26 November at 10:00 and 14:00".
    std::vector<std::string> check_times;
    std::optional<Date> named_day;
    for (const auto& t : checks) {
        const LocalTime lt = to_local(t.seconds);
        check_times.push_back(named_day == lt.date
                                  ? say_with(Text::msg_time_only, lang, {hhmm(lt.minute_of_day)})
                                  : spoken_time(t, lang));
        named_day = lt.date;
    }
    auto values = base_values(c, config, lang);
    values["who"] = greeted(name, config);
    values["when"] = spoken_time(*when, lang);
    values["checks"] =
        check_times.empty() ? spoken_time(*when, lang) : spoken_list(check_times, lang);
    return render(config, lang, "colleague", values, &what);
}

Draft draft_thanks(const Case& c, const Config& config, std::string_view lang) {
    const auto names = helpers_of(c, config);
    if (names.empty()) {
        return {
            "",
            fmt::format("nobody else had an action in case {}: nobody to thank but yourself", c.id),
            {},
            {}};
    }
    const bool many = names.size() > 1;
    std::vector<Item> what;
    std::vector<std::string> greetings;  // as a colleague draft greets each: "Ben", not "Ben Smit"
    for (const auto& name : names) {
        greetings.push_back(greeted(name, config));
        std::vector<std::string> theirs;
        for (const Action& a : c.actions) {
            if (a.who && config.people.same(*a.who, name)) {
                theirs.push_back(a.what);
            }
        }
        if (theirs.empty()) {
            theirs.emplace_back(say(many ? Text::msg_help_many : Text::msg_help_one, lang));
        }
        for (const auto& t : theirs) {
            what.push_back({many ? fmt::format("{}: {}", greetings.back(), t) : t, ""});
        }
    }
    auto values = base_values(c, config, lang);
    values["who"] = spoken_list(greetings, lang);
    // Nobody accepted anything after a withdrawal: thank for the work, say it is not needed.
    const bool withdrawn = c.outcome == "withdrawn";
    return render(config, lang,
                  withdrawn ? (many ? "withdrawn_many" : "withdrawn")
                            : (many ? "thanks_many" : "thanks"),
                  values, &what);
}

Draft draft_no_longer_needed(const Case& c, const std::string& name, const Config& config,
                             std::string_view lang) {
    std::vector<Item> what;
    for (const Action& a : c.actions) {
        if (a.cancelled && a.who && config.people.same(*a.who, name)) {
            what.push_back({a.what, ""});
        }
    }
    if (what.empty()) {
        return {"", fmt::format("case {} has no cancelled action for '{}'", c.id, name), {}};
    }
    auto values = base_values(c, config, lang);
    values["who"] = greeted(name, config);
    return render(config, lang, "withdrawn", values, &what);
}

EscalationDrafts draft_escalation(const Case& c, const std::string& contact,
                                  const std::string& reason, const Timestamp& since,
                                  std::optional<std::size_t> action, const Config& config,
                                  std::string_view lang, const Timestamp& now) {
    EscalationDrafts out;
    const auto open = c.open_actions();
    if (!action) {
        // The person concerned: the first open action handed to a colleague, else the first open
        // one.
        for (auto i : open) {
            if (!is_own(c, c.actions[i], config)) {
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
    std::string person_reason = reason;
    if (action) {
        const Action& a = c.actions[*action];
        values["who"] = a.who ? *a.who : std::string(config.owner_of(c));
        values["what"] = quoted(a.what, lang);
        if (now < a.due) {
            values["when"] = spoken_time(a.due, lang);
        } else {
            // Overdue since its due time, not since the moment a rule noticed; and what is asked
            // now can only be ahead: the promise while it stands, else as soon as possible.
            values["since"] = spoken_time(std::min(a.due, since), lang);
            values["when"] = c.deadline && now < *c.deadline
                                 ? spoken_time(*c.deadline, lang)
                                 : std::string(say(Text::msg_asap, lang));
        }
        // Nobody is told what they did themselves: the person concerned may be the one escalating.
        out.person =
            !is_own(c, a, config) && !config.people.same(*a.who, contact) && !config.is_me(*a.who)
                ? *a.who
                : "";
        if (!out.person.empty()) {
            // The notice speaks to the person concerned: "(Dini)" in the reason is "(you)".
            const std::string them = fmt::format("({})", *a.who);
            const std::string you = fmt::format("({})", say(Text::msg_you, lang));
            for (auto at = person_reason.find(them); at != std::string::npos;
                 at = person_reason.find(them, at + you.size())) {
                person_reason.replace(at, them.size(), you);
            }
        }
    } else {
        values["who"] = config.owner_of(c);
        values["what"] = say(Text::msg_a_solution, lang);
        values["when"] =
            c.deadline ? spoken_time(*c.deadline, lang) : std::string(say(Text::msg_asap, lang));
    }
    out.to_contact = render(config, lang, "escalation", values);
    // A colleague or the lead escalated someone else's case: its owner hears it from them.
    const std::string owner(config.owner_of(c));
    if (!config.owns(c) && !config.people.same(owner, contact)) {
        out.owner = owner;
        out.to_owner = render(config, lang, "owner_notice", values);
    }
    if (!out.person.empty()) {
        values["reason"] = person_reason;
        out.to_person = render(config, lang, "notice", values);
    }
    return out;
}

// ---- the solution given (issue 26): `draft --solution`, from the catalogue's msg_solution_*.
Draft draft_solution(const Case& c, const Config& config, std::string_view lang,
                     const DraftWords& words) {
    if (!c.open_actions().empty()) {
        return {"",
                fmt::format("case {} still has open actions: the solution is given when they are "
                            "done (owner done {})",
                            c.id, c.id),
                {}};
    }
    // What was done, in customer wording, since the customer last heard from the owner.
    std::vector<std::pair<Timestamp, std::string>> done;
    std::vector<std::string> notes;
    for (const Action& a : c.actions) {
        if (!a.done || (c.last_update_to_customer && *a.done <= *c.last_update_to_customer)) {
            continue;
        }
        if (const auto tell = customer_wording(a)) {
            done.emplace_back(*a.done, *tell);
        }
    }
    std::stable_sort(done.begin(), done.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<Item> done_lines;
    for (const auto& d : done) {
        done_lines.push_back({d.second, ""});
    }
    std::string text = greeting(c, lang);
    text += "\n\n";
    say_to(text, Text::msg_solution_done, lang, {c.title});
    if (!words.say.empty()) {
        text += "\n\n";
        text += words.say;
    }
    if (!done_lines.empty()) {
        text += "\n\n";
        text += progress_heading(c, lang);
        text += "\n";
        text += lines(done_lines);
    }
    if (!words.ask.empty()) {
        text += "\n\n";
        text += say_with(Text::msg_ask, lang, {words.ask});
    }
    text += "\n\n";
    text += say(Text::msg_solution_ask, lang);
    text += "\n\n";
    text += say(Text::msg_solution_regards, lang);
    text += "\n";
    text += config.name;
    text += "\n";
    if (done_lines.empty()) {
        notes.push_back(fmt::format("no action of case {} has customer wording, so the draft does "
                                    "not say what was done; add it with: owner plan {} N --tell "
                                    "\"what the customer reads\"",
                                    c.id, c.id));
    }
    return {text, "", notes};
}

}  // namespace owner
