#include "domain/catalogue.hpp"

#include <array>

namespace owner {

namespace {

struct Entry {
    Text key;
    std::string_view en;
    std::string_view nl;
};

constexpr std::array kCatalogue = {
    Entry{Text::today_overdue, "Overdue", "Over tijd"},
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

std::string_view say(Text key, std::string_view lang) {
    for (const auto& e : kCatalogue) {
        if (e.key == key) {
            return lang == "nl" && !e.nl.empty() ? e.nl : e.en;
        }
    }
    return "";
}

}  // namespace owner
