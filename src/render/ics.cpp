#include "render/ics.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "domain/planning.hpp"
#include "domain/text.hpp"

namespace owner {

namespace {

std::string utc(const Timestamp& t) {
    const Timestamp z{t.seconds, 0};
    std::string s = z.rfc3339();  // 2026-11-25T08:00:00+00:00
    return fmt::format("{}{}{}T{}{}{}Z", s.substr(0, 4), s.substr(5, 2), s.substr(8, 2),
                       s.substr(11, 2), s.substr(14, 2), s.substr(17, 2));
}

// FNV-1a: a stable, short fingerprint for UIDs.
std::string fingerprint(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return fmt::format("{:016x}", h);
}

// SEQUENCE and LAST-MODIFIED of one item, from the log entries about it (so a client that
// imported it before takes the change): the number of changes since it was made, the newest.
struct Revision {
    std::size_t sequence = 0;
    Timestamp modified;
};

void revision(std::string& out, const Revision& r) {
    out += ics_fold(fmt::format("SEQUENCE:{}", r.sequence));
    out += ics_fold("LAST-MODIFIED:" + utc(r.modified));
}

// An event's STATUS: an item finished (done, removed, cancelled, recorded) is CANCELLED, the only
// terminal status RFC 5545 gives a VEVENT; khal and others show it struck or marked.
void event(std::string& out, const std::string& uid, const Timestamp& start, int minutes,
           const std::string& summary, const std::string& description, const Timestamp& now,
           const Revision& rev, bool finished = false) {
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold("UID:" + uid);
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DTSTART:" + utc(start));
    out += ics_fold(fmt::format("DURATION:PT{}M", minutes));
    if (finished) {
        out += ics_fold("STATUS:CANCELLED");
    }
    revision(out, rev);
    out += ics_fold("SUMMARY:" + ics_escape(summary));
    out += ics_fold("DESCRIPTION:" + ics_escape(description));
    out += ics_fold("END:VEVENT");
}

std::string ics_date(const Date& d) {
    return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

// A promised deadline: all day on its local date, not busy; cancelled once the case is closed.
void deadline_event(std::string& out, const Case& c, const std::string& about, const Timestamp& now,
                    const Revision& rev) {
    const LocalTime at = to_local(c.deadline->seconds);
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold(fmt::format("UID:{}-deadline@owner", c.id));
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DTSTART;VALUE=DATE:" + ics_date(at.date));
    out += ics_fold("DTEND;VALUE=DATE:" + ics_date(at.date.plus_days(1)));
    out += ics_fold("TRANSP:TRANSPARENT");
    if (c.is_closed()) {
        out += ics_fold("STATUS:CANCELLED");
    }
    revision(out, rev);
    out += ics_fold("SUMMARY:" +
                    ics_escape(fmt::format("Deadline {:02}:{:02} for {}: {}", at.minute_of_day / 60,
                                           at.minute_of_day % 60, c.customer, c.title)));
    out += ics_fold("DESCRIPTION:" +
                    ics_escape(fmt::format("{}\nPromised for {}", about, c.deadline->rfc3339())));
    out += ics_fold("END:VEVENT");
}

// RFC 5545 PRIORITY: 1 highest … 9 lowest; clients with three levels read 1-4 as high, 5 as
// medium, 6-9 as low.
int ics_priority(Priority p) {
    switch (p) {
    case Priority::urgent:
        return 1;
    case Priority::high:
        return 3;
    case Priority::normal:
        return 5;
    case Priority::low:
        return 9;
    }
    return 0;
}

// Where an item stands: to do, done (a task COMPLETED at `at`) or cancelled (removed, withdrawn,
// its case closed, or a check its action no longer needs).
enum class State { open, done, cancelled };

void todo(std::string& out, const std::string& uid, const Timestamp& due, State state,
          const Timestamp& at, Priority priority, const std::string& summary,
          const std::string& description, const Timestamp& now, const Revision& rev) {
    out += ics_fold("BEGIN:VTODO");
    out += ics_fold("UID:" + uid);
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DUE:" + utc(due));
    out += ics_fold(state == State::done        ? "STATUS:COMPLETED"
                    : state == State::cancelled ? "STATUS:CANCELLED"
                                                : "STATUS:NEEDS-ACTION");
    if (state == State::done) {
        out += ics_fold("COMPLETED:" + utc(at));
        out += ics_fold("PERCENT-COMPLETE:100");
    }
    revision(out, rev);
    out += ics_fold(fmt::format("PRIORITY:{}", ics_priority(priority)));
    out += ics_fold("SUMMARY:" + ics_escape(summary));
    out += ics_fold("DESCRIPTION:" + ics_escape(description));
    out += ics_fold("END:VTODO");
}

// The log entries that name an action: "planned"/"handed over"/"replanned" ("WHAT[ → WHO], due
// …"), "wording" and "done" ("WHAT: …"), "removed" ("WHAT") and "check" ("OUTCOME: WHAT (WHO)").
bool about_action(const LogEntry& e, std::string_view what) {
    using namespace std::string_view_literals;
    std::string_view text = e.text;
    if (e.event == "check"sv) {
        const std::size_t colon = text.find(": ");
        if (colon == std::string_view::npos) {
            return false;
        }
        text.remove_prefix(colon + 2);
        return text.starts_with(what) && text.substr(what.size()).starts_with(" (");
    }
    if (e.event != "planned"sv && e.event != "handed over"sv && e.event != "replanned"sv &&
        e.event != "wording"sv && e.event != "done"sv && e.event != "removed"sv) {
        return false;
    }
    if (!text.starts_with(what)) {
        return false;
    }
    const std::string_view rest = text.substr(what.size());
    return rest.empty() || rest.starts_with(": ") || rest.starts_with(", due ") ||
           rest.starts_with(" → ");
}

// What the log says of one action.
struct ActionLog {
    std::vector<Timestamp> recorded;   // its checks recorded, oldest first
    std::size_t changes = 0;           // entries after the one that planned it
    std::optional<Timestamp> last;     // its newest entry
    std::optional<Timestamp> removed;  // when "removed" is its newest entry
    std::size_t answered = 0;        // checks recorded since it was last (re)planned, but "stalled"
    bool handed = false;             // its last (re)plan handed it to someone
    std::optional<Timestamp> due;    // from its last (re)plan ("…, due TIME")
    std::optional<std::string> who;  // from its last (re)plan ("WHAT → WHO, due …")
};

ActionLog action_log(const Case& c, std::string_view what) {
    using namespace std::string_view_literals;
    ActionLog out;
    bool planned = false;
    for (const LogEntry& e : c.log) {
        if (!about_action(e, what)) {
            continue;
        }
        const bool plan = e.event == "planned"sv || e.event == "handed over"sv;
        out.changes += plan && !planned ? 0 : 1;
        planned = true;
        out.last = std::max(out.last.value_or(e.at), e.at);
        out.removed.reset();
        if (e.event == "removed"sv) {
            out.removed = e.at;
        } else if (e.event == "check"sv) {
            out.recorded.push_back(e.at);
            out.answered += e.text.starts_with("stalled: ") ? 0 : 1;
        } else if (plan || e.event == "replanned"sv) {
            const std::string_view text = std::string_view(e.text).substr(what.size());
            const std::size_t arrow = text.find(" → "), due = text.find(", due ");
            out.handed = arrow == 0;
            out.who.reset();
            if (out.handed && due != std::string_view::npos) {
                out.who = std::string(text.substr(arrow + 5, due - arrow - 5));
            }
            if (due != std::string_view::npos) {
                out.due = parse_rfc3339(text.substr(due + 6, 25));
            }
            out.answered = 0;
        }
    }
    return out;
}

}  // namespace

std::string ics_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < line.size();) {
        char32_t cp = 0;
        const std::size_t len = std::max<std::size_t>(decode_utf8(line, i, cp), 1);  // never split
        if (used + len > 75) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, len));
        used += len;
        i += len;
    }
    return out + "\r\n";
}

std::string render_ics(const std::vector<Case>& cases, const Timestamp& now, const Config& config,
                       IcsItems items, const std::optional<Timestamp>& since) {
    using namespace std::string_view_literals;
    const bool todos = items == IcsItems::todos;
    auto recent = [&](const Timestamp& at) { return !since || at >= *since; };
    std::string out;
    out += ics_fold("BEGIN:VCALENDAR");
    out += ics_fold("VERSION:2.0");
    out += ics_fold("PRODID:-//owner//owner case agenda//EN");
    out += ics_fold("CALSCALE:GREGORIAN");
    out += ics_fold("X-WR-CALNAME:owner");
    for (const Case& c : cases) {
        // A case closed before `since` is history the calendar has already been told about.
        if (c.is_closed() && !recent(*c.closed)) {
            continue;
        }
        const std::string about = fmt::format("{} — {} (case {})", c.customer, c.title, c.id);
        // The present actions, then those removed (known only from the log) unless one of the
        // same words is back.
        std::vector<ActionLog> logs;
        std::vector<std::string_view> names;
        for (const Action& a : c.actions) {
            names.push_back(a.what);
        }
        for (const LogEntry& e : c.log) {
            if (e.event == "removed"sv &&
                std::find(names.begin(), names.end(), e.text) == names.end()) {
                names.push_back(e.text);
            }
        }
        logs.reserve(names.size());
        for (const std::string_view what : names) {
            logs.push_back(action_log(c, what));
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            const Action* a = i < c.actions.size() ? &c.actions[i] : nullptr;
            const ActionLog& log = logs[i];
            if (!a && !log.removed) {
                continue;  // removed, then planned again: the present one stands for it
            }
            // Where it stands, and since when: done and cancelled come from the action, a
            // removal from the log, and what a closed case left open is cancelled with it.
            State state = State::open;
            Timestamp ended = now;
            Revision rev{log.changes, log.last.value_or(c.opened)};
            if (!a) {
                state = State::cancelled;
                ended = *log.removed;
            } else if (a->done) {
                state = State::done;
                ended = *a->done;
            } else if (a->cancelled) {
                state = State::cancelled;
                ended = *a->cancelled;
            } else if (c.is_closed()) {
                state = State::cancelled;
                ended = *c.closed;
                rev.sequence += 1;
                rev.modified = std::max(rev.modified, ended);
            }
            if (state != State::open && !recent(ended)) {
                continue;
            }
            const std::string base = fingerprint(c.id + "\n" + std::string(names[i]));
            // Your own actions read as what is to be done; another's name who does it (in a team,
            // the case owner's own actions are theirs).
            const bool mine = a ? is_mine(c, *a, config) : !log.handed;
            const std::string who = mine            ? std::string("myself")
                                    : a && a->who   ? *a->who
                                    : !a && log.who ? *log.who
                                                    : std::string(config.owner_of(c));
            const std::string what(names[i]);
            const std::string summary = mine ? what : fmt::format("{}: {}", who, what);
            const Timestamp due = a ? a->due : log.due.value_or(ended);
            if (todos) {
                todo(out, fmt::format("{}-todo-{}@owner", c.id, base), due, state, ended,
                     c.priority, summary, about, now, rev);
            } else {
                event(out, fmt::format("{}-action-{}@owner", c.id, base), due, 15, summary, about,
                      now, rev, state != State::open);
            }
            // Checks are numbered over the action's life: those recorded first, then those to
            // come, so that a check keeps its UID when the one before it is recorded and a re-plan
            // moves the checks still to come in place.
            const std::string check = fmt::format("Check on {}: {}", who, what);
            std::size_t n = 0;
            auto emit_check = [&](const Timestamp& at, State st) {
                ++n;
                if (todos) {
                    todo(out, fmt::format("{}-checktodo-{}-{}@owner", c.id, base, n), at, st, at,
                         c.priority, check, about, now, rev);
                } else {
                    event(out, fmt::format("{}-check-{}-{}@owner", c.id, base, n), at, 10, check,
                          about, now, rev, st != State::open);
                }
            };
            for (const Timestamp& at : log.recorded) {
                if (recent(at)) {
                    emit_check(at, State::done);
                } else {
                    ++n;
                }
            }
            if (state == State::open) {
                for (const Timestamp& at : a->checks) {
                    emit_check(at, State::open);
                }
            } else if (a && !a->checks.empty()) {
                for (std::size_t k = 0; k < a->checks.size(); ++k) {
                    emit_check(ended, State::cancelled);
                }
            } else if (!mine) {
                // Done or removed, its checks still to come were dropped from the file: a hand-over
                // has two, less those answered since its last plan.
                for (std::size_t k = log.answered; k < 2; ++k) {
                    emit_check(ended, State::cancelled);
                }
            }
        }
        if (c.deadline) {
            Revision rev{0, c.opened};
            for (const LogEntry& e : c.log) {
                if (e.event == "deadline"sv || e.event == "closed"sv || e.event == "reopened"sv) {
                    rev.sequence += 1;
                    rev.modified = std::max(rev.modified, e.at);
                }
            }
            deadline_event(out, c, about, now, rev);
        }
    }
    out += ics_fold("END:VCALENDAR");
    return out;
}

}  // namespace owner
