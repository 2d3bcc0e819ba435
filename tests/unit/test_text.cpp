#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/status.hpp"
#include "domain/text.hpp"
#include "fixture.hpp"
#include "render/case_view.hpp"
#include "render/json.hpp"
#include "render/status_render.hpp"
#include "render/text.hpp"
#include "store/codec.hpp"

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
    j.set("text", "a \"quote\"\n\x01")
        .set("n", 3)
        .set("none", nullptr)
        .set("list", Json::array().push(true));
    CHECK(j.dump() == R"({"text":"a \"quote\"\n\u0001","n":3,"none":null,"list":[true]})");
}

TEST_CASE("quote_escaped: the string syntax JSON and TOML share") {
    const std::string raw = "a \"q\" \\ \n\r\t\x01\x7f\xc2\x85 é";
    SUBCASE("JSON: lowercase hex, C1 controls escaped") {
        CHECK(quote_escaped(raw, EscapeRules{.c1_controls = true, .upper_hex = false}) ==
              R"("a \"q\" \\ \n\r\t\u0001\u007f\u0085 é")");
        CHECK(json_escape(raw) == R"("a \"q\" \\ \n\r\t\u0001\u007f\u0085 é")");
    }
    SUBCASE("TOML: uppercase hex, C1 controls as they are") {
        CHECK(quote_escaped(raw, EscapeRules{.c1_controls = false, .upper_hex = true}) ==
              "\"a \\\"q\\\" \\\\ \\n\\r\\t\\u0001\\u007F\xc2\x85 é\"");
        CHECK(toml_quote(raw) == "\"a \\\"q\\\" \\\\ \\n\\r\\t\\u0001\\u007F\xc2\x85 é\"");
    }
    SUBCASE("a lone C2 at the end is kept") {
        CHECK(quote_escaped("x\xc2", EscapeRules{.c1_controls = true, .upper_hex = false}) ==
              "\"x\xc2\"");
    }
}

TEST_CASE("json_document: every --json output starts with the schema version") {
    CHECK(json_document().dump() == R"({"schema":1})");
    CHECK(json_document().set("cases", Json::array()).dump() == R"({"schema":1,"cases":[]})");
}

TEST_CASE("text_problem") {
    SUBCASE("plain and international text is fine") {
        CHECK_FALSE(text_problem("Ørsted & Søn, 山田 — refund €12", false));
        CHECK_FALSE(text_problem("two\nlines", true));
        CHECK_FALSE(text_problem("windows\r\nline", true));
    }
    SUBCASE("invalid UTF-8 names the byte") {
        CHECK(text_problem("bad \xff", false) == "invalid UTF-8 at byte 4");
        CHECK(text_problem("\xc0\xaf", false) == "invalid UTF-8 at byte 0");      // overlong '/'
        CHECK(text_problem("\xed\xa0\x80", false) == "invalid UTF-8 at byte 0");  // a surrogate
        CHECK(text_problem("cut \xe2\x82", false) == "invalid UTF-8 at byte 4");  // truncated
    }
    SUBCASE("control characters are named") {
        CHECK(text_problem("a\x1b[2J", false) == "control character U+001B (ESC) at byte 1");
        CHECK(text_problem("two\nlines", false) == "control character U+000A (LF) at byte 3");
        CHECK(text_problem("tab\there", true) == "control character U+0009 (TAB) at byte 3");
        CHECK(text_problem("lone\rcr", true) == "control character U+000D (CR) at byte 4");
        CHECK(text_problem("del\x7f", false) == "control character U+007F (DEL) at byte 3");
        CHECK(text_problem("c1 \xc2\x9b", false) == "control character U+009B at byte 3");
    }
    SUBCASE("tabs pass only when asked for (mail, flattened before it is stored)") {
        CHECK_FALSE(text_problem("Re:\tinvoice", false, true));
        CHECK_FALSE(text_problem("col\tcol\nline", true, true));
        CHECK(text_problem("tab\there", false) == "control character U+0009 (TAB) at byte 3");
        CHECK(text_problem("esc\t\x1b", true, true) == "control character U+001B (ESC) at byte 4");
        CHECK(text_problem("two\nlines", false, true) == "control character U+000A (LF) at byte 3");
    }
    SUBCASE("require_clean_text throws a usage error naming the field") {
        CHECK_THROWS_WITH_AS(require_clean_text("x\x07", "--title", false),
                             "--title: control character U+0007 (BEL) at byte 1; text must be "
                             "valid UTF-8 without control characters or bidi overrides",
                             UsageError);
    }
}

TEST_CASE("case_text_problem") {
    Case c = fixture::make_case({.title = "Refund", .customer = "M. Jansen"});
    CHECK_FALSE(case_text_problem(c));
    c.log.push_back(LogEntry{.at = {}, .event = "note", .text = "two\nlines", .extra = {}});
    CHECK_FALSE(case_text_problem(c));
    c.log.back().extra.insert("crm", "x\x1b");
    CHECK(case_text_problem(c) == "log[1].crm: control character U+001B (ESC) at byte 1");
    c.title = "bad\n";
    CHECK(case_text_problem(c) == "title: control character U+000A (LF) at byte 3");
}

TEST_CASE("terminal_safe") {
    SUBCASE("plain text passes unchanged") {
        CHECK(terminal_safe("Ørsted\nnext line") == "Ørsted\nnext line");
    }
    SUBCASE("escape sequences and controls become visible") {
        CHECK(terminal_safe("\x1b]8;;http://x\x07link") == "␛]8;;http://x␇link");
        CHECK(terminal_safe("a\x7f b\xc2\x9b c\xff") == "a␡ b� c�");
        CHECK(visible("one\ntwo\tthree") == "one␊two␉three");
        CHECK(terminal_safe("crlf\r\nok\rnot") == "crlf\r\nok␍not");
    }
    SUBCASE("only colour sequences pass, and only when asked") {
        CHECK(terminal_safe("\x1b[1mbold\x1b[0m", true) == "\x1b[1mbold\x1b[0m");
        CHECK(terminal_safe("\x1b[1mbold\x1b[0m", false) == "␛[1mbold␛[0m");
        CHECK(terminal_safe("\x1b[2J\x1b]0;t\x07", true) == "␛[2J␛]0;t␇");
    }
}

TEST_CASE("widths by utf8proc: combining marks take no column, wide emoji two") {
    // สวัสดี: ส ว ั ส ด ี, two of them vowel marks drawn over the letter before.
    const std::string thai = "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35";
    CHECK(display_width(thai) == 4);
    CHECK(safe_line_width(thai, false) == std::optional<std::size_t>(4));
    CHECK(display_width("\u23F0 \u2705 \u2615 \U0001F389") == 11);  // ⏰ ✅ ☕ 🎉
    CHECK(safe_line_width("\u23F0\u2705", false) == std::optional<std::size_t>(4));
    CHECK(display_width("Jose\u0301") == 4);       // NFD: e and a combining acute
    CHECK(display_width("a\u200Bb\u200Dc") == 3);  // zero-width space and joiner
    CHECK(pad_right(thai, 6) == thai + "  ");
    CHECK(display_width("\xFFx") == 2);  // an invalid byte: one column, as terminal_safe's U+FFFD
}

TEST_CASE("fit_width cuts between grapheme clusters") {
    // สวัสดีครับ: a cut after two columns keeps ั with its ว.
    CHECK(fit_width("\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\u0E04\u0E23\u0E31\u0E1A", 3) ==
          "\u0E2A\u0E27\u0E31\u2026");
    CHECK(fit_width("Jose\u0301 Garci\u0301a", 5) == "Jose\u0301\u2026");
    // A thumbs-up with its skin tone stays whole or goes whole.
    CHECK(fit_width("ok \U0001F44D\U0001F3FD yes", 6) == "ok\u2026");
    CHECK(fit_width("ok \U0001F44D\U0001F3FD yes", 8) == "ok \U0001F44D\U0001F3FD\u2026");
    CHECK(fit_width("\u2705\u2705\u2705", 4) == "\u2705\u2026");
    CHECK(fit_width("\x1b[31m\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\x1b[0m", 3) ==
          "\x1b[31m\u0E2A\u0E27\u0E31\u2026\x1b[0m");
}

TEST_CASE("fit_width keeps colour sequences whole") {
    const std::string cut = fit_width("\x1b[31mYesterday 11:00\x1b[0m", 6);
    CHECK(cut == "\x1b[31mYeste…\x1b[0m");
    CHECK(display_width(cut) == 6);
}

TEST_CASE("TextTable::render") {
    TextTable t;
    t.add_row({"k7rq2", "Wed 2 Dec 17:00", "Van der Berg Logistiek B.V.",
               "Double charge on the November invoice"});
    t.add_row({"ab3x9", "today 10:00", "M. Jansen", "Title with a\nnewline"});
    SUBCASE("rows fit a narrow terminal") {
        for (std::size_t width : {40U, 60U, 80U}) {
            const std::string out = t.render(width, "  ");
            std::size_t start = 0;
            for (std::size_t end; (end = out.find('\n', start)) != std::string::npos;
                 start = end + 1) {
                CHECK(display_width(out.substr(start, end - start)) <= width);
            }
        }
    }
    SUBCASE("nothing is cut without a limit, and a newline cannot start a row") {
        const std::string out = t.render(kNoWidthLimit);
        CHECK(out.find("Double charge on the November invoice") != std::string::npos);
        CHECK(out.find("Van der Berg Logistiek B.V.") != std::string::npos);
        CHECK(out.find("a␊newline") != std::string::npos);
        CHECK(std::count(out.begin(), out.end(), '\n') == 2);
    }
}

TEST_CASE("chat escaping") {
    SUBCASE("CommonMark") {
        CHECK(markdown_escape("AT&amp;T *x* @here\nnext") == "AT\\&amp;T \\*x\\* @\u200Bhere next");
    }
    SUBCASE("every @ that starts a word, never the one in an address") {
        CHECK(markdown_escape("@room (@sam.j) \"@x\" a@b.nl @ 10") ==
              "@\u200Broom (@\u200Bsam.j) \"@\u200Bx\" a@b.nl @ 10");
        CHECK(mrkdwn_escape("@ben_s p_q@x.nl") == "@\u200Bben\u02CDs p\u02CDq@x.nl");
    }
    SUBCASE("Slack mrkdwn") {
        CHECK(mrkdwn_escape("<!channel> *b* _i_ ~s~ `c` @Channel") ==
              "&lt;!channel&gt; \u2217b\u2217 \u02CDi\u02CD \u223Cs\u223C \u02CBc\u02CB "
              "@\u200BChannel");
    }
}

TEST_CASE("without_customer_name") {
    Case c;
    c.customer = "Jan de Vries";
    c.contact = "+31 6 1234 5678";
    CHECK(without_customer_name("Call Jan de Vries on +31 6 1234 5678", c) ==
          "Call [customer] on [customer]");
    CHECK(without_customer_name("Ask VRIES about Jansen", c) == "Ask [customer] about Jansen");
    CHECK(without_customer_name("Jan's order", c) == "[customer]'s order");
    CHECK(without_customer_name("January invoice", c) == "January invoice");
}

TEST_CASE("safe_line_width: the width when terminal_safe keeps the text, else nothing") {
    for (const bool keep_sgr : {false, true}) {
        for (const std::string s :
             {"", "abc", "Jansen-Ørsted", "山田太郎", "Step 1 — Dini", "\x1b[36mk7rq2\x1b[0m",
              "a\nb", "a\tb", "bell\a", "\x1b]0;title\x07", "\x7f", "\xc2\x85", "\xff", "\xe2\x82",
              "\x1b[", "Zoë\x1b[m"}) {
            CAPTURE(s);
            CAPTURE(keep_sgr);
            const auto w = safe_line_width(s, keep_sgr);
            const std::string safe = terminal_safe(s, keep_sgr, true);
            CHECK(w.has_value() == (safe == s));
            if (w) {
                CHECK(*w == display_width(s));
            }
        }
    }
    CHECK(safe_line_width("Jansen-Ørsted", false) == 13);
    CHECK(safe_line_width("\x1b[36mk7rq2\x1b[0m", true) == 5);
    CHECK_FALSE(safe_line_width("\x1b[36mk7rq2\x1b[0m", false));
}

TEST_CASE("is_terminal_safe: whether terminal_safe would print the text as it is") {
    for (const bool keep_sgr : {false, true}) {
        for (const std::string s :
             {"", "abc\n", "Jansen-Ørsted\nnext", "crlf\r\nok", "cr\ralone", "山田太郎",
              "\x1b[36mk7rq2\x1b[0m\n", "a\tb", "bell\a", "\x1b]0;title\x07", "\x7f", "\xc2\x85",
              "\xff", "\xe2\x82", "\x1b[", "end\r"}) {
            CAPTURE(s);
            CAPTURE(keep_sgr);
            CHECK(is_terminal_safe(s, keep_sgr) == (terminal_safe(s, keep_sgr) == s));
        }
    }
}

TEST_CASE("is_terminal_safe and safe_line_width at every place of a run of ASCII") {
    // A piece of text put at each place of runs of printable ASCII as long as a few chunks of the
    // scan (8 and 16 bytes): whether it is shown as it is (on many lines, on one line, with
    // colours kept or not) and its width are known for each piece, whatever its place.
    struct Piece {
        std::string text;
        bool multi_line;   // is_terminal_safe(…, keep_sgr) with or without colours
        bool one_line;     // safe_line_width(…, false)
        bool with_colour;  // safe_line_width(…, true)
        std::size_t width;
    };
    const std::vector<Piece> pieces = {
        {" ", true, true, true, 1},
        {"~", true, true, true, 1},
        {"\n", true, false, false, 0},
        {"\r\n", true, false, false, 0},
        {"\r", false, false, false, 0},
        {"\t", false, false, false, 0},
        {std::string(1, '\0'), false, false, false, 0},
        {"\x1f", false, false, false, 0},
        {"\x7f", false, false, false, 0},
        {"\x80", false, false, false, 0},
        {"\xff", false, false, false, 0},
        {"\xc2\x85", false, false, false, 0},  // a C1 control
        {"\xc3", false, false, false, 0},      // a character cut short
        {"é", true, true, true, 1},
        {"—", true, true, true, 1},
        {"李", true, true, true, 2},
        {"😀", true, true, true, 2},
    };
    // Runs of the printable bytes next to the unprintable ones (a borrow or a carry of a byte
    // before them must not count), and of all of them.
    const auto runs = [](std::size_t length) {
        std::vector<std::string> all(3);
        for (std::size_t k = 0; k < length; ++k) {
            all[0] += ' ';
            all[1] += '~';
            all[2] += static_cast<char>(0x20 + (k * 7) % 95);
        }
        return all;
    };
    std::vector<std::string> all_runs;
    for (const std::size_t length :
         {0U, 1U, 7U, 8U, 9U, 15U, 16U, 17U, 23U, 24U, 31U, 32U, 33U, 40U}) {
        for (std::string& run : runs(length)) {
            all_runs.push_back(std::move(run));
        }
    }
    for (const std::string& run : all_runs) {
        const std::size_t length = run.size();
        CHECK(is_terminal_safe(run, false));
        CHECK(safe_line_width(run, false) == length);
        for (const Piece& piece : pieces) {
            for (std::size_t at = 0; at <= length; ++at) {
                const std::string s = run.substr(0, at) + piece.text + run.substr(at);
                CAPTURE(length);
                CAPTURE(at);
                CAPTURE(piece.text);
                CHECK(is_terminal_safe(s, false) == piece.multi_line);
                CHECK(is_terminal_safe(s, true) == piece.multi_line);
                CHECK(safe_line_width(s, false) ==
                      (piece.one_line ? std::optional(length + piece.width) : std::nullopt));
                CHECK(safe_line_width(s, true) ==
                      (piece.with_colour ? std::optional(length + piece.width) : std::nullopt));
                CHECK((terminal_safe(s) == s) == piece.multi_line);
                CHECK((visible(s) == s) == piece.one_line);
            }
        }
        for (std::size_t at = 0; at <= length; ++at) {
            const std::string s = run.substr(0, at) + "\x1b[31m" + run.substr(at);
            CAPTURE(at);
            CHECK_FALSE(is_terminal_safe(s, false));
            CHECK(is_terminal_safe(s, true));
            CHECK_FALSE(safe_line_width(s, false));
            CHECK(safe_line_width(s, true) == length);
        }
    }
}

TEST_CASE("is_terminal_safe agrees with a byte by byte reading of random text") {
    // Valid UTF-8 without controls but line breaks (\n, \r\n): read one character at a time.
    const auto reference = [](std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            char32_t cp = 0;
            const std::size_t len = decode_utf8(s, i, cp);
            const bool line_break =
                cp == '\n' || (cp == '\r' && i + 1 < s.size() && s[i + 1] == '\n');
            if (len == 0 || ((cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) && !line_break)) {
                return false;
            }
            i += len;
        }
        return true;
    };
    constexpr std::string_view kBytes =
        "  ~~a\n\r\x1f\x7f\xff\xc3\xa9\x80\xe6\x9d\x8e\xc2\x85\xc2\xa0\xdf";
    std::uint32_t seed = 17;
    const auto next = [&seed] { return (seed = seed * 1664525U + 1013904223U) >> 8; };
    for (int n = 0; n < 5000; ++n) {
        std::string s;
        const std::size_t length = next() % 48;
        for (std::size_t k = 0; k < length; ++k) {
            // Mostly printable ASCII, as text is.
            s += next() % 4 != 0 ? static_cast<char>(0x20 + next() % 95)
                                 : kBytes[next() % kBytes.size()];
        }
        CAPTURE(s);
        CHECK(is_terminal_safe(s, false) == reference(s));
    }
}

namespace {
// Rows of a section: some without a time, some with a wide and an unsafe customer name, texts
// of growing length.
std::vector<std::vector<std::string>> mixed_rows(int count) {
    std::vector<std::vector<std::string>> rows;
    for (int n = 0; n < count; ++n) {
        rows.push_back({"k7rq" + std::to_string(n), n % 7 == 0 ? "" : "today 10:00",
                        n % 5 == 0 ? "Zoë 😀 \x1b]0;x\x07" : "M. Jansen",
                        "Refund — Dini " + std::string(static_cast<std::size_t>(n), 'x')});
    }
    return rows;
}
}  // namespace

TEST_CASE("TextOut: pieces of whole lines through one buffer") {
    std::vector<std::string> pieces;
    TextOut out([&](std::string_view piece) { pieces.emplace_back(piece); }, 8);
    out += "abc\n";
    out.end_lines();
    CHECK(pieces.empty());  // not a piece yet
    out += "defgh";
    out += '\n';
    out.end_lines();
    CHECK(pieces == std::vector<std::string>{"abc\ndefgh\n"});
    char* p = out.room(3);
    std::memcpy(p, "xy\n", 3);
    out.written(p + 3);
    CHECK(out.pending() == "xy\n");
    out.flush();
    out.flush();  // nothing more
    CHECK(pieces == std::vector<std::string>{"abc\ndefgh\n", "xy\n"});
    SUBCASE("without a sink it keeps everything") {
        TextOut all;
        all += "one\n";
        all.end_lines();
        all.flush();
        all += "two\n";
        CHECK(std::move(all).text() == "one\ntwo\n");
    }
    SUBCASE("a table a few rows at a time is the table at once") {
        TextTable t;
        for (const auto& row : mixed_rows(50)) {
            t.add_row(row);
        }
        for (const std::size_t width : {std::size_t{30}, std::size_t{80}, kNoWidthLimit}) {
            CAPTURE(width);
            std::string joined;
            std::size_t count = 0;
            TextOut rows(
                [&](std::string_view piece) {
                    CHECK(piece.ends_with('\n'));
                    joined += piece;
                    ++count;
                },
                200);
            t.render_to(rows, width, "  ");
            rows.flush();
            CHECK(count > 5);
            CHECK(joined == t.render(width, "  "));
            std::string appended = "head\n";
            t.render_to(appended, width, "  ");
            CHECK(appended == "head\n" + joined);
        }
    }
}

TEST_CASE("TextTable::stream_to: each row out as it ends, as render_to writes the table") {
    const std::vector<std::vector<std::string>> rows = mixed_rows(40);
    TextTable whole;
    for (const auto& row : rows) {
        whole.add_row(row);
    }
    const std::string expected = whole.render(kNoWidthLimit, "  ");
    // The widths render_to finds: the widest cell of each column but the last.
    std::vector<std::size_t> widths(4, 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            std::string cell = row[i];
            widths[i] = std::max(widths[i], make_cell(cell));
        }
    }
    std::string joined;
    std::size_t pieces = 0;
    TextOut out(
        [&](std::string_view piece) {
            CHECK(piece.ends_with('\n'));
            joined += piece;
            ++pieces;
        },
        100);
    TextTable streamed;
    streamed.stream_to(out, widths, "  ");
    for (const auto& row : rows) {
        streamed.add_row(row);
        CHECK(streamed.empty());  // nothing held
    }
    streamed.render_to(out, kNoWidthLimit, "  ");  // nothing left to write
    out.flush();
    CHECK(pieces > 5);
    CHECK(joined == expected);
    SUBCASE("a width given too small pads nothing less than nothing") {
        TextOut narrow;
        TextTable t;
        t.stream_to(narrow, {1, 1}, "");
        t.add_row({"wide cell", "x"});
        t.add_row({"a", "y"});
        CHECK(std::move(narrow).text() == "wide cell  x\na          y\n");
    }
    SUBCASE("clear() ends the stream: the next rows are held again") {
        TextOut sink;
        TextTable t;
        t.stream_to(sink, {3, 0}, "");
        t.add_row({"abc", "1"});
        t.clear();
        t.add_row({"d", "2"});
        CHECK_FALSE(t.empty());
        CHECK(std::move(sink).text() == "abc  1\n");
        CHECK(t.render(kNoWidthLimit) == "d  2\n");
    }
}

TEST_CASE("Style::paint appends what the named styles return") {
    for (const bool on : {false, true}) {
        const Style style(on);
        std::string out = "x";
        style.paint(out, "36", "k7rq2");
        CHECK(out == "x" + style.cyan("k7rq2"));
        style.paint(out, "31", "");
        CHECK(out == "x" + style.cyan("k7rq2"));
    }
}

TEST_CASE("TextTable: a row built cell by cell is the row add_row makes") {
    const std::vector<std::vector<std::string>> rows = {
        {"\x1b[36mk7rq2\x1b[0m", "today 10:00", "M. Jansen", "Refund — Dini"},
        {"ab3x9", "", "Zoë 😀 \x1b]0;x\x07", "title\nwith a newline and \x1b[31mred\x1b[0m"},
        {"cc", "Wed 2 Dec 17:00", "山田太郎", ""},
        {"short", "row"}};
    TextTable by_rows;
    TextTable by_cells;
    for (const auto& row : rows) {
        by_rows.add_row(row);
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i == 0) {
                std::string cell = row[i];
                const std::size_t w = make_cell(cell);
                by_cells.add_measured_cell(cell, w);
            } else if (i == 1) {
                by_cells.add_cell(row[i]);
            } else {
                by_cells.begin_cell() += row[i];
                by_cells.end_cell();
            }
        }
        by_cells.end_row();
    }
    for (const std::size_t width : {20U, 40U, 80U, 200U}) {
        CAPTURE(width);
        CHECK(by_cells.render(width, "  ") == by_rows.render(width, "  "));
    }
    const std::string all = by_rows.render(kNoWidthLimit, "  ");
    CHECK(by_cells.render(kNoWidthLimit, "  ") == all);
    CHECK(by_rows.rendered_size_bound("  ") >= all.size());
    CHECK(all.find("␛]0;x␇") != std::string::npos);
    CHECK(all.find("\x1b[36mk7rq2\x1b[0m") != std::string::npos);
    SUBCASE("render_to appends") {
        std::string out = "head\n";
        by_rows.render_to(out, kNoWidthLimit, "  ");
        CHECK(out == "head\n" + all);
    }
    SUBCASE("end_cell(false): colours in customer text are shown, not kept") {
        TextTable t;
        t.begin_cell() += "\x1b[31mred\x1b[0m";
        t.end_cell(false);
        t.end_row();
        CHECK(t.render(kNoWidthLimit) == "␛[31mred␛[0m\n");
    }
    SUBCASE("end_measured_cell: the writer's width counts") {
        TextTable t;
        t.begin_cell() += "ab";
        t.end_measured_cell(2);
        t.add_cell("x");
        t.end_row();
        t.add_cell("abcd");
        t.add_cell("y");
        t.end_row();
        CHECK(t.render(kNoWidthLimit) == "ab    x\nabcd  y\n");
    }
}

TEST_CASE("ascii_punctuation: for a locale that is not UTF-8") {
    CHECK(ascii_punctuation("Mon 23 Nov · 3 open cases — 1 overdue…") ==
          "Mon 23 Nov - 3 open cases - 1 overdue...");
    CHECK(ascii_punctuation("stalled → escalate to Lena │ „quoted“ ‘x’") ==
          "stalled -> escalate to Lena | \"quoted\" 'x'");
    // Letters are not punctuation.
    CHECK(ascii_punctuation("Grüße, Renée, Ørsted, 山田 €") == "Grüße, Renée, Ørsted, 山田 €");
    CHECK(has_typographic_punctuation("a · b"));
    CHECK_FALSE(has_typographic_punctuation("Grüße é"));
    CHECK_FALSE(has_typographic_punctuation("plain"));
}

TEST_CASE("fit_width ends a cut in what it is given, within the width") {
    CHECK(fit_width("Refund the second payment", 10, "...") == "Refund...");
    CHECK(display_width(fit_width("Refund the second payment", 10, "...")) <= 10);
    CHECK(fit_width("Refund the second payment", 10) == "Refund th…");
    CHECK(fit_width("abcdef", 2, "...") == "..");
    CHECK(cap_width("Groothandel Van der Berg", 12, 80, true) == "Groothand...");
}

TEST_CASE("wrap_lines: by display width, between grapheme clusters") {
    CHECK(wrap_lines("Refund the second payment to the customer", 12) ==
          std::vector<std::string>{"Refund the", "second", "payment to", "the customer"});
    CHECK(wrap_lines("short", 12) == std::vector<std::string>{"short"});
    CHECK(wrap_lines("", 12).empty());
    // Wide characters take two columns; a word wider than a line is broken between clusters.
    CHECK(wrap_lines("山田太郎 山田", 4) == std::vector<std::string>{"山田", "太郎", "山田"});
    CHECK(wrap_lines("Jose\u0301Garci\u0301a", 4) ==
          std::vector<std::string>{"Jose\u0301", "Garc", "i\u0301a"});
    for (const auto& line : wrap_lines("Groothandel Van der Berg-Ørsted en Zonen B.V. 🎉🎉🎉", 7)) {
        CHECK(display_width(line) <= 7);
    }
}

TEST_CASE("TextTable: a narrow table wraps its last column under itself") {
    TextTable t;
    t.add_row({"k7rq2", "Jansen", "Refund the second payment to the customer"});
    t.add_row({"a1b2c", "Li", "Call"});
    t.wrap_cells(true);
    CHECK(t.render(30) == "k7rq2  Jansen  Refund the\n"
                          "               second payment\n"
                          "               to the customer\n"
                          "a1b2c  Li      Call\n");
    SUBCASE("a cell of another column wraps in its own column, the row as high as its tallest") {
        TextTable n;
        n.add_row({"k7rq2", "today 16:00", "Groothandel Van der Berg", "Call back"});
        n.wrap_cells(true);
        CHECK(n.render(34) == "k7rq2  today  Groothand  Call back\n"
                              "       16:00  el Van\n"
                              "              der Berg\n");
    }
    SUBCASE("columns give way down to their longest word before a word is broken") {
        TextTable n;
        n.add_row({"m2n9m", "yesterday 12:00", "Bakkerij Ørsted", "Replacement router shipped"});
        n.wrap_cells(true);
        CHECK(n.render(44) == "m2n9m  yesterday  Bakkerij  Replacement\n"
                              "       12:00      Ørsted    router shipped\n");
    }
    SUBCASE("a colour is closed at each line's end and opened again on the next") {
        CHECK(wrap_lines("\x1b[31mtoday 16:00\x1b[0m", 6) ==
              std::vector<std::string>{"\x1b[31mtoday\x1b[0m", "\x1b[31m16:00\x1b[0m"});
    }
    t.wrap_cells(false);
    t.set_ascii(true);
    CHECK(t.render(30) == "k7rq2  Jansen  Refund the s...\n"
                          "a1b2c  Li      Call\n");
}
