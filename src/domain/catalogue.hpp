#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/language.hpp"

// The one catalogue of the words owner shows in the configured language (`language`): the texts
// of `today`, `agenda`, `status` and `remind` (headings, counts, item phrases, relative dates), and
// the names of days and months that every date in words uses (messages to customers too).
// English is the default; a text missing in a language falls back to it. Messages to customers and
// colleagues have their own templates (domain/messages). JSON keeps its keys and ISO dates.
namespace owner {

struct Date;
struct Timestamp;

enum class Text {
    // today: the top line, the footer, the item phrases
    today_header_one,   // "{} open case"
    today_header_many,  // "{} open cases"
    today_header_rest,  // " · {} overdue · {} for today"
    today_no_cases,     // "{} · no open cases." and how to open one
    today_nothing,      // "Nothing needs you today."
    done_actions_one,   // "{} action done"
    done_actions_many,
    done_closed_one,  // ", {} case closed"
    done_closed_many,
    well_done,          // ". Well done."
    item_check,         // "check on {}: {}"
    item_promised,      // "promised: {}"
    item_escalate_to,   // "{} → escalate to {}"
    item_owed_update,   // "owed an update on: {}"
    item_plan_next,     // "plan the next step: {}"
    item_not_reviewed,  // "priority {} not reviewed since {}: {}"
    item_waited,        // "waited for the customer{}: ask again or plan the next step"
    since,              // "since {}"
    rel_today,          // "today {}"
    rel_tomorrow,       // "tomorrow {}"
    rel_yesterday,      // "yesterday {}"
    priority_urgent,
    priority_high,
    priority_normal,
    priority_low,
    // agenda
    agenda_items_one,   // "{} · {} item"
    agenda_items_many,  // "{} · {} items"
    agenda_overbooked,  // " · overbooked (more than {})"
    // status: the heading and the counts line
    status_heading,   // "Status {}"
    status_counts,    // "{} open · {} due today · {} waiting on colleagues · {} escalated · "
    status_owed_one,  // "{} owed an update"
    status_owed_many,
    status_closed_count,   // " · {} closed"
    status_overdue_since,  // "overdue since {}"
    status_due_by,         // "due {}"
    status_nothing_since,  // "nothing since {}"
    // today: the section headings
    today_overdue,
    today_today,
    today_checks,
    today_escalations,
    today_updates,
    today_deadline_one,   // "Deadlines in the next working day"
    today_deadline_many,  // "Deadlines in the next {} working days"
    today_waiting,
    today_no_next_step,
    today_review,
    status_due,
    status_waiting,
    status_escalated,
    status_owed,
    status_closed,    // "Closed since {} — well done!"
    remind_due,       // "due: {}"
    remind_check,     // "check on {}: {}"
    remind_escalate,  // "escalate: {}"
    remind_owed_update,
    remind_owed_first,
    remind_waited,
    remind_deadline_missed,
    remind_deadline_today,  // "promised deadline today at {}"
    // the names of days (Monday first) and months, words separated by spaces
    days_short,    // "Mon Tue …"
    days_long,     // "Monday Tuesday …"
    months_short,  // "Jan Feb …"
    months_long,   // "January February …"
    // dates in words: weekday, day, month (and year, time)
    date_short,   // "{} {} {}": "Wed 25 Nov", "Mi 25. Nov"
    date_long,    // "{} {} {} {}": "Wednesday 25 November 2026"
    date_spoken,  // "{} {} {}": "Friday 27 November", "Freitag, 27. November"
    time_spoken,  // "{} {} {} at {}": "Friday 27 November at 12:00"
    // date words a person types (any language is read; alternatives separated by '|')
    when_today,
    when_tomorrow,
    when_day_after_tomorrow,
    when_yesterday,
    when_end_of_day,
    when_end_of_week,
    when_end_of_month,
    when_next_week,
    // messages (domain/messages): the words around the templates
    msg_dear,               // "Dear {},"
    msg_dear_organisation,  // "Dear Sir or Madam,"
    msg_done_since_last,    // the progress heading after an earlier update
    msg_done_so_far,        // … before the first one
    msg_no_fixed_date,      // {deadline} of a case without one
    msg_by,                 // "by {}": when a line of a list is due
    msg_next_step,          // the neutral line for actions without customer wording
    msg_help_one,           // what a helper without actions is thanked for
    msg_help_many,
    msg_a_solution,  // {what} of an escalation without an open action
    msg_asap,        // {when} of an escalation without action or deadline
    msg_quoted,      // "\"{}\""
    list_and,        // "{} and {}": the last of a list
    // escalation reasons (escalation_reason)
    reason_stalled,     // "a check found {} ({}) stalled"
    reason_overdue,     // "{} ({}) is overdue by {}"
    reason_passed_one,  // "the promised deadline passed with {} action open"
    reason_passed_many,
    reason_away_one,  // "the promised deadline is {} away with {} action open"
    reason_away_many,
    reason_passed_idle,      // "the promised deadline passed: {}" (no action open)
    reason_away_idle,        // "the promised deadline is {} away: {}"
    reason_not_told,         // "the work is done but the customer was not told"
    reason_nothing_planned,  // "no next step is planned"
    working_days_one,        // "{} working day"
    working_days_many,
    working_hours_one,  // "{} working hour"
    working_hours_many,
    // awaiting acceptance (issue 26): the solution given, the customer's yes to come
    today_acceptance,      // "Awaiting acceptance"
    item_acceptance_wait,  // "solution given, awaiting their yes: {}"
    item_acceptance_ask,   // "ask whether they accept the solution: {}"
    remind_acceptance,     // "solution given: ask whether they accept it"
    msg_solution_done,     // draft --solution: "Your request \"{}\" has been resolved."
    msg_solution_ask,      // "Could you let me know whether this solves it for you? …"
    msg_solution_regards,  // "Kind regards,"
    // drafts that say what changed (issue 26): the paragraphs of {say} and {ask}, and the
    // person an escalation notice goes to
    msg_ask,        // "What I need from you: {}"
    msg_moved,      // "The date I promised you has moved from {} to {}."
    msg_reopened,   // the customer's call that reopened the case, acknowledged
    msg_you,        // the person concerned, in the notice to them: "you"
    msg_time_only,  // a second time on a day already named: "14:00" / "14:00 Uhr"
    // issue 27, a team on one store: what others asked of you, what colleagues reported
    today_asked,     // "Asked of you"
    today_reported,  // "Reported by colleagues"
    item_asked,      // "{} — for {}": the action, the case's owner
    today_handed,    // "Handed to you"
    item_handed,     // "from {}": who handed the case over (after "NOTE — " when there is one)
    item_handed_by,  // "from {} (by {})": the previous owner, and the lead who did the handoff
    // issue 27: escalations that reach the person, call-backs by the lead, reminders per person
    today_escalated,         // "Escalated to you"
    item_escalated,          // "{} — case of {}": the reason, the case's owner
    today_callbacks,         // "Call-backs"
    callback_what,           // "Call {} back": a call-back's action, the customer
    remind_asked,            // "asked of you by {}: {}": the case's owner, the action
    remind_callback,         // "call-back for {}: {}": the case's owner, the action
    remind_escalated,        // "escalated to you by {}: {}": the case's owner, the reason
    remind_handed,           // "handed to you by {}{}": who did it, ": NOTE" or nothing
    msg_callback_lead,       // the customer draft: "Our team lead will call you back"
    msg_callback_colleague,  // "My colleague {} will call you back"
    // import --dry-run: what would be made
    import_case,         // "{customer} · {title} · priority {}"
    import_case_tags,    // " · tags {}"
    import_action_done,  // " (done)"
    // issue 27, the lead's view (`owner team`)
    team_heading,  // "Team {}": the date
    team_people,   // "Per person"
    team_member,   // "cases: {} open, {} overdue, {} at risk · asked: {} open, {} overdue · …"
    team_lead,     // " (lead)": after a lead's name
    team_escalated,   // "escalated {}": when
    team_at_risk,     // "Promises at risk"
    msg_callback_me,  // the customer draft, a call-back the case's owner makes: "I will call you
                      // back"
    // issue 28, mail in: the words a mail's first lines greet with and its last ones close with
    // (phrases separated by '|', matched in every language at once, folded as fold_text does),
    // and the short words that tell the languages apart (separated by spaces; each language's
    // own: no word in two columns)
    mail_salutations,  // "dear|hi|hello|…"
    mail_closings,     // "kind regards|thanks|…"
    mail_stop_words,   // "the and you …"
    // issue 29: stats --weekly and owner report
    stats_week,
    stats_closed,
    stats_median,
    stats_p90,
    stats_deadline,
    stats_promise,
    stats_confirmed,
    stats_weekly_legend,
    report_title,
    report_period,
    report_scope_owner,
    report_scope_team,
    report_summary,
    report_weekly,
    report_closed_per_week,
    report_lead_per_week,
    report_escalations,
    report_handovers,
    report_verdicts,
    report_numbers,
    report_see_table,
    report_nothing,
    report_made,
    stats_accepted,
    stats_withdrawn,
    stats_open,
    stats_lead_median,
    stats_lead_p90,
    stats_deadlines_met,
    stats_first_promise_kept,
    stats_confirmed_in_time,
    stats_updated_in_time,
    stats_rating_mean,
    stats_escalations,
    stats_handovers_per_case,
    stats_handovers,
    stats_or_more,
    stats_cases,
    stats_rating,
    stats_verdicts,
    stats_remarks,
    stats_case,
    stats_remark,
    stats_rule,
    stats_person,
    rule_stalled,
    rule_overdue,
    rule_deadline,
    rule_other,
};

// The text in `lang` (a code of kLanguages); texts with {} take their arguments through fmt.
std::string_view say(Text key, std::string_view lang);
// The text in the language of column `column` (kLanguages' order) as the catalogue has it, empty
// where it lacks one (for the test that it never does).
std::string_view catalogue_text(Text key, std::size_t column);
// How many texts the catalogue has (Text's values are 0 … this − 1).
std::size_t catalogue_size();
// The text in `lang` appended to `out` with its {} filled in by `args` in turn, as fmt would
// ("{{" and "}}" are braces), without formatting a string of its own: for texts said thousands
// of times (the item phrases of `today`).
void say_to(std::string& out, Text key, std::string_view lang,
            std::initializer_list<std::string_view> args);
// The same for any text of that form.
void append_filled(std::string& out, std::string_view text,
                   std::initializer_list<std::string_view> args);
// The form of `one` or `many` that agrees with n, n filled in: "1 open case", "3 open zaken".
std::string say_count(Text one, Text many, std::size_t n, std::string_view lang);
// The i-th of the words of a text separated by spaces (a list of names): empty past the last.
std::string_view nth_word(std::string_view words, std::size_t i);

// Names of days (0 = Monday) and months (1 = January): "Wed", "Wednesday"; "wo", "woensdag".
// Dutch writes them in lower case; `capitalized` starts a line with them.
std::string_view day_name(int weekday, std::string_view lang, bool abbreviated = true);
std::string_view month_name(int month, std::string_view lang, bool abbreviated = true);
// The text of date_short between its fields (weekday, day, month), for dates said thousands of
// times: "Wed" + " " + "25" + " " + "Nov", "Mi" + " " + "25" + ". " + "Nov".
struct ShortDateForm {
    std::string_view weekday_day;
    std::string_view day_month;
};
ShortDateForm short_date_form(std::string_view lang);
// "Wednesday 25 November 2026" / "woensdag 25 november 2026" / "Mittwoch, 25. November 2026".
std::string long_date(const Date& d, std::string_view lang);
// The first letter in upper case (ASCII only): a Dutch day name that starts a line.
std::string capitalized(std::string s);
// "today 11:00", "tomorrow 09:00", "yesterday 17:00", else "Mon 23 Nov 10:00" (in `lang`).
std::string relative_when(const Timestamp& t, const Timestamp& now,
                          std::string_view lang = kBaseLanguage);
// The name of a priority level for people (the words of the command line stay English).
std::string_view priority_word(std::string_view level, std::string_view lang);

}  // namespace owner
