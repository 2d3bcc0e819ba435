"""Text hygiene and privacy: what owner accepts as text, what it prints to a terminal or a chat,
and what `forget` leaves behind (issue 12 items 7, 15, 16; issue 16 terminals and chat)."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from ownertest import BIN, OwnerTest, main

# A title that tries everything: a hyperlink (OSC 8), a window title (OSC 0), bell, clear
# screen, colour, a newline that forges a bullet, Slack and Markdown formatting, a mention.
EVIL_TITLE = ("Refund \\u001b]8;;http://evil.example\\u0007click\\u001b]8;;\\u0007 "
              "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mred\\u0007 AT&amp;T\\n- forged *bold* _it_ ~s~ `code` @here")
EVIL_CUSTOMER = "Evil\\u001b[5m Corp\\u009b2J @channel"
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f]")


def hostile_case(case_id="evil2", opened="2026-11-23T09:00:00+01:00"):
    return f"""schema = 1
id = "{case_id}"
title = "{EVIL_TITLE}"
customer = "{EVIL_CUSTOMER}"
contact = "x\\u001b]52;c;cGF5bG9hZA==\\u0007@example.com"
opened = {opened}
deadline = 2026-11-27T17:00:00+01:00
priority = "high"
summary = "line one\\nline two \\u001b[2J"

[[actions]]
what = "Call back \\u001b]0;x\\u0007 @all"
who = "Dini\\u0007"
due = 2026-11-24T11:00:00+01:00

[[actions]]
what = "Credit note"
due = 2026-11-25T15:00:00+01:00

[[log]]
at = {opened}
event = "opened"
text = "Customer called\\n\\u001b[2Jtwice"
"""


def width(line):
    """Columns a line takes on a terminal (colour sequences take none)."""
    line = re.sub(r"\x1b\[[0-9;]*m", "", line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in line)


BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class Bidi(OwnerTest):
    """Issue 24 item 8: bidi overrides and isolates cannot turn "Invoice \u202egnp.exe" into "Invoice exe.png"."""

    def test_titles_and_names_with_a_bidi_override_or_isolate_are_refused_naming_the_argument(self):
        cid = self.new("Refund", "M. Jansen")
        before = self.snapshot()
        for args, name in [
            (["new", "Invoice \u202egnp.exe", "--customer", "Jan"], "title"),
            (["new", "Invoice", "--customer", "Jan \u2066x\u2069"], "--customer"),
            (["new", "Invoice", "--customer", "Jan", "--contact-name", "\u202bPetra"], "--contact-name"),
            (["plan", cid, "Call \u202dback", "--due", "fri"], "what"),
        ]:
            r = self.owner(*args, expect=2)
            self.assertEqual(r.err.count("\n"), 1, r.err)
            self.assertRegex(r.err, rf"{re.escape(name)}: bidi control U\+20[26][0-9A-F] \([A-Z]+\) at byte \d+")
            self.assertIsNone(BIDI.search(r.err), "the error shows it escaped")
        self.assertEqual(self.snapshot(), before)
        # A mail's Subject too (its body may quote right-to-left text: output escapes it).
        r = self.owner("new", "--from-mail", expect=1,
                       input="From: a@example.com\nSubject: =?utf-8?b?SW52b2ljZSDigK5nbnAuZXhl?=\n\nHi.\n")
        self.assertIn("standard input: Subject: bidi control U+202E (RLO) at byte 8", r.err)
        self.assertEqual(self.snapshot(), before)
        # The marks Hebrew and Arabic text uses stay allowed.
        self.new("\u05e9\u05dc\u05d5\u05dd\u200f 2026", "\u0645\u062d\u0645\u062f\u200e")

    def test_every_view_and_chat_format_shows_them_escaped(self):
        self.write_case("bidi2", """schema = 1
id = "bidi2"
title = "Invoice \\u202Egnp.exe"
customer = "Jan \\u2067Corp\\u2069"
opened = 2026-11-23T09:00:00+01:00
deadline = 2026-11-27T17:00:00+01:00
priority = "high"

[[actions]]
what = "Check \\u202Dinvoice"
due = 2026-11-24T11:00:00+01:00
tell = "a \\u202Ecorrected invoice"

[[log]]
at = 2026-11-23T09:00:00+01:00
event = "opened"
text = "sent \\u202Eexe.png"
""")
        outputs = {
            "today": self.owner("today").out,
            "list": self.owner("list").out,
            "show": self.owner("show", "bidi2").out,
            "agenda": self.owner("agenda").out,
            "prioritize": self.owner("prioritize").out,
            "draft": self.owner("draft", "bidi2").out,
            "status": self.owner("status").out,
            "status markdown": self.owner("status", "--format", "markdown").out,
            "status slack": self.owner("status", "--format", "slack").out,
            "status mattermost": self.owner("status", "--format", "mattermost").out,
            "status json": self.owner("status", "--format", "json").out,
            "show --json": self.owner("show", "bidi2", "--json").out,
            "export": self.owner("export").out,
            "ics": self.owner("export", "--format", "ics").out,
            "escalate": self.owner("escalate", now="2026-11-30T17:00:00+01:00").out,
        }
        for name, out in outputs.items():
            with self.subTest(command=name):
                self.assertTrue(out, name)
                self.assertIsNone(BIDI.search(out), name)
        for name in ("list", "show", "status", "status markdown"):
            self.assertIn("U+202E", outputs[name], name)
        self.assertIn("Jan [U+2067]Corp[U+2069]", outputs["show"])
        # Machine output keeps the exact text, escaped as JSON.
        case = json.loads(outputs["show --json"])["case"]
        self.assertEqual((case["title"], case["customer"]), ("Invoice \u202egnp.exe", "Jan \u2067Corp\u2069"))


class Arguments(OwnerTest):
    """Issue 12 item 7: one argument must not break a case."""

    def test_invalid_utf8_in_a_note_is_refused_and_the_case_stays_readable(self):
        cid = self.new("Refund", "M. Jansen")
        before = self.snapshot()
        r = subprocess.run([BIN, "note", cid, b"bad \xff"], env=self.env, capture_output=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        err = r.stderr.decode("utf-8")  # the error itself is valid UTF-8
        self.assertIn("invalid UTF-8 at byte 4", err)
        self.assertEqual(err.count("\n"), 1)
        self.assertEqual(self.snapshot(), before)
        self.owner("show", cid)
        self.owner("list")

    def test_control_characters_are_refused_in_every_argument(self):
        cid = self.new("Refund", "M. Jansen")
        before = self.snapshot()
        for args in (["new", "Title \x1b]0;pwn\x07", "--customer", "C"],
                     ["new", "Title", "--customer", "Line\nbreak"],
                     ["new", "Tab\there", "--customer", "C"],
                     ["plan", cid, "Call \x1b[2J", "--due", "fri"],
                     ["plan", cid, "Call", "--who", "Dini\x07", "--due", "fri"],
                     ["note", cid, "del \x7f char"],
                     ["note", cid, "c1 \u009b char"],
                     ["edit", cid + "\x1b"]):
            with self.subTest(args=args):
                r = self.owner(*args, expect=2)
                self.assertRegex(r.err, r"^owner: error: .*(control character U\+00[0-9A-F]{2}|invalid UTF-8)")
                self.assertIsNone(RAW_CONTROL.search(r.err), r.err)
                self.assertEqual(r.err.count("\n"), 1)
        self.assertEqual(self.snapshot(), before)

    def test_a_note_may_span_lines_but_a_title_may_not(self):
        cid = self.new("Refund", "M. Jansen")
        self.owner("note", cid, "Customer called.\nAgreed on a credit note.")
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["log"][-1]["text"],
                         "Customer called.\nAgreed on a credit note.")
        r = self.owner("new", "Two\nlines", "--customer", "C", expect=2)
        self.assertIn("title: control character U+000A (LF)", r.err)

    def test_an_import_entry_with_control_characters_is_refused(self):
        doc = {"schema": 1, "cases": [
            {"toml": hostile_case("good2").replace(EVIL_TITLE, "Fine").replace(EVIL_CUSTOMER, "Fine")
                     .replace("x\\u001b]52;c;cGF5bG9hZA==\\u0007@example.com", "a@example.com")
                     .replace("\\u001b[2J", "").replace("\\u001b]0;x\\u0007", "").replace("Dini\\u0007", "Dini")},
            {"toml": hostile_case()}]}
        r = self.owner("import", "-", input=json.dumps(doc), expect=2)
        self.assertIn("cases[1] (evil2): title: control character U+001B (ESC)", r.err)
        self.assertIsNone(RAW_CONTROL.search(r.err))
        self.assertFalse(os.path.exists(self.cases), "nothing is imported when one entry is bad")


class TerminalEscapes(OwnerTest):
    """Issue 12 item 15: customer text never acts on the terminal."""

    def setUp(self):
        super().setUp()
        self.write_case("evil2", hostile_case())
        os.chmod(self.cases, 0o700)
        os.chmod(self.case_path("evil2"), 0o600)

    def assert_inert(self, text, where):
        self.assertNotIn("\x1b", text, where)
        self.assertNotIn("\x07", text, where)
        self.assertIsNone(RAW_CONTROL.search(text), where)

    def test_every_human_output_shows_control_characters_visibly(self):
        outputs = {
            "today": self.owner("today").out,
            "list": self.owner("list").out,
            "show": self.owner("show", "evil2").out,
            "agenda": self.owner("agenda").out,
            "status": self.owner("status").out,
            "status markdown": self.owner("status", "--format", "markdown").out,
            "prioritize": self.owner("prioritize").out,
            "draft": self.owner("draft", "evil2").out,
            "remind": self.owner("remind", "--dry-run", expect=3).out,
            "escalate": self.owner("escalate", now="2026-11-30T17:00:00+01:00").out,
        }
        for name, out in outputs.items():
            with self.subTest(command=name):
                self.assertTrue(out, name)
                self.assert_inert(out, name)
        self.assertIn("Refund ␛]8;;http://evil.example␇click", outputs["list"])
        self.assertIn("Evil␛[5m Corp", outputs["show"])
        # A newline in a title cannot forge a line of its own.
        for name in ("list", "show", "today", "status"):
            self.assertNotIn("\n- forged", outputs[name], name)
        self.assertIn("line one␊line two", outputs["show"])

    def test_colour_stays_ours(self):
        for args in (["today"], ["show", "evil2"], ["agenda"]):
            out = self.owner("--color", "always", *args).out
            with self.subTest(args=args):
                self.assertIn("\x1b[", out)  # colour is on
                for m in re.finditer("\x1b", out):
                    self.assertRegex(out[m.start():m.start() + 8], r"^\x1b\[(0|1|2|31|32|33|36)m", args)
                self.assertIsNone(re.search(r"[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f\u0080-\u009f]", out))

    def test_machine_output_keeps_the_exact_text_escaped_as_json(self):
        raw = self.owner("show", "evil2", "--json").out
        self.assert_inert(raw, "show --json")
        case = json.loads(raw)["case"]
        self.assertIn("\x1b]8;;http://evil.example\x07", case["title"])
        self.assertIn("\u009b2J", case["customer"])

    def test_error_messages_show_control_characters_visibly(self):
        r = self.owner("show", "nope\x1b]0;x\x07", expect=2)
        self.assert_inert(r.err, "error")
        self.assertIn("␛]0;x␇", r.err)
        self.write_case("brok3", 'schema = 1\nid = "brok3"\ntitle = "\x1b[2J\n')
        r = self.owner("list", expect=1)
        self.assert_inert(r.err, "bad file")

    def test_the_ics_export_stays_valid(self):
        out = self.owner("export", "--format", "ics").out
        self.assert_inert(out.replace("\r\n", "\n"), "ics")
        self.assertIn("BEGIN:VCALENDAR", out)


class Widths(OwnerTest):
    """Issue 16: never cut output to a pipe; on a terminal follow COLUMNS, then the tty."""

    LONG = "Refund for the double charge on the November invoice, the credit note and the apology letter"

    def setUp(self):
        super().setUp()
        self.load_fixture("store15")
        self.cid = self.new(self.LONG, "Groothandel Van der Berg-Ørsted en Zonen B.V.", "--deadline", "fri")
        self.owner("plan", self.cid, "Ask billing for the credit note of invoice 2026-1187 and the apology", "--due", "today 16:00")

    def test_a_pipe_gets_every_character(self):
        out = self.owner("list").out
        self.assertIn(self.LONG, out)
        self.assertIn("Groothandel Van der Berg-Ørsted en Zonen B.V.", out)
        self.assertNotIn("…", out)
        self.assertIn("Ask billing for the credit note of invoice 2026-1187 and the apology", self.owner("today").out)
        self.assertNotIn("…", self.owner("agenda").out)

    def test_a_terminal_of_40_columns_gets_rows_of_40(self):
        for columns, cols in ((40, 200), (None, 40), (60, 40)):
            limit = columns or cols
            for args in (["list"], ["today"], ["agenda"], ["prioritize"], ["show", self.cid]):
                out = self.on_terminal(*args, columns=columns, cols=cols)
                with self.subTest(args=args, columns=columns, cols=cols):
                    rows = [line for line in out.splitlines() if line.startswith(("  ", self.cid))]
                    self.assertTrue(rows)
                    for line in rows:
                        self.assertLessEqual(width(line), limit, line)
                    self.assertIn("…", out)

    def test_a_cut_never_splits_a_sequence(self):
        self.write_case("evil2", hostile_case())
        out = self.on_terminal("--color", "always", "list", columns=40)
        for m in re.finditer("\x1b", out):
            self.assertRegex(out[m.start():m.start() + 8], r"^\x1b\[(0|1|2|31|32|33|36)m")
        out.encode("utf-8")  # whole characters only
        # Every colour opened on a cut line is closed on it.
        for line in out.splitlines():
            opened = re.findall(r"\x1b\[(\d+)m", line)
            if opened:
                self.assertEqual(opened[-1], "0", line)


class TerminalColumns(OwnerTest):
    """Issue 25: widths by utf8proc. What `today` sends to a pseudo terminal is drawn by a terminal
    model (pyte, which places characters by wcwidth as xterm and VTE do) and its columns compared."""

    CUSTOMERS = [
        "Plain Name",
        "Somchai \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",  # Thai: two of the six are vowel marks
        "Caf\u00e9 \u2615 \u23f0 Bak",  # wide emoji
        "Jose\u0301 Garci\u0301a",  # NFD: the accents are combining marks
        "\u5c71\u7530 \U0001f389 \u0e04\u0e23\u0e31\u0e1a",  # CJK, an emoji and Thai together
    ]

    def screen_of(self, out, columns, rows=60):
        try:
            import pyte
        except ImportError:
            # Debian's python3-pyte (pure Python) for a Python of another prefix, such as pyenv's.
            sys.path.append("/usr/lib/python3/dist-packages")
            try:
                import pyte
            except ImportError:
                self.skipTest("python3-pyte is not installed")
            finally:
                sys.path.remove("/usr/lib/python3/dist-packages")
        from wcwidth import wcwidth  # pyte's own

        class Terminal(pyte.Screen):
            def draw(self, data):
                # pyte 0.8 stops drawing at a mark of combining class 0 (Thai vowel signs); xterm
                # and VTE draw it in the cell of the letter before, as pyte does other marks.
                for char in data:
                    if wcwidth(char) == 0 and not unicodedata.combining(char) and self.cursor.x:
                        line = self.buffer[self.cursor.y]
                        line[self.cursor.x - 1] = line[self.cursor.x - 1]._replace(
                            data=line[self.cursor.x - 1].data + char)
                    else:
                        super().draw(char)

        screen = Terminal(columns, rows)
        pyte.Stream(screen).feed(out.replace("\n", "\r\n"))
        return screen

    @staticmethod
    def column_of(screen, y, word):
        """The column where `word` starts on row y of the screen, or None."""
        line = screen.buffer[y]
        cells = [line[x].data for x in range(screen.columns)]
        for x in range(screen.columns - len(word) + 1):
            if "".join(cells[x:x + len(word)]) == word:
                return x
        return None

    def test_today_keeps_its_columns_with_thai_emoji_and_nfd_names(self):
        ids = {}
        for name in self.CUSTOMERS:
            ids[self.new("Refund", name, "--deadline", "fri")] = name
        out = self.on_terminal("today", columns=100)
        screen = self.screen_of(out, 100)
        for word in ("promised:", "plan the next step:"):
            found = {}
            for y in range(screen.lines):
                row = "".join(screen.buffer[y][x].data for x in range(screen.columns))
                for cid in ids:
                    if row.startswith("  " + cid) and word in row:
                        found[cid] = self.column_of(screen, y, word)
            with self.subTest(word=word):
                self.assertEqual(set(found), set(ids), out)
                self.assertEqual(len(set(found.values())), 1, (found, out))
        # Each name is drawn whole, its marks in the cells of their letters (pyte composes NFC).
        drawn = "\n".join("".join(screen.buffer[y][x].data for x in range(screen.columns))
                          for y in range(screen.lines))
        for name in self.CUSTOMERS:
            self.assertIn(unicodedata.normalize("NFC", name), drawn)

    def test_a_cut_on_a_narrow_terminal_keeps_marks_with_their_letters_and_the_column(self):
        thai = "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a"  # สวัสดีครับ
        cid = self.new(" ".join([thai] * 12), "Somchai")
        plain = self.new("Refund for the double charge on the November invoice", "Somchai")
        out = self.on_terminal("list", columns=60)  # under 60 the title wraps (NarrowTerminal)
        [row] = [line for line in out.splitlines() if line.startswith(cid)]
        self.assertTrue(row.endswith("\u2026"), row)
        # The text before the cut ends in whole clusters: never a letter whose mark was cut off.
        kept = row[:-1].rstrip().split(" ")[-1]
        self.assertTrue(thai.startswith(kept), (kept, row))
        self.assertFalse(thai[len(kept):len(kept) + 1] and
                         unicodedata.category(thai[len(kept)]) == "Mn", (kept, row))
        # On the terminal both cut titles end in the same column as the plain one.
        screen = self.screen_of(out, 60)
        ends = {}
        for y in range(screen.lines):
            drawn = [screen.buffer[y][x].data for x in range(screen.columns)]
            for case_id in (cid, plain):
                if "".join(drawn[:5]) == case_id:
                    ends[case_id] = drawn.index("\u2026")
        self.assertEqual(len(ends), 2, out)
        self.assertEqual(ends[cid], ends[plain], out)


class NarrowTerminal(TerminalColumns):
    """Issue 28 item 9: under 60 columns `list` and `today` leave out the priority (the order
    shows it) and wrap their text column instead of cutting it, by display width and grapheme
    clusters; a pipe is never cut; a locale that is not UTF-8 gets ASCII punctuation."""

    TITLE = "Refund for the double charge on the November invoice and the apology letter"
    ACTION = "Ask billing for the credit note of invoice 2026-1187 and the apology"
    WIDE = "\u5c71\u7530\u592a\u90ce\u69d8\u306e\u8acb\u6c42\u66f8\u306e\u4ef6"  # 山田太郎様の請求書の件

    def setUp(self):
        super().setUp()
        self.cid = self.new(self.TITLE, "Van der Berg", "--deadline", "fri", "--priority", "high")
        self.owner("plan", self.cid, self.ACTION, "--due", "today 16:00")
        self.wide = self.new(self.WIDE + " " + self.WIDE, "Yamada")

    def drawn_rows(self, out, columns):
        screen = self.screen_of(out, columns)
        return ["".join(screen.buffer[y][x].data for x in range(screen.columns)).rstrip()
                for y in range(screen.lines)]

    def test_under_60_columns_list_drops_the_priority_and_wraps_the_title(self):
        for columns, cols in ((40, 200), (None, 44), (59, 80)):
            limit = columns or cols
            with self.subTest(columns=columns, cols=cols):
                out = self.on_terminal("list", columns=columns, cols=cols)
                lines = out.splitlines()
                self.assertNotIn("PRI", lines[0])
                self.assertNotIn("high", out)
                for line in lines:
                    self.assertLessEqual(width(line), limit, line)
                # The title is all there, word for word, on the row and the lines under it.
                start = next(i for i, line in enumerate(lines) if line.startswith(self.cid))
                column = lines[start].index("Refund")
                words = lines[start][column:].split()
                for line in lines[start + 1:]:
                    if not line.startswith(" " * 7):  # the next row, or the end
                        break
                    words += line[column:].split()
                self.assertEqual(" ".join(words), self.TITLE, out)
                self.assertNotIn("\u2026", out)  # nothing is cut: what is too wide wraps
                # Wide characters wrap by their two columns and are drawn whole.
                drawn = "\n".join(self.drawn_rows(out, limit))
                self.assertEqual(drawn.count(self.WIDE[:2]), 2, out)
        # At 60 columns and more, as before: the priority, and the title cut.
        out = self.on_terminal("list", columns=60)
        self.assertIn("PRI", out.splitlines()[0])
        self.assertIn("high", out)
        self.assertIn("\u2026", out)

    def test_under_60_columns_today_wraps_what_each_row_is_about(self):
        coloured = self.on_terminal("today", columns=44)
        for line in coloured.splitlines():
            self.assertLessEqual(width(line), 44, line)
            opened = re.findall(r"\x1b\[(\d+)m", line)
            self.assertEqual(opened[-1:], ["0"] if opened else [], line)  # no colour runs on
        out = self.on_terminal("today", columns=44, env={"NO_COLOR": "1"})
        lines = out.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("  " + self.cid) and "Ask" in line)
        column = lines[start].index("Ask")
        words = lines[start][column:].split()
        for line in lines[start + 1:]:
            if not line.startswith(" " * 9):  # the next row, or the end of the section
                break
            words += line[column:].split()
        self.assertEqual(" ".join(words), self.ACTION, out)
        self.assertNotIn("\u2026", out)
        # A pipe is never cut nor wrapped.
        piped = self.owner("today").out
        self.assertIn(self.ACTION, piped)
        self.assertIn(self.TITLE, self.owner("list").out)

    def test_a_locale_that_is_not_utf8_gets_ascii_punctuation(self):
        typographic = ("\u00b7", "\u2014", "\u2026", "\u2192")
        utf8 = self.owner("today").out
        self.assertIn(" \u00b7 ", utf8)
        self.owner("note", self.cid, "Customer called \u2014 twice")
        self.owner("note", self.cid, "She said \u201cnot again\u201d", "--summary")
        for env in ({"LC_ALL": "C"}, {"LC_ALL": "", "LANG": ""}, {"LC_ALL": "", "LC_CTYPE": "POSIX"},
                    {"LC_ALL": "", "LANG": "de_DE.ISO-8859-1"}):
            with self.subTest(env=env):
                for args in (["today"], ["agenda"], ["status"], ["show", self.cid], ["list"]):
                    out = self.owner(*args, env=env).out
                    for mark in typographic:
                        self.assertNotIn(mark, out, (args, out))
                self.assertIn(" - ", self.owner("today", env=env).out)
                self.assertIn("Customer called - twice", self.owner("show", self.cid, env=env).out)
                # On a terminal, what is cut ends in "...", within the width.
                term = self.on_terminal("list", columns=60, env=env)
                self.assertIn("...", term)
                for line in term.splitlines():
                    self.assertLessEqual(width(line), 60, line)
                # Data stays as it is: JSON and iCalendar carry the texts exactly.
                self.assertIn("Customer called \u2014 twice", self.owner("show", self.cid, "--json", env=env).out)
                self.assertEqual(self.owner("export", env=env).out, self.owner("export").out)
                self.assertEqual(self.owner("export", "--format", "ics", env=env).out,
                                 self.owner("export", "--format", "ics").out)
                # Chat payloads are JSON (cron has no locale): a curly quote made ASCII would end
                # a JSON string. They, and the report, go out as written.
                for args in (["status", "--format", "slack"], ["status", "--format", "mattermost"],
                             ["status", "--json"], ["report"], ["draft", self.cid]):
                    self.assertEqual(self.owner(*args, env=env).out, self.owner(*args).out, args)
        self.assertEqual(self.owner("today", env={"LC_ALL": "", "LANG": "nl_NL.UTF-8"}).out, utf8)


class Chat(OwnerTest):
    """Issue 12 item 15 and issue 16 "Chat": one line per item, no formatting, nobody paged."""

    def setUp(self):
        super().setUp()
        self.write_case("evil2", hostile_case())

    def test_slack_neutralizes_formatting_and_mentions(self):
        text = json.loads(self.owner("status", "--format", "slack").out)["text"]
        for raw in ("*bold*", "_it_", "~s~", "`code`", "@here", "@channel", "@all", "\n- forged", "\x1b", "<!"):
            self.assertNotIn(raw, text)
        self.assertIn("AT&amp;amp;T", text)
        self.assertIn("∗bold∗", text)
        self.assertIn("@\u200bhere", text)

    def test_markdown_and_mattermost_neutralize_mentions_and_escape_ampersands(self):
        md = self.owner("status", "--format", "markdown").out
        payload = json.loads(self.owner("status", "--format", "mattermost").out)
        self.assertEqual(set(payload), {"text"})
        for text in (md, payload["text"]):
            self.assertIn("**Status Wed 25 Nov**", text)
            self.assertIn("AT\\&amp;T", text)
            self.assertIn("\\*bold\\*", text)
            for raw in ("@here", "@channel", "@all", "\n- forged", "\x1b"):
                self.assertNotIn(raw, text)

    def test_every_mention_that_starts_a_word_is_defused_but_not_a_mail_address(self):
        # Issue 24 item 7: @room (Matrix, Element), @user and @user.name (Mattermost, Slack, Teams).
        cid = self.new("@room call @sam.jansen, (@Dini) and \"@here\"", "Petra",
                       "--contact", "petra@vdberg.example")
        self.owner("plan", cid, "Mail petra@vdberg.example and ask @ben_s", "--due", "2026-11-25 15:00")
        md = self.owner("status", "--format", "markdown").out
        mattermost = json.loads(self.owner("status", "--format", "mattermost").out)["text"]
        slack = json.loads(self.owner("status", "--format", "slack").out)["text"]
        for text in (md, mattermost, slack):
            for word in ("room", "sam.jansen", "Dini", "here", "ben"):
                self.assertNotRegex(text, rf"(^|[^\w\u200b])@{word}", "a mention reaches the chat")
                self.assertIn(f"@\u200b", text)
            self.assertNotIn("@\u200bvdberg", text, "an address is not a mention")
            self.assertRegex(text, r"petra@vdberg\.example")

    def test_overdue_actions_show_their_date(self):
        text = self.owner("status").out
        self.assertIn("Call back ␛]0;x␇ @\u200ball — Dini␇, overdue since Tue 24 Nov 11:00", text)
        self.assertIn("Credit note — ", text)
        self.assertRegex(text, r"Credit note — \S+, 15:00\n")

    def test_a_real_commonmark_renderer_sees_what_we_mean(self):
        cmark = shutil.which("cmark")
        if cmark is None:
            self.skipTest("cmark is not installed (apt-get install cmark)")
        md = self.owner("status", "--format", "markdown").out
        html = subprocess.run([cmark], input=md, capture_output=True, text=True, check=True).stdout
        # The heading and the counts are two paragraphs, each section title its own.
        self.assertIn("<p><strong>Status Wed 25 Nov</strong></p>\n<p>1 open · 2 due today", html)
        self.assertIn("<p><strong>Due by today</strong></p>\n<ul>", html)
        # Customer text shows as typed: no emphasis, code, links or extra items.
        self.assertIn("AT&amp;amp;T", html)
        self.assertIn("- forged *bold* _it_ ~s~ `code`", html)
        self.assertNotIn("<em>", html)
        self.assertNotIn("<code>code", html)
        self.assertNotIn("<a ", html)
        self.assertEqual(html.count("<li>"), 5)  # 2 due, Dini and her 1 action, 1 owed

    def test_fields_title_keeps_names_out_of_action_texts(self):
        cfg = os.path.join(self.tmp, "c.toml")
        with open(cfg, "w") as f:
            f.write('[status]\nfields = ["title"]\n')
        cid = self.new("Jansen wants a refund", "M. Jansen", "--contact", "+31 6 1234 5678")
        self.owner("plan", cid, "Call Jansen on +31 6 1234 5678", "--due", "today 16:00")
        for fmt_ in ("text", "markdown", "slack", "mattermost", "json"):
            out = self.owner("status", "--format", fmt_, env={"OWNER_CONFIG": cfg}).out
            with self.subTest(format=fmt_):
                self.assertNotIn("Jansen", out)
                self.assertNotIn("1234", out)
                self.assertIn("customer", out)  # "[customer]" where the name was
        self.assertIn("Jansen", self.owner("status").out)


class Forget(OwnerTest):
    """Issue 12 item 16: forgetting leaves no copy of the customer in the store."""

    SECRETS = ("Jansen", "jan@example.com", "+31 6 1234 5678", "INC-40211", "Kerkstraat")

    def closed_case(self):
        cid = self.new("Refund for Jan Jansen", "Jan Jansen", "--contact", "jan@example.com", "--ref", "INC-40211",
                       "--note", "Jan called from +31 6 1234 5678")
        self.owner("plan", cid, "Visit Jansen at Kerkstraat 5", "--who", "Finance", "--due", "fri")
        self.owner("note", cid, "Lives at Kerkstraat 5", "--summary")
        text = self.read_case(cid)
        text = text.replace("[[log]]", 'crm_phone = "+31 6 1234 5678"\n\n[[log]]', 1)
        text = text.replace('event = "opened"', 'event = "opened"\nhandwritten = "Jansen, Kerkstraat 5"', 1)
        text = text.replace('who = "Finance"', 'who = "Finance"\nnote = "ring Jansen"', 1)
        self.write_case(cid, text)
        self.owner("remind", "--anytime", now="2026-11-27T18:00:00+01:00", expect=3)  # remembers the action's text
        self.owner("close", cid, "--accepted", "--note", "Jansen happy")
        archived = next(Path(self.store, "archive").rglob(cid + ".toml"))
        time.sleep(2.1)  # the cache keeps only files older than two seconds (README "Performance")
        self.owner("list", "--all")  # fills the archive's cache
        held = {f for f, _ in self.leftovers()}
        self.assertIn(".remind-state", held)
        self.assertTrue(any(f.startswith(".cache") for f in held), "the cache holds the customer")
        # An unsaved edit of the case, as `owner edit` leaves it when the editor fails.
        for suffix in (".toml", ".base"):
            Path(self.store, f".edit-{cid}{suffix}").write_text(archived.read_text())
        return cid

    def leftovers(self, skip_git=True):
        found = []
        for path in Path(self.store).rglob("*"):
            if path.is_file() and not (skip_git and ".git" in path.relative_to(self.store).parts):
                data = path.read_bytes()
                found += [(str(path.relative_to(self.store)), s) for s in self.SECRETS if s.encode() in data]
        return found

    def test_no_copy_of_the_customer_is_left_in_the_store(self):
        cid = self.closed_case()
        self.assertTrue(self.leftovers())
        r = self.owner("forget", "--customer", "Jan Jansen", "--yes")
        self.assertIn("forgot 'Jan Jansen' in 1 closed case", r.err)
        self.assertIn(f".edit-{cid}.toml", r.err)
        self.assertEqual(self.leftovers(), [])
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual(case["title"], "Refund for [customer]")
        self.assertEqual(case["actions"][0]["who"], "Finance")
        self.assertEqual(case["actions"][0]["what"], "(forgotten)")
        stats = self.owner("stats", "--json").json()
        self.assertEqual(stats["closed_accepted"], 1)
        self.assertEqual(stats["handovers_per_case"], 1)

    def test_titles_go_when_asked(self):
        cid = self.closed_case()
        self.owner("forget", "--customer", "Jan Jansen", "--yes", "--titles")
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["title"], "(forgotten)")

    def test_a_git_store_says_what_history_still_holds(self):
        if shutil.which("git") is None:
            self.skipTest("git is not installed")
        self.env.update(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.com",
                        GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.com")
        self.new("Warm-up", "Someone")
        self.owner("init", "--git")
        cid = self.closed_case()
        r = self.owner("forget", "--customer", "Jan Jansen", "--yes")
        self.assertEqual(self.leftovers(), [])
        history = subprocess.run(["git", "-C", self.store, "log", "-p", "--all"], capture_output=True, text=True).stdout
        self.assertIn("Jansen", history, "the history does hold it")
        warning = [line for line in r.err.splitlines() if "git history" in line]
        self.assertEqual(len(warning), 1, r.err)
        self.assertRegex(warning[0], rf"\d+ commits with earlier versions of archive/2026/{cid}.toml, cases/{cid}.toml")
        self.assertIn("git filter-repo", warning[0])
        self.assertIn("FORGETTING", warning[0])


if __name__ == "__main__":
    main()
