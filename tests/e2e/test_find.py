"""Finding a case the way you remember it, colleagues on a roster, and calendars (issue 16)."""

import json
import os
import shutil
import subprocess
import sys

from ownertest import OwnerTest, main


class FindingCases(OwnerTest):
    """Wherever a CASE is asked: an id or prefix, the customer's reference, or a part of the name."""

    def setUp(self):
        super().setUp()
        self.k = self.new("Double charge on November invoice", "M. Jansen", "--ref", "INC-40211")
        self.m = self.new("Late delivery of router", "Jansen BV", "--ref", "INC-40300")
        self.b = self.new("Contract renewal", "Van der Berg Logistiek B.V.")
        self.z = self.new("Café order", "Zoë Müller")

    def test_the_customers_reference_selects_the_case(self):
        for typed in ("INC-40211", "inc-40211", "inc40211"):
            with self.subTest(typed=typed):
                self.assertEqual(self.owner("show", typed, "--json").json()["case"]["id"], self.k)

    def test_a_unique_part_of_the_name_selects_the_case(self):
        self.assertEqual(self.owner("show", "berg", "--json").json()["case"]["id"], self.b)
        self.assertEqual(self.owner("show", "Van der Berg", "--json").json()["case"]["id"], self.b)
        # Accents and case do not matter: "muller" finds Zoë Müller.
        self.assertEqual(self.owner("show", "muller", "--json").json()["case"]["id"], self.z)

    def test_the_whole_name_wins_over_a_part(self):
        self.assertEqual(self.owner("show", "M. Jansen", "--json").json()["case"]["id"], self.k)
        self.assertEqual(self.owner("show", "jansen bv", "--json").json()["case"]["id"], self.m)

    def test_several_matches_give_a_did_you_mean_list(self):
        r = self.owner("note", "jansen", "called", expect=2)
        lines = r.err.strip().split("\n")
        self.assertEqual(len(lines), 1, r.err)
        self.assertIn("'jansen' matches 2 cases", lines[0])
        self.assertIn(f"{self.k} (M. Jansen: Double charge on November invoice)", lines[0])
        self.assertIn(f"{self.m} (Jansen BV: Late delivery of router)", lines[0])
        self.assertIn("did you mean one of these?", lines[0])
        self.assertNotIn("called", self.read_case(self.k) + self.read_case(self.m))

    def test_a_write_by_name_says_which_case_it_changed(self):
        r = self.owner("note", "berg", "Called about the discount")
        self.assertEqual(r.err.strip(), f"owner: 'berg' is case {self.b} (Van der Berg Logistiek B.V.: Contract renewal)")
        self.assertIn("Called about the discount", self.read_case(self.b))
        # By id, nothing extra is said.
        self.assertEqual(self.owner("note", self.b, "again").err, "")

    def test_every_command_that_asks_for_a_case_accepts_a_name(self):
        self.owner("plan", "berg", "Send the new contract", "--due", "fri")
        self.owner("prioritize", "berg", "high")
        self.owner("told", "berg", "contract on its way")
        self.owner("done", "berg", "contract")
        r = self.owner("draft", "INC-40300", expect=1)
        self.assertIn(f"case {self.m} has no open action", r.err)
        self.owner("check", "muller")
        self.owner("close", "INC-40211", "--accepted")
        self.assertIn('priority = "high"', self.read_case(self.b))
        # A closed case: named by its reference it says how to reopen; reopen and show find it.
        r = self.owner("note", "INC-40211", "x", expect=1)
        self.assertIn(f"case '{self.k}' (M. Jansen: Double charge on November invoice) is closed; 'owner reopen {self.k}'", r.err)
        self.assertEqual(self.owner("show", "inc40211", "--json").json()["case"]["id"], self.k)
        self.owner("reopen", "INC-40211", "customer called back")
        self.assertTrue(os.path.exists(self.case_path(self.k)))

    def test_open_cases_come_before_closed_ones(self):
        self.owner("close", self.m, "--accepted")
        # Two Jansens, one of them closed: `show jansen` means the open one.
        self.assertEqual(self.owner("show", "jansen", "--json").json()["case"]["id"], self.k)

    def test_ids_and_prefixes_still_come_first(self):
        self.assertEqual(self.owner("show", self.k[:3], "--json").json()["case"]["id"], self.k)
        # An id read aloud and typed in capitals.
        self.assertEqual(self.owner("show", self.k.upper(), "--json").json()["case"]["id"], self.k)

    def test_an_unknown_name_suggests_the_nearest_customer(self):
        r = self.owner("show", "Van der Brg Logistiek", expect=1)
        self.assertEqual(r.err.strip(), "owner: error: no case 'Van der Brg Logistiek'; did you mean 'Van der Berg Logistiek B.V.'?")
        r = self.owner("show", "nobody at all", expect=1)
        self.assertEqual(r.err.strip(), "owner: error: no case 'nobody at all'")

    def test_text_that_looks_like_a_path_is_refused(self):
        for bad in ["../" + self.k, "cases/" + self.k, "..", "/etc/passwd"]:
            with self.subTest(bad=bad):
                r = self.owner("note", bad, "x", expect=2)
                self.assertIn("is not a case id", r.err)


ROSTER = """
name = "Anna de Vries"

[people]
"Anna de Vries" = ["Anna"]
"Ben Smit" = ["Ben", "Ben Smit (billing)"]
Dini = []
"""


class Colleagues(OwnerTest):
    """[people] in the config: one person under several names."""

    def setUp(self):
        super().setUp()
        self.config = os.path.join(self.tmp, "config.toml")
        with open(self.config, "w") as f:
            f.write(ROSTER)
        self.env["OWNER_CONFIG"] = self.config
        self.cid = self.new("Double charge", "M. Jansen", "--deadline", "2026-12-04 17:00")

    def test_who_records_the_roster_name_for_an_alias(self):
        r = self.owner("plan", self.cid, "Credit note", "--who", "ben", "--due", "fri 12:00")
        self.assertNotIn("warning", r.err)
        self.assertIn('who = "Ben Smit"', self.read_case(self.cid))

    def test_an_unknown_name_warns_and_suggests_the_nearest(self):
        r = self.owner("plan", self.cid, "Credit note", "--who", "Bne Smit", "--due", "fri 12:00")
        self.assertIn("owner: warning: --who: 'Bne Smit' is not in [people] in the config; did you mean 'Ben Smit'? Kept as typed", r.err)
        self.assertIn('who = "Bne Smit"', self.read_case(self.cid))
        r = self.owner("plan", self.cid, "Call", "--who", "Xavier", "--due", "fri 12:00")
        self.assertIn("'Xavier' is not in [people] in the config; kept as typed", r.err)

    def test_the_owners_alias_is_the_owner(self):
        r = self.owner("plan", self.cid, "Call back", "--who", "Anna", "--due", "fri 12:00")
        self.assertNotIn("checks on", r.err)
        self.assertNotIn("who =", self.read_case(self.cid))

    def test_agenda_status_and_drafts_see_one_person_under_all_names(self):
        # Files written by hand or before the roster existed use other spellings.
        self.owner("plan", self.cid, "Credit note", "--who", "Ben", "--due", "fri 12:00")
        text = self.read_case(self.cid).replace('who = "Ben Smit"', 'who = "Ben Smit (billing)"')
        with open(self.case_path(self.cid), "w") as f:
            f.write(text)
        self.owner("plan", self.cid, "Refund booked", "--who", "Dini", "--due", "fri 14:00")
        agenda = self.owner("agenda", "--who", "ben", "--json").json()
        whats = [i["what"] for d in agenda["days"] for i in d["items"]]
        self.assertIn("Credit note", whats)
        self.assertNotIn("Refund booked", whats)
        status = self.owner("status", "--who", "Ben Smit", "--json").json()
        self.assertIn("Credit note", str(status))
        self.assertNotIn("Refund booked", str(status))
        draft = self.owner("draft", self.cid, "--to", "Ben").out
        self.assertIn("- Credit note\n", draft)
        self.assertNotIn("Refund booked", draft)

    def test_stats_and_thanks_count_a_person_once(self):
        self.owner("plan", self.cid, "Credit note", "--who", "Ben", "--due", "fri 12:00")
        self.owner("plan", self.cid, "Refund", "--who", "Ben Smit (billing)", "--due", "fri 13:00")
        self.owner("plan", self.cid, "Call back", "--who", "Anna", "--due", "fri 14:00")
        text = self.read_case(self.cid).replace('who = "Ben Smit"\ndue = 2026-11-27T13', 'who = "Ben Smit (billing)"\ndue = 2026-11-27T13')
        with open(self.case_path(self.cid), "w") as f:
            f.write(text)
        self.assertIn('who = "Ben Smit (billing)"', self.read_case(self.cid))
        for what in ("credit", "refund", "call"):
            self.owner("done", self.cid, what)
        r = self.owner("close", self.cid, "--accepted")
        thanks = self.owner("draft", self.cid, "--thanks").out
        self.assertTrue(thanks.startswith("Hi Ben,\n"), thanks)  # greeted as a colleague draft does
        self.assertIn("- Credit note\n- Refund\n", thanks)
        self.assertNotIn("Call back", thanks)  # that was Anna
        stats = self.owner("stats", "--json").json()
        self.assertEqual(stats["handovers_per_case"], 2.0, stats)

    def test_a_name_for_two_people_is_refused(self):
        with open(self.config, "a") as f:
            f.write('"Ben de Wit" = ["ben"]\n')
        r = self.owner("list", expect=1)
        self.assertRegex(r.err.strip(), r'^owner: error: .*config.toml:\d+: people.Ben de Wit: expected names that are nobody else.s; "ben" is also Ben Smit$')

    def test_a_bad_roster_entry_names_the_line(self):
        with open(self.config, "a") as f:
            f.write('Kees = "Kees Jansen"\n')
        r = self.owner("list", expect=1)
        self.assertIn("config.toml:8: people.Kees: expected an array of the other ways the name is written", r.err)


# python3-icalendar is a Debian package for the system's python3; the tests may run under another.
ICAL_READER = r"""
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for comp in cal.subcomponents:
    item = {"type": comp.name}
    for key, value in comp.property_items(recursive=False):
        if key in ("BEGIN", "END"):
            continue
        decoded = comp.decoded(key)
        if key in ("DTSTART", "DTEND", "DUE"):
            item[key + "_kind"] = type(decoded).__name__
        if hasattr(decoded, "isoformat"):
            decoded = decoded.isoformat()
        elif hasattr(decoded, "total_seconds"):
            decoded = decoded.total_seconds()
        elif isinstance(decoded, bytes):
            decoded = decoded.decode()
        item[key] = decoded
    out.append(item)
print(json.dumps(out))
"""


def ical_python():
    for candidate in (sys.executable, "/usr/bin/python3", shutil.which("python3")):
        if candidate and os.path.exists(candidate) and subprocess.run(
                [candidate, "-c", "import icalendar"], capture_output=True).returncode == 0:
            return candidate
    return None


# A task list as vdirsyncer keeps it: one file per task, named by its UID, so that an import of a
# newer export replaces the task in place and leaves what the export no longer has.
SPLIT_BY_UID = ("import sys, icalendar\n"
                "cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n"
                "for comp in cal.walk('VTODO'):\n"
                "    c = icalendar.Calendar(); c.add('prodid', 'split'); c.add('version', '2.0'); c.add_component(comp)\n"
                "    name = str(comp['UID']).replace('@', '_')\n"
                "    open(sys.argv[1] + '/' + name + '.ics', 'wb').write(c.to_ical())\n")


def split_todos(test, python, folder):
    """`owner export --format ics --todo` into `folder`, one file per task (SPLIT_BY_UID)."""
    r = subprocess.run([python, "-c", SPLIT_BY_UID, folder], capture_output=True,
                       input=test.owner("export", "--format", "ics", "--todo").out.encode())
    test.assertEqual(r.returncode, 0, r.stderr)


def todoman(test, lists, *args):
    """`todoman list ARGS` on the task lists under `lists`, as JSON."""
    conf = os.path.join(test.tmp, "todoman.py")
    with open(conf, "w") as f:
        f.write(f'path = "{lists}/*"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\ndefault_list = "owner"\n')
    r = subprocess.run(["todoman", "--config", conf, "--porcelain", "list", *args],
                       env=test.env, capture_output=True, text=True)
    test.assertEqual(r.returncode, 0, r.stderr)
    return json.loads(r.stdout)


class Calendars(OwnerTest):
    """export --format ics: events for calendars, --todo: tasks for task lists; read by real parsers."""

    def setUp(self):
        super().setUp()
        self.cid = self.new("Double charge", "M. Jansen", "--deadline", "2026-12-02 17:00", "-p", "high")
        self.owner("plan", self.cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.owner("plan", self.cid, "Call back", "--due", "thu 10:00")
        self.owner("done", self.cid, "call", now="2026-11-25T09:30:00+01:00")
        self.low = self.new("Question about the manual", "Kees", "-p", "low")
        self.owner("plan", self.low, "Send the manual", "--due", "thu 16:00")

    def parse(self, text):
        python = ical_python()
        if python is None:
            self.skipTest("python3-icalendar is not installed (apt-get install python3-icalendar)")
        r = subprocess.run([python, "-c", ICAL_READER], input=text.encode(), capture_output=True)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        return json.loads(r.stdout)

    def test_todo_makes_actions_and_checks_tasks_with_due_status_and_priority(self):
        items = self.parse(self.owner("export", "--format", "ics", "--todo").out)
        todos = {t["SUMMARY"]: t for t in items if t["type"] == "VTODO"}
        self.assertEqual(sorted(todos), ["Call back", "Check on Dini: Credit note", "Dini: Credit note", "Send the manual"])
        credit = todos["Dini: Credit note"]
        self.assertEqual(credit["DUE"], "2026-11-27T11:00:00+00:00")
        self.assertEqual(credit["DUE_kind"], "datetime")
        self.assertEqual(credit["STATUS"], "NEEDS-ACTION")
        self.assertEqual(credit["PRIORITY"], 3)  # high: 1-4 is "high" in three-level clients
        self.assertEqual(todos["Send the manual"]["PRIORITY"], 9)  # low
        done = todos["Call back"]
        self.assertEqual(done["STATUS"], "COMPLETED")
        self.assertEqual(done["COMPLETED"], "2026-11-25T08:30:00+00:00")
        self.assertEqual(done["PERCENT-COMPLETE"], 100)
        self.assertEqual(sum(1 for t in items if t["type"] == "VTODO" and t["SUMMARY"].startswith("Check on")), 2)
        self.assertEqual(len({t["UID"] for t in items}), len(items))
        self.assertFalse([t for t in items if t["type"] == "VEVENT" and t["SUMMARY"] != "Deadline 17:00 for M. Jansen: Double charge"])

    def test_a_deadline_is_an_all_day_event_not_a_zero_length_one(self):
        text = self.owner("export", "--format", "ics").out
        self.assertNotIn("PT0M", text)
        items = self.parse(text)
        self.assertFalse([t for t in items if t["type"] != "VEVENT"])
        deadline = [t for t in items if t["UID"] == f"{self.cid}-deadline@owner"][0]
        self.assertEqual((deadline["DTSTART"], deadline["DTSTART_kind"]), ("2026-12-02", "date"))
        self.assertEqual((deadline["DTEND"], deadline["DTEND_kind"]), ("2026-12-03", "date"))
        self.assertEqual(deadline["TRANSP"], "TRANSPARENT")
        self.assertEqual(deadline["SUMMARY"], "Deadline 17:00 for M. Jansen: Double charge")
        self.assertIn("Promised for 2026-12-02T17:00:00+01:00", deadline["DESCRIPTION"])
        # The owner's own actions are not signed with a name; one done lately is CANCELLED, the
        # only end an event has, so that a calendar that had it drops it.
        self.assertEqual(sorted(t["SUMMARY"] for t in items if t["UID"] != deadline["UID"] and "STATUS" not in t),
                         ["Check on Dini: Credit note", "Check on Dini: Credit note", "Dini: Credit note", "Send the manual"])
        self.assertEqual([(t["SUMMARY"], t["STATUS"]) for t in items if "STATUS" in t], [("Call back", "CANCELLED")])

    def test_todo_is_for_ics_only(self):
        r = self.owner("export", "--todo", expect=2)
        self.assertEqual(r.err.strip(), "owner: error: --todo: only with --format ics (tasks in an iCalendar file)")

    def test_khal_reads_the_events(self):
        if not shutil.which("khal"):
            self.skipTest("khal is not installed (apt-get install khal)")
        path = os.path.join(self.tmp, "owner.ics")
        with open(path, "w", newline="") as f:
            f.write(self.owner("export", "--format", "ics").out)
        os.makedirs(os.path.join(self.tmp, "cal"))
        conf = os.path.join(self.tmp, "khal.conf")
        with open(conf, "w") as f:
            f.write(f"[calendars]\n[[owner]]\npath = {self.tmp}/cal\n[locale]\ntimeformat = %H:%M\n"
                    "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
                    "longdatetimeformat = %Y-%m-%d %H:%M\n")
        r = subprocess.run(["khal", "-c", conf, "printics", path], env=self.env, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("6 events found", r.stdout)
        self.assertIn("CANCELLED 2026-11-26 10:00-2026-11-26 10:15 Call back", r.stdout)
        self.assertIn("2026-11-27 12:00-2026-11-27 12:15 Dini: Credit note", r.stdout)
        # All day, on its day: khal prints a date range without times.
        self.assertIn("2026-12-02-2026-12-02 Deadline 17:00 for M. Jansen: Double charge", r.stdout)

    def test_todoman_lists_the_tasks(self):
        if not shutil.which("todoman"):
            self.skipTest("todoman is not installed (apt-get install todoman)")
        python = ical_python()
        if python is None:
            self.skipTest("python3-icalendar is not installed")
        # A task list is a folder of one-task files (as vdirsyncer keeps them): split the export.
        lists = os.path.join(self.tmp, "todos")
        os.makedirs(os.path.join(lists, "owner"))
        split_todos(self, python, os.path.join(lists, "owner"))
        tasks = {t["summary"]: t for t in todoman(self, lists, "--status", "ANY")}
        self.assertEqual(len(tasks), 4)
        self.assertTrue(tasks["Call back"]["completed"])
        self.assertFalse(tasks["Dini: Credit note"]["completed"])
        self.assertEqual(tasks["Dini: Credit note"]["due"], 1795777200)  # 2026-11-27 12:00 +01:00
        self.assertEqual(tasks["Dini: Credit note"]["priority"], 3)
        self.assertEqual(tasks["Send the manual"]["priority"], 9)


class CalendarsClose(OwnerTest):
    """Done is done in the calendar: what is finished reaches todoman and khal, which close it."""

    def setUp(self):
        super().setUp()
        self.cid = self.new("Double charge", "M. Jansen", "--deadline", "2026-12-02 17:00")
        self.owner("plan", self.cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.owner("plan", self.cid, "Call back", "--due", "thu 10:00")
        self.owner("plan", self.cid, "Send the form", "--who", "Ella", "--due", "thu 16:00")
        self.low = self.new("Question about the manual", "Kees")
        self.owner("plan", self.low, "Send the manual", "--due", "thu 16:00")

    def change(self):
        """Dini's first check recorded, the call done, the form removed, the manual's case closed."""
        later = "2026-11-25T15:00:00+01:00"
        self.owner("check", self.cid, "credit", "on-track", now=later)
        self.owner("done", self.cid, "call", now=later)
        self.owner("plan", self.cid, "Send the form", "--remove", now=later)
        self.owner("close", self.low, "--accepted", now=later)
        self.env["OWNER_NOW"] = "2026-11-25T16:00:00+01:00"

    def test_todoman_ticks_and_cancels_what_is_finished(self):
        if not shutil.which("todoman"):
            self.skipTest("todoman is not installed (apt-get install todoman)")
        python = ical_python()
        if python is None:
            self.skipTest("python3-icalendar is not installed (apt-get install python3-icalendar)")
        lists = os.path.join(self.tmp, "todos")
        os.makedirs(os.path.join(lists, "owner"))

        def sync():
            split_todos(self, python, os.path.join(lists, "owner"))

        sync()
        before = sorted(t["summary"] for t in todoman(self, lists))
        self.assertEqual(before, ["Call back", "Check on Dini: Credit note", "Check on Dini: Credit note",
                                  "Check on Ella: Send the form", "Check on Ella: Send the form",
                                  "Dini: Credit note", "Ella: Send the form", "Send the manual"])
        self.change()
        sync()
        # What is still to do, as todoman lists by default: the rest is ticked or cancelled.
        self.assertEqual(sorted(t["summary"] for t in todoman(self, lists)),
                         ["Check on Dini: Credit note", "Dini: Credit note"])
        tasks = todoman(self, lists, "--status", "ANY")
        self.assertEqual(len(tasks), len(before))  # updated in place, none added
        # todoman counts a cancelled task as completed, and lists it apart by its status.
        state = sorted((t["summary"], t["completed"]) for t in tasks)
        self.assertEqual(state, [("Call back", True), ("Check on Dini: Credit note", False),
                                 ("Check on Dini: Credit note", True),
                                 ("Check on Ella: Send the form", True), ("Check on Ella: Send the form", True),
                                 ("Dini: Credit note", False), ("Ella: Send the form", True),
                                 ("Send the manual", True)])
        cancelled = sorted(t["summary"] for t in todoman(self, lists, "--status", "CANCELLED"))
        self.assertEqual(cancelled, ["Check on Ella: Send the form", "Check on Ella: Send the form",
                                     "Ella: Send the form", "Send the manual"])

    def test_khal_marks_what_is_finished_cancelled(self):
        if not shutil.which("khal"):
            self.skipTest("khal is not installed (apt-get install khal)")
        os.makedirs(os.path.join(self.tmp, "cal"))
        conf = os.path.join(self.tmp, "khal.conf")
        with open(conf, "w") as f:
            f.write(f"[calendars]\n[[owner]]\npath = {self.tmp}/cal\n[locale]\ntimeformat = %H:%M\n"
                    "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
                    "longdatetimeformat = %Y-%m-%d %H:%M\n[default]\ndefault_calendar = owner\n")

        def khal(*args):
            r = subprocess.run(["khal", "-c", conf, *args], env=self.env, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            return r.stdout

        def sync():
            path = os.path.join(self.tmp, "owner.ics")
            with open(path, "w", newline="") as f:
                f.write(self.owner("export", "--format", "ics").out)
            khal("import", "--batch", "-a", "owner", path)

        def agenda():
            lines = khal("list", "--format", "{cancelled}{start-time} {title}", "2026-11-23", "14d").splitlines()
            return sorted(line for line in lines if ":" in line)

        sync()
        before = agenda()
        self.assertFalse([line for line in before if "CANCELLED" in line], before)
        self.change()
        sync()
        after = agenda()
        self.assertEqual(len(after), len(before))  # updated in place, none added
        self.assertEqual([line for line in after if "CANCELLED" not in line],
                         [" Deadline 17:00 for M. Jansen: Double charge", "10:30 Check on Dini: Credit note",
                          "12:00 Dini: Credit note"])
        cancelled = [line.split(" ", 2)[2] for line in after if line.startswith("CANCELLED")]
        self.assertEqual(sorted(cancelled), ["Call back", "Check on Dini: Credit note",
                                             "Check on Ella: Send the form", "Check on Ella: Send the form",
                                             "Ella: Send the form", "Send the manual"])

    def test_since_closed_and_all_choose_what_is_finished(self):
        self.change()

        def summaries(*args, now=None):
            text = self.owner("export", "--format", "ics", "--todo", *args, now=now).out
            return sorted(line.rstrip("\r")[len("SUMMARY:"):] for line in text.splitlines()
                          if line.startswith("SUMMARY:"))

        fresh = summaries()
        self.assertIn("Send the manual", fresh)  # its case closed at 15:00, within 30 days
        self.assertIn("Call back", fresh)
        # Finished before --since: the calendar was told already.
        later = summaries("--since", "2026-11-25 15:30")
        still = ["Check on Dini: Credit note", "Deadline 17:00 for M. Jansen: Double charge", "Dini: Credit note"]
        self.assertEqual(later, still)
        self.assertEqual(summaries("--closed"), ["Send the manual"])
        self.assertEqual(summaries("--all"), fresh)
        # Thirty days on, the default leaves it all out; --all still has it.
        month = "2026-12-28T09:00:00+01:00"
        self.assertEqual(summaries(now=month), still)
        self.assertIn("Send the manual", summaries("--all", now=month))
        r = self.owner("export", "--since", "2026-11-01", expect=2)
        self.assertEqual(r.err.strip(),
                         "owner: error: --since: only with --format ics (what a calendar closes; JSON has every case)")


if __name__ == "__main__":
    main()
