#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/case.hpp"

// The one description of a case's fields: their names (the keys of a case file, of the JSON and
// of a merge conflict), in file order, with how each is merged and who may see it. The codec (read
// and write), the cache (encode and decode), the three-way merge, the JSON, the text checks and
// `forget` all take their list from here, each by the field's type; tests/unit/test_case_fields.cpp
// proves that a case with every field set survives them all. Adding a field: ARCHITECTURE.md.
namespace owner {

// How a field takes part in a three-way merge (domain/merge.cpp).
enum class MergeRule {
    keep,    // ours: what identifies the record (the id, an action's text, a log entry)
    pick,    // a change on one side wins; different changes on both conflict
    later,   // the later of the two: moves only forward
    either,  // set on either side is set (an action done)
    set,     // a list merged item by item: added or removed on either side
};

enum FieldFlag : unsigned {
    kMultiline = 1,     // newlines allowed (text checks)
    kPersonal = 2,      // `forget` removes it
    kNotInJson = 4,     // not in `show --json` / export's `case`
    kEmptyIsAbsent = 8  // a string: written only when not empty, "" when absent
};

template <typename Record, typename T> struct Field {
    using Type = T;
    std::string_view name;
    T Record::*member;
    MergeRule merge;
    unsigned flags;

    constexpr bool has(FieldFlag f) const { return (flags & f) != 0; }
    constexpr T& of(Record& r) const { return r.*member; }
    constexpr const T& of(const Record& r) const { return r.*member; }
};

template <typename Record, typename T>
constexpr Field<Record, T> field(std::string_view name, T Record::*member,
                                 MergeRule merge = MergeRule::pick, unsigned flags = 0) {
    return {name, member, merge, flags};
}

// The case's own fields, in file order; its actions, log and hand-added keys follow them.
inline constexpr auto kCaseFields = std::tuple{
    field("schema", &Case::schema, MergeRule::keep, kNotInJson),
    field("id", &Case::id, MergeRule::keep),
    field("title", &Case::title, MergeRule::pick, kPersonal),
    field("customer", &Case::customer, MergeRule::pick, kPersonal),
    field("owner", &Case::owner),
    field("contact", &Case::contact, MergeRule::pick, kPersonal),
    field("contacts", &Case::contacts, MergeRule::set, kPersonal),
    field("ref", &Case::ref, MergeRule::pick, kPersonal),
    field("tags", &Case::tags, MergeRule::set),
    field("opened", &Case::opened),
    field("deadline", &Case::deadline),
    field("priority", &Case::priority),
    field("priority_reviewed", &Case::priority_reviewed, MergeRule::later),
    field("summary", &Case::summary, MergeRule::pick, kPersonal | kMultiline),
    field("last_update_to_customer", &Case::last_update_to_customer, MergeRule::later),
    field("closed", &Case::closed),
    field("outcome", &Case::outcome),
};

// One [[actions]] table; matched across a merge by `what`.
inline constexpr auto kActionFields = std::tuple{
    field("what", &Action::what, MergeRule::keep, kPersonal),
    field("who", &Action::who),
    field("kind", &Action::kind),
    field("start", &Action::start),
    field("due", &Action::due),
    field("checks", &Action::checks, MergeRule::set),  // one recorded, others planned
    field("stalled", &Action::stalled),
    field("done", &Action::done, MergeRule::either),
    field("cancelled", &Action::cancelled, MergeRule::either),
};

// One [[log]] table: a fact, kept from both sides of a merge.
inline constexpr auto kLogFields = std::tuple{
    field("at", &LogEntry::at, MergeRule::keep),
    field("event", &LogEntry::event, MergeRule::keep),
    field("text", &LogEntry::text, MergeRule::keep, kPersonal | kMultiline | kEmptyIsAbsent),
    field("sender", &LogEntry::sender, MergeRule::keep, kPersonal),
    field("by", &LogEntry::by, MergeRule::keep),
};

// Calls f(field) for each field of a table, in order; inlined, so that a decoder's cursor stays in
// registers (store/blob.hpp).
template <typename Fields, typename F, std::size_t... I>
[[gnu::always_inline]] constexpr void for_each_field_at(const Fields& fields, F& f,
                                                        std::index_sequence<I...>) {
    (f(std::get<I>(fields)), ...);
}
template <typename Fields, typename F>
[[gnu::always_inline]] constexpr void for_each_field(const Fields& fields, F&& f) {
    for_each_field_at(fields, f, std::make_index_sequence<std::tuple_size_v<Fields>>{});
}

// Whether every field of a table is the same in two records (by ==: a timestamp by its instant).
template <typename Fields, typename Record>
bool same_fields(const Fields& fields, const Record& a, const Record& b) {
    bool same = true;
    for_each_field(fields, [&](const auto& f) { same = same && f.of(a) == f.of(b); });
    return same;
}

// The cache (store/cache.cpp) keeps cases in a binary record laid out by these tables: a change to
// them (a field added, moved or retyped) needs a new record version, or an old cache would be read
// as the new layout. The fingerprint of the tables is checked by a unit test (test_case_fields.cpp)
// against the one the version was made for; it prints the new one.
inline constexpr int kCaseRecordVersion = 5;
inline constexpr std::uint64_t kCaseRecordFingerprint = 5845845058921467950ULL;

namespace detail {
template <typename T> constexpr char type_code() {
    if constexpr (std::is_same_v<T, int>) {
        return 'i';
    } else if constexpr (std::is_same_v<T, std::string>) {
        return 's';
    } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
        return 'S';
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        return 'l';
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        return 't';
    } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
        return 'T';
    } else if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
        return 'L';
    } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
        return 'D';
    } else if constexpr (std::is_same_v<T, Priority>) {
        return 'p';
    } else {
        static_assert(sizeof(T) == 0, "case_fields.hpp: give the new type a code");
    }
}
}  // namespace detail

// FNV-1a over each table's names and types, in order.
constexpr std::uint64_t case_record_fingerprint() {
    std::uint64_t h = 14695981039346656037ULL;
    auto mix = [&](char c) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    };
    auto table = [&](const auto& fields) {
        for_each_field(fields, [&](const auto& f) {
            for (char c : f.name) {
                mix(c);
            }
            mix(detail::type_code<typename std::remove_cvref_t<decltype(f)>::Type>());
        });
        mix('|');
    };
    table(kCaseFields);
    table(kActionFields);
    table(kLogFields);
    return h;
}

namespace detail {
// Converts to any member's type: counts an aggregate's members by how many it can be built from.
struct AnyMember {
    template <typename T> operator T&() const;
    template <typename T> operator T&&() const;
};
template <typename T, std::size_t... I> constexpr bool builds_from(std::index_sequence<I...>) {
    return requires {
        T{(void(I), AnyMember{})...};
    };
}
template <typename T, std::size_t N = 0> constexpr std::size_t member_count() {
    if constexpr (builds_from<T>(std::make_index_sequence<N + 1>{})) {
        return member_count<T, N + 1>();
    } else {
        return N;
    }
}
}  // namespace detail

// A member added to Case, Action or LogEntry but not to its table stops the build here.
static_assert(detail::member_count<Case>() == std::tuple_size_v<decltype(kCaseFields)> + 3,
              "Case: every member but actions, log and extra is in kCaseFields");
static_assert(detail::member_count<Action>() == std::tuple_size_v<decltype(kActionFields)> + 1,
              "Action: every member but extra is in kActionFields");
static_assert(detail::member_count<LogEntry>() == std::tuple_size_v<decltype(kLogFields)> + 1,
              "LogEntry: every member but extra is in kLogFields");

}  // namespace owner
