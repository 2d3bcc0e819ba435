#include "render/ics.hpp"

#include <fmt/format.h>

namespace owner {

namespace {

std::string utc(const Timestamp& t) {
    const Timestamp z{t.seconds, 0};
    std::string s = z.rfc3339();  // 2026-11-25T08:00:00+00:00
    return fmt::format("{}{}{}T{}{}{}Z", s.substr(0, 4), s.substr(5, 2), s.substr(8, 2), s.substr(11, 2), s.substr(14, 2), s.substr(17, 2));
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

void event(std::string& out, const std::string& uid, const Timestamp& start, int minutes, const std::string& summary,
           const std::string& description, const Timestamp& now) {
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold("UID:" + uid);
    out += ics_fold("DTSTAMP:" + utc(now));
    out += ics_fold("DTSTART:" + utc(start));
    out += ics_fold(fmt::format("DURATION:PT{}M", minutes));
    out += ics_fold("SUMMARY:" + ics_escape(summary));
    out += ics_fold("DESCRIPTION:" + ics_escape(description));
    out += ics_fold("END:VEVENT");
}

} // namespace

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
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(line[i]);
        if (c >= 0xF0) {
            len = 4;
        } else if (c >= 0xE0) {
            len = 3;
        } else if (c >= 0xC0) {
            len = 2;
        }
        len = std::min(len, line.size() - i);
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

std::string render_ics(const std::vector<Case>& cases, const Timestamp& now, const Config& config) {
    std::string out;
    out += ics_fold("BEGIN:VCALENDAR");
    out += ics_fold("VERSION:2.0");
    out += ics_fold("PRODID:-//owner//owner case agenda//EN");
    out += ics_fold("CALSCALE:GREGORIAN");
    out += ics_fold("X-WR-CALNAME:owner");
    for (const Case& c : cases) {
        if (c.is_closed()) {
            continue;
        }
        const std::string about = fmt::format("{} — {} (case {})", c.customer, c.title, c.id);
        for (const Action& a : c.actions) {
            if (!a.open()) {
                continue;
            }
            const std::string base = fingerprint(c.id + "\n" + a.what);
            const std::string who = a.who.value_or(config.name);
            event(out, fmt::format("{}-action-{}@owner", c.id, base), a.due, 15,
                  fmt::format("{}: {}", who, a.what), about, now);
            for (std::size_t k = 0; k < a.checks.size(); ++k) {
                event(out, fmt::format("{}-check-{}-{}@owner", c.id, base, k + 1), a.checks[k], 10,
                      fmt::format("Check on {}: {}", who, a.what), about, now);
            }
        }
        if (c.deadline) {
            event(out, fmt::format("{}-deadline@owner", c.id), *c.deadline, 0,
                  fmt::format("Promised to {}: {}", c.customer, c.title), about, now);
        }
    }
    out += ics_fold("END:VCALENDAR");
    return out;
}

} // namespace owner
