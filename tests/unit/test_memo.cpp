#include <doctest/doctest.h>

#include <string>

#include "domain/memo.hpp"

using namespace owner;

TEST_CASE("SlotMemo: one value per slot, by key and tag") {
    SlotMemo<int, 7> memo;
    SUBCASE("nothing is known before it is remembered, key 0 included") {
        CHECK(memo.find(0) == nullptr);
        CHECK(memo.find(3) == nullptr);
    }
    SUBCASE("a remembered value is found under its key and tag only") {
        memo.remember(3, 30, 1);
        REQUIRE(memo.find(3, 1) != nullptr);
        CHECK(*memo.find(3, 1) == 30);
        CHECK(memo.find(3, 2) == nullptr);  // the zone changed since
        CHECK(memo.find(4, 1) == nullptr);
    }
    SUBCASE("a key sharing the slot replaces it; negative keys have slots too") {
        memo.remember(3, 30);
        memo.remember(10, 100);  // 10 % 7 == 3
        CHECK(memo.find(3) == nullptr);
        CHECK(*memo.find(10) == 100);
        memo.remember(-5, -50);
        CHECK(*memo.find(-5) == -50);
        CHECK(*memo.find(10) == 100);
    }
}

TEST_CASE("SlotMemo: operator[] keeps what the caller filled in until the key changes") {
    struct Parts {
        std::string text;
        int asked = 0;
    };
    SlotMemo<Parts, 5> memo;
    memo[2].text = "two";
    ++memo[2].asked;
    CHECK(memo[2].text == "two");
    CHECK(memo[2].asked == 1);
    CHECK(memo[7].text.empty());  // the same slot, another key: made afresh
    CHECK(memo[2].text.empty());
}
