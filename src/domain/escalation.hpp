#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"
#include "domain/memo.hpp"

// Step 5: the team's escalation rules, applied to a case, and when the customer is owed word.
// Every moment here comes from recorded facts (a due time, a check, a log entry), never from now,
// so that a signal keeps its identity from one run to the next and is said once.
namespace owner {

struct EscalationHit {
    std::string rule;  // "stalled", "overdue", "deadline"
    std::string
        detail;       // what stalls, since when; for "deadline": the promise and what is in its way
    Timestamp since;  // when the rule started to apply (or came back after an escalation)
    std::string
        promise;  // the promise at stake ("promised to C by …"), when `detail` does not name it
    std::optional<std::size_t> action;  // the action concerned, if any
    bool repeated = false;  // answered by an escalation, back after escalate.repeat_after_hours
    Timestamp began;        // when the rule first applied (equals `since` unless repeated)
};

// Rules that apply to the case now and were not answered by an escalation recorded since. Only the
// rules that apply while the case waits on the customer (none today) while it does.
std::vector<EscalationHit> escalations_due(const Case& c, const Timestamp& now,
                                           const Config& config);

struct DueTimes;

// A promise at risk: the deadline rule's hit when it applies to the case now (its deadline near or
// passed and something in its way; see deadline_hours in owner(5)), whether or not an escalation
// recorded since answered it: an escalated promise is still at risk. Never while the case waits on
// the customer or awaits their acceptance. For the lead's view (`owner team`).
std::optional<EscalationHit> promise_at_risk(const Case& c, const Timestamp& now,
                                             const Config& config, DueTimes& due);

// What the rules work out from a deadline or a due time, remembered by instant: cases share them,
// and a view asks the rules of every open case. Held by whoever asks for many cases with one
// config, one now and one time zone, and passed to each scan; each part is made when first asked.
struct DueTimes {
    struct Deadline {
        std::int64_t window_minutes = -1;  // what `window` was worked out for
        Timestamp window;                  // deadline_hours of working time before it
        std::string text;                  // human_time
    };
    struct Due {
        std::int64_t overdue_minutes = -1;    // what `overdue_from` was worked out for
        Timestamp overdue_from;               // overdue_hours of working time after it
        std::optional<std::int64_t> late_at;  // the now `late` was written for
        std::string late;  // describe_working_minutes(working minutes from it to now)
    };
    // Apart, so that a case's deadline stays while its actions are looked at; fewer slots for due
    // times, which repeat more. (A slot is about 100 bytes.)
    SlotMemo<Deadline, 509> deadlines;
    SlotMemo<Due, 127> dues;
};

class RuleCase;

// An escalation rule: a function that adds the hits of one case, its English line beside it in
// escalation.cpp and its reason in every language from the catalogue (reason_*). A new rule is a
// row here, its config key ([escalate] in config.hpp and store/config_file.cpp), its test
// (tests/unit/test_steps.cpp) and owner(5).
struct EscalationRule {
    std::string_view name;  // the hit's `rule`: "stalled", "overdue", "deadline" (JSON, remind)
    bool while_waiting;     // applies while the case waits on the customer (`owner wait`)
    void (*find)(RuleCase& k);
    // Why it asks for an escalation, in `lang`, for the message to the contact; empty when the
    // hit's action is gone.
    std::string (*reason)(const Case& c, std::optional<std::size_t> action, const Timestamp& now,
                          const Config& config, std::string_view lang);
};
// In the order their hits come for one action (then the case's own).
std::span<const EscalationRule> escalation_rules();

// Why a rule asks for an escalation, in the message's language; empty for a rule it does not know.
std::string escalation_reason(const Case& c, std::string_view rule,
                              std::optional<std::size_t> action, const Timestamp& now,
                              const Config& config, std::string_view lang);

// escalations_due for case after case (a view asks it of every open case), keeping its memory:
// the hits of a case stay valid until the next call, and once a few cases have been through
// their texts need no memory of their own. Texts are written only for the hits that apply.
class EscalationScan {
  public:
    // The hits of `c`; `paused` is paused(c, now); `due` is the memo of this config and now.
    std::span<const EscalationHit> operator()(const Case& c, const Timestamp& now,
                                              const Config& config, bool paused, DueTimes& due);
    // The hits of the last call, moved out.
    std::vector<EscalationHit> take();

  private:
    friend class RuleCase;
    std::vector<EscalationHit> m_hits;  // the first m_count are the last case's
    std::size_t m_count = 0;
    std::string m_promise;  // the promise at stake
    std::string m_detail;   // a rule's texts before it knows it hits (RuleCase::scratch)
};

// One line for people: the detail and the promise at stake.
std::string escalation_line(const EscalationHit& hit);

// To whom: the contact for the first of the case's tags that has one, else the default.
const std::string& escalation_contact(const Case& c, const Config& config);
// The contact is a name in the config or the case: neither may be a temporary.
const std::string& escalation_contact(const Case&& c, const Config& config) = delete;
const std::string& escalation_contact(const Case& c, const Config&& config) = delete;

// The latest escalation recorded in the log, if any.
std::optional<Timestamp> last_escalation(const Case& c);

// The event `escalate CASE --resolved` logs: every escalation recorded before it is answered.
inline constexpr std::string_view kEscalationResolved = "escalation resolved";
// The person an "escalated" entry went to: its `to`, else the NAME of its text's "to NAME: ".
std::string_view escalated_to(const LogEntry& e);
// Why: the text after "to NAME: ".
std::string_view escalated_reason(const LogEntry& e);
// Who wrote a log entry: its `by`, else the case's owner (empty in a store of one).
std::string_view author_of(const Case& c, const LogEntry& e);
// The escalations that still wait on their contact (README "A team on one store"): the last
// "escalated" entry to each person, until that person records something on the case after it (a
// note, an action, a call-back, a check) or an "escalation resolved" entry is recorded. Indexes
// into c.log, in log order; names are compared by `people` (an empty roster: written alike).
std::vector<std::size_t> unanswered_escalations(const Case& c, const Roster& people);
// True when an escalation to the runner (config.is_me) waits on them in `c`.
bool escalated_to_me(const Case& c, const Config& config);

// A wait on the customer (`owner wait`) that no answer has ended yet.
struct WaitState {
    Timestamp since;
    std::optional<Timestamp> until;
    std::string_view note;  // the log entry's text: valid while the case is
};
std::optional<WaitState> waiting_on_customer(const Case& c);
// Waiting, and the date it waits until (if any) has not come: updates and escalations pause.
bool paused(const Case& c, const Timestamp& now);
// Log events that mean the customer answered (or was answered): they end a wait.
bool is_customer_contact(const std::string& event);

// Awaiting acceptance: the solution was given (`told --solution`, `draft --sent --solution`: a
// "told" entry with `solution = true`) and the case waits only for the customer's yes. It ends
// when the customer answers (a "customer" entry: a note or a mail), a new action is planned, or the
// case is reopened or closed. The moment the solution was given while it awaits, else nothing.
std::optional<Timestamp> awaiting_acceptance(const Case& c);
// When the owner asks for the yes: update.acceptance_days working days after the solution.
Timestamp acceptance_ask_from(const Timestamp& solution, const Config& config);
// A "told" entry that gave the solution.
bool gives_solution(const LogEntry& e);
// Ends an acceptance wait (see awaiting_acceptance).
bool ends_acceptance(const std::string& event);

// When the customer last heard from the owner (or the case was opened), and whether an update is
// owed now: update.first_within_hours working hours after opening until they were first told,
// then update.every_days working days without one. Nothing while the case waits on the customer
// or awaits acceptance.
Timestamp last_heard(const Case& c);
Timestamp update_owed_from(const Case& c, const Config& config);
bool update_owed(const Case& c, const Timestamp& now, const Config& config);

// A TOML date-time from a hand-edited or written log entry, as an instant.
std::optional<Timestamp> toml_timestamp(const toml::node* node);
toml::date_time to_toml(const Timestamp& t);

}  // namespace owner
