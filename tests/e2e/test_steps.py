"""Steps 3 to 6 on one realistic case, moving now forward day by day."""

import os

from ownertest import OwnerTest, main

CONFIG = """name = "Sam de Vries"
[escalate]
to = "Anna (team lead)"
[escalate.tags]
billing = "Ben (billing lead)"
"""


class SixSteps(OwnerTest):
    def setUp(self):
        super().setUp()
        self.use_config(CONFIG)

    def section(self, now, key):
        data = self.owner("today", "--json", now=now).json()
        for s in data["sections"]:
            if s["key"] == key:
                return s["items"]
        return []

    def test_one_case_through_all_six_steps(self):
        mon = "2026-11-23T09:00:00+01:00"
        # Open, prioritize, plan: a hand-over to Dini and a call of our own.
        cid = self.new("Double charge on November invoice", "M. Jansen", "--deadline", "2026-12-02 17:00",
                       "--tag", "billing", "--note", "Customer called: charged twice.", now=mon)
        self.owner("prioritize", cid, "high", now=mon)
        r = self.owner("plan", cid, "Credit note for invoice 2026-1187", "--who", "Dini", "--due", "fri 12:00",
                       "--tell", "a credit note for invoice 2026-1187", now="2026-11-23T09:10:00+01:00")
        self.assertIn("Mon 23 Nov 11:10 and Wed 25 Nov 10:35", r.err)
        self.owner("plan", cid, "Call customer about the refund", "--due", "2026-11-27 15:00",
                   "--tell", "a call from me about the refund", now="2026-11-23T09:12:00+01:00")

        # Step 3: the drafts name Who, What and When; to the customer the owner is the Who.
        self.assert_golden("draft-customer-en.txt", self.owner("draft", cid, now="2026-11-23T09:15:00+01:00").out)
        self.assert_golden("draft-customer-nl.txt", self.owner("draft", cid, "--lang", "nl", now="2026-11-23T09:15:00+01:00").out)
        self.assert_golden("draft-colleague-en.txt", self.owner("draft", cid, "--to", "Dini", now="2026-11-23T09:15:00+01:00").out.replace(cid, "k7rq2"))
        self.assert_golden("draft-colleague-nl.txt", self.owner("draft", cid, "--to", "Dini", "--lang", "nl", now="2026-11-23T09:15:00+01:00").out.replace(cid, "k7rq2"))
        self.assert_golden("draft-customer-de.txt", self.owner("draft", cid, "--lang", "de", now="2026-11-23T09:15:00+01:00").out)
        self.assert_golden("draft-colleague-de.txt", self.owner("draft", cid, "--to", "Dini", "--lang", "de", now="2026-11-23T09:15:00+01:00").out.replace(cid, "k7rq2"))
        self.owner("draft", cid, "--sent", now="2026-11-23T09:20:00+01:00")
        self.assertEqual(self.section("2026-11-23T09:30:00+01:00", "updates"), [])

        # Step 4: the first check comes two working hours after the hand-over.
        self.assertEqual(self.section("2026-11-23T09:30:00+01:00", "checks")[0]["when"], "2026-11-23T11:10:00+01:00")
        listed = self.owner("check", "--json", now="2026-11-23T11:30:00+01:00").json()["checks"]
        self.assertEqual([c["case"] for c in listed], [cid])
        self.owner("check", cid, "on-track", "--note", "Dini started", now="2026-11-23T11:30:00+01:00")
        self.assertEqual(self.section("2026-11-24T09:00:00+01:00", "checks"), [])

        # Wednesday: the second check is due; no update for two working days makes one owed.
        wed = "2026-11-25T11:00:00+01:00"
        self.assertEqual(self.section(wed, "checks")[0]["when"], "2026-11-25T10:35:00+01:00")
        self.assertEqual([i["case"] for i in self.section(wed, "updates")], [cid])
        r = self.owner("check", cid, "credit note", "stalled", "--note", "waiting for approval", now=wed)
        self.assertIn("escalate", r.err)

        # Step 5: the stalled check meets a rule; the billing tag picks the contact.
        esc = self.owner("escalate", "--json", now="2026-11-25T11:05:00+01:00").json()["escalations"]
        self.assertEqual([(e["case"], e["rule"], e["contact"]) for e in esc], [(cid, "stalled", "Ben (billing lead)")])
        self.assertEqual(self.section("2026-11-25T11:05:00+01:00", "escalations")[0]["who"], "Ben (billing lead)")
        out = self.owner("escalate", cid, now="2026-11-25T11:06:00+01:00").out
        self.assert_golden("escalate-en.txt", out.replace(cid, "k7rq2"))
        self.assertEqual(self.owner("escalate", "--json", now="2026-11-25T11:07:00+01:00").json()["escalations"], [])
        self.owner("told", cid, "refund approved, credit note on its way", now="2026-11-25T12:00:00+01:00")

        # Thursday: Dini delivers; our own call is done; the customer accepts on Friday.
        self.owner("check", cid, "1", "done", now="2026-11-26T10:00:00+01:00")
        self.owner("done", cid, "call", now="2026-11-26T14:00:00+01:00")
        thu = self.owner("today", "--json", now="2026-11-27T09:00:00+01:00").json()
        self.assertEqual([d["kind"] for d in thu["done_previous_working_day"]], ["action_done", "action_done"])
        self.assertIn("no_next_step", [s["key"] for s in thu["sections"]])

        # Step 6: close, celebrate, thank; the file moves to the archive.
        out = self.owner("close", cid, "--accepted", "--note", "credit note received", now="2026-11-27T10:00:00+01:00").out
        self.assertIn("deadline       met, as promised", out)
        self.assertIn("hand-overs     1", out)
        self.assertIn("checks         3", out)
        self.assertIn("escalations    1", out)
        self.assertIn("helped by      Dini", out)
        self.assertFalse(os.path.exists(self.case_path(cid)))
        self.assertTrue(os.path.exists(os.path.join(self.store, "archive", "2026", cid + ".toml")))
        self.assert_golden("thanks-en.txt", self.owner("draft", cid, "--thanks", now="2026-11-27T10:05:00+01:00").out)
        self.assert_golden("thanks-nl.txt", self.owner("draft", cid, "--thanks", "--lang", "nl").out)
        self.assert_golden("thanks-de.txt", self.owner("draft", cid, "--thanks", "--lang", "de").out)
        log = [e["event"] for e in self.owner("show", cid, "--json").json()["case"]["log"]]
        self.assertEqual(log, ["opened", "priority", "handed over", "planned", "told", "check", "check", "escalated",
                               "told", "check", "done", "done", "closed"])
        self.assertIn("no open cases", self.owner("today", now="2026-11-27T10:10:00+01:00").out)

        stats = self.owner("stats", "--json", now="2026-11-27T11:00:00+01:00").json()
        self.assertEqual(stats["closed_accepted"], 1)
        self.assertEqual(stats["deadlines_met_share"], 1)
        self.assertEqual(stats["handovers_per_case"], 1)
        self.assertEqual(stats["escalations"], 1)
        self.assertAlmostEqual(stats["lead_time_days"]["median"], 4.042, places=3)
        # Told Mon 09:20 and Wed 12:00: a gap of more than two working days, so not in time.
        self.assertEqual(stats["updated_in_time_share"], 0)
        self.assertEqual(stats["closed_per_week"], [{"week_of": "2026-11-23", "closed": 1}])

        # Reopen brings it back with its history.
        self.owner("reopen", cid, "customer found another double charge", now="2026-11-30T09:00:00+01:00")
        self.assertTrue(os.path.exists(self.case_path(cid)))
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["log"][-1]["event"], "reopened")

    def test_bad_input(self):
        cid = self.new("Bad", "A", "--deadline", "fri")
        self.owner("plan", cid, "Thing", "--who", "Dini", "--due", "thu")
        r = self.owner("check", cid, "finished", expect=2)
        self.assertIn("unknown outcome 'finished'; expected done, on-track or stalled", r.err)
        r = self.owner("escalate", cid, env={"OWNER_CONFIG": "/dev/null"}, expect=2)
        self.assertIn("to whom? give --to NAME", r.err)
        r = self.owner("escalate", cid, "--to", "Anna", env={"OWNER_CONFIG": "/dev/null"}, expect=2)
        self.assertIn("no escalation rule applies", r.err)
        r = self.owner("close", cid, expect=2)
        self.assertIn("--accepted", r.err)
        self.owner("close", cid, "--withdrawn", "customer found it themselves")
        r = self.owner("close", cid, "--accepted", expect=1)
        self.assertIn(f"case {cid} is already closed", r.err)
        self.assertEqual(self.owner("stats", "--json").json()["closed_withdrawn"], 1)

    def test_words_of_an_action_re_plan_it_and_add_adds(self):
        now = "2026-12-07T09:00:00+01:00"
        cid = self.new("Double charge", "M. Jansen", "--deadline", "2026-12-18 17:00", now=now)
        self.owner("plan", cid, "Refund the second payment", "--who", "Dini", "--due", "fri 12:00", now=now)
        self.owner("plan", cid, "1", "--tell", "a credit note for invoice 2026-1187", now=now)
        # The README's "re-plan it": words of its text re-plan it and say so; no second action.
        r = self.owner("plan", cid, "refund", "--due", "mon 12:00", now=now)
        self.assertEqual(r.err, "owner: re-planned 'Refund the second payment'; --add plans a new action\n")
        actions = self.owner("show", cid, "--json", now=now).json()["case"]["actions"]
        self.assertEqual([(a["what"], a["due"][:10]) for a in actions], [("Refund the second payment", "2026-12-14")])
        # The customer's wording finds it too (the README tour's "check k7 credit on-track").
        self.owner("check", cid, "credit", "on-track", now="2026-12-07T11:00:00+01:00")
        # --add adds, and then the words fit two actions: both are listed, exit 2.
        self.owner("plan", cid, "Refund the fee", "--add", "--due", "tue 12:00", now=now)
        r = self.owner("plan", cid, "refund", "--due", "wed 12:00", now=now, expect=2)
        self.assertIn("1. Refund the second payment; 2. Refund the fee", r.err)
        r = self.owner("done", cid, "refund", now=now, expect=2)
        self.assertIn("matches several actions", r.err)
        self.owner("done", cid, "fee", now=now)

    def test_draft_refuses_without_what(self):
        cid = self.new("Nothing planned", "A")
        r = self.owner("draft", cid, expect=1)
        self.assertIn("no open action, so there is no What to promise", r.err)
        r = self.owner("draft", cid, "--to", "Dini", expect=1)
        self.assertIn("no open action for 'Dini'", r.err)

    def test_a_template_missing_a_placeholder_is_refused(self):
        cfg = os.path.join(self.tmp, "bad.toml")
        with open(cfg, "w") as f:
            f.write('[templates.en]\ncustomer = """Dear {customer}, {who} will do {what}."""\n')
        r = self.owner("list", env={"OWNER_CONFIG": cfg}, expect=1)
        self.assertEqual(r.err.strip(), f"owner: error: {cfg}:2: templates.en.customer: a message must say Who ({{who}}), "
                                        "What ({what}) and When ({when}); this one lacks {when}")
        with open(cfg, "w") as f:
            f.write('[templates.nl]\ncustomer = "Beste {klant}: {who} {what} {when}"\n')
        r = self.owner("list", env={"OWNER_CONFIG": cfg}, expect=1)
        self.assertIn("unknown placeholder {klant}", r.err)
        with open(cfg, "w") as f:
            f.write('name = "Sam"\n[templates.en]\ncustomer = "Hi {customer}: {who} does {what} by {when}. {owner}"\n')
        cid = self.owner("new", "Custom", "--customer", "Kim", "--deadline", "fri", env={"OWNER_CONFIG": cfg}).out.strip()
        self.owner("plan", cid, "Fix it", "--due", "thu", "--tell", "fix it", env={"OWNER_CONFIG": cfg})
        out = self.owner("draft", cid, env={"OWNER_CONFIG": cfg}).out
        self.assertEqual(out, "Hi Kim: Sam does fix it by Friday 27 November at 17:00. Sam")


if __name__ == "__main__":
    main()
