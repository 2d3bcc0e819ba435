"""Limits (issue 24): owner never writes a case it could not read back (item 4), and a case it
cannot read is never a success, for `remind` and `stats` too (item 11), and config text is held
to what an argument is (item 13)."""

import glob
import json
import os
import unicodedata
from pathlib import Path

import test_team
from ownertest import BIN, OwnerTest, main

MON = "2026-11-23T09:00:00+01:00"
LIMIT = 1024 * 1024

# Over 100 characters each, with letters of two bytes and of three (and two columns) in UTF-8.
LONG_OWNER = "Samuel Alexander Johannes Maria van den Broek-Vandenberghe tot Oud-Wassenaar en Ørsted-Kristiansen"
LONG_COLLEAGUE = "Dini Kartika Sari Dewi Puspitasari Wulandari Rahmawati Kusumawardhani Setyaningsih Ørnulf-Çelik 山田"
LONG_CUSTOMER = "Groothandel Van der Berg-Ørsted en Zonen B.V., afdeling inkoop, facturatie en klantenservice 株式会社"


def width(line):
    """Terminal columns of a line: East Asian wide characters take two, combining marks none."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in line)


def mail(headers, body):
    return ("\n".join(f"{k}: {v}" for k, v in headers) + "\n\n" + body).encode()


class SizeLimits(OwnerTest):
    def test_a_title_over_300_characters_is_refused_and_one_of_300_kept(self):
        r = self.owner("new", "é" * 301, "--customer", "A", expect=2)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("title: 301 characters; a title is at most 300", r.err)
        self.assertFalse(glob.glob(os.path.join(self.cases, "*.toml")))
        cid = self.new("é" * 300, "A")
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["title"], "é" * 300)

    def test_a_note_over_16_kib_is_refused(self):
        cid = self.new("Fine", "A")
        before = self.read_case(cid)
        r = self.owner("note", cid, "x" * (16 * 1024 + 1), expect=2)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("16 KiB", r.err)
        r = self.owner("note", cid, "x" * 8192, "y" * 8192, expect=2)  # the words joined
        self.assertIn("16385 bytes", r.err)
        self.assertEqual(self.read_case(cid), before)
        self.owner("note", cid, "x" * (16 * 1024))

    def test_notes_that_would_pass_the_file_limit_are_refused_and_every_listing_still_reads(self):
        cid = self.new("Fine", "A")
        # A case grown by hand to just under the limit; one more note would pass it.
        text = self.read_case(cid)
        text += '\n[[log]]\nat = 2026-11-24T10:00:00+01:00\nevent = "note"\ntext = "' + "z" * (LIMIT - len(text) - 200) + '"\n'
        self.write_case(cid, text)
        self.owner("today")
        r = self.owner("note", cid, "n" * 16000, expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("more than the 1 MiB (1048576 bytes) a case file may hold; nothing was written", r.err)
        self.assertEqual(self.read_case(cid), text)
        self.owner("today")
        self.owner("list")

    def test_a_huge_mail_subject_opens_a_case_with_the_title_cut(self):
        m = mail([("From", "Petra <petra@example.nl>"), ("Subject", "Help " * 400_000),
                  ("Message-ID", "<big@example.nl>"), ("Date", "Mon, 23 Nov 2026 08:00:00 +0100")],
                 "Please help.\n" + "Long line. " * 20_000 + "\n")
        cid = self.owner("new", "--from-mail", input=m.decode(), now=MON).out.strip()
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual(len(case["title"]), 300)
        self.assertTrue(case["title"].endswith(" […]"), case["title"][-10:])
        self.assertLessEqual(len(case["log"][0]["text"].encode()), 16 * 1024)
        self.owner("today")

    def test_a_mail_that_cannot_be_taken_in_is_kept_in_a_file(self):
        cid = self.new("Invoice", "Petra", "--contact", "petra@example.nl")
        text = self.read_case(cid)
        text += '\n[[log]]\nat = 2026-11-24T10:00:00+01:00\nevent = "note"\ntext = "' + "z" * (LIMIT - len(text) - 200) + '"\n'
        text = text.replace("[[log]]", 'mail_ids = ["first@example.nl"]\n\n[[log]]', 1)
        self.write_case(cid, text)
        reply = mail([("From", "Petra <petra@example.nl>"), ("Subject", "Re: Invoice"),
                      ("Message-ID", "<r1@example.nl>"), ("In-Reply-To", "<first@example.nl>"),
                      ("Date", "Mon, 23 Nov 2026 08:00:00 +0100")], "Thanks. " * 40 + "\n")
        r = self.owner("new", "--from-mail", input=reply.decode(), now=MON, expect=1)
        self.assertIn("more than the 1 MiB", r.err)
        kept = glob.glob(os.path.join(self.store, ".cache", "refused-mail", "*.eml"))
        self.assertEqual(len(kept), 1, r.err)
        self.assertIn(f"; the mail is kept in {kept[0]}", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        with open(kept[0], "rb") as f:
            self.assertEqual(f.read(), reply)
        self.assertEqual(self.read_case(cid), text)

    def test_import_refuses_a_case_over_the_limit_and_takes_long_titles_it_reads_today(self):
        cid = self.new("Fine", "A")
        exported = self.owner("export").json()
        toml = exported["cases"][0]["toml"]
        big = toml + "# " + "x" * LIMIT + "\n"
        path = os.path.join(self.tmp, "big.json")
        with open(path, "w") as f:
            json.dump({"schema": 1, "cases": [{"case": {}, "toml": big.replace(cid, "m3p8x")}]}, f)
        r = self.owner("import", path, expect=1)
        self.assertIn("more than the 1 MiB (1048576 bytes) a case file may hold", r.err)
        self.assertFalse(os.path.exists(self.case_path("m3p8x")))
        # A title of 500 characters written by hand reads today: it still imports.
        long_title = toml.replace('title = "Fine"', 'title = "' + "t" * 500 + '"').replace(cid, "m3p8y")
        with open(path, "w") as f:
            json.dump({"schema": 1, "cases": [{"case": {}, "toml": long_title}]}, f)
        self.owner("import", path)
        self.assertEqual(len(self.owner("show", "m3p8y", "--json").json()["case"]["title"]), 500)



class UnreadableCases(OwnerTest):
    def test_remind_and_stats_exit_1_when_a_case_cannot_be_read(self):
        cid = self.new("Fine", "A", "--deadline", "2026-11-25 10:00")
        self.write_case("bad22", "schema = 1\nid = ")
        r = self.owner("remind", "--anytime", now="2026-11-25T11:00:00+01:00", expect=1)
        self.assertIn("bad22.toml", r.err)
        self.assertIn(cid, r.out)  # what it could read is still said; 1 wins over 3
        r = self.owner("stats", expect=1)
        self.assertIn("bad22.toml", r.err)
        self.assertIn("open now", r.out)
        self.owner("stats", "--json", expect=1)
        os.unlink(self.case_path("bad22"))
        self.owner("remind", "--anytime", now="2026-11-25T12:00:00+01:00")  # all said before: 0
        self.owner("stats")



class ConfigText(OwnerTest):
    def test_control_characters_in_config_texts_are_refused_like_arguments(self):
        cid = self.new("Fine", "A")
        before = self.snapshot()
        for config, where in [
            ('[people]\n"Ben\\u001b[31m" = []\n', "people.Ben"),
            ('[people]\n"Ben" = ["B\\u0007en"]\n', "people.Ben"),
            ('name = "Sam\\u001b]0;x\\u0007"\n', "name"),
            ('email = "sam@example.com\\r\\nBcc: x@evil.example"\n', "email"),
            ('[escalate]\nto = "Anna\\u0085"\n', "escalate.to"),
            ('[escalate.tags]\nvip = "Dini\\u001b[2J"\n', "escalate.tags.vip"),
        ]:
            self.use_config(config)
            r = self.owner("plan", cid, "Call back", "--due", "fri", "--who", "Ben", expect=1)
            self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
            self.assertIn(where, r.err)
            self.assertIn("without control characters", r.err)
            self.assertNotIn("\x1b", r.err)
        self.assertEqual(self.snapshot(), before)
        # A template keeps its newlines and tabs.
        self.use_config('[people]\n"Ben" = ["Benny"]\n[templates.en]\nthanks = "Dear {contact},\\n\\tthank you.\\n"\n')
        self.owner("plan", cid, "Call back", "--due", "fri", "--who", "Benny")


class LongNames(test_team.Team):
    """Issue 26/27 review: owner, colleague and customer names of 100+ characters through the
    team's sections of `today`, "Awaiting acceptance" and a withdrawn close's draft."""

    PEOPLE = {"sam": LONG_OWNER, "dini": LONG_COLLEAGUE, "lena": "Lena"}

    def setUp(self):
        super().setUp()
        roster = (f'[people]\n"{LONG_OWNER}" = {{ aliases = ["Sam"] }}\n"{LONG_COLLEAGUE}" = {{ aliases = ["Dini"] }}\n'
                  'Lena = { role = "lead" }\n\n[escalate]\nto = "Lena"\n')
        Path(self.configs["sam"]).write_text(f'name = "{LONG_OWNER}"\n' + roster)

    def on_terminal(self, person, *args, now=None):
        """`owner ARGS` as `person`, its output on a pseudo terminal, COLUMNS=80."""
        return OwnerTest.on_terminal(self, *args, columns=80, cols=200, now=now,
                                     env=dict(NO_COLOR="1", OWNER_HOME=self.homes[person],
                                              OWNER_CONFIG=self.configs[person]))

    def section(self, text, heading):
        """The item rows under `heading` in a text `today`."""
        lines = text.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
        self.assertIsNotNone(start, f"no {heading!r} in:\n{text}")
        rows = []
        for line in lines[start + 1:]:
            if not line.startswith("  "):
                break
            rows.append(line)
        self.assertTrue(rows, text)
        return rows

    def assert_fits(self, rows):
        for row in rows:
            self.assertLessEqual(width(row), 80, row)

    def assert_aligned(self, rows):
        """Every row's columns start where the first row's do (runs of two spaces part them)."""
        import re
        starts = [[width(row[:m.end()]) for m in re.finditer(r"  +", row)] for row in rows]
        first = starts[0]
        for row, s in zip(rows, starts):
            self.assertEqual(s[:len(first) - 1], first[:len(first) - 1], f"{rows}\n{row}")

    def test_long_names_fit_80_columns_whole_characters_and_json_keeps_them(self):
        self.start_team()
        asked = self.at("sam", "new", "Double charge", "--customer", LONG_CUSTOMER).out.strip()
        self.at("sam", "plan", asked, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "plan", asked, "Refund the fee", "--who", "Dini", "--due", "thu 10:00")
        handed = self.at("sam", "new", "Router", "--customer", LONG_CUSTOMER).out.strip()
        solved = self.at("sam", "new", "Invoice copy", "--customer", LONG_CUSTOMER).out.strip()
        self.at("sam", "told", solved, "sent the copy", "--solution")
        gone = self.at("sam", "new", "Old question", "--customer", LONG_CUSTOMER).out.strip()
        self.at("sam", "plan", gone, "Look it up", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "note", asked, "billing has it", now="2026-11-25T10:00:00+01:00")
        self.at("dini", "check", asked, "credit", "on-track", now="2026-11-25T10:05:00+01:00")
        self.at("lena", "sync")
        self.at("lena", "handoff", handed, "--to", "Dini", "--note", "Sam is away", now="2026-11-25T10:10:00+01:00")
        self.at("lena", "sync")
        self.at("dini", "sync")
        self.at("sam", "sync")
        thu = "2026-11-26T09:00:00+01:00"

        dini = self.on_terminal("dini", "today", now=thu)
        for heading in ("Asked of you", "Handed to you"):
            rows = self.section(dini, heading)
            self.assert_fits(rows)
            self.assert_aligned(rows)
            self.assertTrue(any("…" in row for row in rows), rows)  # cut, at a whole character
        # What a row is about comes before the long name, so that the cut takes the name's end.
        self.assertIn("Refund the fee — for Samuel", "\n".join(self.section(dini, "Asked of you")))
        self.assertIn("Sam is away — from Samuel", "\n".join(self.section(dini, "Handed to you")))
        sam = self.on_terminal("sam", "today", now=thu)
        for heading in ("Reported by colleagues", "Awaiting acceptance"):
            rows = self.section(sam, heading)
            self.assert_fits(rows)
            self.assert_aligned(rows)
        reported = self.section(sam, "Reported by colleagues")
        self.assertIn("billing has it — Dini Kartika", reported[0])
        self.assertIn("on-track: Credit note", reported[1])

        # A pipe and JSON keep every character.
        piped = self.at("dini", "today", now=thu).out
        self.assertIn(LONG_OWNER, piped)
        self.assertIn(LONG_CUSTOMER, piped)
        sections = {s["key"]: s["items"] for s in self.at("dini", "today", "--json", now=thu).json()["sections"]}
        self.assertEqual({i["owner"] for i in sections["asked"]}, {LONG_OWNER})
        self.assertEqual({i["customer"] for i in sections["asked"]}, {LONG_CUSTOMER})
        self.assertEqual([i["who"] for i in sections["handed"]], [LONG_OWNER])
        sam_sections = {s["key"]: s["items"] for s in self.at("sam", "today", "--json", now=thu).json()["sections"]}
        self.assertEqual({i["who"] for i in sam_sections["reported"]}, {LONG_COLLEAGUE})
        self.assertEqual([i["customer"] for i in sam_sections["acceptance"]], [LONG_CUSTOMER])

        # The withdrawn close's draft names the colleague whole, on a terminal too.
        closed = self.on_terminal("sam", "close", gone, "--withdrawn", "no longer needed", now=thu)
        self.assertIn(f"--- to {LONG_COLLEAGUE} ---", closed)
        self.assertIn("\nHi Dini,\n", closed)  # a roster person by first name, as every colleague draft
        self.assertIn(f"(of {LONG_COLLEAGUE})", closed)
        self.assertIn(LONG_CUSTOMER, closed)

    def test_long_names_through_the_leads_view_and_a_call_back(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", LONG_CUSTOMER, "--deadline", "thu 12:00").out.strip()
        self.at("sam", "callback", cid, "--who", "Dini", "--due", "today 16:00")
        draft = self.at("sam", "draft", cid).out
        self.assertTrue(draft.startswith("Dear Sir or Madam,\n"), draft)  # a company: no name to greet
        # To the customer a colleague is named whole (they know no "Dini"), never cut.
        self.assertIn(f"- My colleague {LONG_COLLEAGUE} will call you back — by Wednesday 25 November\n", draft)
        self.assertTrue(draft.rstrip().endswith(LONG_OWNER), draft)  # the Who towards the customer
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "thu 16:00")  # past the promise
        self.at("sam", "escalate", cid, now="2026-11-25T14:00:00+01:00")
        for person in ("sam", "dini", "lena"):
            self.at(person, "sync")
        later = "2026-11-25T14:30:00+01:00"
        text = self.on_terminal("lena", "team", now=later)  # strict UTF-8: no character cut in two
        self.assertIn(f"- {LONG_OWNER}: cases: 1 open", text)
        self.assertIn(f"- {LONG_COLLEAGUE}: cases: 0 open", text)
        self.assertIn(f"{cid} Double charge ({LONG_CUSTOMER})", text)
        view = self.at("lena", "team", "--json", now=later).json()
        self.assertEqual([p["name"] for p in view["people"]], [LONG_COLLEAGUE, "Lena", LONG_OWNER])
        self.assertEqual([r["owner"] for r in view["at_risk"]], [LONG_OWNER])
        markdown = self.at("lena", "team", "--format", "markdown", now=later).out
        self.assertIn(LONG_COLLEAGUE, markdown)
        self.assertIn(LONG_CUSTOMER, markdown)
        # Her call-back on her terminal: the row fits, cut at a whole character.
        rows = self.section(self.on_terminal("dini", "today", now=later), "Call-backs")
        self.assert_fits(rows)


if __name__ == "__main__":
    main()
