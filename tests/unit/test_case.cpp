#include <doctest/doctest.h>

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
