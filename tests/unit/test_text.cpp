#include <doctest/doctest.h>

#include "render/json.hpp"
#include "render/text.hpp"

using namespace owner;

TEST_CASE("display_width and truncate are UTF-8 aware") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("Jansen-Ørsted") == 13);
    CHECK(display_width("山田太郎") == 8);
    CHECK(display_width("\x1b[1mbold\x1b[0m") == 4);
    CHECK(fit_width("Ørsted & Søn Groothandel", 10) == "Ørsted &…");
    CHECK(display_width(fit_width("山田太郎山田太郎", 7)) <= 7);
    CHECK(fit_width("short", 10) == "short");
}

TEST_CASE("Json output") {
    Json j = Json::object();
    j.set("text", "a \"quote\"\n\x01").set("n", 3).set("none", nullptr).set("list", Json::array().push(true));
    CHECK(j.dump() == R"({"text":"a \"quote\"\n\u0001","n":3,"none":null,"list":[true]})");
}
