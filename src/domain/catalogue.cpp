#include "domain/catalogue.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "domain/time.hpp"

namespace owner {

namespace {

struct Entry {
    Text key;
    std::string_view en;
    std::string_view nl;
};

constexpr std::array kCatalogue = {
    Entry{Text::today_header_one, "{} open case", "{} open zaak"},
    Entry{Text::today_header_many, "{} open cases", "{} open zaken"},
    Entry{Text::today_header_rest, " · {} overdue · {} for today",
          " · {} te laat · {} voor vandaag"},
    Entry{Text::today_no_cases,
          "{} · no open cases.\nOpen one with: owner new TITLE --customer NAME\n"
          "Or look around a demo store first: owner demo\n",
          "{} · geen open zaken.\nOpen er een met: owner new TITEL --customer NAAM\n"
          "Of kijk eerst rond in een voorbeeldopslag: owner demo\n"},
    Entry{Text::today_nothing, "Nothing needs you today.", "Vandaag vraagt niets om je aandacht."},
    Entry{Text::done_actions_one, "{} action done", "{} actie afgerond"},
    Entry{Text::done_actions_many, "{} actions done", "{} acties afgerond"},
    Entry{Text::done_closed_one, "{} case closed", "{} zaak gesloten"},
    Entry{Text::done_closed_many, "{} cases closed", "{} zaken gesloten"},
    Entry{Text::well_done, "Well done.", "Goed gedaan."},
    Entry{Text::item_check, "check on {}: {}", "controleer bij {}: {}"},
    Entry{Text::item_promised, "promised: {}", "beloofd: {}"},
    Entry{Text::item_escalate_to, "{} → escalate to {}", "{} → escaleer naar {}"},
    Entry{Text::item_owed_update, "owed an update on: {}", "heeft bericht tegoed over: {}"},
    Entry{Text::item_plan_next, "plan the next step: {}", "plan de volgende stap: {}"},
    Entry{Text::item_not_reviewed, "priority {} not reviewed since {}: {}",
          "prioriteit {} niet herzien sinds {}: {}"},
    Entry{Text::item_waited, "waited for the customer{}: ask again or plan the next step",
          "op de klant gewacht{}: vraag opnieuw of plan de volgende stap"},
    Entry{Text::since, "since {}", "sinds {}"},
    Entry{Text::rel_today, "today {}", "vandaag {}"},
    Entry{Text::rel_tomorrow, "tomorrow {}", "morgen {}"},
    Entry{Text::rel_yesterday, "yesterday {}", "gisteren {}"},
    Entry{Text::priority_urgent, "urgent", "urgent"},
    Entry{Text::priority_high, "high", "hoog"},
    Entry{Text::priority_normal, "normal", "normaal"},
    Entry{Text::priority_low, "low", "laag"},
    Entry{Text::agenda_items_one, "{} · {} item", "{} · {} punt"},
    Entry{Text::agenda_items_many, "{} · {} items", "{} · {} punten"},
    Entry{Text::agenda_overbooked, " · overbooked (more than {})", " · overvol (meer dan {})"},
    Entry{Text::status_heading, "Status {}", "Status {}"},
    Entry{Text::status_counts,
          "{} open · {} due today · {} waiting on colleagues · {} escalated · ",
          "{} open · {} voor vandaag · {} bij collega's · {} geëscaleerd · "},
    Entry{Text::status_owed_one, "{} owed an update", "{} wacht op bericht"},
    Entry{Text::status_owed_many, "{} owed an update", "{} wachten op bericht"},
    Entry{Text::status_closed_count, " · {} closed", " · {} gesloten"},
    Entry{Text::status_overdue_since, "overdue since {}", "te laat sinds {}"},
    Entry{Text::status_due_by, "due {}", "uiterlijk {}"},
    Entry{Text::status_nothing_since, "nothing since {}", "geen bericht sinds {}"},
    Entry{Text::today_overdue, "Overdue", "Te laat"},
    Entry{Text::today_today, "Today", "Vandaag"},
    Entry{Text::today_checks, "Checks due", "Controles te doen"},
    Entry{Text::today_escalations, "Escalations due", "Te escaleren"},
    Entry{Text::today_updates, "Customers owed an update", "Klanten die bericht tegoed hebben"},
    Entry{Text::today_deadline_one, "Deadlines in the next working day",
          "Deadlines in de komende werkdag"},
    Entry{Text::today_deadline_many, "Deadlines in the next {} working days",
          "Deadlines in de komende {} werkdagen"},
    Entry{Text::today_waiting, "Waited on the customer long enough",
          "Lang genoeg op de klant gewacht"},
    Entry{Text::today_no_next_step, "Without a next step", "Zonder volgende stap"},
    Entry{Text::today_review, "Priorities to review", "Prioriteiten om te herzien"},
    Entry{Text::status_due, "Due by today", "Uiterlijk vandaag"},
    Entry{Text::status_waiting, "Waiting on colleagues", "Wacht op collega's"},
    Entry{Text::status_escalated, "Escalated", "Geëscaleerd"},
    Entry{Text::status_owed, "Customers owed an update", "Klanten die bericht tegoed hebben"},
    Entry{Text::status_closed, "Closed since {} — well done!", "Gesloten sinds {} — goed gedaan!"},
    Entry{Text::remind_due, "due: {}", "te doen: {}"},
    Entry{Text::remind_check, "check on {}: {}", "controleer bij {}: {}"},
    Entry{Text::remind_escalate, "escalate: {}", "escaleer: {}"},
    Entry{Text::remind_owed_update, "owed an update", "heeft bericht tegoed"},
    Entry{Text::remind_owed_first, "owed a first confirmation: who does what, and when",
          "wacht op een eerste bevestiging: wie doet wat, en wanneer"},
    Entry{Text::remind_waited, "waited on the customer until now: ask again or plan the next step",
          "tot nu op de klant gewacht: vraag opnieuw of plan de volgende stap"},
    Entry{Text::remind_deadline_missed, "promised deadline missed", "beloofde deadline gemist"},
    Entry{Text::remind_deadline_today, "promised deadline today at {}",
          "beloofde deadline vandaag om {}"},
};

}  // namespace

// The catalogue lists the texts in the order of `Text`, so that say() finds one by its index.
constexpr bool in_order() {
    for (std::size_t i = 0; i < kCatalogue.size(); ++i) {
        if (static_cast<std::size_t>(kCatalogue[i].key) != i) {
            return false;
        }
    }
    return true;
}
static_assert(in_order(), "kCatalogue must list the texts in the order of enum Text");

std::string_view say(Text key, std::string_view lang) {
    const auto i = static_cast<std::size_t>(key);
    if (i >= kCatalogue.size()) {
        return "";
    }
    const Entry& e = kCatalogue[i];
    return lang == "nl" && !e.nl.empty() ? e.nl : e.en;
}

void append_filled(std::string& out, std::string_view text,
                   std::initializer_list<std::string_view> args) {
    const std::string_view* arg = args.begin();
    std::size_t run = 0;  // the start of text copied as it is
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const bool field = text[i] == '{' && text[i + 1] == '}';
        const bool brace =
            (text[i] == '{' && text[i + 1] == '{') || (text[i] == '}' && text[i + 1] == '}');
        if (!field && !brace) {
            continue;
        }
        out.append(text.substr(run, i - run + (brace ? 1 : 0)));
        if (field && arg != args.end()) {
            out += *arg++;
        }
        run = ++i + 1;
    }
    if (run < text.size()) {
        out.append(text.substr(run));
    }
}

void say_to(std::string& out, Text key, std::string_view lang,
            std::initializer_list<std::string_view> args) {
    append_filled(out, say(key, lang), args);
}

std::string say_count(Text one, Text many, std::size_t n, std::string_view lang) {
    return fmt::format(fmt::runtime(say(n == 1 ? one : many, lang)), n);
}

namespace {

constexpr std::string_view kDays[2][2][7] = {
    {{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
     {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}},
    {{"ma", "di", "wo", "do", "vr", "za", "zo"},
     {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}}};
constexpr std::string_view kMonths[2][2][12] = {
    {{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"}},
    {{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
     {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
      "oktober", "november", "december"}}};

int index_of(std::string_view lang) {
    return lang == "nl" ? 1 : 0;
}

}  // namespace

std::string_view day_name(int weekday, std::string_view lang, bool abbreviated) {
    return kDays[index_of(lang)][abbreviated ? 0 : 1][((weekday % 7) + 7) % 7];
}

std::string_view month_name(int month, std::string_view lang, bool abbreviated) {
    return kMonths[index_of(lang)][abbreviated ? 0 : 1][((month - 1) % 12 + 12) % 12];
}

std::string long_date(const Date& d, std::string_view lang) {
    return fmt::format("{} {} {} {}", day_name(d.weekday(), lang, false), d.day,
                       month_name(d.month, lang, false), d.year);
}

std::string capitalized(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

std::string relative_when(const Timestamp& t, const Timestamp& now, std::string_view lang) {
    const Date today = to_local(now.seconds).date;
    const LocalTime lt = to_local(t.seconds);
    for (const auto& [day, text] :
         {std::pair{today, Text::rel_today}, std::pair{today.plus_days(1), Text::rel_tomorrow},
          std::pair{today.plus_days(-1), Text::rel_yesterday}}) {
        if (lt.date == day) {
            return fmt::format(fmt::runtime(say(text, lang)), hhmm(lt.minute_of_day));
        }
    }
    return human_time(t, lang);
}

std::string_view priority_word(std::string_view level, std::string_view lang) {
    const Text t = level == "urgent" ? Text::priority_urgent
                   : level == "high" ? Text::priority_high
                   : level == "low"  ? Text::priority_low
                                     : Text::priority_normal;
    return level == "urgent" || level == "high" || level == "low" || level == "normal"
               ? say(t, lang)
               : level;
}

}  // namespace owner
