#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include <cstdlib>
#include <ctime>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/error.hpp"
#include "store/cache.hpp"
#include "store/codec.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/folder.hpp"
#include "store/outcome_cache.hpp"
#include "store/toml_fields.hpp"
#include "zone.hpp"

using namespace owner;

namespace {
const std::string kFull = R"(schema = 1
id = "k7rq2"
title = "Double charge on November invoice"
customer = "M. Jansen-Ørsted"
contact = "m.jansen@example.com"
ref = "ZD-48213"
tags = ["billing", "vip"]
opened = 2026-11-25T09:12:00+01:00
deadline = 2026-12-02T17:00:00+01:00
priority = "high"
priority_reviewed = 2026-11-25
summary = "Billing approved the refund; waiting for the \"credit note\"."
last_update_to_customer = 2026-11-25T10:00:00+01:00

[[actions]]
what = "Credit note for invoice 2026-1187"
who = "Dini"
due = 2026-11-28T12:00:00+01:00
checks = [2026-11-25T14:00:00+01:00, 2026-11-26T15:00:00+01:00]

[[actions]]
what = "Call back"
due = 2026-11-26T10:00:00+01:00
done = 2026-11-26T09:40:00+01:00

[[log]]
at = 2026-11-25T09:12:00+01:00
event = "opened"
text = "Customer called: charged twice.\nSecond line."
)";

std::string error_of(const std::string& text) {
    try {
        parse_case(text, "cases/k7rq2.toml");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("codec round trip") {
    ZoneGuard zone("Europe/Amsterdam");
    SUBCASE("a file the tool wrote is rewritten byte for byte") {
        const Case c = parse_case(kFull, "k7rq2.toml");
        CHECK(write_case(c) == kFull);
        CHECK(c.customer == "M. Jansen-Ørsted");
        CHECK(c.actions.size() == 2);
        CHECK(c.actions[0].who == "Dini");
        CHECK(c.actions[0].checks.size() == 2);
        CHECK(c.log[0].text == "Customer called: charged twice.\nSecond line.");
    }
    SUBCASE("keys a person added survive a rewrite") {
        std::string text = kFull;
        text.insert(text.find("\n[[actions]]"), "\nphone_pin = 1234");
        text.insert(text.find("\n[[actions]]\nwhat = \"Call back\""), "invoice = \"2026-1187\"\n");
        text += "\n[customer_extra]\nsegment = \"retail\"\n";
        const Case c = parse_case(text, "k7rq2.toml");
        const std::string written = write_case(c);
        CHECK(written.find("phone_pin = 1234") != std::string::npos);
        CHECK(written.find("invoice = \"2026-1187\"") != std::string::npos);
        CHECK(written.find("[customer_extra]") != std::string::npos);
        CHECK(written.find("segment = \"retail\"") != std::string::npos);
        // …and the second rewrite is stable.
        CHECK(write_case(parse_case(written, "k7rq2.toml")) == written);
    }
    SUBCASE("an inline table a person added stays the case's, not the last log entry's") {
        std::string text = kFull;
        text.insert(text.find("\n[[actions]]"),
                    "\ncrm = { id = 5 }\ncallers = [{ name = \"Petra\" }]");
        const std::string written = write_case(parse_case(text, "k7rq2.toml"));
        const Case back = parse_case(written, "k7rq2.toml");
        CHECK(back.extra["crm"]["id"].value_or(0) == 5);
        CHECK(back.extra["callers"][0]["name"].value_or(std::string()) == "Petra");
        CHECK(back.log.back().extra.empty());
        CHECK(write_case(back) == written);
    }
    SUBCASE("control characters are escaped") {
        Case c = parse_case(kFull, "k7rq2.toml");
        c.title = std::string("tab\there \x01 bell");
        const Case back = parse_case(write_case(c), "k7rq2.toml");
        CHECK(back.title == c.title);
    }
}

TEST_CASE("codec: a case with a team field is written as schema 2, without one as schema 1") {
    ZoneGuard zone("Europe/Amsterdam");
    Case c = parse_case(kFull, "cases/k7rq2.toml");
    CHECK(c.schema == 1);
    CHECK(write_case(c).starts_with("schema = 1\n"));
    c.log.back().by = "Dini";
    const std::string by = write_case(c);
    CHECK(by.starts_with("schema = 2\n"));
    CHECK(by.find("by = \"Dini\"\n") != std::string::npos);
    c.log.back().by.reset();
    c.owner = "Sam";
    const std::string owned = write_case(c);
    CHECK(owned.starts_with("schema = 2\n"));
    const Case back = parse_case(owned, "cases/k7rq2.toml");
    CHECK(back.owner == std::optional<std::string>("Sam"));
    CHECK(back.schema == 2);
    CHECK(write_case(back) == owned);
}

TEST_CASE("team.toml: read back as written, contacts are roster people, a newer schema refused") {
    TeamRoster team;
    // In the order toml++ reads a table back: by name.
    team.people = Roster(
        {Person{"Lena", {}, "", "lead"}, Person{"Sam Jansen", {"Sam"}, "sam@example.com", ""}});
    team.escalate_to = "Lena";
    team.escalate_tags["billing"] = "Sam Jansen";
    const std::string text = write_team(team);
    const TeamRoster back = parse_team(text, "team.toml");
    CHECK(write_team(back) == text);
    CHECK(back.people.people().at(1).email == "sam@example.com");
    CHECK(back.people.people().at(0).role == "lead");
    const auto error = [](const std::string& t) {
        try {
            (void)parse_team(t, "team.toml");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error("schema = 1\n[people]\nSam = {}\n[escalate]\nto = \"Sma\"\n") ==
          "team.toml:5: escalate.to: expected a person on the roster ([people]); did you mean "
          "'Sam'?");
    CHECK(error("schema = 2\n[people]\nSam = {}\n") ==
          "team.toml:1: schema: this owner reads team schema 1, the file has schema 2 (written by "
          "a newer owner?)");
    CHECK(error("schema = 1\n[people]\nSam = { role = \"boss\" }\n")
              .find("people.Sam.role: expected \"lead\"") != std::string::npos);
    CHECK(error("schema = 1\n").find("people") != std::string::npos);
}

TEST_CASE("codec errors name the file, line and field") {
    ZoneGuard zone("Europe/Amsterdam");
    SUBCASE("syntax error") {
        std::string text = kFull;
        text.replace(text.find("priority = \"high\""), 17, "priority = \"high");
        const std::string e = error_of(text);
        CHECK(e.starts_with("cases/k7rq2.toml:10:"));
    }
    SUBCASE("wrong type") {
        std::string text = kFull;
        text.replace(text.find("deadline = 2026-12-02T17:00:00+01:00"), 36, "deadline = \"soon\"");
        CHECK(error_of(text) == "cases/k7rq2.toml:9: deadline: expected a date-time such as "
                                "2026-12-02T17:00:00+01:00, got a string");
    }
    SUBCASE("missing schema, newer schema") {
        CHECK(error_of(kFull.substr(kFull.find('\n') + 1)).find("schema: missing") !=
              std::string::npos);
        CHECK(error_of("schema = 3\n" + kFull.substr(kFull.find('\n') + 1)) ==
              "cases/k7rq2.toml:1: schema: this owner reads schema 1 to 2, the file has schema 3 "
              "(written by a newer owner?)");
    }
    SUBCASE("empty and binary files") {
        CHECK(error_of("").find("empty") != std::string::npos);
        CHECK(error_of(std::string("\x7f"
                                   "ELF\0\0\x01",
                                   7))
                  .find("not a text file") != std::string::npos);
    }
    SUBCASE("an action without a due time") {
        std::string text = kFull;
        text.replace(text.find("due = 2026-11-28T12:00:00+01:00\n"), 32, "");
        CHECK(error_of(text).find("actions[1].due: expected a date-time") != std::string::npos);
    }
    SUBCASE("a bad priority and a bad id") {
        std::string text = kFull;
        text.replace(text.find("\"high\""), 6, "\"asap\"");
        CHECK(error_of(text).find("priority: expected one of urgent, high, normal, low") !=
              std::string::npos);
        text = kFull;
        text.replace(text.find("\"k7rq2\""), 7, "\"../x\"");
        CHECK(error_of(text).find("id: expected lowercase") != std::string::npos);
    }
}

TEST_CASE("codec: a text over the case file limit is refused, as a file over it is") {
    // What git brings in (sync's check of incoming files) and an import are read by parse_case:
    // they meet the reader's limit too.
    ZoneGuard zone("Europe/Amsterdam");
    Case c;
    c.id = "k7rq2";
    c.title = "Fine";
    c.customer = "A";
    c.opened = ts("2026-11-23T09:00:00+01:00");
    const std::string text = write_case(c);
    const std::string at_limit =
        text + "# " + std::string(kMaxCaseFileBytes - text.size() - 3, 'x') + "\n";
    REQUIRE(at_limit.size() == kMaxCaseFileBytes);
    CHECK(parse_case(at_limit, "in.toml").id == "k7rq2");
    try {
        parse_case(at_limit + "\n", "origin/main:cases/k7rq2.toml");
        FAIL("a text over the limit was read");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "origin/main:cases/k7rq2.toml: 1048577 bytes, more than the 1 MiB (1048576 bytes) a "
              "case file may hold");
    }
}

TEST_CASE("CaseCache encode/decode round trip") {
    ZoneGuard zone("Europe/Amsterdam");
    std::string text = kFull;
    text.insert(text.find("\n[[actions]]"), "\nphone_pin = 1234");
    const Case c = parse_case(text, "k7rq2.toml");
    Case back;
    REQUIRE(CaseCache::decode(CaseCache::encode(c), back));
    CHECK(write_case(back) == write_case(c));
    SUBCASE("truncated or garbage blobs are refused, never half-read") {
        const std::string blob = CaseCache::encode(c);
        for (std::size_t n : {std::size_t{0}, std::size_t{7}, blob.size() / 2, blob.size() - 1}) {
            Case partial;
            CHECK_FALSE(CaseCache::decode(std::string_view(blob).substr(0, n), partial));
        }
        Case junk;
        CHECK_FALSE(CaseCache::decode(std::string(200, '\xff'), junk));
    }
    SUBCASE("keys added by hand to the case, an action and a log entry come back, and a case "
            "decoded again over one that had them keeps none it no longer has") {
        std::string more = text;
        more.insert(more.find("\n[[actions]]\nwhat = \"Call back\""), "invoice = \"2026-1187\"\n");
        more += "\n[customer_extra]\nsegment = \"retail\"\n";
        const std::size_t log = more.find("[[log]]");
        more.insert(more.find("\n\n", log), "\nchannel = \"phone\"");
        const Case hand = parse_case(more, "k7rq2.toml");
        REQUIRE(hand.log.size() >= 1);
        REQUIRE(hand.log[0].extra.contains("channel"));
        Case reused;
        REQUIRE(CaseCache::decode(CaseCache::encode(hand), reused));
        CHECK(write_case(reused) == write_case(hand));
        CHECK(reused.extra["customer_extra"]["segment"].value_or(std::string()) == "retail");
        CHECK(reused.log[0].extra["channel"].value_or(std::string()) == "phone");
        const Case plain = parse_case(kFull, "k7rq2.toml");
        REQUIRE(CaseCache::decode(CaseCache::encode(plain), reused));
        CHECK(reused.extra.empty());
        CHECK(reused.log[0].extra.empty());
        CHECK(write_case(reused) == kFull);
    }
}

TEST_CASE("archived outcome encode/decode round trip") {
    ArchivedOutcome a;
    a.id = "k7rq2";
    a.closed = Timestamp{1795000000, 60};
    a.accepted = true;
    a.outcome.lead_days = 2.0 / 3.0;  // not a round number: kept to the bit
    a.outcome.lead_working_days = 1e-9;
    a.outcome.deadline_met = false;
    a.outcome.promises_moved = 2;
    a.outcome.rating = 4;
    a.outcome.remark = "Zoë was great";
    a.outcome.handovers = 3;
    a.outcome.case_handoffs = 2;
    a.outcome.checks = 5;
    a.outcome.escalations = 1;
    a.outcome.updated_in_time = false;
    a.outcome.confirmed_in_time = false;
    a.outcome.escalation_rules = {"stalled", "other", "deadline"};
    a.owner = "Dini";
    const std::string blob = encode_outcome(a);
    ArchivedOutcome back;
    REQUIRE(decode_outcome(blob, back));
    CHECK(back.id == a.id);
    CHECK(back.owner == std::optional<std::string>("Dini"));
    CHECK(back.closed == a.closed);
    CHECK(back.accepted);
    CHECK(back.outcome.lead_days == a.outcome.lead_days);
    CHECK(back.outcome.lead_working_days == a.outcome.lead_working_days);
    CHECK(back.outcome.deadline_met == std::optional<bool>(false));
    CHECK_FALSE(back.outcome.first_promise_kept.has_value());
    CHECK(back.outcome.promises_moved == 2);
    CHECK(back.outcome.rating == 4);
    CHECK(back.outcome.remark == a.outcome.remark);
    CHECK(back.outcome.handovers == 3);
    CHECK(back.outcome.case_handoffs == 2);
    CHECK(back.outcome.checks == 5);
    CHECK(back.outcome.escalations == 1);
    CHECK_FALSE(back.outcome.updated_in_time);
    CHECK_FALSE(back.outcome.confirmed_in_time);
    CHECK(back.outcome.escalation_rules == a.outcome.escalation_rules);
    SUBCASE("a case without a close is kept as such") {
        ArchivedOutcome open;
        open.id = "abcde";
        REQUIRE(decode_outcome(encode_outcome(open), back));
        CHECK_FALSE(back.closed.has_value());
    }
    SUBCASE("truncated or garbage blobs are refused") {
        for (std::size_t n : {std::size_t{0}, std::size_t{7}, blob.size() / 2, blob.size() - 1}) {
            CHECK_FALSE(decode_outcome(std::string_view(blob).substr(0, n), back));
        }
        CHECK_FALSE(decode_outcome(blob + "x", back));
        CHECK_FALSE(decode_outcome(std::string(200, '\xff'), back));
    }
}

TEST_CASE("CaseCache::title_and_customer: from the cache while the file is unchanged") {
    ZoneGuard zone("Europe/Amsterdam");
    char dir_template[] = "/tmp/owner-unit-XXXXXX";
    REQUIRE(::mkdtemp(dir_template) != nullptr);
    const std::filesystem::path root(dir_template);
    std::filesystem::create_directories(root / "cases");
    const auto file = root / "cases" / "k7rq2.toml";
    const auto write = [&](const std::string& text) {
        std::ofstream(file, std::ios::binary) << text;
    };
    write(kFull);
    const Store store(root);
    const CaseRef ref = store.open_refs().front();
    {
        CaseCache fill(root / ".cache" / "open-cases");
        const FolderListing files = store.open_files();
        REQUIRE(fill.load(store, std::span(&files, 1), false).cases.size() == 1);
        fill.save(std::time(nullptr) + 10);  // as if the file were older than two seconds
    }
    {
        const auto cache = store.open_cases_cache();
        REQUIRE(cache);
        const auto head = cache->title_and_customer(ref);
        REQUIRE(head);
        CHECK(head->first == "Double charge on November invoice");
        CHECK(head->second == "M. Jansen-Ørsted");
        CaseRef other = ref;
        other.id = "zzzzz";  // a file that does not say what its name says
        CHECK_FALSE(cache->title_and_customer(other));
    }
    SUBCASE("an edit of the same size is seen (the change time moved)") {
        std::string edited = kFull;
        edited.replace(edited.find("M. Jansen"), 9, "P. Jansen");
        write(edited);
        CHECK_FALSE(store.open_cases_cache()->title_and_customer(ref));
    }
    SUBCASE("never with OWNER_NO_CACHE") {
        CHECK_FALSE(Store(root, 1000, false).open_cases_cache());
    }
    std::filesystem::remove_all(root);
}

namespace {

// A store with two open cases whose cache was filled as if the files were older than two
// seconds, so that every later load could take both from the cache.
struct CachedStore {
    std::filesystem::path root;
    std::filesystem::path file;  // cases/k7rq2.toml
    std::string other;           // the second case's text

    CachedStore() {
        char dir_template[] = "/tmp/owner-unit-XXXXXX";
        REQUIRE(::mkdtemp(dir_template) != nullptr);
        root = dir_template;
        std::filesystem::create_directories(root / "cases");
        file = root / "cases" / "k7rq2.toml";
        write(file, kFull);
        other = kFull;
        other.replace(other.find("\"k7rq2\""), 7, "\"abcde\"");
        write(root / "cases" / "abcde.toml", other);
        const Store store(root);
        CaseCache fill(cache_file());
        const FolderListing files = store.open_files();
        REQUIRE(fill.load(store, std::span(&files, 1), false).cases.size() == 2);
        fill.save(std::time(nullptr) + 10);
    }
    ~CachedStore() { std::filesystem::remove_all(root); }
    CachedStore(const CachedStore&) = delete;
    CachedStore& operator=(const CachedStore&) = delete;

    std::filesystem::path cache_file() const { return root / ".cache" / "open-cases"; }
    static void write(const std::filesystem::path& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }
    // The modification time of a file, to put back after an edit.
    static timespec mtime(const std::filesystem::path& path) {
        struct stat st {};
        REQUIRE(::stat(path.c_str(), &st) == 0);
        return st.st_mtim;
    }
    static void set_mtime(const std::filesystem::path& path, timespec t) {
        const timespec times[2] = {t, t};
        REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
    }
    // How many of the open cases a fresh cache object takes from the cache file.
    std::size_t hits() const {
        const Store store(root);
        CaseCache cache(cache_file());
        const FolderListing files = store.open_files();
        cache.load(store, std::span(&files, 1), false);
        return cache.hits();
    }
    std::string customer_of(const std::string& id) const {
        for (const Case& c : Store(root).load_open().cases) {
            if (c.id == id) {
                return c.customer;
            }
        }
        return "(missing)";
    }
};

}  // namespace

TEST_CASE("CaseCache: the team index passes over only what surely is another person's") {
    ZoneGuard zone("Europe/Amsterdam");
    char dir_template[] = "/tmp/owner-unit-XXXXXX";
    REQUIRE(::mkdtemp(dir_template) != nullptr);
    const std::filesystem::path root = dir_template;
    std::filesystem::create_directories(root / "cases");
    // k7rq2's open action is Dini's; each case below differs in whose it is.
    const auto add = [&](const std::string& id, const std::string& owner, const std::string& who) {
        std::string text = kFull;
        text.replace(text.find("\"k7rq2\""), 7, "\"" + id + "\"");
        if (!owner.empty()) {
            text.replace(text.find("title ="), 0, "owner = \"" + owner + "\"\n");
            text.replace(0, 10, "schema = 2");
        }
        text.replace(text.find("who = \"Dini\""), 12, "who = \"" + who + "\"");
        std::ofstream(root / "cases" / (id + ".toml"), std::ios::binary) << text;
    };
    add("aaaaa", "Ben", "Ann");    // others' case, nothing for Sam: passed over
    add("bbbbb", "Ben", "Sam");    // asks Sam
    add("ccccc", "Sam", "Ben");    // Sam's
    add("ddddd", "", "Ben");       // nobody's (a store before teams): decoded
    add("eeeee", "Ben", "Sammy");  // a name off the roster (an alias?): decoded
    const Store store(root);
    const FolderListing files = store.open_files();
    CaseCache fill(root / ".cache" / "open-cases");
    REQUIRE(fill.load(store, std::span(&files, 1), false).cases.size() == 5);
    fill.save(std::time(nullptr) + 10);
    const std::vector<std::string> others{"Ann", "Ben"};
    CaseCache cache(root / ".cache" / "open-cases");
    const LoadedCases loaded = cache.load(store, std::span(&files, 1), false, others);
    std::vector<std::string> ids;
    for (const Case& c : loaded.cases) {
        ids.push_back(c.id);
    }
    CHECK(ids == std::vector<std::string>{"bbbbb", "ccccc", "ddddd", "eeeee"});
    CHECK(cache.passed() == 1);
    CHECK(cache.hits() == 4);
    // The plain way (no cache) gives the same cases, and the one passed over besides.
    CHECK(Store(root, 1000, false).load_open_except(others).cases.size() == 5);
    std::filesystem::remove_all(root);
}

TEST_CASE("CaseCache: a stale entry is never used") {
    ZoneGuard zone("Europe/Amsterdam");
    CachedStore s;
    REQUIRE(s.hits() == 2);  // the cache is in use: what follows would show a stale entry
    REQUIRE(s.customer_of("k7rq2") == "M. Jansen-Ørsted");

    SUBCASE("an in-place edit of the same size with a new modification time") {
        const timespec before = CachedStore::mtime(s.file);
        std::string edited = kFull;
        edited.replace(edited.find("M. Jansen"), 9, "P. Jansen");
        std::fstream(s.file, std::ios::in | std::ios::out | std::ios::binary) << edited;
        CachedStore::set_mtime(s.file, timespec{before.tv_sec + 60, before.tv_nsec});
        CHECK(s.customer_of("k7rq2") == "P. Jansen-Ørsted");
        CHECK(s.customer_of("abcde") == "M. Jansen-Ørsted");
    }
    SUBCASE("an in-place edit of the same size with the modification time put back") {
        const timespec before = CachedStore::mtime(s.file);
        std::string edited = kFull;
        edited.replace(edited.find("M. Jansen"), 9, "Q. Jansen");
        std::fstream(s.file, std::ios::in | std::ios::out | std::ios::binary) << edited;
        CachedStore::set_mtime(s.file, before);  // only the change time tells
        CHECK(s.customer_of("k7rq2") == "Q. Jansen-Ørsted");
    }
    SUBCASE("a file renamed over the case, of the same size and modification time") {
        const timespec before = CachedStore::mtime(s.file);
        std::string edited = kFull;
        edited.replace(edited.find("M. Jansen"), 9, "R. Jansen");
        const auto temp = s.root / "cases" / ".k7rq2.toml.tmp-1";
        CachedStore::write(temp, edited);
        CachedStore::set_mtime(temp, before);
        std::filesystem::rename(temp, s.file);
        CHECK(s.customer_of("k7rq2") == "R. Jansen-Ørsted");
    }
    SUBCASE("another case renamed into place under a cached name is read afresh") {
        std::filesystem::rename(s.root / "cases" / "abcde.toml", s.file);
        const LoadedCases loaded = Store(s.root).load_open();
        REQUIRE(loaded.cases.empty());
        REQUIRE(loaded.bad.size() == 1);  // the file says abcde, its name says k7rq2
        CHECK(loaded.bad.front().reason.find("its name says 'k7rq2'") != std::string::npos);
    }
    SUBCASE("a file changed less than two seconds ago is not kept in the cache") {
        std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the other case is old
        std::string edited = kFull;
        edited.replace(edited.find("M. Jansen"), 9, "S. Jansen");
        std::fstream(s.file, std::ios::in | std::ios::out | std::ios::binary) << edited;
        // load_open writes the cache back with the real clock: the edited file is too fresh.
        CHECK(s.customer_of("k7rq2") == "S. Jansen-Ørsted");
        CHECK(s.hits() == 1);
        CHECK(s.hits() == 1);  // and stays out until it is two seconds old
        std::string twice = edited;
        twice.replace(twice.find("S. Jansen"), 9, "T. Jansen");
        std::fstream(s.file, std::ios::in | std::ios::out | std::ios::binary) << twice;
        CHECK(s.customer_of("k7rq2") == "T. Jansen-Ørsted");
    }
}

TEST_CASE("read_file_bytes: a cache-sized file is mapped, a small one read, the bytes the same") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("owner-bytes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const std::size_t size : {std::size_t{0}, std::size_t{100}, std::size_t{64 * 1024 - 1},
                                   std::size_t{64 * 1024}, std::size_t{3 * 1024 * 1024 + 7}}) {
        CAPTURE(size);
        std::string text(size, '\0');
        for (std::size_t i = 0; i < size; ++i) {
            text[i] = static_cast<char>('a' + (i * 7919) % 26);
        }
        const auto path = dir / "blob";
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
        std::optional<FileBytes> bytes = read_file_bytes(path);
        REQUIRE(bytes);
        CHECK(bytes->view() == text);
        // The views into it stay valid when it is moved, as the caches move it into place.
        const std::string_view before = bytes->view();
        FileBytes moved = std::move(*bytes);
        CHECK(moved.view().data() == before.data());
        CHECK(moved.view() == text);
        FileBytes assigned;
        assigned = std::move(moved);
        CHECK(assigned.view() == text);
        // Replaced by rename, as owner writes its caches: the mapping keeps the old bytes.
        std::ofstream(dir / "next", std::ios::binary) << "other";
        std::filesystem::rename(dir / "next", path);
        CHECK(assigned.view() == text);
    }
    CHECK_FALSE(read_file_bytes(dir / "absent"));
    std::filesystem::remove_all(dir);
}

TEST_CASE(
    "ListingIdentities: each entry's identity, on a second thread or not, as fstatat gives it") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("owner-listing-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    for (const std::size_t count : {std::size_t{3}, std::size_t{300}, std::size_t{2000}}) {
        CAPTURE(count);
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        for (std::size_t i = 0; i < count; ++i) {
            std::ofstream(dir / fmt::format("c{:05}.toml", i)) << std::string(i % 97, 'x');
        }
        const FolderListing files(dir, Listed::case_files);
        REQUIRE(files.size() == count);
        // Gone after the listing: nullopt, as FolderListing::identity says.
        std::filesystem::remove(dir / "c00001.toml");
        std::filesystem::remove(dir / fmt::format("c{:05}.toml", count - 1));
        ListingIdentities identities(files);
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (i % 7 == 3) {
                continue;  // an entry the caller skips (an unsafe id) is no hindrance
            }
            CAPTURE(i);
            const std::optional<FileIdentity> got = identities.get(i);
            const std::optional<FileIdentity> want = files.identity(i);
            REQUIRE(got.has_value() == want.has_value());
            if (want) {
                CHECK(*got == *want);
            }
            CHECK(got.has_value() == (i != 1 && i != count - 1));
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("parse_case: a TOML error that quotes a newline is still one line") {
    // Found by fuzz_import: toml++ says "expected 'inf', saw 'i\n'" with the newline itself.
    for (const char* text : {"schema = 1\nx = i\n", "schema = 1\nx = n\n"}) {
        CAPTURE(text);
        try {
            (void)parse_case(text, "k7rq2.toml");
            FAIL("no error");
        } catch (const Error& e) {
            const std::string message = e.what();
            CHECK(message.starts_with("k7rq2.toml:2: "));
            CHECK(message.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("parse_toml: a syntax error is one line naming the file and the line") {
    CHECK(parse_toml("a = 1\nb = 2\n", "f.toml").get("b")->value<int>() == 2);
    try {
        parse_toml("a = 1\nb = \"x\ny\"\n", "f.toml");
        FAIL("a string across a line end parsed");
    } catch (const owner::Error& e) {
        const std::string what = e.what();
        CHECK(what.starts_with("f.toml:2: "));
        CHECK(what.find('\n') == std::string::npos);
    }
    // The config, the team file and a case file say it alike.
    const std::string bad = "schema = 1\nname = \"Sam\n";
    std::string config_error, team_error, case_error;
    try {
        parse_config(bad, "c.toml", owner::Config{});
    } catch (const owner::Error& e) {
        config_error = e.what();
    }
    try {
        parse_team(bad, "c.toml");
    } catch (const owner::Error& e) {
        team_error = e.what();
    }
    try {
        parse_case(bad, "c.toml");
    } catch (const owner::Error& e) {
        case_error = e.what();
    }
    CHECK(config_error.starts_with("c.toml:2: "));
    CHECK(config_error == team_error);
    CHECK(config_error == case_error);
}
