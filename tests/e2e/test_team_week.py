"""A working week of one team on one store (issue 27's acceptance): three clones of one bare
repository, an owner (Sam), a colleague (Dini) and a lead (Lena). Each person's cron runs
`remind --sync` every other hour of the working day; the scenario's steps happen between those runs.
Every `today` and every reminder is asserted per person; nothing is said twice; no sync stops."""

import collections
import datetime

from ownertest import main
from test_team import Team

ZONE = datetime.timezone(datetime.timedelta(hours=1))  # Europe/Amsterdam in November
MONDAY = datetime.date(2026, 11, 23)
DAYS = ("mon", "tue", "wed", "thu", "fri")


def at(day, hour, minute=0):
    """'2026-11-24T11:30:00+01:00' for at("tue", 11, 30)."""
    date = MONDAY + datetime.timedelta(days=DAYS.index(day))
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=ZONE).isoformat()


class Week(Team):
    def setUp(self):
        super().setUp()
        self.said = collections.defaultdict(list)  # person -> [(when, case, kind, text)]
        self.clock = None  # the last hour cron ran
        self.away = set()  # whose computer is off: no cron

    def cron(self, until):
        """Each person's `remind --sync --json` on every hour since the last run up to `until`."""
        stop = datetime.datetime.fromisoformat(until)
        hour = (datetime.datetime.fromisoformat(self.clock) + datetime.timedelta(hours=1)
                if self.clock else stop.replace(minute=0))
        while hour <= stop:
            # 0 8-18/2 * * 1-5: every git round trip costs a tenth of a second on a slow machine.
            if hour.weekday() >= 5 or not 8 <= hour.hour <= 18 or hour.hour % 2:
                hour += datetime.timedelta(hours=1)
                continue
            for person in self.PEOPLE:
                if person in self.away:
                    continue
                r = self.at(person, "remind", "--sync", "--json", now=hour.isoformat(), expect=None)
                self.assertIn(r.code, (0, 3), f"{person} at {hour}: {r.err}")  # 6 would be a stopped sync
                self.assertEqual(r.err, "", f"{person} at {hour}")
                for line in r.json()["reminders"]:
                    for reason in line["reasons"]:
                        self.said[person].append((hour.isoformat(), line["case"], reason["kind"], reason["text"]))
            self.clock = hour.isoformat()
            hour += datetime.timedelta(hours=1)

    def step(self, person, *args, when, expect=0):
        """A person's command at `when`, after cron ran up to then, with a sync before and after
        (as a person does who starts and ends with `owner sync`)."""
        self.cron(when)
        self.at(person, "sync", now=when)
        r = self.at(person, *args, now=when, expect=expect)
        self.at(person, "sync", now=when)
        return r

    def today(self, person, when):
        """What the person sees after bringing their clone up to date."""
        self.at(person, "sync", now=when)
        return self.at(person, "today", "--json", now=when).json()

    def section(self, view, key):
        found = [s for s in view["sections"] if s["key"] == key]
        return [(i["case"], i["kind"], i["what"]) for i in found[0]["items"]] if found else []

    def reasons(self, person, kind=None):
        return [(case, k, text) for _, case, k, text in self.said[person] if kind in (None, k)]

    def test_a_week_of_hand_overs_checks_an_escalation_a_call_back_and_a_handoff(self):
        self.start_team()
        monday = at("mon", 9)
        self.clock = None
        # Monday: Sam opens the case, confirms it, hands the credit note to Dini.
        self.cron(monday)
        cid = self.at("sam", "new", "Double charge on invoice 4411", "--customer", "Kim de Vries",
                      "--deadline", "fri 17:00", now=at("mon", 9, 5)).out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "wed 12:00",
                "--tell", "a corrected invoice", now=at("mon", 9, 10))
        self.at("sam", "plan", cid, "Tell Kim the outcome", "--due", "thu 11:00", now=at("mon", 9, 12))
        draft = self.at("sam", "draft", cid, now=at("mon", 9, 15)).out
        self.assertIn("- A corrected invoice — by Wednesday 25 November\n", draft)
        self.assertTrue(draft.rstrip().endswith("Sam Jansen"))  # to the customer the Who is the owner
        self.at("sam", "told", cid, now=at("mon", 9, 20))
        checks = self.case("sam", cid)["actions"][0]["checks"]  # datetimes, as TOML has them
        self.assertEqual(len(checks), 2)  # shortly after handing over, and halfway
        self.at("sam", "sync", now=at("mon", 9, 30))

        # Cron brings the case to Dini at 10:00: asked of her, said once.
        self.cron(at("mon", 10))
        dini = self.today("dini", at("mon", 10, 5))
        self.assertEqual(self.section(dini, "asked"), [(cid, "asked", "Credit note")])
        self.assertEqual(dini["open_cases"], 0)

        # Dini answers Sam's first check herself before it comes due.
        first_check = checks[0]
        report = (first_check - datetime.timedelta(minutes=30)).isoformat()
        self.step("dini", "check", cid, "credit", "on-track", "--note", "asked billing", when=report)
        self.cron((first_check + datetime.timedelta(minutes=5)).isoformat())
        sam = self.today("sam", (first_check + datetime.timedelta(minutes=10)).isoformat())
        self.assertEqual(self.section(sam, "checks"), [])  # her report answered it
        self.assertEqual(self.section(sam, "reported"), [(cid, "report", "on-track: Credit note (Dini) — asked billing")])

        # Tuesday: at the halfway check Dini reports a stall; the rules escalate to the lead.
        halfway = checks[1]
        self.step("dini", "check", cid, "credit", "stalled", "--note", "billing system down",
                  when=(halfway - datetime.timedelta(minutes=15)).isoformat())
        later = (halfway + datetime.timedelta(minutes=20)).isoformat()
        self.cron(later)
        self.at("sam", "sync", now=later)
        due = self.at("sam", "escalate", "--json", now=later).json()
        self.assertEqual([e["case"] for e in due["escalations"]], [cid])
        self.step("sam", "escalate", cid, when=later)

        # The lead's cron brings it at noon; her today shows it until she acts.
        self.assertLess(later, at("tue", 12))
        self.cron(at("tue", 12))
        lena = self.today("lena", at("tue", 12, 5))
        self.assertEqual([c for c, _, _ in self.section(lena, "escalated")], [cid])
        self.assertEqual(len(self.reasons("lena", "escalated")), 1)
        self.step("lena", "callback", cid, "--who", "Lena", "--due", "wed 16:00", "--note",
                  "Kim asked for a manager", when=at("tue", 12, 10))
        lena = self.today("lena", at("tue", 12, 20))
        self.assertEqual(self.section(lena, "escalated"), [])  # answered by her call-back
        self.assertEqual([c for c, _, _ in self.section(lena, "callbacks")], [cid])

        # Sam, off on Wednesday, leaves a note after his last cron ran and shuts his computer;
        # the lead hands his case to Dini.
        self.cron(at("tue", 18))
        self.at("sam", "note", cid, "Kim prefers a call after 14:00", now=at("tue", 18, 5))
        self.away.add("sam")
        self.step("lena", "handoff", cid, "--to", "Dini", "--note", "Sam is off on Wednesday",
                  when=at("wed", 8, 30))
        self.cron(at("wed", 9))
        dini = self.today("dini", at("wed", 9, 5))
        self.assertEqual(dini["open_cases"], 1)
        handed = next(s for s in dini["sections"] if s["key"] == "handed")["items"]
        self.assertEqual([(i["case"], i["who"], i["by"]) for i in handed], [(cid, "Sam Jansen", "Lena Visser")])
        # Her credit note is her own work now (nobody checks on themselves); Sam's step stays his,
        # checked like any hand-over, so that his holiday shows at the first check.
        actions = {a["what"]: a for a in self.case("dini", cid)["actions"]}
        self.assertNotIn("who", actions["Credit note"])
        self.assertNotIn("checks", actions["Credit note"])
        self.assertEqual(actions["Tell Kim the outcome"]["who"], "Sam Jansen")
        self.assertEqual(len(actions["Tell Kim the outcome"]["checks"]), 2)

        # Concurrent edits on the one case: Dini books the credit note, the lead calls Kim; both
        # before the other synced.
        self.cron(at("wed", 15))
        self.at("dini", "done", cid, "credit", now=at("wed", 15, 10))
        self.at("lena", "done", cid, "call kim", now=at("wed", 15, 20))
        self.at("lena", "note", cid, "Kim is fine with the credit note", now=at("wed", 15, 25))
        self.at("dini", "sync", now=at("wed", 15, 30))
        self.at("lena", "sync", now=at("wed", 15, 30))
        self.at("dini", "sync", now=at("wed", 15, 35))

        # Thursday: Sam is back; his Wednesday note merges with the handoff, and what stayed his
        # is asked of him in Dini's case.
        self.cron(at("thu", 7))
        self.away.remove("sam")
        self.at("sam", "sync", now=at("thu", 9, 5))
        self.assertEqual(self.git("sam", "status", "--porcelain"), "")
        case = self.case("sam", cid)
        self.assertEqual(case["owner"], "Dini")
        self.assertIn("Kim prefers a call after 14:00", [e.get("text") for e in case["log"]])
        sam = self.today("sam", at("thu", 9, 10))
        self.assertEqual(sam["open_cases"], 0)
        self.assertEqual(self.section(sam, "asked"), [(cid, "asked", "Tell Kim the outcome")])
        self.step("sam", "done", cid, "tell kim", when=at("thu", 10, 30))
        self.step("sam", "told", cid, when=at("thu", 10, 35))

        # Friday: Kim accepts; Dini closes the case and thanks the colleagues who helped.
        self.step("dini", "close", cid, "--accepted", "--rating", "5", when=at("fri", 10))
        thanks = self.at("dini", "draft", cid, "--thanks", now=at("fri", 10, 5)).out
        self.assertTrue(thanks.startswith("Hi "), thanks)
        self.assertIn("Sam", thanks.splitlines()[0])
        self.cron(at("fri", 17))

        # Every clone ends equal and clean: no sync ever stopped.
        for person in self.PEOPLE:
            self.at(person, "sync", now=at("fri", 17, 30))
        heads = {self.git(p, "rev-parse", "HEAD").strip() for p in self.PEOPLE}
        self.assertEqual(len(heads), 1, heads)
        for person in self.PEOPLE:
            self.assertEqual(self.git(person, "status", "--porcelain"), "", person)
            self.assertEqual(self.today(person, at("fri", 17, 45))["open_cases"], 0, person)

        # Nothing said twice, to anyone; each reminder reached the person it concerns.
        for person, said in self.said.items():
            keys = [(case, kind, text) for _, case, kind, text in said]
            self.assertEqual(len(keys), len(set(keys)), f"{person} heard twice: {said}")
        self.assertEqual(self.reasons("lena", "escalated"), [(cid, "escalated",
                         self.reasons("lena", "escalated")[0][2])])
        self.assertNotIn("escalated", [k for _, k, _ in self.reasons("sam") + self.reasons("dini")])
        self.assertEqual(self.reasons("dini", "asked"), [(cid, "asked", "asked of you by Sam Jansen: Credit note")])
        self.assertEqual(self.reasons("dini", "handed"),
                         [(cid, "handed", "handed to you by Lena Visser: Sam is off on Wednesday")])
        self.assertEqual(self.reasons("sam", "asked"), [(cid, "asked", "asked of you by Dini: Tell Kim the outcome")])
        self.assertEqual(self.reasons("lena", "callback"), [(cid, "callback", "call-back for Sam Jansen: Call Kim de Vries back")])
        # Checks go to whoever owns the case when they come due: Sam's on Dini, then Dini's on
        # Sam's step while he is away; never a check on oneself.
        checks = {(person, text) for person in self.PEOPLE for _, _, text in self.reasons(person, "check")}
        self.assertIn(("sam", "check on Dini: Credit note"), checks)
        self.assertIn(("dini", "check on Sam Jansen: Tell Kim the outcome"), checks)
        self.assertFalse([c for c in checks if c[1].startswith(f"check on {self.PEOPLE[c[0]]}")], checks)
        self.assertEqual(self.reasons("lena", "check"), [])


if __name__ == "__main__":
    main()
