#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// What the morning view (`today`) and the agenda show, computed from the open cases and now.
// Renderers turn these into text or JSON; nothing here formats.
namespace owner {

enum class ItemKind {
    action,
    check,
    deadline,
    escalation,
    update_owed,
    no_next_step,
    review,
    waiting,
    acceptance,  // the solution given, awaiting the customer's yes
    asked,       // an open action in another person's case, for you: `who` is the case's owner
    report,      // a colleague's entry in your case's log: `who` wrote `what`
    handed,      // your case, handed to you by `who` (`what`: the note)
    escalated,   // an escalation to you, unanswered: `who` is the case's owner, `what` the reason
    callback     // a call-back planned for you (`owner callback`): `who` is the case's owner
};
std::string_view to_string(ItemKind k);
// The `what` of an acceptance item once it is time to ask for the yes (else "awaiting their yes").
inline constexpr std::string_view kAskForTheirYes = "ask for their yes";

// An item's texts are views: into the cases the view was built from, the config, or the texts
// the view made itself (ViewTexts). A view is used while those cases are; it is moved, never
// copied. (At a team's scale `today` has 12 000 items: a copy of each text cost an allocation.)
struct Item {
    ItemKind kind = ItemKind::action;
    std::size_t case_index = 0;               // into the cases given
    std::optional<std::size_t> action_index;  // into the case's actions
    std::optional<Timestamp> when;
    std::string_view what;
    std::string_view who;   // who acts: the owner's name or the colleague's
    double urgency = 0;     // of the case, for ordering
    bool moved = false;     // agenda: shown on another day than its own (a day off): show its date
    std::string_view told;  // `what` for people in the configured language, when it differs
                            // (JSON keeps `what`)
    std::string_view by;    // handed: who did the handoff, when not the previous owner (a lead)
};

// The texts a view makes (an escalation's line, "priority high not reviewed since …"), where its
// items' views can point: each stays where it is while the view lives, and moves with it.
class ViewTexts {
  public:
    ViewTexts() = default;
    ViewTexts(ViewTexts&&) noexcept = default;
    ViewTexts& operator=(ViewTexts&&) noexcept = default;
    ViewTexts(const ViewTexts&) = delete;
    ViewTexts& operator=(const ViewTexts&) = delete;

    std::string_view keep(std::string text) { return m_texts.emplace_back(std::move(text)); }

  private:
    std::deque<std::string> m_texts;  // a deque never moves what it holds
};

// The sections of `today`.
enum class SectionKey {
    overdue,
    today,
    checks,
    escalations,
    updates,
    waiting,
    acceptance,
    deadlines,
    no_next_step,
    review,
    asked,      // open actions in other people's cases whose `who` is you
    reported,   // what colleagues logged in your cases since the previous working day began
    handed,     // cases handed to you since the previous working day began
    escalated,  // escalations to you that you have not answered on the case
    callbacks   // call-backs planned for you, in anyone's case
};
// Stable, for JSON: "overdue", "today", "checks", …
std::string_view to_string(SectionKey k);

struct Section {
    SectionKey key = SectionKey::overdue;
    std::string title;  // for people
    std::vector<Item> items;
};

struct TodayView {
    Date date;
    std::size_t open_cases = 0;
    std::vector<Section> sections;        // in display order; empty ones left out
    Date previous_day;                    // the working day before
    std::vector<Item> done_before;        // actions done and cases closed on that day
    std::string language{kBaseLanguage};  // of the titles; the text of the view speaks it too
    ViewTexts texts;                      // what the items' views point to, besides the cases
};

// `cases` may include closed cases (those closed recently): they only count in the footer. In a
// team's store they may include other people's cases (config.owns is false): those give only
// the actions asked of you ("Asked of you").
TodayView build_today(const std::vector<Case>& cases, const Timestamp& now, const Config& config);
// The view points into the cases and the config (names, contacts): they must outlive it, so
// neither is a temporary.
TodayView build_today(const std::vector<Case>&& cases, const Timestamp& now,
                      const Config& config) = delete;
TodayView build_today(const std::vector<Case>& cases, const Timestamp& now,
                      const Config&& config) = delete;

struct AgendaDay {
    Date date;
    std::vector<Item> items;
    bool overbooked = false;
};

struct AgendaFilter {
    bool mine = false;               // the owner's own actions, their checks and deadlines
    std::optional<std::string> who;  // one colleague's actions
    // Every case given shown whole (--owner, --team); else another person's case shows only
    // the actions asked of you.
    bool everyone = false;
};

struct AgendaView {
    std::vector<Item> overdue;
    std::vector<AgendaDay> days;  // working days only
    std::vector<Item> no_next_step;
    int overbooked_after = 8;
    std::string language{kBaseLanguage};  // the text of the view speaks it
};

AgendaView build_agenda(const std::vector<Case>& cases, const Date& from, int days,
                        const AgendaFilter& filter, const Timestamp& now, const Config& config);
// As build_today: neither the cases nor the config may be a temporary.
AgendaView build_agenda(const std::vector<Case>&& cases, const Date& from, int days,
                        const AgendaFilter& filter, const Timestamp& now,
                        const Config& config) = delete;
AgendaView build_agenda(const std::vector<Case>& cases, const Date& from, int days,
                        const AgendaFilter& filter, const Timestamp& now,
                        const Config&& config) = delete;

}  // namespace owner
