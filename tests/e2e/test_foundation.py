"""The foundation: the case store, the case file, dates, and the basic case commands."""

import os
import subprocess
import textwrap

from ownertest import OwnerTest, main

GOOD = textwrap.dedent("""\
    schema = 1
    id = "{id}"
    title = "Router keeps rebooting"
    customer = "Bakkerij Ørsted"
    opened = 2026-11-24T10:00:00+01:00
    priority = "normal"
    """)


class Lifecycle(OwnerTest):
    def test_new_list_show_note_edit_and_json_round_trip(self):
        case_id = self.new("Double charge on November invoice", "M. Jansen", "--contact",
                           "m.jansen@example.com", "--ref", "ZD-48213", "--deadline", "wed",
                           "--priority", "high", "--note", "Customer called: charged twice.")
        text = self.read_case(case_id)
        self.assertIn('deadline = 2026-12-02T17:00:00+01:00\n', text)
        self.assertIn('opened = 2026-11-25T09:00:00+01:00\n', text)
        self.assertTrue(text.startswith(f'schema = 1\nid = "{case_id}"\n'))

        listing = self.owner("list").out
        self.assertIn(case_id, listing)
        self.assertIn("M. Jansen", listing)

        shown = self.owner("show", case_id[:3]).out
        self.assertIn("Double charge on November invoice", shown)
        self.assertIn("Customer called: charged twice.", shown)

        self.owner("note", case_id, "Billing", "approved", "the", "refund", "--summary",
                   now="2026-11-25T11:00:00+01:00")
        self.assertIn('summary = "Billing approved the refund"', self.read_case(case_id))

        editor = os.path.join(self.tmp, "editor.sh")
        with open(editor, "w") as f:
            f.write("#!/bin/sh\nsed -i 's/^title = .*/title = \"Refund for double charge\"/' \"$1\"\n")
        os.chmod(editor, 0o755)
        r = self.owner("edit", case_id, env={"EDITOR": editor})
        self.assertIn("saved", r.err)
        self.assertIn('title = "Refund for double charge"', self.read_case(case_id))

        data = self.owner("list", "--json").json()
        self.assertEqual(data["schema"], 1)
        [c] = data["cases"]
        self.assertEqual(c["id"], case_id)
        self.assertEqual(c["title"], "Refund for double charge")
        self.assertEqual(c["customer"], "M. Jansen")
        self.assertEqual(c["contact"], "m.jansen@example.com")
        self.assertEqual(c["deadline"], "2026-12-02T17:00:00+01:00")
        self.assertEqual(c["priority"], "high")
        self.assertEqual(c["summary"], "Billing approved the refund")
        self.assertEqual([e["event"] for e in c["log"]], ["opened", "note"])
        self.assertEqual(c["log"][1]["at"], "2026-11-25T11:00:00+01:00")
        self.assertEqual(self.owner("show", case_id, "--json").json()["case"]["title"],
                         "Refund for double charge")

    def test_files_are_private_even_with_umask_022(self):
        old = os.umask(0o022)
        try:
            case_id = self.new("Private", "A. Customer")
        finally:
            os.umask(old)
        self.assertEqual(self.mode(self.store), 0o700)
        self.assertEqual(self.mode(self.cases), 0o700)
        self.assertEqual(self.mode(self.case_path(case_id)), 0o600)

    def test_rewriting_a_tool_written_file_changes_only_what_changed(self):
        case_id = self.new("Round trip", "Ünal Şahin", "--deadline", "fri 12:00")
        before = self.read_case(case_id)
        self.owner("note", case_id, "hello")
        after = self.read_case(case_id)
        self.assertTrue(after.startswith(before))
        self.assertEqual(after[len(before):], '\n[[log]]\nat = 2026-11-25T09:00:00+01:00\nevent = "note"\ntext = "hello"\n')

    def test_keys_a_person_added_are_kept(self):
        self.write_case("abcde", GOOD.format(id="abcde") + 'crm_account = 4411\n\n[billing]\niban = "NL00BANK0123456789"\n')
        self.owner("note", "abcde", "checked the account")
        text = self.read_case("abcde")
        self.assertIn("crm_account = 4411", text)
        self.assertIn('[billing]\niban = "NL00BANK0123456789"', text)

    def test_version_and_help(self):
        self.assertRegex(self.owner("--version").out, r"^owner \d+\.\d+\.\d+")
        self.assertIn("Exit status", self.owner("--help").out)
        self.assertIn("--customer", self.owner("new", "--help").out)

    def test_edit_that_breaks_the_file_keeps_the_case_and_the_copy(self):
        case_id = self.new("Edit me", "A. Customer")
        before = self.snapshot()
        editor = os.path.join(self.tmp, "breaker.sh")
        with open(editor, "w") as f:
            f.write("#!/bin/sh\nsed -i 's/^opened = .*/opened = \"yesterday\"/' \"$1\"\n")
        os.chmod(editor, 0o755)
        r = self.owner("edit", case_id, env={"EDITOR": editor}, expect=1)
        self.assertIn("opened: expected a date-time", r.err)
        self.assertIn("your edit is kept in", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1)
        copy = os.path.join(self.store, f".edit-{case_id}.toml")
        self.assertTrue(os.path.exists(copy))
        after = self.snapshot()
        del after[f".edit-{case_id}.toml"]
        del after[f".edit-{case_id}.base"]
        self.assertEqual(before, after)
        # The next edit resumes the kept copy; fixing it saves the case.
        fixer = os.path.join(self.tmp, "fixer.sh")
        with open(fixer, "w") as f:
            f.write("#!/bin/sh\nsed -i 's/^opened = .*/opened = 2026-11-25T09:00:00+01:00/; s/^title = .*/title = \"Edited\"/' \"$1\"\n")
        os.chmod(fixer, 0o755)
        r = self.owner("edit", case_id, env={"VISUAL": fixer, "EDITOR": "false"})
        self.assertIn("resuming", r.err)
        self.assertIn('title = "Edited"', self.read_case(case_id))
        self.assertFalse(os.path.exists(copy))

    def test_a_resumed_edit_never_overwrites_a_change_made_since(self):
        case_id = self.new("Edit me", "A. Customer")
        breaker = os.path.join(self.tmp, "breaker.sh")
        with open(breaker, "w") as f:
            f.write("#!/bin/sh\nsed -i 's/^opened = .*/opened = \"later\"/' \"$1\"\n")
        os.chmod(breaker, 0o755)
        self.owner("edit", case_id, env={"EDITOR": breaker}, expect=1)
        self.owner("note", case_id, "made while the edit was pending")
        fixer = os.path.join(self.tmp, "fixer.sh")
        with open(fixer, "w") as f:
            f.write("#!/bin/sh\nsed -i 's/^opened = .*/opened = 2026-11-25T09:00:00+01:00/' \"$1\"\n")
        os.chmod(fixer, 0o755)
        r = self.owner("edit", case_id, env={"EDITOR": fixer}, expect=1)
        self.assertIn("changed while you were editing", r.err)
        self.assertIn("made while the edit was pending", self.read_case(case_id))


class Paths(OwnerTest):
    def test_owner_home_wins_then_xdg(self):
        home = os.path.join(self.tmp, "elsewhere")
        self.owner("new", "Here", "--customer", "A", env={"OWNER_HOME": home})
        self.assertEqual(len(os.listdir(os.path.join(home, "cases"))), 1)
        xdg = os.path.join(self.tmp, "xdg")
        self.owner("new", "There", "--customer", "B", env={"XDG_DATA_HOME": xdg})
        self.assertEqual(len(os.listdir(os.path.join(xdg, "owner", "cases"))), 1)
        self.assertFalse(os.path.exists(self.store))

    def test_config_from_owner_config_and_xdg(self):
        cfg = os.path.join(self.tmp, "c.toml")
        with open(cfg, "w") as f:
            f.write('[work]\nhours = "08:00-16:00"\n')
        self.owner("new", "Config", "--customer", "A", "--deadline", "tomorrow", env={"OWNER_CONFIG": cfg})
        [name] = os.listdir(self.cases)
        with open(os.path.join(self.cases, name)) as f:
            self.assertIn("deadline = 2026-11-26T16:00:00+01:00", f.read())
        r = self.owner("list", env={"OWNER_CONFIG": os.path.join(self.tmp, "missing.toml")}, expect=1)
        self.assertIn("missing.toml", r.err)
        xdg = os.path.join(self.tmp, "xdgconf")
        os.makedirs(os.path.join(xdg, "owner"))
        with open(os.path.join(xdg, "owner", "config.toml"), "w") as f:
            f.write("[work]\nhours = 9\n")
        r = self.owner("list", env={"XDG_CONFIG_HOME": xdg}, expect=1)
        self.assertEqual(r.err.strip(), f"owner: error: {xdg}/owner/config.toml:2: work.hours: expected a range such as \"09:00-17:00\"")


class BadInput(OwnerTest):
    BROKEN = {
        "syntax": (None, ":3: Error while parsing string"),
        "wrongtype": ('deadline = "soon"\n', 'deadline: expected a date-time'),
        "noschema": (None, "schema: missing"),
        "schema3": (None, "this owner reads schema 1 to 2, the file has schema 3"),
        "empty": (None, "the file is empty"),
        "binary": (None, "not a text file"),
    }

    def write_broken(self, kind):
        good = GOOD.format(id=kind)
        if kind == "syntax":
            text = good.replace('title = "Router keeps rebooting"\n', 'title = "unterminated\n')
        elif kind == "wrongtype":
            text = good + 'deadline = "soon"\n'
        elif kind == "noschema":
            text = good.replace("schema = 1\n", "")
        elif kind == "schema3":
            text = good.replace("schema = 1", "schema = 3")
        elif kind == "empty":
            text = ""
        else:
            os.makedirs(self.cases, exist_ok=True)
            with open(self.case_path(kind), "wb") as f:
                f.write(b"\x7fELF\x00\x01\x02binary")
            return
        self.write_case(kind, text)

    def test_each_broken_file_gets_a_one_line_error_and_stays_byte_identical(self):
        self.write_case("goodc", GOOD.format(id="goodc"))
        for kind, (_, expected) in self.BROKEN.items():
            self.write_broken(kind)
        before = self.snapshot()
        for kind, (_, expected) in self.BROKEN.items():
            with self.subTest(kind=kind):
                r = self.owner("show", kind, expect=1)
                lines = r.err.strip().splitlines()
                self.assertEqual(len(lines), 1, r.err)
                self.assertIn(self.case_path(kind), lines[0])
                self.assertIn(expected, lines[0])
                self.owner("note", kind, "must not be written", expect=1)
                self.owner("edit", kind, env={"EDITOR": "true"}, expect=1)
        listing = self.owner("list", expect=1)
        self.assertIn("goodc", listing.out)
        for kind in self.BROKEN:
            self.assertIn(self.case_path(kind), listing.err)
        self.assertEqual(before, self.snapshot())

    def test_unknown_ambiguous_and_unsafe_ids(self):
        self.write_case("abcde", GOOD.format(id="abcde"))
        self.write_case("abxyz", GOOD.format(id="abxyz"))
        r = self.owner("show", "ab", expect=2)
        self.assertEqual(r.err.strip(), "owner: error: case 'ab' is ambiguous: it could be abcde, abxyz")
        r = self.owner("show", "abcdf", expect=1)
        self.assertEqual(r.err.strip(), "owner: error: no case 'abcdf'; did you mean 'abcde'?")
        for bad in ["../abcde", "cases/abcde", "..", "/etc/passwd"]:
            with self.subTest(bad=bad):
                r = self.owner("note", bad, "x", expect=2)
                self.assertIn("is not a case id", r.err)
        self.assertEqual(self.owner("show", "abc").code, 0)

    def test_a_symlink_planted_in_cases_is_not_followed(self):
        outside = os.path.join(self.tmp, "outside.toml")
        with open(outside, "w") as f:
            f.write(GOOD.format(id="evil1"))
        os.makedirs(self.cases, exist_ok=True)
        os.symlink(outside, self.case_path("evil1"))
        r = self.owner("show", "evil1", expect=1)
        self.assertIn("symbolic link", r.err)

    def test_bad_date_expression(self):
        r = self.owner("new", "X", "--customer", "Y", "--deadline", "next blue moon", expect=2)
        self.assertIn("--deadline: cannot read 'next blue moon'", r.err)
        self.assertIn("tomorrow", r.err)
        self.assertFalse(os.path.exists(self.cases) and os.listdir(self.cases))
        r = self.owner("list", env={"OWNER_NOW": "garbage"}, expect=2)
        self.assertIn("OWNER_NOW", r.err)

    def test_bad_command_line(self):
        r = self.owner("new", "X", expect=2)
        self.assertIn("customer", r.err)
        r = self.owner("new", "X", "--customer", "Y", "--priority", "asap", expect=2)
        self.assertIn("asap", r.err)
        self.owner("frobnicate", expect=2)

    def test_a_config_that_does_not_parse(self):
        cfgdir = os.path.join(self.home, ".config", "owner")
        os.makedirs(cfgdir)
        with open(os.path.join(cfgdir, "config.toml"), "w") as f:
            f.write("name = \n")
        r = self.owner("list", expect=1)
        self.assertIn(os.path.join(cfgdir, "config.toml") + ":1:", r.err)

    def test_a_store_that_is_not_writable(self):
        case_id = self.new("Read-only", "A. Customer")
        before = self.snapshot()
        if os.geteuid() == 0:
            # root ignores permissions: make the store a read-only mount instead.
            ro = subprocess.run(["mount", "--bind", "-o", "ro", self.store, self.store], capture_output=True)
            if ro.returncode != 0:
                self.skipTest("cannot mount read-only here")
            subprocess.run(["mount", "-o", "remount,bind,ro", self.store], capture_output=True)
            self.addCleanup(subprocess.run, ["umount", self.store])
        else:
            os.chmod(self.cases, 0o500)
            os.chmod(self.store, 0o500)
        r = self.owner("note", case_id, "cannot be saved", expect=1)
        self.assertRegex(r.err.strip(), r"^owner: error: cannot (write|open the lock file) .*(Read-only file system|Permission denied)")
        self.assertEqual(len(r.err.strip().splitlines()), 1)
        self.assertEqual(before, self.snapshot())


class Cache(OwnerTest):
    """The cache of parsed cases never shows stale data."""

    def test_hand_edits_and_replaced_files_show_at_once(self):
        self.load_fixture("store15")
        import time
        time.sleep(2.1)
        first = self.owner("list", "--json").json()
        self.assertTrue(os.path.exists(os.path.join(self.store, ".cache", "open-cases")))
        self.assertEqual(self.owner("list", "--json").json(), first)
        cid = first["cases"][0]["id"]
        # An in-place edit of the same size, as an editor or a git checkout would do.
        text = self.read_case(cid)
        edited = text.replace('priority = "urgent"', 'priority = "normal"', 1)
        with open(self.case_path(cid), "r+") as f:
            f.write(edited)
        shown = self.owner("show", cid, "--json").json()["case"]
        listed = next(c for c in self.owner("list", "--json").json()["cases"] if c["id"] == cid)
        self.assertEqual(listed["priority"], shown["priority"])
        self.assertEqual(listed["priority"], "normal")
        # Another process's write (a rename) shows at once too.
        self.owner("note", cid, "fresh")
        listed = next(c for c in self.owner("list", "--json").json()["cases"] if c["id"] == cid)
        self.assertEqual(listed["log"][-1]["text"], "fresh")

    def test_completion_reads_the_cache_and_sees_hand_edits(self):
        self.load_fixture("store15")
        import time
        time.sleep(2.1)
        self.owner("today")  # fills the cache
        uncached = self.owner("__complete", "cases", env={"OWNER_NO_CACHE": "1"}).out
        self.assertEqual(len(uncached.splitlines()), 15)
        self.assertEqual(self.owner("__complete", "cases").out, uncached)
        # An in-place edit of the same size: the next Tab shows it.
        cid = uncached.split("\t", 1)[0]
        text = self.read_case(cid)
        customer = next(line for line in text.splitlines() if line.startswith("customer = "))
        renamed = customer[:-2] + ("X" if customer[-2] != "X" else "Y") + '"'
        with open(self.case_path(cid), "r+") as f:
            f.write(text.replace(customer, renamed, 1))
        shown = self.owner("__complete", "cases").out
        self.assertNotEqual(shown, uncached)
        self.assertEqual(shown, self.owner("__complete", "cases", env={"OWNER_NO_CACHE": "1"}).out)
        self.assertIn(renamed[len('customer = "'):-1], shown.splitlines()[0])

    def test_a_corrupt_cache_is_ignored_and_rebuilt(self):
        self.load_fixture("store15")
        expected = self.owner("today").out
        os.makedirs(os.path.join(self.store, ".cache"), exist_ok=True)
        for junk in (b"", b"owner-case-cache 1\n\xff\xff\xff\xff\xff\xff\xff\xff", os.urandom(4096)):
            with open(os.path.join(self.store, ".cache", "open-cases"), "wb") as f:
                f.write(junk)
            self.assertEqual(self.owner("today").out, expected)
            self.assertEqual(self.owner("today", env={"OWNER_NO_CACHE": "1"}).out, expected)


if __name__ == "__main__":
    main()
