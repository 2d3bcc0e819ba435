#include "domain/status.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "domain/escalation.hpp"
#include "domain/planning.hpp"

namespace owner {

namespace {

bool word_byte(char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || std::isalnum(c) != 0;
}

char lower(char ch) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
}

// Replaces every whole-word, case-insensitive (ASCII) occurrence of `word` in `text`.
std::string redact(std::string_view text, std::string_view word, std::string_view replacement) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool starts_word = i == 0 || !word_byte(text[i - 1]) || !word_byte(word.front());
        if (starts_word && text.size() - i >= word.size() &&
            std::equal(word.begin(), word.end(), text.begin() + static_cast<std::ptrdiff_t>(i),
                       [](char a, char b) { return lower(a) == lower(b); })) {
            const std::size_t end = i + word.size();
            if (end == text.size() || !word_byte(text[end]) || !word_byte(word.back())) {
                out += replacement;
                i = end;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

}  // namespace

std::string without_customer_name(std::string_view text, const Case& c) {
    constexpr std::string_view kMark = "[customer]";
    std::string out(text);
    std::vector<std::string> words;
    if (c.contact && !c.contact->empty()) {
        words.push_back(*c.contact);
    }
    if (!c.customer.empty()) {
        words.push_back(c.customer);
    }
    for (std::size_t i = 0; i < c.customer.size();) {
        std::size_t j = i;
        while (j < c.customer.size() && word_byte(c.customer[j])) {
            ++j;
        }
        if (j - i >= 3) {
            words.push_back(c.customer.substr(i, j - i));
        }
        i = j == i ? i + 1 : j;
    }
    for (const auto& w : words) {
        out = redact(out, w, kMark);
    }
    return out;
}

StatusView build_status(const std::vector<Case>& open, const std::vector<Case>& closed,
                        const Timestamp& since, const std::optional<std::string>& who,
                        const Timestamp& now, const Config& config) {
    StatusView v;
    v.date = to_local(now.seconds).date;
    v.since = since;
    const Timestamp end_of_today = from_local(v.date.plus_days(1), 0);
    std::map<std::string, std::vector<StatusLine>> waiting;
    for (const Case& c : open) {
        const bool involved =
            !who || std::any_of(c.actions.begin(), c.actions.end(), [&](const Action& a) {
                return a.open() && a.who && config.people.same(*a.who, *who);
            });
        if (!involved) {
            continue;
        }
        ++v.open_cases;
        for (auto i : c.open_actions()) {
            const Action& a = c.actions[i];
            if (who && !(a.who && config.people.same(*a.who, *who))) {
                continue;
            }
            const std::string name = a.who ? *a.who : std::string(config.owner_of(c));
            if (a.due < end_of_today) {
                v.due_today.push_back(StatusLine{&c, a.what, name, a.due});
            }
            if (!is_own(c, a, config)) {
                // One group per person, however their name is written on each action.
                std::string group = config.people.canonical(name);
                for (const auto& [known, lines] : waiting) {
                    if (config.people.same(known, group)) {
                        group = known;
                        break;
                    }
                }
                waiting[group].push_back(StatusLine{&c, a.what, name, a.due});
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
        std::sort(lines.begin(), lines.end(),
                  [](const StatusLine& a, const StatusLine& b) { return *a.when < *b.when; });
        v.waiting.push_back(WaitingOn{name, std::move(lines)});
    }
    std::stable_sort(
        v.waiting.begin(), v.waiting.end(),
        [](const WaitingOn& a, const WaitingOn& b) { return a.lines.size() > b.lines.size(); });
    for (const Case& c : closed) {
        if (c.closed && *c.closed >= since && c.outcome == "accepted" &&
            (!who || std::any_of(c.actions.begin(), c.actions.end(), [&](const Action& a) {
                return a.who && config.people.same(*a.who, *who);
            }))) {
            v.closed.push_back(StatusLine{&c, "", "", c.closed});
        }
    }
    auto by_time = [](const StatusLine& a, const StatusLine& b) {
        return a.when.value_or(Timestamp{}) < b.when.value_or(Timestamp{});
    };
    std::stable_sort(v.due_today.begin(), v.due_today.end(), by_time);
    std::stable_sort(v.owed_update.begin(), v.owed_update.end(), by_time);
    std::stable_sort(v.closed.begin(), v.closed.end(), by_time);
    return v;
}

}  // namespace owner
