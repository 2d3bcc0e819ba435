// Every place that knows a case's fields takes its list from domain/case_fields.hpp; these tests
// take theirs from there too, so a field added to the table is checked everywhere at once: a case
// with every field set survives the codec, the cache, a merge from either side, the JSON and an
// import with nothing lost, `forget` removes every personal field and the text checks look at
// every text.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "domain/case_fields.hpp"
#include "domain/forget.hpp"
#include "domain/merge.hpp"
#include "domain/text.hpp"
#include "fixture.hpp"
#include "render/case_view.hpp"
#include "render/json.hpp"
#include "store/cache.hpp"
#include "store/codec.hpp"
#include "store/import.hpp"

using namespace owner;

namespace {

template <typename F> using TypeOf = typename std::remove_cvref_t<F>::Type;

// The value a field is given: its own, unlike its default and unlike every other field's. Texts
// are safe ids (the id is one of them); a multiline one has a second line.
template <typename Fields, typename Record> void fill(const Fields& fields, Record& r, int seed) {
    int n = seed;
    for_each_field(fields, [&](const auto& f) {
        using T = TypeOf<decltype(f)>;
        ++n;
        const std::string text = fmt::format("{}-{}", f.name, n);
        const Timestamp at = ts(fixture::kMonday).plus_seconds(n * 3600);
        T& v = f.of(r);
        if constexpr (std::is_same_v<T, int>) {
            v = kSchemaVersion;  // the one value a case file can have
        } else if constexpr (std::is_same_v<T, std::string> ||
                             std::is_same_v<T, std::optional<std::string>>) {
            v = f.has(kMultiline) ? text + "\nsecond line" : text;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            v = {text + "-a", text + "-b"};
        } else if constexpr (std::is_same_v<T, Timestamp> ||
                             std::is_same_v<T, std::optional<Timestamp>>) {
            v = at;
        } else if constexpr (std::is_same_v<T, std::vector<Timestamp>>) {
            v = {at, at.plus_seconds(600)};
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            v = Date{2026, 10, n % 28 + 1};
        } else if constexpr (std::is_same_v<T, Priority>) {
            v = seed == 0 ? Priority::urgent : Priority::high;
        } else {
            static_assert(sizeof(T) == 0, "test_case_fields.cpp: give this type a value in fill()");
        }
    });
}

// A case with every field of the case, of one action and of one log entry set.
Case full_case() {
    Case c;
    fill(kCaseFields, c, 0);
    fill(kActionFields, c.actions.emplace_back(), 100);
    fill(kLogFields, c.log.emplace_back(), 200);
    return c;
}

// The texts a value shows as (in a case file, the JSON, a draft).
template <typename T> std::vector<std::string> texts_of(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        return {v};
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        return {v.rfc3339()};
    } else if constexpr (std::is_same_v<T, Date>) {
        return {v.iso()};
    } else if constexpr (std::is_same_v<T, Priority>) {
        return {std::string(to_string(v))};
    } else if constexpr (std::is_same_v<T, int>) {
        return {fmt::format("{}", v)};
    } else if constexpr (requires { v.has_value(); }) {
        return v ? texts_of(*v) : std::vector<std::string>{};
    } else {
        std::vector<std::string> out;
        for (const auto& item : v) {
            for (auto& t : texts_of(item)) {
                out.push_back(std::move(t));
            }
        }
        return out;
    }
}

// The fields of a record that differ between two versions (a timestamp by instant and offset).
template <typename Fields, typename Record>
void differing(const Fields& fields, const Record& a, const Record& b, const std::string& prefix,
               std::vector<std::string>& out) {
    for_each_field(fields, [&](const auto& f) {
        if (!(f.of(a) == f.of(b)) || texts_of(f.of(a)) != texts_of(f.of(b))) {
            out.push_back(prefix + std::string(f.name));
        }
    });
}

// What of `want` is not in `got`: "title", "actions[1].who", "log[1].text", "actions" (a count).
std::vector<std::string> lost(const Case& want, const Case& got) {
    std::vector<std::string> out;
    differing(kCaseFields, want, got, "", out);
    if (want.actions.size() != got.actions.size()) {
        out.emplace_back("actions");
    } else {
        for (std::size_t i = 0; i < want.actions.size(); ++i) {
            differing(kActionFields, want.actions[i], got.actions[i],
                      fmt::format("actions[{}].", i + 1), out);
        }
    }
    if (want.log.size() != got.log.size()) {
        out.emplace_back("log");
    } else {
        for (std::size_t i = 0; i < want.log.size(); ++i) {
            differing(kLogFields, want.log[i], got.log[i], fmt::format("log[{}].", i + 1), out);
        }
    }
    return out;
}

// Every field's name, as a case file, the JSON and a merge conflict spell it.
template <typename Fields> std::vector<std::string> names(const Fields& fields) {
    std::vector<std::string> out;
    for_each_field(fields, [&](const auto& f) { out.emplace_back(f.name); });
    return out;
}

// True when a JSON value holds `text` (a string, or an item of an array).
bool json_holds(const Json& v, const std::string& text) {
    if (const std::string* s = v.string()) {
        return *s == text;
    }
    if (const Json::Array* items = v.array_items()) {
        for (const Json& item : *items) {
            if (json_holds(item, text)) {
                return true;
            }
        }
    }
    return false;
}

// Every JSON field of a record present, holding each of its texts.
template <typename Fields, typename Record>
void check_json(const Fields& fields, const Record& r, const Json& j, const std::string& where) {
    for_each_field(fields, [&](const auto& f) {
        if (f.has(kNotInJson)) {
            return;
        }
        CAPTURE(where);
        CAPTURE(f.name);
        const Json* v = j.find(f.name);
        REQUIRE(v != nullptr);
        for (const std::string& text : texts_of(f.of(r))) {
            CAPTURE(text);
            CHECK(json_holds(*v, text));
        }
    });
}

}  // namespace

TEST_CASE("case fields: every member of Case, Action and LogEntry is in the field table") {
    // The static_asserts in case_fields.hpp hold; the tables name each field once.
    for (const auto& list : {names(kCaseFields), names(kActionFields), names(kLogFields)}) {
        std::set<std::string> unique(list.begin(), list.end());
        CHECK(unique.size() == list.size());
    }
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    std::vector<std::string> unset;
    differing(kCaseFields, c, Case{}, "", unset);
    // Every field differs from a default case (the schema too: a team's case, 2, against 1).
    CHECK(unset.size() == std::tuple_size_v<decltype(kCaseFields)>);
}

TEST_CASE("case fields: the cache's record version follows the field table") {
    // A failure here: the tables changed, so the cache's records did. Bump kCaseRecordVersion and
    // set kCaseRecordFingerprint (domain/case_fields.hpp) to the new value shown.
    CHECK_EQ(case_record_fingerprint(), kCaseRecordFingerprint);
}

TEST_CASE("case fields: a case with every field set survives the codec") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    const std::string text = write_case(c);
    for (const auto& list : {names(kCaseFields), names(kActionFields), names(kLogFields)}) {
        for (const std::string& name : list) {
            CAPTURE(name);
            CHECK((text.starts_with(name + " = ") ||
                   text.find("\n" + name + " = ") != std::string::npos));
        }
    }
    const Case back = parse_case(text, "full.toml");
    CHECK(lost(c, back) == std::vector<std::string>{});
    CHECK(write_case(back) == text);
}

TEST_CASE("case fields: a case with every field set survives the cache") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    Case back;
    REQUIRE(CaseCache::decode(CaseCache::encode(c), back));
    CHECK(lost(c, back) == std::vector<std::string>{});
    // A record cut short anywhere is refused, never half read.
    const std::string blob = CaseCache::encode(c);
    for (std::size_t n = 0; n < blob.size(); n += 7) {
        Case part;
        CHECK_FALSE(CaseCache::decode(std::string_view(blob).substr(0, n), part));
    }
}

TEST_CASE("case fields: a change to every field is merged from either side and named") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case changed = full_case();
    // The base: the same case (id, action and what identifies it) with every other field unset.
    Case base;
    base.id = changed.id;
    Action& a = base.actions.emplace_back();
    a.what = changed.actions[0].what;
    const Timestamp now = ts("2026-11-30T10:00:00+01:00");
    for (const bool theirs : {true, false}) {
        CAPTURE(theirs);
        const MergeResult r = theirs ? merge_cases(base, base, changed, Prefer::none, now)
                                     : merge_cases(base, changed, base, Prefer::none, now);
        CHECK(r.conflicts.empty());
        CHECK(lost(changed, r.merged) == std::vector<std::string>{});
    }
    // changed_fields names every case field that differs, then the actions and the log.
    std::vector<std::string> want;
    differing(kCaseFields, base, changed, "", want);
    want.emplace_back("actions");
    want.emplace_back("log");
    CHECK(changed_fields(base, changed) == want);
    // Different changes on both sides conflict, field by field, under the field's name.
    Case other = changed;
    fill(kCaseFields, other, 50);
    other.id = changed.id;
    fill(kActionFields, other.actions[0], 150);
    other.actions[0].what = changed.actions[0].what;
    const MergeResult r = merge_cases(base, changed, other, Prefer::none, now);
    std::vector<std::string> conflicts;
    for (const auto& f : r.conflicts) {
        conflicts.push_back(f.field);
    }
    for_each_field(kCaseFields, [&](const auto& f) {
        CAPTURE(f.name);
        const bool found =
            std::find(conflicts.begin(), conflicts.end(), std::string(f.name)) != conflicts.end();
        CHECK(found == (f.merge == MergeRule::pick));
    });
}

TEST_CASE("case fields: every field of a case is in its JSON") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    const Json j = case_json(c);
    check_json(kCaseFields, c, j, "case");
    REQUIRE(j.find("actions") != nullptr);
    REQUIRE(j.find("actions")->array_items()->size() == 1);
    check_json(kActionFields, c.actions[0], j.find("actions")->array_items()->front(), "action");
    REQUIRE(j.find("log")->array_items()->size() == 1);
    check_json(kLogFields, c.log[0], j.find("log")->array_items()->front(), "log");
}

TEST_CASE("case fields: a case with every field set survives export and import") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    Json cases = Json::array();
    cases.push(Json::object().set("case", case_json(c)).set("toml", write_case(c)));
    const std::string doc =
        json_document().set("cases", std::move(cases)).pretty();  // as `owner export` writes it
    const auto entries = parse_import(doc, "export.json");
    REQUIRE(entries.size() == 1);
    CHECK(lost(c, entries[0].c) == std::vector<std::string>{});
}

TEST_CASE("case fields: forget removes every personal field, and only those") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    const Case f = forgotten(c, true, ts("2026-11-30T10:00:00+01:00"));
    const std::string text = write_case(f);
    std::vector<std::string> changed;
    auto check = [&](const auto& fields, const auto& before, const auto& after) {
        for_each_field(fields, [&](const auto& field) {
            CAPTURE(field.name);
            CHECK((field.of(before) == field.of(after)) == !field.has(kPersonal));
            if (field.has(kPersonal)) {
                for (const std::string& t : texts_of(field.of(before))) {
                    CAPTURE(t);
                    CHECK(text.find(t) == std::string::npos);
                }
            }
        });
    };
    check(kCaseFields, c, f);
    check(kActionFields, c.actions[0], f.actions[0]);
    check(kLogFields, c.log[0], f.log[0]);
}

TEST_CASE("case fields: the text checks look at every text of a case") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = full_case();
    REQUIRE_FALSE(case_text_problem(c));
    auto spoil = [&](const auto& fields, auto record_of, const std::string& prefix) {
        for_each_field(fields, [&](const auto& f) {
            using T = TypeOf<decltype(f)>;
            if constexpr (std::is_same_v<T, std::string> ||
                          std::is_same_v<T, std::optional<std::string>> ||
                          std::is_same_v<T, std::vector<std::string>>) {
                Case bad = c;
                T& v = f.of(record_of(bad));
                if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                    v.back() += '\x1b';
                } else if constexpr (std::is_same_v<T, std::string>) {
                    v += '\x1b';
                } else {
                    v = v.value_or("") + '\x1b';
                }
                CAPTURE(f.name);
                const auto problem = case_text_problem(bad);
                REQUIRE(problem);
                CHECK(problem->starts_with(prefix + std::string(f.name)));
            }
        });
    };
    spoil(
        kCaseFields, [](Case& x) -> Case& { return x; }, "");
    spoil(
        kActionFields, [](Case& x) -> Action& { return x.actions[0]; }, "actions[1].");
    spoil(
        kLogFields, [](Case& x) -> LogEntry& { return x.log[0]; }, "log[1].");
}
