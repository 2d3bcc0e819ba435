#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/extra.hpp"
#include "domain/time.hpp"

// A customer case and what happens in it. Keys a person added by hand travel along in `extra`
// so that the tool never drops them when it rewrites a file.
namespace owner {

// The newest case schema this owner reads. A case is written as schema 1 (what every owner reads)
// until it holds a team field (`owner`, a log entry's `by`): then as schema 2, which an owner of
// before teams refuses with one line instead of taking every colleague's case for its own.
inline constexpr int kSchemaVersion = 2;
inline constexpr int kSoloSchemaVersion = 1;
inline constexpr int kTeamSchemaVersion = 2;

enum class Priority { urgent, high, normal, low };
std::string_view to_string(Priority p);
std::optional<Priority> parse_priority(std::string_view s);
inline constexpr std::string_view kPriorityNames = "urgent, high, normal, low";

// An action's `kind` for a call-back (`owner callback`): its `who` calls the customer back.
inline constexpr std::string_view kCallbackKind = "callback";

// One thing to do for the case, by the owner (no `who`) or handed to a colleague.
struct Action {
    std::string what;
    std::optional<std::string> who;   // absent: the owner
    std::optional<std::string> kind;  // "callback", or absent: an ordinary action
    std::optional<Timestamp> start;   // when it was handed over, if not when it was planned
    Timestamp due;
    std::vector<Timestamp> checks;     // checks still to do, in time order
    std::optional<Timestamp> stalled;  // the last check found it stalled
    std::optional<Timestamp> done;
    std::optional<Timestamp> cancelled;  // no longer needed: the customer withdrew (never done)
    Extra extra;

    bool open() const { return !done.has_value() && !cancelled.has_value(); }
    bool handed_over() const { return who.has_value(); }
    bool is_callback() const { return kind && *kind == kCallbackKind; }
};

struct LogEntry {
    Timestamp at;
    std::string event;
    std::string text;
    std::optional<std::string> sender;  // the address a mail came from, for what came by mail
    std::optional<std::string> by;      // who wrote it, when not the case's owner (a colleague)
    Extra extra;
};

struct Case {
    int schema = kSoloSchemaVersion;
    std::string id;
    std::optional<std::string> owner;  // a roster name; absent in a store used by one person
    std::string title;
    std::string customer;
    std::optional<std::string> contact;
    std::vector<std::string> contacts;  // the customer's other addresses: mail threads from these
    std::optional<std::string> ref;
    std::vector<std::string> tags;
    Timestamp opened;
    std::optional<Timestamp> deadline;  // promised to the customer
    Priority priority = Priority::normal;
    std::optional<Date> priority_reviewed;
    std::optional<std::string> summary;
    std::optional<Timestamp> last_update_to_customer;
    std::optional<Timestamp> closed;
    std::optional<std::string> outcome;  // "accepted" or "withdrawn"
    std::vector<Action> actions;
    std::vector<LogEntry> log;
    Extra extra;  // keys a person added

    bool is_closed() const { return closed.has_value(); }
    void add_log(const Timestamp& at, std::string event, std::string text);
    // Open actions, in due order, as indexes into `actions`.
    std::vector<std::size_t> open_actions() const;
    // The next open action (earliest due), if any.
    const Action* next_action() const;
    // The schema the file is written with: kTeamSchemaVersion once it holds a team field.
    int written_schema() const;
};

// What owner writes into a case from outside is held to these (owner(5)): a title of more
// characters, or a log text of more bytes, is refused as an argument and cut from a mail, with
// kCutMark at the end. Files written by hand keep what they hold.
inline constexpr std::size_t kMaxTitleChars = 300;
inline constexpr std::size_t kMaxLogTextBytes = 16 * 1024;
inline constexpr std::string_view kCutMark = " [\u2026]";  // " […]"

// The number of characters (code points) of UTF-8 text.
std::size_t char_count(std::string_view s);
// The text cut to at most max_chars characters, or max_bytes bytes, kCutMark included; the same
// text when it fits.
std::string cut_to_chars(std::string_view s, std::size_t max_chars);
std::string cut_to_bytes(std::string_view s, std::size_t max_bytes);

// Case ids: lowercase letters and digits without look-alikes (0/o, 1/l/i).
inline constexpr std::string_view kIdAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
inline constexpr std::size_t kIdLength = 5;

// A fresh id from `random` (any source of uniform 32-bit values).
std::string make_id(const std::function<std::uint32_t()>& random);
// True when s can be a case id or a prefix of one: nothing that could name another file.
bool is_safe_id(std::string_view s);

// The outcome of looking up what a person typed among known ids.
struct IdMatch {
    std::vector<std::string> candidates;  // exact match alone, else every id with the prefix
};
IdMatch match_id(std::string_view typed, const std::vector<std::string>& ids);
// The closest id by edit distance, for "did you mean"; empty when nothing is close.
std::string closest_id(std::string_view typed, const std::vector<std::string>& ids);

}  // namespace owner
