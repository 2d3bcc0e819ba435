#include <doctest/doctest.h>

#include "domain/error.hpp"
#include "fixture.hpp"
#include "render/json.hpp"
#include "store/codec.hpp"
#include "store/import.hpp"

using namespace owner;

namespace {

std::string export_of(const std::vector<Json>& entries, Json schema = 1) {
    Json cases = Json::array();
    for (const auto& e : entries) {
        cases.push(e);
    }
    return Json::object().set("schema", std::move(schema)).set("cases", std::move(cases)).dump();
}

Json entry(const std::string& toml) {
    return Json::object().set("case", Json::object()).set("toml", toml);
}

std::string error_of(const std::string& bytes) {
    try {
        parse_import(bytes, "backup.json");
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("parse_import") {
    ZoneGuard zone("Europe/Amsterdam");
    Case one = fixture::handed_over_case();
    Case two = fixture::make_case({.id = "m3p8x", .title = "Upgrade", .customer = "Wu"});
    const std::string first = write_case(one);
    // A hand-edited file: its text is kept as it came, comments and all.
    const std::string second = "# kept as written\n" + write_case(two);

    SUBCASE("every case, parsed, with its exact text") {
        const auto entries = parse_import(export_of({entry(first), entry(second)}), "backup.json");
        REQUIRE(entries.size() == 2);
        CHECK(entries[0].c.id == "k7rq2");
        CHECK(entries[0].c.actions.size() == 1);
        CHECK(entries[0].text == first);
        CHECK(entries[1].c.id == "m3p8x");
        CHECK(entries[1].c.customer == "Wu");
        CHECK(entries[1].text == second);
    }
    SUBCASE("an empty export is no error; duplicates are for the caller to judge") {
        CHECK(parse_import(export_of({}), "backup.json").empty());
        CHECK(parse_import(export_of({entry(first), entry(first)}), "backup.json").size() == 2);
    }
    SUBCASE("not an export: the file is named with what was expected") {
        const std::string expected =
            "backup.json: not an owner export (expected {\"schema\": 1, \"cases\": [...]})";
        CHECK(error_of("[]") == expected);
        CHECK(error_of("{\"cases\": []}") == expected);
        CHECK(error_of(export_of({entry(first)}, 2)) == expected);
        CHECK(error_of("{\"schema\": 1, \"cases\": {}}") == expected);
        CHECK(error_of("{\"schema\": 1").starts_with("backup.json: "));
    }
    SUBCASE("a bad entry names its index and field, and stops the whole import") {
        CHECK(error_of(export_of({entry(first), Json::object().set("case", Json::object())})) ==
              "backup.json: cases[1]: expected a \"toml\" string");
        CHECK(error_of(export_of({Json::object().set("toml", 7)})) ==
              "backup.json: cases[0]: expected a \"toml\" string");
        std::string broken = first;
        broken.replace(broken.find("id = \"k7rq2\""), 12, "id = \"../x\"");
        const std::string e = error_of(export_of({entry(second), entry(broken)}));
        CHECK(e.starts_with("backup.json: cases[1]"));
        CHECK(e.find("id") != std::string::npos);
        CHECK(e.find('\n') == std::string::npos);
    }
    SUBCASE("text with control characters is refused as a usage error, naming the field") {
        Case bad = one;
        bad.title = "Double\x1b[2Jcharge";
        try {
            parse_import(export_of({entry(first), entry(write_case(bad))}), "backup.json");
            FAIL("no error");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()).starts_with("backup.json: cases[1] (k7rq2): title: "
                                                    "control character U+001B (ESC)"));
        }
    }
}
