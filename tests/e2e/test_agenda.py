"""Steps 1 and 2 and the morning view: prioritize, plan, done, agenda, today."""

import json
import os
import re

from ownertest import OwnerTest, main


class MorningView(OwnerTest):
    """Golden outputs on tests/fixtures/store15 at Wednesday 25 November 2026, 09:00."""

    def setUp(self):
        super().setUp()
        self.load_fixture("store15")

    def test_today_golden(self):
        self.assert_golden("today.txt", self.owner("today").out)
        # `owner` alone is `owner today`.
        self.assertEqual(self.owner().out, self.owner("today").out)

    def test_agenda_golden(self):
        self.assert_golden("agenda.txt", self.owner("agenda").out)
        self.assert_golden("agenda-mine.txt", self.owner("agenda", "--mine", "--days", "3").out)

    def test_prioritize_golden(self):
        self.assert_golden("prioritize.txt", self.owner("prioritize").out)
        self.assert_golden("prioritize-explain.txt", self.owner("prioritize", "--explain").out)

    def test_today_json(self):
        data = self.owner("today", "--json").json()
        self.assertEqual(data["schema"], 1)
        self.assertEqual(data["date"], "2026-11-25")
        self.assertEqual(data["open_cases"], 15)
        keys = [s["key"] for s in data["sections"]]
        self.assertEqual(keys, ["overdue", "today", "checks", "escalations", "updates", "deadlines",
                                "no_next_step", "review"])
        today = next(s for s in data["sections"] if s["key"] == "today")
        for item in today["items"]:
            self.assertEqual(item["kind"], "action")
            self.assertTrue(item["when"].startswith("2026-11-25T"))
            self.assertRegex(item["case"], r"^[a-z0-9]{5}$")
        urgencies = [i["urgency"] for i in today["items"]]
        self.assertEqual(urgencies, sorted(urgencies, reverse=True))
        self.assertEqual(len(data["done_previous_working_day"]), 2)

    def test_agenda_json_and_overbooked(self):
        data = self.owner("agenda", "--json").json()
        self.assertEqual([d["date"] for d in data["days"]],
                         ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"])
        self.assertTrue(data["days"][0]["overbooked"])
        self.assertEqual(data["days"][0]["load"], len(data["days"][0]["items"]))
        self.assertFalse(data["days"][1]["overbooked"])

    def test_output_off_a_terminal_is_never_cut_and_has_no_colour(self):
        # Issue 16: `owner list | grep refund` must find every title (widths: test_hygiene.Widths).
        for args in (["today"], ["agenda"], ["prioritize"], ["prioritize", "--explain"], ["list"]):
            out = self.owner(*args).out
            self.assertNotIn("\x1b[", out)
            self.assertNotIn("…", out)
        self.assertIn("\x1b[", self.owner("today", "--color", "always").out)
        self.assertNotIn("\x1b[", self.owner("today", "--color", "auto", env={"NO_COLOR": "1"}).out)

    def test_a_day_later_is_different(self):
        out = self.owner("today", now="2026-11-26T09:00:00+01:00").out
        self.assertIn("Thursday 26 November 2026", out)


class MorningViewInDutch(OwnerTest):
    """The same fixture with language = "nl": goldens for a Dutch speaker to read."""

    # Words that must not be left in the Dutch views (whole words, so "open" and "status" pass).
    ENGLISH = re.compile(r"\b(today|tomorrow|yesterday|since|overdue|due|items?|cases?|check on|"
                         r"promised|owed|escalate to|plan the|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Nov|Dec|"
                         r"Wednesday|November|waiting|closed|Well done|nothing)\b")

    def setUp(self):
        super().setUp()
        self.load_fixture("store15")
        self.use_config('language = "nl"\n')

    def words(self, text):
        """The text without what comes from the cases (titles, customers, actions, names)."""
        cases = self.owner("list", "--json").json()["cases"]
        for c in sorted(cases, key=lambda c: -len(c["title"])):
            for value in [c["title"], c["customer"]] + [a["what"] for a in c.get("actions", [])]:
                text = text.replace(value, "·")
        return text

    def test_today_agenda_status_and_remind_speak_dutch(self):
        today = self.owner("today").out
        self.assertTrue(today.startswith("Woensdag 25 november 2026 · 15 open zaken · 3 te laat · "
                                         "5 voor vandaag\n"), today[:90])
        self.assert_golden("today-nl.txt", today)
        agenda = self.owner("agenda").out
        self.assert_golden("agenda-nl.txt", agenda)
        status = self.owner("status").out
        self.assertTrue(status.startswith("Status wo 25 nov\n15 open · 7 voor vandaag · "), status[:60])
        self.assert_golden("status-nl.txt", status)
        remind = self.owner("remind", "--dry-run", expect=3).out
        self.assert_golden("remind-nl.txt", remind)
        for name, text in [("today", today), ("agenda", agenda), ("status", status), ("remind", remind)]:
            left = self.ENGLISH.findall(self.words(text))
            self.assertEqual(left, [], f"English left in {name}")

    def test_an_empty_day_and_an_empty_store_in_dutch(self):
        store = {"OWNER_HOME": os.path.join(self.tmp, "other")}
        self.assertEqual(self.owner("today", env=store).out,
                         "Woensdag 25 november 2026 · geen open zaken.\n"
                         "Open er een met: owner new TITEL --customer NAAM\n"
                         "Of kijk eerst rond in een voorbeeldopslag: owner demo\n")
        cid = self.owner("new", "Storing", "--customer", "Kim", env=store).out.strip()
        self.owner("plan", cid, "Monteur sturen", "--due", "2026-11-30 12:00", env=store)
        self.owner("told", cid, env=store)
        self.owner("done", cid, "monteur", env=store, now="2026-11-25T10:00:00+01:00")
        self.owner("plan", cid, "Nabellen", "--due", "2026-12-01 12:00", env=store,
                   now="2026-11-25T10:05:00+01:00")
        self.owner("told", cid, env=store, now="2026-11-25T10:06:00+01:00")
        self.assertEqual(self.owner("today", env=store, now="2026-11-26T09:00:00+01:00").out,
                         "Donderdag 26 november 2026 · 1 open zaak · 0 te laat · 0 voor vandaag\n\n"
                         "Vandaag vraagt niets om je aandacht.\n\n"
                         "wo 25 nov: 1 actie afgerond. Goed gedaan.\n")

    def test_json_keeps_its_keys_kinds_and_dates_in_dutch(self):
        def without_titles(data):
            for s in data["sections"]:
                s.pop("title")
            return data
        en = os.path.join(self.tmp, "en.toml")
        with open(en, "w") as f:
            f.write('language = "en"\n')
        dutch = without_titles(self.owner("today", "--json").json())
        english = without_titles(self.owner("today", "--json", env={"OWNER_CONFIG": en}).json())
        self.assertEqual(dutch, english)
        self.assertEqual(self.owner("agenda", "--json").json(),
                         self.owner("agenda", "--json", env={"OWNER_CONFIG": en}).json())
        self.assertEqual(self.owner("status", "--format", "json").json(),
                         self.owner("status", "--format", "json", env={"OWNER_CONFIG": en}).json())



class MorningViewInGerman(OwnerTest):
    """The same fixture with language = "de": goldens for a German speaker to read. (A language
    is a column in the catalogue: this is what proves that a third one needs no code.)"""

    # Words of the other two languages that must not be left in the German views.
    OTHER = re.compile(r"\b(today|tomorrow|yesterday|since|overdue|due|items?|cases?|check on|"
                       r"promised|owed|escalate to|plan the|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Dec|"
                       r"Wednesday|waiting|closed|Well done|nothing|vandaag|gisteren|"
                       r"sinds|te laat|zaken?|controleer|beloofd|bericht|wo|do|vr|ma|di|nov|dec|"
                       r"punten|Goed gedaan)\b")

    def setUp(self):
        super().setUp()
        self.load_fixture("store15")
        self.use_config('language = "de"\n')

    words = MorningViewInDutch.words
    test_json_keeps_its_keys_kinds_and_dates_in_german = \
        MorningViewInDutch.test_json_keeps_its_keys_kinds_and_dates_in_dutch

    def test_today_agenda_status_and_remind_speak_german(self):
        today = self.owner("today").out
        self.assertTrue(today.startswith("Mittwoch, 25. November 2026 · 15 offene Fälle · "
                                         "3 überfällig · 5 für heute\n"), today[:90])
        self.assert_golden("today-de.txt", today)
        agenda = self.owner("agenda").out
        self.assertIn("\nDo 26. Nov · 4 Einträge\n", agenda)
        self.assert_golden("agenda-de.txt", agenda)
        status = self.owner("status").out
        self.assertTrue(status.startswith("Stand Mi 25. Nov\n15 offen · 7 heute fällig · "), status[:60])
        self.assert_golden("status-de.txt", status)
        remind = self.owner("remind", "--dry-run", expect=3).out
        self.assert_golden("remind-de.txt", remind)
        for name, text in [("today", today), ("agenda", agenda), ("status", status), ("remind", remind)]:
            left = self.OTHER.findall(self.words(text))
            self.assertEqual(left, [], f"English or Dutch left in {name}")

    def test_an_empty_day_and_an_empty_store_in_german(self):
        store = {"OWNER_HOME": os.path.join(self.tmp, "other")}
        self.assertEqual(self.owner("today", env=store).out,
                         "Mittwoch, 25. November 2026 · keine offenen Fälle.\n"
                         "Einen Fall eröffnen: owner new TITEL --customer NAME\n"
                         "Oder erst einen Beispielbestand ansehen: owner demo\n")
        cid = self.owner("new", "Störung", "--customer", "Kim", env=store).out.strip()
        self.owner("plan", cid, "Techniker schicken", "--due", "morgen 12:00", env=store)
        self.owner("told", cid, env=store)
        self.owner("done", cid, "Techniker", env=store, now="2026-11-25T10:00:00+01:00")
        self.owner("plan", cid, "Nachtelefonieren", "--due", "Dienstag 12:00", env=store,
                   now="2026-11-25T10:05:00+01:00")
        self.owner("told", cid, env=store, now="2026-11-25T10:06:00+01:00")
        self.assertEqual(self.owner("today", env=store, now="2026-11-26T09:00:00+01:00").out,
                         "Donnerstag, 26. November 2026 · 1 offener Fall · 0 überfällig · 0 für heute\n\n"
                         "Heute steht nichts an.\n\n"
                         "Mi 25. Nov: 1 Aktion erledigt. Gut gemacht.\n")
        due = self.owner("show", cid, "--json", env=store).json()["case"]["actions"][1]["due"]
        self.assertEqual(due, "2026-12-01T12:00:00+01:00")

class Planning(OwnerTest):
    def test_plan_hand_over_replan_done_and_remove(self):
        case_id = self.new("Refund", "A. Customer", "--deadline", "2026-12-04 17:00")
        r = self.owner("plan", case_id, "Credit note", "--who", "Dini", "--due", "mon 12:00")
        self.assertIn("checks on Dini planned for Wed 25 Nov 11:00 and Thu 26 Nov 14:30", r.err)
        text = self.read_case(case_id)
        self.assertIn('who = "Dini"\ndue = 2026-11-30T12:00:00+01:00\n'
                      'checks = [2026-11-25T11:00:00+01:00, 2026-11-26T14:30:00+01:00]\n', text)
        self.owner("plan", case_id, "Call the customer", "--due", "today 15:00")
        # Re-plan by number; remove by words.
        self.owner("plan", case_id, "1", "--due", "tue 12:00")
        self.assertIn("due = 2026-12-01T12:00:00+01:00", self.read_case(case_id))
        self.owner("done", case_id, "call the", "--note", "left a voicemail")
        data = self.owner("show", case_id, "--json").json()["case"]
        self.assertEqual(data["actions"][1]["done"], "2026-11-25T09:00:00+01:00")
        self.owner("plan", case_id, "credit", "--remove")
        data = self.owner("show", case_id, "--json").json()["case"]
        self.assertEqual([a["what"] for a in data["actions"]], ["Call the customer"])
        self.assertEqual([e["event"] for e in data["log"]],
                         ["opened", "handed over", "planned", "replanned", "done", "removed"])
        self.assertEqual(data["log"][4]["text"], "Call the customer: left a voicemail")

    def test_slack_warning_is_advice(self):
        case_id = self.new("Tight", "A", "--deadline", "fri 17:00")
        # The room asked for is the larger of the effort and 20 % of the 24 working hours left.
        r = self.owner("plan", case_id, "Fix", "--due", "fri 12:00", "--effort", "1wd")
        self.assertIn("owner: warning: only 5 working hours of slack before the promised deadline", r.err)
        self.assertIn("plan for at least 8 working hours", r.err)
        r = self.owner("plan", case_id, "Reset a password", "--due", "fri 12:00", "--effort", "5m")
        self.assertEqual(r.err, "")
        r = self.owner("plan", case_id, "Check", "--due", "fri 13:00")  # plan.default_effort: 1wh
        self.assertIn("plan for at least 4.8 working hours", r.err)
        r = self.owner("plan", case_id, "Huge", "--due", "thu 12:00", "--effort", "2h", expect=2)
        self.assertIn("--effort: '2h' is not a working time; use 15m, 2wh or 1wd", r.err)
        r = self.owner("plan", case_id, "Later", "--due", "mon 12:00")
        self.assertIn("after the deadline promised to A", r.err)
        self.assertEqual(len(self.owner("show", case_id, "--json").json()["case"]["actions"]), 4)
        r = self.owner("plan", case_id, "Roomy", "--due", "thu 09:00")
        self.assertEqual(r.err, "")

    def test_bad_input(self):
        case_id = self.new("Bad", "A", "--deadline", "fri 17:00")
        before = self.snapshot()
        r = self.owner("plan", case_id, "Yesterday's work", "--due", "yesterday", expect=2)
        self.assertIn("has already passed; use --allow-past", r.err)
        r = self.owner("done", case_id, "nothing", expect=2)
        self.assertIn(f"case {case_id} has no open action matching 'nothing'", r.err)
        r = self.owner("done", case_id, expect=2)
        self.assertIn("has no open action", r.err)
        r = self.owner("plan", case_id, "7", "--due", "fri", expect=2)
        self.assertIn("has no action 7", r.err)
        r = self.owner("prioritize", case_id, "asap", expect=2)
        self.assertIn("unknown priority 'asap'; expected one of urgent, high, normal, low", r.err)
        r = self.owner("plan", case_id, "No due", expect=2)
        self.assertIn("give --due WHEN", r.err)
        self.assertEqual(before, self.snapshot())
        self.owner("plan", case_id, "Yesterday's work", "--due", "yesterday", "--allow-past")

    def test_prioritize_sets_keeps_and_stamps_review(self):
        case_id = self.new("Prio", "A", now="2026-11-16T09:00:00+01:00")
        out = self.owner("prioritize").out
        self.assertIn("Priorities to review", out)
        self.owner("prioritize", case_id, "--keep")
        self.assertNotIn("Priorities to review", self.owner("prioritize").out)
        self.owner("prioritize", case_id, "urgent", now="2026-11-25T10:00:00+01:00")
        data = self.owner("show", case_id, "--json").json()["case"]
        self.assertEqual(data["priority"], "urgent")
        self.assertEqual(data["priority_reviewed"], "2026-11-25")
        self.assertEqual([e["text"] for e in data["log"] if e["event"] == "priority"],
                         ["kept normal", "normal → urgent"])
        ranking = self.owner("prioritize", "--json").json()["ranking"]
        self.assertEqual(ranking[0]["case"], case_id)
        self.assertIn("priority urgent", [r["reason"] for r in ranking[0]["reasons"]])

    def test_empty_store_says_how_to_start(self):
        out = self.owner("today").out
        self.assertIn("no open cases", out)
        self.assertIn("owner new", out)
        self.assertIn("owner demo", out)

    def test_demo_fills_a_separate_store_and_shows_its_day(self):
        demo = os.path.join(self.tmp, "demo")
        r = self.owner("demo", "--into", demo)
        for section in ("Overdue (1)", "Today (2)", "Checks due (1)", "Customers owed an update", "Without a next step"):
            self.assertIn(section, r.out)
        self.assertIn(f"OWNER_HOME={demo} owner list", r.err)
        self.assertEqual(len(self.owner("list", "--json", env={"OWNER_HOME": demo}).json()["cases"]), 5)
        self.assertFalse(os.path.exists(self.cases))
        r = self.owner("demo", "--into", demo, expect=1)
        self.assertIn("already holds cases", r.err)


if __name__ == "__main__":
    main()
