#include "render/ics.hpp"

#include <algorithm>

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

void event(std::string& out, const std::string& uid, const Timestamp& start, int minutes,
           const std::string& summary, const std::string& description, const Timestamp& now) {
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold("UID:" + uid);
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DTSTART:" + utc(start));
    out += ics_fold(fmt::format("DURATION:PT{}M", minutes));
    out += ics_fold("SUMMARY:" + ics_escape(summary));
    out += ics_fold("DESCRIPTION:" + ics_escape(description));
    out += ics_fold("END:VEVENT");
}

std::string ics_date(const Date& d) {
    return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day);
}

// A promised deadline: all day on its local date, not busy.
void deadline_event(std::string& out, const Case& c, const std::string& about,
                    const Timestamp& now) {
    const LocalTime at = to_local(c.deadline->seconds);
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold(fmt::format("UID:{}-deadline@owner", c.id));
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DTSTART;VALUE=DATE:" + ics_date(at.date));
    out += ics_fold("DTEND;VALUE=DATE:" + ics_date(at.date.plus_days(1)));
    out += ics_fold("TRANSP:TRANSPARENT");
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

void todo(std::string& out, const std::string& uid, const Timestamp& due,
          const std::optional<Timestamp>& done, Priority priority, const std::string& summary,
          const std::string& description, const Timestamp& now, bool cancelled = false) {
    out += ics_fold("BEGIN:VTODO");
    out += ics_fold("UID:" + uid);
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DUE:" + utc(due));
    out += ics_fold(done        ? "STATUS:COMPLETED"
                    : cancelled ? "STATUS:CANCELLED"
                                : "STATUS:NEEDS-ACTION");
    if (done) {
        out += ics_fold("COMPLETED:" + utc(*done));
        out += ics_fold("PERCENT-COMPLETE:100");
    }
    out += ics_fold(fmt::format("PRIORITY:{}", ics_priority(priority)));
    out += ics_fold("SUMMARY:" + ics_escape(summary));
    out += ics_fold("DESCRIPTION:" + ics_escape(description));
    out += ics_fold("END:VTODO");
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
                       IcsItems items) {
    const bool todos = items == IcsItems::todos;
    std::string out;
    out += ics_fold("BEGIN:VCALENDAR");
    out += ics_fold("VERSION:2.0");
    out += ics_fold("PRODID:-//owner//owner case agenda//EN");
    out += ics_fold("CALSCALE:GREGORIAN");
    out += ics_fold("X-WR-CALNAME:owner");
    for (const Case& c : cases) {
        // A closed case leaves the calendar; in a task list (export --all/--closed) its cancelled
        // actions stay, marked cancelled, so that a subscribed list does not keep them to do.
        if (c.is_closed() && !todos) {
            continue;
        }
        const std::string about = fmt::format("{} — {} (case {})", c.customer, c.title, c.id);
        for (const Action& a : c.actions) {
            if ((!a.open() && !todos) || (c.is_closed() && !a.cancelled)) {
                continue;
            }
            const std::string base = fingerprint(c.id + "\n" + a.what);
            // Your own actions read as what is to be done; another's name who does it (in a team,
            // the case owner's own actions are theirs).
            const bool mine = is_mine(c, a, config);
            const std::string who = mine    ? std::string("myself")
                                    : a.who ? *a.who
                                            : std::string(config.owner_of(c));
            const std::string summary = mine ? a.what : fmt::format("{}: {}", who, a.what);
            if (todos) {
                todo(out, fmt::format("{}-todo-{}@owner", c.id, base), a.due, a.done, c.priority,
                     summary, about, now, a.cancelled.has_value());
            } else {
                event(out, fmt::format("{}-action-{}@owner", c.id, base), a.due, 15, summary, about,
                      now);
            }
            for (std::size_t k = 0; k < a.checks.size() && a.open(); ++k) {
                const std::string check = fmt::format("Check on {}: {}", who, a.what);
                if (todos) {
                    todo(out, fmt::format("{}-checktodo-{}-{}@owner", c.id, base, k + 1),
                         a.checks[k], std::nullopt, c.priority, check, about, now);
                } else {
                    event(out, fmt::format("{}-check-{}-{}@owner", c.id, base, k + 1), a.checks[k],
                          10, check, about, now);
                }
            }
        }
        if (c.deadline && !c.is_closed()) {
            deadline_event(out, c, about, now);
        }
    }
    out += ics_fold("END:VCALENDAR");
    return out;
}

}  // namespace owner
