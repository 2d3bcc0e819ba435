#include <doctest/doctest.h>

#include "domain/config.hpp"
#include "domain/lookup.hpp"
#include "domain/people.hpp"
#include "fixture.hpp"

using namespace owner;

namespace {
Case make_case(std::string id, std::string customer,
               std::optional<std::string> ref = std::nullopt) {
    return fixture::make_case(
        {.id = std::move(id), .customer = std::move(customer), .ref = std::move(ref)});
}
}  // namespace

TEST_CASE("fold_text") {
    SUBCASE("case, punctuation and spaces do not matter") {
        CHECK(fold_text("M. Jansen") == "m jansen");
        CHECK(fold_text("  INC-40211 ") == "inc 40211");
        CHECK(fold_text("Ben Smit (billing)") == "ben smit billing");
    }
    SUBCASE("Latin accents are taken off") {
        CHECK(fold_text("Jánsen-Müller") == "jansen muller");
        CHECK(fold_text("Straße Œuvre") == "strasse oeuvre");
        CHECK(fold_text("Łukasz Żółć") == "lukasz zolc");
    }
    SUBCASE("however an accent is written: composed (NFC) or as a base and a mark (NFD)") {
        CHECK(fold_text("Jos\u00E9") == "jose");
        CHECK(fold_text("Jose\u0301 Garci\u0301a") == "jose garcia");
        CHECK(fold_text("A\u030Angstro\u0308m") == "angstrom");
        CHECK(fold_text("\u00C5ngstr\u00F6m") == "angstrom");
    }
    SUBCASE("letters with a stroke or ligature, and compatibility forms") {
        CHECK(fold_text("\u00D8rsted \u00DE\u00F3r \u0110or\u0111e \u00C6r\u00F8") ==
              "orsted thor dorde aero");
        CHECK(fold_text("\uFB01le \u0133s \u2460") == "file ijs 1");  // ﬁ, ĳ, ①
    }
    SUBCASE("other scripts are kept, without minding case; dashes and emoji separate") {
        CHECK(fold_text("Иван — Петров") == "иван петров");
        CHECK(fold_text("ΑΘΗΝΑ") == fold_text("αθηνα"));
        CHECK(fold_text("山田 ☕ 太郎") == "山田 太郎");
        CHECK(fold_text("") == "");
        CHECK(fold_text("..") == "");
    }
    SUBCASE("broken UTF-8 is kept byte by byte, never read past the end") {
        CHECK(fold_text("a\xC3") == "a\xC3");
        CHECK(fold_text("\xE2\x80") == "\xE2\x80");
        CHECK(fold_text("\x80x") == "\x80x");
    }
}

TEST_CASE("match_case_text") {
    const std::vector<Case> cases = {
        make_case("k7rq2", "M. Jansen", "INC-40211"),
        make_case("m3p8x", "Jansen BV", "INC-40300"),
        make_case("a2b3c", "Van der Berg Logistiek B.V."),
        make_case("z9z9z", "Wu"),
    };
    SUBCASE("by reference, with or without its punctuation and case") {
        CHECK(match_case_text("INC-40211", cases) == std::vector<std::size_t>{0});
        CHECK(match_case_text("inc40211", cases) == std::vector<std::size_t>{0});
    }
    SUBCASE("a part of the reference") {
        CHECK(match_case_text("40300", cases) == std::vector<std::size_t>{1});
        CHECK(match_case_text("inc", cases) == std::vector<std::size_t>{0, 1});
    }
    SUBCASE("by a unique part of the name") {
        CHECK(match_case_text("berg", cases) == std::vector<std::size_t>{2});
        CHECK(match_case_text("van der berg", cases) == std::vector<std::size_t>{2});
        CHECK(match_case_text("JANSEN", cases) == std::vector<std::size_t>{0, 1});
    }
    SUBCASE("the whole name wins over a part") {
        CHECK(match_case_text("m. jansen", cases) == std::vector<std::size_t>{0});
        CHECK(match_case_text("jansen bv", cases) == std::vector<std::size_t>{1});
    }
    SUBCASE("two letters match only a whole word") {
        CHECK(match_case_text("wu", cases) == std::vector<std::size_t>{3});
        CHECK(match_case_text("ja", cases).empty());
        CHECK(match_case_text("bv", cases) == std::vector<std::size_t>{1});
    }
    SUBCASE("a name written decomposed (NFD) is found by its letters, and the other way round") {
        const std::vector<Case> nfd = {make_case("j0s3e", "Jose\u0301 Garci\u0301a"),
                                       make_case("n8c5z", "Ren\u00E9e Dubois")};
        CHECK(match_case_text("jose", nfd) == std::vector<std::size_t>{0});
        CHECK(match_case_text("Jos\u00E9 Garc\u00EDa", nfd) == std::vector<std::size_t>{0});
        CHECK(match_case_text("Rene\u0301e", nfd) == std::vector<std::size_t>{1});
    }
    SUBCASE("nothing") {
        CHECK(match_case_text("smit", cases).empty());
        CHECK(match_case_text("--", cases).empty());
    }
}

TEST_CASE("nearest_text") {
    const std::vector<std::string> names = {"Ben Smit", "Dini Rahma", "Kees"};
    CHECK(nearest_text("Bne Smit", names) == "Ben Smit");
    CHECK(nearest_text("dinni", names) == "Dini Rahma");
    CHECK(nearest_text("Kess", names) == "Kees");
    CHECK(nearest_text("Zoë", names).empty());
}

TEST_CASE("Roster") {
    const Roster roster({Person{"Ben Smit", {"Ben", "Ben Smit (billing)"}}, Person{"Dini", {}}});
    SUBCASE("an alias is the person") {
        CHECK(roster.canonical("ben") == "Ben Smit");
        CHECK(roster.canonical("Ben Smit (Billing)") == "Ben Smit");
        CHECK(roster.canonical("DINI") == "Dini");
        CHECK(roster.canonical("Kees") == "Kees");
    }
    SUBCASE("same person") {
        CHECK(roster.same("Ben", "Ben Smit (billing)"));
        CHECK_FALSE(roster.same("Ben", "Dini"));
        CHECK(roster.same("kees", "Kees"));
        CHECK_FALSE(roster.same("Kees", "Klaas"));
    }
    SUBCASE("nearest name for a misspelling") {
        CHECK(roster.nearest("Bne") == "Ben Smit");
        CHECK(roster.nearest("Dinni") == "Dini");
        CHECK(roster.nearest("Xavier").empty());
    }
    SUBCASE("the owner with an alias") {
        Config config;
        config.name = "Anna de Vries";
        config.people = Roster({Person{"Anna de Vries", {"Anna"}}});
        CHECK(config.is_me("anna"));
        CHECK(config.is_me("Anna de Vries"));
        CHECK_FALSE(config.is_me("Ben"));
    }
}
