#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/case.hpp"
#include "domain/config.hpp"

// Step 6 and what customers value: lead time, promises kept, updates before they had to ask.
namespace owner {

// What closing a case tells: shown by `close`, summed by `stats`.
struct CaseOutcome {
    double lead_days = 0;  // calendar days open: each open period, not the gaps after a close
    double lead_working_days = 0;      // working days
    std::optional<bool> deadline_met;  // against the promise that stood at the close: met when
                                       // the solution was given by it (`told --solution`)
    std::optional<double> acceptance_working_days;  // from the solution given to the close
    std::optional<bool> first_promise_kept;         // against the first promise made
    int promises_moved = 0;                         // renegotiated deadlines (`owner deadline`)
    std::optional<int> rating;  // the customer's verdict, 1-5, if given at the close
    std::string remark;
    int handovers = 0;      // actions handed to colleagues
    int case_handoffs = 0;  // the case itself handed to another owner (`owner handoff`)
    int checks = 0;         // checks recorded
    int escalations = 0;
    // The rules each escalation answered (an "escalated" entry's `rules`), one name per rule per
    // escalation; kEscalationOther for one that recorded none (by hand, or written before).
    std::vector<std::string> escalation_rules;
    bool updated_in_time = true;  // never went update.every_days working days without an update
    // The customer's first confirmation (the first `told`, or the close when that came first) came
    // within update.first_within_hours working hours of the opening.
    bool confirmed_in_time = true;
    std::vector<std::string> helpers;
};

// The rule name an escalation without recorded rules is counted under.
inline constexpr std::string_view kEscalationOther = "other";

CaseOutcome outcome_of(const Case& c, const Timestamp& closed, const Config& config);

// True when log entry `i` is the promise `reopen --deadline` made: logged at the reopening's
// instant, it is the reopened period's own promise, not a moved one.
bool is_reopening_promise(const Case& c, std::size_t i);

// The moment the solution was given in the open period that the close at `close` ends, when the
// case awaited acceptance then (`told --solution`, no answer or new action since).
std::optional<Timestamp> solution_before(const Case& c, const Timestamp& close);

// The first deadline promised to the customer: the `from` of the first renegotiation, else the
// deadline as it stands.
std::optional<Timestamp> first_promise(const Case& c);

// One ISO week of accepted cases, by the week they closed in (Monday to Sunday, local time).
struct WeekStats {
    Date monday;
    int closed = 0;
    std::optional<double> lead_median_days, lead_p90_days;
    int deadlines_met = 0, deadlines_promised = 0;  // of the cases with a promised deadline
    int first_promises_kept = 0, first_promises = 0;
    int confirmed_in_time = 0;  // of `closed`: first confirmation within first_within_hours
};

// "2026-W48": the ISO 8601 week of a date (its Thursday's year).
std::string iso_week(const Date& d);

// A customer's remark at the close.
struct Remark {
    std::string id;
    Timestamp closed;
    std::optional<int> rating;
    std::string text;
    // The customer as the case has it: filled in by who shows it (`report`, as [status] fields
    // allow); the outcomes and their cache hold no names.
    std::string customer;
};

// Lead time of the accepted cases with `handovers` hand-overs (actions handed to colleagues and
// case handoffs together); the last group is that many or more.
struct LeadByHandovers {
    int handovers = 0;
    int cases = 0;
    std::optional<double> median_days, median_working_days;
};

struct Stats {
    int closed = 0;     // accepted
    int withdrawn = 0;  // closed without acceptance, counted apart
    int open = 0;
    std::optional<double> lead_median_days, lead_p90_days;
    std::optional<double> lead_median_working_days, lead_p90_working_days;
    std::optional<double> deadline_met_share;  // of accepted cases with a promised deadline
    std::optional<double> acceptance_median_working_days, acceptance_p90_working_days;
    std::optional<double> first_promise_kept_share;
    int promises_moved = 0;  // over accepted and withdrawn cases
    int cases_with_moved_promise = 0;
    std::optional<double> rating_mean;  // the customers' verdicts, 1-5
    int rated = 0;
    std::array<int, 5> rating_counts{};  // how many verdicts of 1, 2, 3, 4 and 5
    static constexpr std::size_t kRemarks = 50;
    std::vector<Remark> remarks;  // the latest kRemarks, by the time of the close, newest last
    std::optional<double> updated_in_time_share;
    std::optional<double> confirmed_in_time_share;  // first confirmation within first_within_hours
    std::optional<double> handovers_per_case;
    int case_handoffs = 0;  // over accepted cases
    std::optional<double> case_handoffs_per_case;
    std::vector<LeadByHandovers> lead_by_handovers;  // 0, 1, 2 or more: always all three
    int escalations = 0;
    std::map<std::string, int> escalations_by_rule;  // every rule's name (kRules) and "other"
    std::vector<WeekStats> per_week;                 // the weeks with a case closed, oldest first
};

// The weeks from the one of `first` to the one of `last`, each from `s.per_week` or empty.
std::vector<WeekStats> week_series(const Stats& s, const Date& first, const Date& last);

// A figure as `stats --json` writes it and every rendering shows it: to three decimals (a share
// 0.857 is shown 85.7 %, days to one decimal of that).
double rounded(double v);

// What `stats` needs of one archived case, small enough to keep for every case in the archive's
// cache (store/outcome_cache.hpp) so that stats never holds the cases themselves.
struct ArchivedOutcome {
    std::string id;
    std::optional<Timestamp> closed;  // absent: a file in the archive without `closed`, not counted
    bool accepted = false;            // outcome = "accepted"; else withdrawn
    CaseOutcome outcome;              // without helpers: stats does not show them
    std::optional<std::string> owner;  // the case's owner (a team's store): `stats --owner`
};

ArchivedOutcome archived_outcome(const Case& c, const Config& config);

// The config fields that outcome_of reads (name, roster, calendar, update.every_days), written
// out: an archived outcome stays valid while this text is the same.
std::string outcome_fingerprint(const Config& config);

// Sums archived outcomes one at a time, in archive order: the cases closed at or after `since`
// and before `until` (all when absent).
class StatsAccumulator {
  public:
    explicit StatsAccumulator(std::optional<Timestamp> since,
                              std::optional<Timestamp> until = std::nullopt)
        : m_since(std::move(since)), m_until(std::move(until)) {}
    void add(const ArchivedOutcome& a);
    // The totals, with `open` cases open now.
    Stats finish(int open) &&;

  private:
    struct Week {
        WeekStats w;
        std::vector<double> lead;
    };
    std::optional<Timestamp> m_since, m_until;
    Stats m_stats;
    std::vector<double> m_lead, m_lead_working, m_acceptance;
    static constexpr std::size_t kHandoverGroups = 3;  // 0, 1, 2 or more
    std::array<std::vector<double>, kHandoverGroups> m_lead_by, m_lead_working_by;
    int m_with_deadline = 0, m_met = 0, m_first_kept = 0, m_with_first = 0, m_in_time = 0,
        m_handovers = 0, m_rating_sum = 0, m_confirmed = 0;
    std::map<Date, Week> m_weeks;
};

// Over closed cases closed at or after `since` and before `until` (all when absent) and the open
// cases.
Stats compute_stats(const std::vector<Case>& closed, const std::vector<Case>& open,
                    const std::optional<Timestamp>& since, const Config& config,
                    const std::optional<Timestamp>& until = std::nullopt);

// The q-quantile (0..1) of values by linear interpolation; nullopt when empty.
std::optional<double> quantile(std::vector<double> values, double q);

}  // namespace owner
