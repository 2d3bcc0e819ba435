#include <doctest/doctest.h>

#include "domain/forget.hpp"
#include "zone.hpp"

using namespace owner;

namespace {
Case jansen_case(std::string id, std::string customer) {
    Case c;
    c.id = std::move(id);
    c.title = "Double charge for Jansen";
    c.customer = std::move(customer);
    c.contact = "jan@jansen.example";
    c.ref = "ZD-1";
    c.summary = "Refund approved for Jan Jansen";
    c.opened = ts("2026-11-23T09:00:00+01:00");
    c.closed = ts("2026-11-25T09:00:00+01:00");
    c.outcome = "accepted";
    c.extra.insert("phone", "0612345678");
    Action a{.what = "Call Jan back", .who = "Dini", .due = ts("2026-11-24T12:00:00+01:00")};
    a.extra.insert("note", "private");
    c.actions.push_back(a);
    c.add_log(c.opened, "opened", "Jan Jansen called");
    return c;
}
}  // namespace

TEST_CASE("plan_forget") {
    const std::vector<Case> closed = {jansen_case("aaaaa", "Jan Jansen"),
                                      jansen_case("bbbbb", "Piet Pieters"),
                                      jansen_case("ccccc", "Jan Jansen")};
    const std::vector<Case> open = {jansen_case("ddddd", "Jan Jansen"),
                                    jansen_case("eeeee", "jan jansen")};
    SUBCASE("the closed cases of exactly that customer, and the open ones left alone") {
        const ForgetPlan plan = plan_forget(closed, open, "Jan Jansen");
        REQUIRE(plan.closed.size() == 2);
        CHECK(plan.closed[0]->id == "aaaaa");
        CHECK(plan.closed[1]->id == "ccccc");
        CHECK(plan.open_left == 1);
    }
    SUBCASE("no case of an unknown customer") {
        const ForgetPlan plan = plan_forget(closed, open, "Nobody");
        CHECK(plan.closed.empty());
        CHECK(plan.open_left == 0);
    }
}

TEST_CASE("forgotten") {
    ZoneGuard zone("Europe/Amsterdam");
    const Case c = jansen_case("aaaaa", "Jan Jansen");
    const Timestamp now = ts("2026-12-01T10:00:00+01:00");
    SUBCASE("what identifies the customer goes; dates, colleagues and outcome stay") {
        const Case f = forgotten(c, false, now);
        CHECK(f.customer == "(forgotten)");
        CHECK_FALSE(f.contact.has_value());
        CHECK_FALSE(f.ref.has_value());
        CHECK_FALSE(f.summary.has_value());
        CHECK(f.extra.empty());
        REQUIRE(f.actions.size() == 1);
        CHECK(f.actions[0].what == "(forgotten)");
        CHECK(f.actions[0].extra.empty());
        CHECK(f.actions[0].who == "Dini");
        CHECK(f.actions[0].due == c.actions[0].due);
        CHECK(f.opened == c.opened);
        CHECK(f.closed == c.closed);
        CHECK(f.outcome == "accepted");
        REQUIRE(f.log.size() == 2);
        CHECK(f.log[0].event == "opened");
        CHECK(f.log[0].text.empty());
        CHECK(f.log[1].event == "forgotten");
        CHECK(f.log[1].at == now);
        CHECK(f.log[1].text == "personal data removed on request");
    }
    SUBCASE("the title loses the customer's name") {
        const Case f = forgotten(c, false, now);
        CHECK(f.title.find("Jansen") == std::string::npos);
        CHECK(f.title.find("Double charge") != std::string::npos);
    }
    SUBCASE("with titles, the whole title goes") {
        CHECK(forgotten(c, true, now).title == "(forgotten)");
    }
}

TEST_CASE("reminder_key_of") {
    const std::vector<std::string> ids = {"aaaaa", "ccccc"};
    CHECK(reminder_key_of("action|aaaaa|Call Jan back|2026-11-24T12:00:00+01:00", ids));
    CHECK(reminder_key_of("update|ccccc||2026-11-24T12:00:00+01:00", ids));
    CHECK_FALSE(reminder_key_of("action|bbbbb|Call aaaaa|2026-11-24", ids));
    CHECK_FALSE(reminder_key_of("action|aaaaab|x|y", ids));
    CHECK_FALSE(reminder_key_of("anything", {}));
}
