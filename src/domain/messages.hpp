#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// Step 3: messages that say Who does What and When. Templates have {placeholders}; the ones
// that promise something must contain {who}, {what} and {when}.
namespace owner {

// Template names: customer, colleague, escalation, notice (to the person concerned),
// owner_notice (to the case's owner when someone else escalated it), thanks (one helper),
// thanks_many, withdrawn (to a colleague after the customer withdrew: thanks, and the work is no
// longer needed), withdrawn_many.
inline constexpr std::string_view kTemplateNames[] = {
    "customer", "colleague",   "escalation", "notice",        "owner_notice",
    "thanks",   "thanks_many", "withdrawn",  "withdrawn_many"};
// {what} is a list of "- …" lines where a message names several things; {progress} is a whole
// paragraph or nothing; {greeting} is the salutation line. Runs of empty lines left by an empty
// placeholder are closed up.
inline constexpr std::string_view kPlaceholders[] = {
    "who",      "what",    "when",   "customer", "title",     "id",       "ref",
    "owner",    "to",      "reason", "since",    "checks",    "deadline", "greeting",
    "progress", "contact", "say",    "ask",      "case_owner"};

// What the customer reads about an action (`plan … --tell`), kept in the case file as `tell`.
std::optional<std::string> customer_wording(const Action& a);
void set_customer_wording(Action& a, const std::string& text);
// The case's language (`new --lang`, kept as `lang`) and the person to address (`contact_name`).
std::optional<std::string> case_language(const Case& c);
std::optional<std::string> contact_name(const Case& c);
// The language for a message: the explicit choice, else the case's, else the config's.
std::string message_language(const Case& c, const Config& config, std::string_view explicit_lang);

// The built-in template, or nullopt for an unknown language or name.
std::optional<std::string> builtin_template(std::string_view lang, std::string_view name);
// Why a template cannot be used ("lacks {when}", "unknown placeholder {foo}"), or empty if fine.
std::string template_problem(std::string_view name, std::string_view text);
// The template to use: config's, else built-in.
std::string template_for(const Config& config, std::string_view lang, std::string_view name);
// Fills {placeholders}.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values);

// "Friday 27 November at 12:00" / "vrijdag 27 november om 12:00".
std::string spoken_time(const Timestamp& t, std::string_view lang);
// "Friday 27 November" / "vrijdag 27 november".
std::string spoken_day(const Timestamp& t, std::string_view lang);
// "a, b and c" / "a, b en c".
std::string spoken_list(const std::vector<std::string>& items, std::string_view lang);

// A draft, or why there is none.
struct Draft {
    std::string text;
    std::string refusal;                // non-empty: no draft, and this says why
    std::vector<std::string> notes;     // for the owner, not the reader (stderr): what to improve
    std::vector<std::string> warnings;  // for the owner: what the draft had to change (stderr)
};

// What a customer draft adds to the case's own story (`draft --say`, `--ask`), and the moment it
// is written: nothing is promised before `now`.
struct DraftWords {
    std::optional<Timestamp> now;
    std::string say;  // a paragraph of the owner's own: an apology, context
    std::string ask;  // what the customer must send; empty: a waiting case's wait note
};

// To the customer: the owner is the Who (the letter is theirs), the open actions the What, the
// promised deadline (else the last due time) the When. An action is told in its customer wording;
// one without gets a neutral line and a note. Done actions with customer wording since the
// customer last heard from the owner come first, as progress.
// Never a date in the past, never a contradiction: with `words.now`, an action whose due time
// passed is promised by the deadline (and a warning names it to re-plan); an action due after the
// deadline, or a deadline already past, refuses the draft. {say} tells what changed since the
// customer last heard (a reopening acknowledged, a moved deadline in its `deadline --tell`
// wording) and the owner's own paragraph; {ask} what the customer must send. A template of the
// user's own without them gets those paragraphs after its greeting, with a note. An item already
// reported done is not listed again as next.
Draft draft_to_customer(const Case& c, const Config& config, std::string_view lang,
                        const DraftWords& words = {});
// To a colleague: what is asked of them and by when.
Draft draft_to_colleague(const Case& c, const std::string& name, const Config& config,
                         std::string_view lang);
// To the customer, the solution given (issue 26): what was done since they last heard, and the
// ask for their yes. Refused while an action is open. `words.say` is a paragraph of the owner's
// own after the news, `words.ask` what the customer must send (no default: a solution awaits only
// their yes).
Draft draft_solution(const Case& c, const Config& config, std::string_view lang,
                     const DraftWords& words = {});
// Thanks to the colleagues who helped. After a withdrawal it says no solution was accepted: it
// thanks them for the work and says the customer no longer needs it (templates withdrawn*).
Draft draft_thanks(const Case& c, const Config& config, std::string_view lang);
// To a colleague whose open actions a withdrawal cancelled: the work is no longer needed.
Draft draft_no_longer_needed(const Case& c, const std::string& name, const Config& config,
                             std::string_view lang);
// Why a rule asks for an escalation: escalation_reason (domain/escalation.hpp).
// The escalation message, the notice to the person concerned (none when that is the owner, the
// escalation contact or the one who escalates: one draft per recipient), and, when someone other
// than the case's owner escalates, the notice to the owner (none when the owner is the contact).
struct EscalationDrafts {
    Draft to_contact;
    Draft to_person;
    std::string person;
    Draft to_owner;
    std::string owner;
};
// Never a past date asked for: an action past its due time is asked for by the deadline while
// that is ahead, else as soon as possible; an overdue action is "overdue since" its due time; the
// notice addresses the person concerned as "you".
EscalationDrafts draft_escalation(const Case& c, const std::string& contact,
                                  const std::string& reason, const Timestamp& since,
                                  std::optional<std::size_t> action, const Config& config,
                                  std::string_view lang, const Timestamp& now);

}  // namespace owner
