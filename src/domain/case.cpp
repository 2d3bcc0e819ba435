#include "domain/case.hpp"

#include <algorithm>
#include <numeric>

namespace owner {

std::string_view to_string(Priority p) {
    switch (p) {
    case Priority::urgent:
        return "urgent";
    case Priority::high:
        return "high";
    case Priority::normal:
        return "normal";
    case Priority::low:
        return "low";
    }
    return "normal";
}

std::optional<Priority> parse_priority(std::string_view s) {
    for (Priority p : {Priority::urgent, Priority::high, Priority::normal, Priority::low}) {
        if (to_string(p) == s) {
            return p;
        }
    }
    return std::nullopt;
}

void Case::add_log(const Timestamp& at, std::string event, std::string text) {
    log.push_back(LogEntry{at, std::move(event), std::move(text), {}, {}, {}});
}

std::vector<std::size_t> Case::open_actions() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (actions[i].open()) {
            out.push_back(i);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [&](std::size_t a, std::size_t b) { return actions[a].due < actions[b].due; });
    return out;
}

const Action* Case::next_action() const {
    const auto open = open_actions();
    return open.empty() ? nullptr : &actions[open.front()];
}

int Case::written_schema() const {
    // A call-back (an action's `kind`) is a team field too: an older owner would take it for an
    // ordinary action of the owner's.
    const bool team =
        owner.has_value() ||
        std::any_of(log.begin(), log.end(), [](const LogEntry& e) { return e.by; }) ||
        std::any_of(actions.begin(), actions.end(), [](const Action& a) { return a.kind; });
    return team ? std::max(schema, kTeamSchemaVersion) : schema;
}

std::size_t char_count(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

namespace {
// The longest prefix of at most n bytes that ends between two characters.
std::string_view whole_chars(std::string_view s, std::size_t n) {
    if (n >= s.size()) {
        return s;
    }
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
        --n;
    }
    return s.substr(0, n);
}
}  // namespace

std::string cut_to_chars(std::string_view s, std::size_t max_chars) {
    if (char_count(s) <= max_chars) {
        return std::string(s);
    }
    std::size_t keep = max_chars - char_count(kCutMark);
    std::size_t end = 0;
    while (end < s.size() && keep > 0) {
        ++end;
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
            ++end;
        }
        --keep;
    }
    return std::string(s.substr(0, end)) + std::string(kCutMark);
}

std::string cut_to_bytes(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return std::string(s);
    }
    return std::string(whole_chars(s, max_bytes - kCutMark.size())) + std::string(kCutMark);
}

std::string make_id(const std::function<std::uint32_t()>& random) {
    std::string id;
    for (std::size_t i = 0; i < kIdLength; ++i) {
        id += kIdAlphabet[random() % kIdAlphabet.size()];
    }
    return id;
}

bool is_safe_id(std::string_view s) {
    if (s.empty() || s.size() > 64) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

IdMatch match_id(std::string_view typed, const std::vector<std::string>& ids) {
    IdMatch m;
    for (const auto& id : ids) {
        if (id == typed) {
            return IdMatch{{id}};
        }
        if (id.starts_with(typed)) {
            m.candidates.push_back(id);
        }
    }
    std::sort(m.candidates.begin(), m.candidates.end());
    return m;
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}
}  // namespace

std::string closest_id(std::string_view typed, const std::vector<std::string>& ids) {
    std::string best;
    std::size_t best_distance = 3;  // more than two edits away is no suggestion
    for (const auto& id : ids) {
        const std::size_t d = edit_distance(
            typed, std::string_view(id).substr(0, std::max(typed.size(), std::size_t{1})));
        const std::size_t full = edit_distance(typed, id);
        const std::size_t dist = std::min(d, full);
        if (dist < best_distance && dist <= typed.size() / 2) {
            best_distance = dist;
            best = id;
        }
    }
    return best;
}

}  // namespace owner
