#include <doctest/doctest.h>

#include "allocations.hpp"
#include "domain/case.hpp"

using namespace owner;

TEST_CASE("case ids") {
    SUBCASE("make_id uses the unambiguous alphabet") {
        std::uint32_t n = 0;
        const std::string id = make_id([&] { return n++; });
        CHECK(id.size() == kIdLength);
        CHECK(id == "23456");
        CHECK(is_safe_id(id));
    }
    SUBCASE("is_safe_id rejects anything that could name another file") {
        CHECK_FALSE(is_safe_id(""));
        CHECK_FALSE(is_safe_id(".."));
        CHECK_FALSE(is_safe_id("a/b"));
        CHECK_FALSE(is_safe_id("../cases"));
        CHECK_FALSE(is_safe_id("/etc"));
        CHECK_FALSE(is_safe_id("K7RQ"));
        CHECK(is_safe_id("k7rq2"));
    }
    SUBCASE("match_id: exact, unique prefix, ambiguous, none") {
        const std::vector<std::string> ids = {"k7rq2", "k7ab3", "m2xyz", "m2"};
        CHECK(match_id("k7r", ids).candidates == std::vector<std::string>{"k7rq2"});
        CHECK(match_id("k7", ids).candidates == std::vector<std::string>{"k7ab3", "k7rq2"});
        CHECK(match_id("m2", ids).candidates == std::vector<std::string>{"m2"});
        CHECK(match_id("zz", ids).candidates.empty());
    }
    SUBCASE("closest_id suggests a near miss only") {
        const std::vector<std::string> ids = {"k7rq2", "m2xyz"};
        CHECK(closest_id("k7qr2", ids) == "k7rq2");
        CHECK(closest_id("zzzzz", ids).empty());
    }
}

TEST_CASE("Case::open_actions and next_action") {
    Case c;
    CHECK(c.next_action() == nullptr);
    c.actions.push_back(Action{.what = "late", .due = Timestamp{300, 0}});
    c.actions.push_back(Action{.what = "early", .due = Timestamp{100, 0}});
    c.actions.push_back(Action{.what = "done", .due = Timestamp{50, 0}, .done = Timestamp{60, 0}});
    CHECK(c.open_actions() == std::vector<std::size_t>{1, 0});
    REQUIRE(c.next_action() != nullptr);
    CHECK(c.next_action()->what == "early");
}

TEST_CASE("keys added by hand cost a pointer, and nothing while there are none") {
    // A store of 2 000 cases carries some 13 000 of these, almost all empty.
    CHECK(sizeof(Action{}.extra) <= sizeof(void*));
    CHECK(sizeof(LogEntry{}.extra) <= sizeof(void*));
    CHECK(sizeof(Case{}.extra) <= sizeof(void*));
    Case c;
    c.actions.resize(3);
    c.log.resize(3);
    {
        test::AllocationCounter allocations;
        Case copy = c;
        Case moved = std::move(copy);
        CHECK(moved.extra.empty());
        // The two vectors of the copy, nothing for the keys of its actions and entries.
        CHECK(allocations.count() == 2);
    }
}

TEST_CASE("Extra: the keys a person added, by value") {
    Extra e;
    CHECK(e.empty());
    CHECK(e.size() == 0);
    CHECK_FALSE(e.contains("crm"));
    CHECK(e.get("crm") == nullptr);
    CHECK_FALSE(e["crm"]);
    CHECK(e.begin() == e.end());
    CHECK(e.table().empty());
    CHECK_FALSE(e.erase("crm"));

    e.insert_or_assign("crm", "CRM-7");
    e.insert("billing", toml::table{{"plan", "gold"}});
    CHECK_FALSE(e.empty());
    CHECK(e.size() == 2);
    CHECK(e.contains("crm"));
    CHECK(e["crm"].value_or(std::string()) == "CRM-7");
    CHECK(e["billing"]["plan"].value_or(std::string()) == "gold");
    REQUIRE(e.get_as<std::string>("crm") != nullptr);
    CHECK(e.get_as<std::string>("crm")->get() == "CRM-7");
    CHECK(e.get_as<toml::array>("crm") == nullptr);
    CHECK(std::distance(e.begin(), e.end()) == 2);

    SUBCASE("a copy is deep") {
        Extra copy = e;
        copy.insert_or_assign("crm", "CRM-8");
        CHECK(e["crm"].value_or(std::string()) == "CRM-7");
        CHECK(copy["crm"].value_or(std::string()) == "CRM-8");
        Extra assigned;
        assigned = copy;
        CHECK(assigned["crm"].value_or(std::string()) == "CRM-8");
        assigned = Extra{};
        CHECK(assigned.empty());
        CHECK(copy.size() == 2);
    }
    SUBCASE("erasing the last key leaves none, and an empty table is none") {
        CHECK(e.erase("crm"));
        CHECK_FALSE(e.erase("crm"));
        CHECK(e.erase("billing"));
        CHECK(e.empty());
        CHECK(e.begin() == e.end());
        e = toml::table{};
        CHECK(e.empty());
        e = toml::table{{"lang", "nl"}};
        CHECK(e["lang"].value_or(std::string()) == "nl");
        e.clear();
        CHECK(e.empty());
    }
}
