#include "domain/catalogue.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "domain/time.hpp"

namespace owner {

namespace {

// One text in every language of kLanguages, in that order: a column per language.
struct Entry {
    Text key;
    std::array<std::string_view, kLanguageCount> text;
};

constexpr std::array kCatalogue = {
    Entry{Text::today_header_one, {"{} open case", "{} open zaak", "{} offener Fall"}},
    Entry{Text::today_header_many, {"{} open cases", "{} open zaken", "{} offene Fälle"}},
    Entry{Text::today_header_rest,
          {" · {} overdue · {} for today", " · {} te laat · {} voor vandaag",
           " · {} überfällig · {} für heute"}},
    Entry{Text::today_no_cases,
          {"{} · no open cases.\nOpen one with: owner new TITLE --customer NAME\n"
           "Or look around a demo store first: owner demo\n",
           "{} · geen open zaken.\nOpen er een met: owner new TITEL --customer NAAM\n"
           "Of kijk eerst rond in een voorbeeldopslag: owner demo\n",
           "{} · keine offenen Fälle.\nEinen Fall eröffnen: owner new TITEL --customer NAME\n"
           "Oder erst einen Beispielbestand ansehen: owner demo\n"}},
    Entry{Text::today_nothing,
          {"Nothing needs you today.", "Vandaag vraagt niets om je aandacht.",
           "Heute steht nichts an."}},
    Entry{Text::done_actions_one, {"{} action done", "{} actie afgerond", "{} Aktion erledigt"}},
    Entry{Text::done_actions_many,
          {"{} actions done", "{} acties afgerond", "{} Aktionen erledigt"}},
    Entry{Text::done_closed_one, {"{} case closed", "{} zaak gesloten", "{} Fall abgeschlossen"}},
    Entry{Text::done_closed_many,
          {"{} cases closed", "{} zaken gesloten", "{} Fälle abgeschlossen"}},
    Entry{Text::well_done, {"Well done.", "Goed gedaan.", "Gut gemacht."}},
    Entry{Text::item_check, {"check on {}: {}", "controleer bij {}: {}", "nachfragen bei {}: {}"}},
    Entry{Text::item_promised, {"promised: {}", "beloofd: {}", "zugesagt: {}"}},
    Entry{Text::item_escalate_to,
          {"{} → escalate to {}", "{} → escaleer naar {}", "{} → eskalieren an {}"}},
    Entry{
        Text::item_owed_update,
        {"owed an update on: {}", "heeft bericht tegoed over: {}", "wartet auf Nachricht zu: {}"}},
    Entry{Text::item_plan_next,
          {"plan the next step: {}", "plan de volgende stap: {}", "nächsten Schritt planen: {}"}},
    Entry{Text::item_not_reviewed,
          {"priority {} not reviewed since {}: {}", "prioriteit {} niet herzien sinds {}: {}",
           "Priorität {} seit {} nicht überprüft: {}"}},
    Entry{Text::item_waited,
          {"waited for the customer{}: ask again or plan the next step",
           "op de klant gewacht{}: vraag opnieuw of plan de volgende stap",
           "auf den Kunden gewartet{}: erneut nachfragen oder nächsten Schritt planen"}},
    Entry{Text::since, {"since {}", "sinds {}", "seit {}"}},
    Entry{Text::rel_today, {"today {}", "vandaag {}", "heute {}"}},
    Entry{Text::rel_tomorrow, {"tomorrow {}", "morgen {}", "morgen {}"}},
    Entry{Text::rel_yesterday, {"yesterday {}", "gisteren {}", "gestern {}"}},
    Entry{Text::priority_urgent, {"urgent", "urgent", "dringend"}},
    Entry{Text::priority_high, {"high", "hoog", "hoch"}},
    Entry{Text::priority_normal, {"normal", "normaal", "normal"}},
    Entry{Text::priority_low, {"low", "laag", "niedrig"}},
    Entry{Text::agenda_items_one, {"{} · {} item", "{} · {} punt", "{} · {} Eintrag"}},
    Entry{Text::agenda_items_many, {"{} · {} items", "{} · {} punten", "{} · {} Einträge"}},
    Entry{
        Text::agenda_overbooked,
        {" · overbooked (more than {})", " · overvol (meer dan {})", " · überbucht (mehr als {})"}},
    Entry{Text::status_heading, {"Status {}", "Status {}", "Stand {}"}},
    Entry{Text::status_counts,
          {"{} open · {} due today · {} waiting on colleagues · {} escalated · ",
           "{} open · {} voor vandaag · {} bij collega's · {} geëscaleerd · ",
           "{} offen · {} heute fällig · {} bei Kollegen · {} eskaliert · "}},
    Entry{Text::status_owed_one,
          {"{} owed an update", "{} wacht op bericht", "{} wartet auf Nachricht"}},
    Entry{Text::status_owed_many,
          {"{} owed an update", "{} wachten op bericht", "{} warten auf Nachricht"}},
    Entry{Text::status_closed_count, {" · {} closed", " · {} gesloten", " · {} abgeschlossen"}},
    Entry{Text::status_overdue_since,
          {"overdue since {}", "te laat sinds {}", "überfällig seit {}"}},
    Entry{Text::status_due_by, {"due {}", "uiterlijk {}", "fällig {}"}},
    Entry{Text::status_nothing_since,
          {"nothing since {}", "geen bericht sinds {}", "keine Nachricht seit {}"}},
    Entry{Text::today_overdue, {"Overdue", "Te laat", "Überfällig"}},
    Entry{Text::today_today, {"Today", "Vandaag", "Heute"}},
    Entry{Text::today_checks, {"Checks due", "Controles te doen", "Fällige Nachfragen"}},
    Entry{Text::today_escalations, {"Escalations due", "Te escaleren", "Fällige Eskalationen"}},
    Entry{Text::today_updates,
          {"Customers owed an update", "Klanten die bericht tegoed hebben",
           "Kunden, die auf Nachricht warten"}},
    Entry{Text::today_deadline_one,
          {"Deadlines in the next working day", "Deadlines in de komende werkdag",
           "Fristen am nächsten Arbeitstag"}},
    Entry{Text::today_deadline_many,
          {"Deadlines in the next {} working days", "Deadlines in de komende {} werkdagen",
           "Fristen in den nächsten {} Arbeitstagen"}},
    Entry{Text::today_waiting,
          {"Waited on the customer long enough", "Lang genoeg op de klant gewacht",
           "Lange genug auf den Kunden gewartet"}},
    Entry{Text::today_no_next_step,
          {"Without a next step", "Zonder volgende stap", "Ohne nächsten Schritt"}},
    Entry{Text::today_review,
          {"Priorities to review", "Prioriteiten om te herzien", "Zu überprüfende Prioritäten"}},
    Entry{Text::status_due, {"Due by today", "Uiterlijk vandaag", "Bis heute fällig"}},
    Entry{Text::status_waiting,
          {"Waiting on colleagues", "Wacht op collega's", "Wartet auf Kollegen"}},
    Entry{Text::status_escalated, {"Escalated", "Geëscaleerd", "Eskaliert"}},
    Entry{Text::status_owed,
          {"Customers owed an update", "Klanten die bericht tegoed hebben",
           "Kunden, die auf Nachricht warten"}},
    Entry{Text::status_closed,
          {"Closed since {} — well done!", "Gesloten sinds {} — goed gedaan!",
           "Abgeschlossen seit {} — gut gemacht!"}},
    Entry{Text::remind_due, {"due: {}", "te doen: {}", "fällig: {}"}},
    Entry{Text::remind_check,
          {"check on {}: {}", "controleer bij {}: {}", "nachfragen bei {}: {}"}},
    Entry{Text::remind_escalate, {"escalate: {}", "escaleer: {}", "eskalieren: {}"}},
    Entry{Text::remind_owed_update,
          {"owed an update", "heeft bericht tegoed", "wartet auf Nachricht"}},
    Entry{Text::remind_owed_first,
          {"owed a first confirmation: who does what, and when",
           "wacht op een eerste bevestiging: wie doet wat, en wanneer",
           "wartet auf eine erste Bestätigung: wer macht was bis wann"}},
    Entry{Text::remind_waited,
          {"waited on the customer until now: ask again or plan the next step",
           "tot nu op de klant gewacht: vraag opnieuw of plan de volgende stap",
           "bis jetzt auf den Kunden gewartet: erneut nachfragen oder nächsten Schritt planen"}},
    Entry{Text::remind_deadline_missed,
          {"promised deadline missed", "beloofde deadline gemist", "zugesagte Frist verpasst"}},
    Entry{Text::remind_deadline_today,
          {"promised deadline today at {}", "beloofde deadline vandaag om {}",
           "zugesagte Frist heute um {}"}},
    Entry{Text::days_short,
          {"Mon Tue Wed Thu Fri Sat Sun", "ma di wo do vr za zo", "Mo Di Mi Do Fr Sa So"}},
    Entry{Text::days_long,
          {"Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
           "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"}},
    Entry{Text::months_short,
          {"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
           "jan feb mrt apr mei jun jul aug sep okt nov dec",
           "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez"}},
    Entry{Text::months_long,
          {"January February March April May June July August September October November "
           "December",
           "januari februari maart april mei juni juli augustus september oktober november "
           "december",
           "Januar Februar März April Mai Juni Juli August September Oktober November "
           "Dezember"}},
    Entry{Text::date_short, {"{} {} {}", "{} {} {}", "{} {}. {}"}},
    Entry{Text::date_long, {"{} {} {} {}", "{} {} {} {}", "{}, {}. {} {}"}},
    Entry{Text::date_spoken, {"{} {} {}", "{} {} {}", "{}, {}. {}"}},
    Entry{Text::time_spoken, {"{} {} {} at {}", "{} {} {} om {}", "{}, {}. {}, {} Uhr"}},
    Entry{Text::when_today, {"today", "vandaag", "heute"}},
    Entry{Text::when_tomorrow, {"tomorrow", "morgen", "morgen"}},
    Entry{Text::when_day_after_tomorrow,
          {"day after tomorrow|the day after tomorrow", "overmorgen", "übermorgen|uebermorgen"}},
    Entry{Text::when_yesterday, {"yesterday", "gisteren", "gestern"}},
    Entry{Text::when_end_of_day,
          {"end of day|end of the day", "eind van de dag|einde van de dag",
           "Ende des Tages|Tagesende"}},
    Entry{Text::when_end_of_week,
          {"end of week|end of the week", "eind van de week|einde van de week", "Ende der Woche"}},
    Entry{Text::when_end_of_month,
          {"end of month|end of the month", "eind van de maand|einde van de maand",
           "Ende des Monats|Monatsende"}},
    Entry{Text::when_next_week,
          {"next week", "volgende week", "nächste Woche|naechste Woche|kommende Woche"}},
    Entry{Text::msg_dear, {"Dear {},", "Beste {},", "Guten Tag {},"}},
    Entry{Text::msg_dear_organisation,
          {"Dear Sir or Madam,", "Geachte heer, mevrouw,", "Sehr geehrte Damen und Herren,"}},
    Entry{Text::msg_done_since_last,
          {"Done since my last message:", "Gedaan sinds mijn vorige bericht:",
           "Seit meiner letzten Nachricht erledigt:"}},
    Entry{Text::msg_done_so_far, {"Done so far:", "Al gedaan:", "Bereits erledigt:"}},
    Entry{Text::msg_no_fixed_date, {"no fixed date", "geen vaste datum", "kein festes Datum"}},
    Entry{Text::msg_by, {"by {}", "uiterlijk {}", "bis {}"}},
    Entry{Text::msg_next_step,
          {"the next step in handling your request",
           "de volgende stap in de afhandeling van uw verzoek",
           "der nächste Schritt in der Bearbeitung Ihres Anliegens"}},
    Entry{Text::msg_help_one,
          {"your help with this case", "je hulp bij deze zaak", "deine Hilfe in diesem Fall"}},
    Entry{Text::msg_help_many,
          {"help with this case", "meedenken en meehelpen", "Mitdenken und Mithelfen"}},
    Entry{Text::msg_a_solution,
          {"a solution for the customer", "een oplossing voor de klant",
           "eine Lösung für den Kunden"}},
    Entry{Text::msg_asap, {"as soon as possible", "zo snel mogelijk", "so bald wie möglich"}},
    Entry{Text::msg_quoted, {"\"{}\"", "\"{}\"", "„{}“"}},
    Entry{Text::list_and, {"{} and {}", "{} en {}", "{} und {}"}},
    Entry{Text::reason_stalled,
          {"a check found {} ({}) stalled", "bij een controle bleek {} ({}) vast te zitten",
           "bei einer Nachfrage zeigte sich, dass {} ({}) feststeckt"}},
    Entry{Text::reason_overdue,
          {"{} ({}) is overdue by {}", "{} ({}) is {} over tijd", "{} ({}) ist {} überfällig"}},
    Entry{Text::reason_passed_one,
          {"the promised deadline passed with {} action open",
           "de beloofde deadline is verstreken en er staat nog {} open actie",
           "die zugesagte Frist ist verstrichen, und {} Aktion ist noch offen"}},
    Entry{Text::reason_passed_many,
          {"the promised deadline passed with {} actions open",
           "de beloofde deadline is verstreken en er staan nog {} open acties",
           "die zugesagte Frist ist verstrichen, und {} Aktionen sind noch offen"}},
    Entry{Text::reason_away_one,
          {"the promised deadline is {} away with {} action open",
           "de beloofde deadline valt over {} en er staat nog {} open actie",
           "nur noch {} bis zur zugesagten Frist, und {} Aktion ist offen"}},
    Entry{Text::reason_away_many,
          {"the promised deadline is {} away with {} actions open",
           "de beloofde deadline valt over {} en er staan nog {} open acties",
           "nur noch {} bis zur zugesagten Frist, und {} Aktionen sind offen"}},
    Entry{Text::reason_passed_idle,
          {"the promised deadline passed: {}", "de beloofde deadline is verstreken: {}",
           "die zugesagte Frist ist verstrichen: {}"}},
    Entry{Text::reason_away_idle,
          {"the promised deadline is {} away: {}", "de beloofde deadline valt over {}: {}",
           "nur noch {} bis zur zugesagten Frist: {}"}},
    Entry{Text::reason_not_told,
          {"the work is done but the customer was not told",
           "het werk is klaar, maar de klant weet het nog niet",
           "die Arbeit ist erledigt, aber der Kunde weiß es noch nicht"}},
    Entry{Text::reason_nothing_planned,
          {"no next step is planned", "er is geen volgende stap gepland",
           "es ist kein nächster Schritt geplant"}},
    Entry{Text::working_days_one, {"{} working day", "{} werkdag", "{} Arbeitstag"}},
    Entry{Text::working_days_many, {"{} working days", "{} werkdagen", "{} Arbeitstage"}},
    Entry{Text::working_hours_one, {"{} working hour", "{} werkuur", "{} Arbeitsstunde"}},
    Entry{Text::working_hours_many, {"{} working hours", "{} werkuur", "{} Arbeitsstunden"}},
    // awaiting acceptance (issue 26): the solution given, the customer's yes to come
    Entry{Text::today_acceptance,
          {"Awaiting acceptance", "Wacht op akkoord van de klant",
           "Wartet auf die Zustimmung des Kunden"}},
    Entry{Text::item_acceptance_wait,
          {"solution given, awaiting their yes: {}", "oplossing gegeven, wacht op akkoord: {}",
           "Lösung mitgeteilt, Zustimmung steht aus: {}"}},
    Entry{Text::item_acceptance_ask,
          {"ask whether they accept the solution: {}",
           "vraag of de klant de oplossing accepteert: {}",
           "nachfragen, ob der Kunde die Lösung annimmt: {}"}},
    Entry{Text::remind_acceptance,
          {"solution given: ask whether they accept it",
           "oplossing gegeven: vraag of de klant die accepteert",
           "Lösung mitgeteilt: nachfragen, ob der Kunde sie annimmt"}},
    Entry{Text::msg_solution_done,
          {"Your request \"{}\" has been resolved.", "Uw verzoek \"{}\" is opgelost.",
           "Ihr Anliegen „{}“ ist erledigt."}},
    Entry{Text::msg_solution_ask,
          {"Could you let me know whether this solves it for you? As soon as you confirm, I will "
           "close your request.",
           "Wilt u mij laten weten of dit het voor u oplost? Zodra u dat bevestigt, sluit ik uw "
           "verzoek af.",
           "Könnten Sie mir kurz bestätigen, ob das Problem damit für Sie gelöst ist? Sobald Sie "
           "es bestätigen, schließe ich Ihr Anliegen ab."}},
    Entry{Text::msg_solution_regards,
          {"Kind regards,", "Met vriendelijke groet,", "Mit freundlichen Grüßen"}},
    // Drafts that say what changed (issue 26): what the customer must send (draft --ask), a moved
    // deadline, a reopened case, and "you" for the person an escalation notice goes to.
    Entry{Text::msg_ask,
          {"What I need from you: {}", "Wat ik daarvoor van u nodig heb: {}",
           "Was ich dafür von Ihnen brauche: {}"}},
    Entry{Text::msg_moved,
          {"The date I promised you has moved from {} to {}.",
           "De datum die ik u had toegezegd, schuift op van {} naar {}.",
           "Der Termin, den ich Ihnen zugesagt hatte, verschiebt sich von {} auf {}."}},
    Entry{Text::msg_reopened,
          {"Thank you for letting me know that it is not solved yet. I have taken your request "
           "up again.",
           "Dank u dat u mij liet weten dat het nog niet is opgelost. Ik heb uw verzoek weer "
           "opgepakt.",
           "Vielen Dank für Ihren Hinweis, dass es noch nicht gelöst ist. Ich habe Ihr Anliegen "
           "wieder aufgenommen."}},
    Entry{Text::msg_you, {"you", "jij", "du"}},
    Entry{Text::msg_time_only, {"{}", "{}", "{} Uhr"}},
    // issue 27, a team on one store: what others asked of you, what colleagues reported
    Entry{Text::today_asked, {"Asked of you", "Aan u gevraagd", "Von Ihnen erbeten"}},
    Entry{Text::today_reported,
          {"Reported by colleagues", "Gemeld door collega's", "Rückmeldungen von Kollegen"}},
    Entry{Text::item_asked, {"{} — for {}", "{} — voor {}", "{} — für {}"}},
    Entry{Text::today_handed, {"Handed to you", "Aan u overgedragen", "An Sie übergeben"}},
    Entry{Text::item_handed, {"from {}", "van {}", "von {}"}},
    Entry{Text::item_handed_by,
          {"from {} (handed over by {})", "van {} (overgedragen door {})",
           "von {} (übergeben von {})"}},
    // issue 27: escalations that reach the person, call-backs by the lead, reminders per person
    Entry{Text::today_escalated, {"Escalated to you", "Naar u geëscaleerd", "An Sie eskaliert"}},
    Entry{Text::item_escalated, {"{} — case of {}", "{} — zaak van {}", "{} — Fall von {}"}},
    Entry{Text::today_callbacks, {"Call-backs", "Terugbellen", "Rückrufe"}},
    Entry{Text::callback_what, {"Call {} back", "{} terugbellen", "{} zurückrufen"}},
    Entry{Text::remind_asked,
          {"asked of you by {}: {}", "door {} aan u gevraagd: {}", "von {} erbeten: {}"}},
    Entry{Text::remind_callback,
          {"call-back for {}: {}", "terugbellen voor {}: {}", "Rückruf für {}: {}"}},
    Entry{Text::remind_escalated,
          {"escalated to you by {}: {}", "door {} naar u geëscaleerd: {}",
           "von {} an Sie eskaliert: {}"}},
    Entry{Text::remind_handed,
          {"handed to you by {}{}", "door {} aan u overgedragen{}", "von {} an Sie übergeben{}"}},
    Entry{Text::msg_callback_lead,
          {"Our team lead will call you back", "Onze teamleider belt u terug",
           "Unsere Teamleitung ruft Sie zurück"}},
    Entry{Text::msg_callback_colleague,
          {"My colleague {} will call you back", "Mijn collega {} belt u terug",
           "{} aus meinem Team ruft Sie zurück"}},
    Entry{Text::import_case,
          {"{} · {} · priority {}", "{} · {} · prioriteit {}", "{} · {} · Priorität {}"}},
    Entry{Text::import_case_tags, {" · tags {}", " · labels {}", " · Schlagwörter {}"}},
    Entry{Text::import_action_done, {" (done)", " (gedaan)", " (erledigt)"}},
    // issue 27, the lead's view (`owner team`)
    Entry{Text::team_heading, {"Team {}", "Team {}", "Team {}"}},
    Entry{Text::team_people, {"Per person", "Per persoon", "Pro Person"}},
    Entry{Text::team_member,
          {"cases: {} open, {} overdue, {} at risk · asked: {} open, {} overdue · escalations "
           "unanswered: {}",
           "zaken: {} open, {} te laat, {} in gevaar · gevraagd: {} open, {} te laat · "
           "escalaties onbeantwoord: {}",
           "Fälle: {} offen, {} überfällig, {} gefährdet · erbeten: {} offen, {} überfällig · "
           "Eskalationen unbeantwortet: {}"}},
    Entry{Text::team_lead, {" (lead)", " (teamleider)", " (Teamleitung)"}},
    Entry{Text::team_escalated, {"escalated {}", "geëscaleerd {}", "eskaliert {}"}},
    Entry{Text::team_at_risk, {"Promises at risk", "Beloftes in gevaar", "Gefährdete Zusagen"}},
    Entry{Text::msg_callback_me, {"I will call you back", "Ik bel u terug", "Ich rufe Sie zurück"}},
    // issue 28: mail in
    Entry{Text::mail_salutations,
          {"dear|hi|hello|hey|good morning|good afternoon|good evening|greetings|to whom it may "
           "concern|bonjour",
           "beste|geachte|hallo|hoi|dag|goedendag|goedemorgen|goedemiddag|goedenavond|l.s|"
           "heer|mevrouw",
           "sehr geehrte|sehr geehrter|liebe|lieber|hallo|guten morgen|guten tag|guten abend|"
           "moin|servus|grüß gott|grüezi"}},
    Entry{Text::mail_closings,
          {"kind regards|best regards|warm regards|warmest regards|regards|best wishes|best|"
           "all the best|many thanks|thanks|thank you|thanks in advance|thank you in "
           "advance|thanks again|sincerely|yours sincerely|yours faithfully|yours|cheers",
           "met vriendelijke groet|met vriendelijke groeten|vriendelijke groet|vriendelijke "
           "groeten|met hartelijke groet|hartelijke groet|hartelijke groeten|groet|groeten|"
           "groetjes|mvg|alvast bedankt|bij voorbaat dank|bedankt|dank u wel|dank je wel|"
           "goedendag|tot ziens",
           "mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|"
           "beste grüße|liebe grüße|herzliche grüße|schöne grüße|grüße|gruß|mfg|lg|danke|"
           "vielen dank|danke im voraus|vielen dank im voraus|herzlichen dank"}},
    Entry{Text::mail_stop_words,
          {"the and you your are were this that with have has for not please would could been "
           "from what when which there they our my to on at be it can do does did but since "
           "still just about after before any some who how why thanks",
           "de het een en van ik je u niet op met voor dat zijn heb hebben heeft wij mijn uw "
           "ook nog maar naar bij om geen wel kunt kan graag zou wordt werd deze dit hij zij "
           "wat hoe waarom omdat al nu sinds toen dan alstublieft",
           "der die das und ist nicht ich sie wir ein eine einen mit für auf dem des zu von "
           "haben habe bitte noch auch aber sich wurde keine kein ihr ihre ihnen mein meine "
           "uns oder wenn dass schon jetzt leider seit immer wieder nach über bei um sind "
           "kann können mir mich"}},
    Entry{Text::stats_week, {"week", "week", "Woche"}},
    Entry{Text::stats_closed, {"closed", "gesloten", "geschlossen"}},
    Entry{Text::stats_median, {"median", "mediaan", "Median"}},
    Entry{Text::stats_p90, {"p90", "p90", "P90"}},
    Entry{Text::stats_deadline, {"deadline", "deadline", "Termin"}},
    Entry{Text::stats_promise, {"promise", "belofte", "Zusage"}},
    Entry{Text::stats_confirmed, {"confirmed", "bevestigd", "bestätigt"}},
    Entry{
        Text::stats_weekly_legend,
        {"median, p90: lead time in days; deadline: promised deadlines met; promise: first promise "
         "kept; confirmed: first confirmation within {} working hours",
         "mediaan, p90: doorlooptijd in dagen; deadline: beloofde deadlines gehaald; belofte: "
         "eerste belofte nagekomen; bevestigd: eerste bevestiging binnen {} werkuur",
         "Median, P90: Durchlaufzeit in Tagen; Termin: zugesagte Termine eingehalten; Zusage: "
         "erste Zusage eingehalten; bestätigt: erste Bestätigung innerhalb von {} Arbeitsstunden"}},
    Entry{Text::report_title, {"Case report", "Rapportage zaken", "Fallbericht"}},
    Entry{Text::report_period,
          {"Cases closed from {} to {}", "Zaken gesloten van {} tot en met {}",
           "Abgeschlossene Fälle vom {} bis {}"}},
    Entry{Text::report_scope_owner, {"Cases of {}", "Zaken van {}", "Fälle von {}"}},
    Entry{Text::report_scope_team, {"The whole team", "Het hele team", "Das ganze Team"}},
    Entry{Text::report_summary, {"Summary", "Samenvatting", "Zusammenfassung"}},
    Entry{Text::report_weekly, {"Week by week", "Per week", "Woche für Woche"}},
    Entry{Text::report_closed_per_week,
          {"Cases closed per week", "Gesloten zaken per week", "Abgeschlossene Fälle pro Woche"}},
    Entry{Text::report_lead_per_week,
          {"Lead time per week, in days (median and 90th percentile)",
           "Doorlooptijd per week, in dagen (mediaan en 90e percentiel)",
           "Durchlaufzeit pro Woche in Tagen (Median und 90. Perzentil)"}},
    Entry{Text::report_escalations,
          {"Escalations per rule (one escalation may cite several)",
           "Escalaties per regel (één escalatie kan er meer noemen)",
           "Eskalationen nach Regel (eine Eskalation kann mehrere nennen)"}},
    Entry{Text::report_handovers,
          {"Lead time by number of hand-overs", "Doorlooptijd naar aantal overdrachten",
           "Durchlaufzeit nach Zahl der Übergaben"}},
    Entry{Text::report_verdicts,
          {"What customers said", "Wat klanten zeiden", "Was Kunden sagten"}},
    Entry{Text::report_numbers, {"The numbers", "De cijfers", "Die Zahlen"}},
    Entry{Text::report_see_table,
          {"The numbers are in the table below the chart.",
           "De cijfers staan in de tabel onder de grafiek.",
           "Die Zahlen stehen in der Tabelle unter dem Diagramm."}},
    Entry{Text::report_nothing,
          {"No case was closed in this period.", "In deze periode is geen zaak gesloten.",
           "In diesem Zeitraum wurde kein Fall abgeschlossen."}},
    Entry{Text::report_made,
          {"Made by owner on {}", "Gemaakt door owner op {}", "Erstellt von owner am {}"}},
    Entry{Text::stats_accepted,
          {"Closed (accepted)", "Gesloten (geaccepteerd)", "Abgeschlossen (angenommen)"}},
    Entry{Text::stats_withdrawn, {"Withdrawn", "Ingetrokken", "Zurückgezogen"}},
    Entry{Text::stats_open, {"Open now", "Nu open", "Derzeit offen"}},
    Entry{Text::stats_lead_median,
          {"Lead time, median (days)", "Doorlooptijd, mediaan (dagen)",
           "Durchlaufzeit, Median (Tage)"}},
    Entry{Text::stats_lead_p90,
          {"Lead time, 90th percentile (days)", "Doorlooptijd, 90e percentiel (dagen)",
           "Durchlaufzeit, 90. Perzentil (Tage)"}},
    Entry{
        Text::stats_deadlines_met,
        {"Promised deadlines met", "Beloofde deadlines gehaald", "Zugesagte Termine eingehalten"}},
    Entry{Text::stats_first_promise_kept,
          {"First promise kept", "Eerste belofte nagekomen", "Erste Zusage eingehalten"}},
    Entry{Text::stats_confirmed_in_time,
          {"First confirmation within {} working hours", "Eerste bevestiging binnen {} werkuur",
           "Erste Bestätigung innerhalb von {} Arbeitsstunden"}},
    Entry{Text::stats_updated_in_time,
          {"Updated before owed", "Op tijd op de hoogte gehouden",
           "Rechtzeitig auf dem Laufenden gehalten"}},
    Entry{
        Text::stats_rating_mean,
        {"Customers' verdict (of 5)", "Oordeel van klanten (van 5)", "Urteil der Kunden (von 5)"}},
    Entry{Text::stats_escalations, {"Escalations", "Escalaties", "Eskalationen"}},
    Entry{Text::stats_handovers_per_case,
          {"Hand-overs per case", "Overdrachten per zaak", "Übergaben pro Fall"}},
    Entry{Text::stats_handovers, {"Hand-overs", "Overdrachten", "Übergaben"}},
    Entry{Text::stats_or_more, {"{} or more", "{} of meer", "{} oder mehr"}},
    Entry{Text::stats_cases, {"Cases", "Zaken", "Fälle"}},
    Entry{Text::stats_rating, {"Verdict", "Oordeel", "Urteil"}},
    Entry{Text::stats_verdicts, {"Verdicts", "Oordelen", "Urteile"}},
    Entry{Text::stats_remarks, {"Latest remarks", "Laatste opmerkingen", "Letzte Anmerkungen"}},
    Entry{Text::stats_case, {"Case", "Zaak", "Fall"}},
    Entry{Text::stats_remark, {"Remark", "Opmerking", "Anmerkung"}},
    Entry{Text::stats_rule, {"Rule", "Regel", "Regel"}},
    Entry{Text::stats_person, {"Person", "Persoon", "Person"}},
    Entry{Text::rule_stalled,
          {"a check found an action stalled", "een controle vond een actie vastgelopen",
           "eine Nachfrage fand eine Aktion festgefahren"}},
    Entry{Text::rule_overdue, {"an action overdue", "een actie te laat", "eine Aktion überfällig"}},
    Entry{Text::rule_deadline,
          {"the promised deadline near or passed", "de beloofde deadline dichtbij of voorbij",
           "der zugesagte Termin nah oder vorbei"}},
    Entry{Text::rule_other,
          {"by hand, or no rule recorded", "met de hand, of zonder regel",
           "von Hand oder ohne Regel"}},
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

std::string_view catalogue_text(Text key, std::size_t column) {
    const auto i = static_cast<std::size_t>(key);
    return i < kCatalogue.size() && column < kLanguageCount ? kCatalogue[i].text[column] : "";
}

std::size_t catalogue_size() {
    return kCatalogue.size();
}

std::string_view say(Text key, std::string_view lang) {
    const std::string_view text = catalogue_text(key, column_of(lang));
    return text.empty() ? catalogue_text(key, 0) : text;
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

constexpr std::string_view word_at(std::string_view words, std::size_t i) {
    std::size_t start = 0;
    for (; i > 0 && start != std::string_view::npos; --i) {
        start = words.find(' ', start);
        start = start == std::string_view::npos ? start : start + 1;
    }
    if (start == std::string_view::npos) {
        return "";
    }
    return words.substr(start, words.find(' ', start) - start);
}

}  // namespace

std::string_view nth_word(std::string_view words, std::size_t i) {
    return word_at(words, i);
}

namespace {

// The names of days or months split once, when the program is compiled: [language][i].
template <std::size_t N> constexpr auto names_of(Text key) {
    std::array<std::array<std::string_view, N>, kLanguageCount> out{};
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
        const std::string_view words = kCatalogue[static_cast<std::size_t>(key)].text[l];
        for (std::size_t i = 0; i < N; ++i) {
            out[l][i] = word_at(words, i);
        }
    }
    return out;
}
constexpr auto kDaysShort = names_of<7>(Text::days_short);
constexpr auto kDaysLong = names_of<7>(Text::days_long);
constexpr auto kMonthsShort = names_of<12>(Text::months_short);
constexpr auto kMonthsLong = names_of<12>(Text::months_long);

// A name from one of those, the base language's where a language lacks it.
template <std::size_t N>
std::string_view name_in(const std::array<std::array<std::string_view, N>, kLanguageCount>& names,
                         std::string_view lang, std::size_t i) {
    const std::string_view name = names[column_of(lang)][i];
    return name.empty() ? names[0][i] : name;
}

// date_short's text between its three fields, for each language: "{} {}. {}" → " ", ". ".
constexpr auto kShortDateForms = [] {
    std::array<ShortDateForm, kLanguageCount> out{};
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
        const std::string_view form =
            kCatalogue[static_cast<std::size_t>(Text::date_short)].text[l];
        const std::size_t first = form.find("{}");
        const std::size_t second = form.find("{}", first + 2);
        const std::size_t third = form.find("{}", second + 2);
        out[l] = {form.substr(first + 2, second - first - 2),
                  form.substr(second + 2, third - second - 2)};
    }
    return out;
}();

}  // namespace

std::string_view day_name(int weekday, std::string_view lang, bool abbreviated) {
    return name_in(abbreviated ? kDaysShort : kDaysLong, lang,
                   static_cast<std::size_t>(((weekday % 7) + 7) % 7));
}

std::string_view month_name(int month, std::string_view lang, bool abbreviated) {
    return name_in(abbreviated ? kMonthsShort : kMonthsLong, lang,
                   static_cast<std::size_t>(((month - 1) % 12 + 12) % 12));
}

ShortDateForm short_date_form(std::string_view lang) {
    return kShortDateForms[column_of(lang)];
}

std::string long_date(const Date& d, std::string_view lang) {
    std::string out;
    say_to(out, Text::date_long, lang,
           {day_name(d.weekday(), lang, false), std::to_string(d.day),
            month_name(d.month, lang, false), std::to_string(d.year)});
    return out;
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
