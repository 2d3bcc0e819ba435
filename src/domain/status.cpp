#include "domain/status.hpp"

#include <algorithm>
#include <map>

#include "domain/escalation.hpp"
#include "domain/planning.hpp"

namespace owner {

StatusView build_status(const std::vector<Case>& open, const std::vector<Case>& closed,
                        const Timestamp& since, const std::optional<std::string>& who,
                        const Timestamp& now, const Config& config) {
    StatusView v;
    v.date = to_local(now.seconds).date;
    v.since = since;
    const Timestamp end_of_today = from_local(v.date.plus_days(1), 0);
    std::map<std::string, std::vector<StatusLine>> waiting;
    for (const Case& c : open) {
        const bool involved = !who || std::any_of(c.actions.begin(), c.actions.end(),
                                                  [&](const Action& a) { return a.open() && a.who == who; });
        if (!involved) {
            continue;
        }
        ++v.open_cases;
        for (auto i : c.open_actions()) {
            const Action& a = c.actions[i];
            if (who && a.who != who) {
                continue;
            }
            const std::string name = a.who.value_or(config.name);
            if (a.due < end_of_today) {
                v.due_today.push_back(StatusLine{&c, a.what, name, a.due});
            }
            if (!is_own(a, config)) {
                waiting[name].push_back(StatusLine{&c, a.what, name, a.due});
            }
        }
        // The latest escalation: the one that stands.
        for (auto e = c.log.rbegin(); e != c.log.rend(); ++e) {
            if (e->event == "escalated") {
                v.escalated.push_back(StatusLine{&c, e->text, "", e->at});
                break;
            }
        }
        if (update_owed(c, now, config)) {
            v.owed_update.push_back(StatusLine{&c, "", "", last_heard(c)});
        }
    }
    for (auto& [name, lines] : waiting) {
        std::sort(lines.begin(), lines.end(), [](const StatusLine& a, const StatusLine& b) { return *a.when < *b.when; });
        v.waiting.push_back(WaitingOn{name, std::move(lines)});
    }
    std::stable_sort(v.waiting.begin(), v.waiting.end(),
                     [](const WaitingOn& a, const WaitingOn& b) { return a.lines.size() > b.lines.size(); });
    for (const Case& c : closed) {
        if (c.closed && *c.closed >= since && c.outcome == "accepted" &&
            (!who || std::any_of(c.actions.begin(), c.actions.end(), [&](const Action& a) { return a.who == who; }))) {
            v.closed.push_back(StatusLine{&c, "", "", c.closed});
        }
    }
    auto by_time = [](const StatusLine& a, const StatusLine& b) { return a.when.value_or(Timestamp{}) < b.when.value_or(Timestamp{}); };
    std::stable_sort(v.due_today.begin(), v.due_today.end(), by_time);
    std::stable_sort(v.owed_update.begin(), v.owed_update.end(), by_time);
    std::stable_sort(v.closed.begin(), v.closed.end(), by_time);
    return v;
}

} // namespace owner
