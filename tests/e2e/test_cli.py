"""The command line: one-line usage errors, unknown commands, `owner help`, empty JSON, idempotent import."""

import json
import os
import signal
import subprocess

from ownertest import BIN, OwnerTest, main


class UsageErrors(OwnerTest):
    def test_usage_errors_are_one_line_naming_the_problem(self):
        for args, expected in ((["plan"], "case is required"), (["--color", "pink"], "--color"),
                               (["list", "extra"], "extra"), (["status", "--format", "html"], "--format")):
            with self.subTest(args=args):
                r = self.owner(*args, expect=2)
                self.assertEqual(r.out, "")
                self.assertEqual(len(r.err.splitlines()), 1, r.err)
                self.assertTrue(r.err.startswith("owner: error: "), r.err)
                self.assertIn(expected, r.err)

    def test_an_unknown_command_says_so_and_suggests_the_nearest(self):
        r = self.owner("lst", expect=2)
        self.assertEqual(r.err, "owner: error: unknown command 'lst'; did you mean 'list'?\n")
        r = self.owner("--color", "never", "shwo", "k7", expect=2)
        self.assertEqual(r.err, "owner: error: unknown command 'shwo'; did you mean 'show'?\n")
        r = self.owner("frobnicate", expect=2)
        self.assertEqual(r.err, "owner: error: unknown command 'frobnicate'; 'owner --help' lists the commands\n")

    def test_help_command_is_the_command_help(self):
        self.assertEqual(self.owner("help", "plan").out, self.owner("plan", "--help").out)
        self.assertIn("Usage: owner plan", self.owner("help", "plan").out)
        self.assertEqual(self.owner("help").out, self.owner("--help").out)
        self.assertIn("`owner help COMMAND` shows a command's options", self.owner("help").out)
        r = self.owner("help", "pln", expect=2)
        self.assertEqual(r.err, "owner: error: unknown command 'pln'; did you mean 'plan'?\n")


class Json(OwnerTest):
    def test_remind_json_is_an_object_when_nothing_is_new(self):
        r = self.owner("remind", "--json")
        self.assertEqual(json.loads(r.out), {"schema": 1, "reminders": []})
        r = self.owner("remind", "--format", "json", "--dry-run")
        self.assertEqual(json.loads(r.out), {"schema": 1, "reminders": []})


class Import(OwnerTest):
    def setUp(self):
        super().setUp()
        self.load_fixture("store15")
        self.path = os.path.join(self.tmp, "backup.json")
        with open(self.path, "w") as f:
            f.write(self.owner("export", "--all").out)

    def test_a_backup_restored_twice_is_not_an_error(self):
        other = {"OWNER_HOME": os.path.join(self.tmp, "other")}
        self.assertIn("imported 15 cases", self.owner("import", self.path, env=other).err)
        r = self.owner("import", self.path, env=other, expect=0)
        self.assertEqual(r.err, "owner: imported 0 cases, skipped 15 already in the store\n")
        # An older copy of a case that has moved on since is the same case: skipped, nothing lost.
        self.owner("note", "37nd2", "called back", env=other)
        r = self.owner("import", self.path, env=other, expect=0)
        self.assertIn("skipped 15 already in the store", r.err)
        self.assertIn("called back", self.owner("show", "37nd2", env=other).out)

    def test_a_different_case_with_the_same_id_is_an_error(self):
        with open(self.path) as f:
            data = json.load(f)
        entry = next(e for e in data["cases"] if "37nd2" in e["toml"])
        entry["toml"] = entry["toml"].replace("Studio Nørd", "Someone Else")
        with open(self.path, "w") as f:
            json.dump(data, f)
        before = self.snapshot()
        r = self.owner("import", self.path, expect=1)
        self.assertIn("skipped case 37nd2", r.err)
        self.assertIn("different case", r.err)
        self.assertIn("skipped 1 with a conflicting id", r.err)
        self.assertEqual(self.snapshot(), before)


class Newcomer(OwnerTest):
    def test_init_first_new_and_today_say_that_name_is_unset_and_how_to_set_it(self):
        config = os.path.join(self.home, ".config", "owner", "config.toml")
        hint = f'set it with name = "Your Name" in {config}'
        self.assertIn(hint, self.owner("init").err)
        self.assertIn("your name is not set, so drafts are signed", self.owner("today").err)
        self.assertIn(hint, self.owner().err)
        self.assertIn(hint, self.owner("new", "First", "--customer", "A").err)
        self.assertNotIn(hint, self.owner("new", "Second", "--customer", "B").err)
        os.makedirs(os.path.dirname(config))
        with open(config, "w") as f:
            f.write('name = "Sam Owner"\n')
        self.assertNotIn("name", self.owner("today").err)

    def test_a_deadline_is_confirmed_with_its_full_date(self):
        r = self.owner("new", "Invoice", "--customer", "A", "--deadline", "wed 17:00", now="2026-11-25T15:57:00+01:00")
        self.assertIn("owner: deadline Wed 2 Dec 2026 17:00 (in 7 days, next week)", r.err)
        self.assertRegex(r.out, r"^[a-z0-9]{5}\n$")  # stdout stays the id alone, for scripts
        r = self.owner("new", "Invoice", "--customer", "A", "--deadline", "fri", now="2026-11-25T15:57:00+01:00")
        self.assertIn("owner: deadline Fri 27 Nov 2026 17:00 (in 2 days, this week)", r.err)

    def test_demo_leaves_nothing_in_tmp(self):
        tmpdir = os.path.join(self.tmp, "tmpdir")
        os.makedirs(tmpdir)
        r = self.owner("demo", env={"TMPDIR": tmpdir})
        self.assertIn("demo1", r.out)
        self.assertEqual(os.listdir(tmpdir), [])
        kept = os.path.join(self.tmp, "kept")
        self.owner("demo", "--into", kept)
        self.assertIn("demo1", self.owner("list", env={"OWNER_HOME": kept}).out)


class Pipes(OwnerTest):
    """Issue 17: the long views are written as they are made, a piece at a time. A reader that
    reads it all gets every byte; one that stops early (owner today | head) ends owner as it did
    when the view was written at once: by SIGPIPE; where SIGPIPE is ignored, with one line on
    stderr and status 1 (an output that did not reach its reader is an I/O error)."""

    CASE = """\
schema = 1
id = "{id}"
title = "Double charge on invoice {n}"
customer = "Søren Müller {n}"
opened = 2026-10-01T10:00:00+01:00
deadline = 2026-12-20T17:00:00+01:00
priority = "high"
priority_reviewed = 2026-10-01
last_update_to_customer = 2026-10-01T10:00:00+01:00

[[actions]]
what = "Ask billing for the credit note of invoice {n}"
who = "Dini"
due = 2026-11-20T12:00:00+01:00
checks = [2026-11-23T11:00:00+01:00]

[[actions]]
what = "Send the credit note to the customer"
due = 2026-11-26T15:00:00+01:00
"""

    def setUp(self):
        super().setUp()
        self.use_config('name = "Sam"\n')
        alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
        for n in range(1500):
            cid = "p" + "".join(alphabet[(n // len(alphabet) ** k) % len(alphabet)] for k in range(4))
            self.write_case(cid, self.CASE.format(id=cid, n=n))

    def read_some(self, args, ignore_sigpipe):
        """Runs owner with its output on a pipe that is closed after 100 bytes."""
        proc = subprocess.Popen([BIN, *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, restore_signals=not ignore_sigpipe)
        head = proc.stdout.read(100)
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        return head, proc.wait(timeout=60), err.decode()

    def test_a_reader_that_stops_early_ends_owner_as_before(self):
        for args in (["today"], ["agenda"], ["list"]):
            with self.subTest(args=args):
                full = self.owner(*args).out.encode()
                self.assertGreater(len(full), 2 * 65536)  # more than a pipe holds
                head, code, err = self.read_some(args, ignore_sigpipe=False)
                self.assertEqual(head, full[:100])
                self.assertEqual((code, err), (-signal.SIGPIPE, ""))
                head, code, err = self.read_some(args, ignore_sigpipe=True)
                self.assertEqual(head, full[:100])
                self.assertEqual((code, err), (1, "owner: error: cannot write the output: Broken pipe\n"))

    def test_a_full_disk_is_an_error_not_success(self):
        for args in (["today"], ["today", "--json"], ["list"]):
            with self.subTest(args=args):
                with open("/dev/full", "w") as full:
                    proc = subprocess.run([BIN, *args], env=self.env, stdout=full,
                                          stderr=subprocess.PIPE, text=True, timeout=60)
                self.assertEqual(proc.returncode, 1)
                self.assertEqual(proc.stderr, "owner: error: cannot write the output: No space left on device\n")


if __name__ == "__main__":
    main()
