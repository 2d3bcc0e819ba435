"""Signals a case owner can trust (issue 14): escalations, reminders, checks and promises exactly right."""

import datetime
import json
import os
import re

from ownertest import OwnerTest, main

CONFIG = """\
name = "Sam"

[work]
holidays = [2026-12-25, 2026-12-26]

[escalate]
to = "Lee (team lead)"
"""


class Signals(OwnerTest):
    def setUp(self):
        super().setUp()
        self.use_config(CONFIG)

    def escalations(self, now):
        return self.owner("escalate", "--json", now=now).json()["escalations"]

    def reminders(self, now, expect=None):
        r = self.owner("remind", "--json", now=now, expect=expect)
        if not r.out.strip():
            return []
        # One line per case names every reason (issue 26): each reason, with its line's case.
        return [dict(line, **reason) for line in r.json()["reminders"] for reason in line["reasons"]]

    def case_json(self, cid, now=None):
        return self.owner("show", cid, "--json", now=now).json()["case"]

    # 1 ---------------------------------------------------------------------------------------
    def test_an_escalation_keeps_its_moment_and_is_reminded_once(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-01T17:00")
        self.owner("told", cid, "confirmed")
        # Dini's part is due after the promised deadline: the promise is at risk from Tuesday 09:00
        # (eight working hours before it), whatever the time of the run.
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-12-02T12:00")
        first = self.escalations("2026-11-30T17:05:00+01:00")
        self.assertEqual(first, [])
        first = self.escalations("2026-12-01T15:05:00+01:00")
        later = self.escalations("2026-12-02T04:00:37+01:00")  # the night after, odd seconds
        self.assertEqual([e["rule"] for e in first], ["deadline"])
        self.assertEqual(first[0]["since"], "2026-12-01T09:00:00+01:00")
        self.assertEqual(later[0]["since"], first[0]["since"])
        said = []
        # Every 15 minutes from Monday 12:00 to Wednesday 12:00, with the seconds of a real cron
        # (the fortnight test covers a weekend).
        for quarter in range(0, 2 * 24 * 4 + 1):
            moment = datetime.datetime(2026, 11, 30, 12, 0) + datetime.timedelta(minutes=15 * quarter, seconds=quarter * 7 % 60)
            now = moment.strftime("%Y-%m-%dT%H:%M:%S+01:00")
            for r in self.reminders(now):
                said.append((r["kind"], now))
        escalations = [s for s in said if s[0] == "escalation"]
        self.assertEqual(len(escalations), 1, said)
        self.assertEqual(escalations[0][1][:16], "2026-12-01T09:00")
        # Nothing is said outside working time: the night and the weekend stay quiet.
        for _, now in said:
            moment = datetime.datetime.fromisoformat(now)
            self.assertTrue(moment.weekday() < 5 and datetime.time(9) <= moment.time() <= datetime.time(17), now)

    def test_remind_is_quiet_at_night_and_forgets_nothing(self):
        cid = self.new("Refund", "M. Jansen")
        self.owner("told", cid, "confirmed")
        self.owner("plan", cid, "Call back", "--due", "2026-11-25T16:00")
        self.assertEqual(len(self.reminders("2026-11-25T16:00:00+01:00", expect=3)), 1)
        r = self.owner("remind", "--json", now="2026-11-25T23:00:00+01:00", expect=0)
        self.assertEqual(r.json()["reminders"], [])
        self.assertEqual(self.owner("remind", now="2026-11-26T03:00:00+01:00", expect=0).out, "")
        # The next morning nothing is said again: the night did not wipe what was said.
        self.assertEqual(self.reminders("2026-11-26T09:00:00+01:00", expect=0), [])
        self.assertEqual(len(self.owner("remind", "--anytime", "--all", "--json",
                                        now="2026-11-26T03:00:00+01:00", expect=3).json()["reminders"]), 1)

    # 2 ---------------------------------------------------------------------------------------
    def test_a_healthy_case_near_its_deadline_raises_no_escalation(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-11-26T17:00")
        self.owner("told", cid, "confirmed")
        self.owner("plan", cid, "Send the credit note", "--due", "2026-11-26T12:00")
        for now in ("2026-11-25T09:30:00+01:00", "2026-11-25T16:00:00+01:00", "2026-11-26T09:00:00+01:00",
                    "2026-11-26T11:59:00+01:00"):
            self.assertEqual(self.escalations(now), [], now)

    def test_a_promise_at_risk_escalates_and_names_the_promise_and_why(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-11-26T17:00")
        self.owner("told", cid, "confirmed")
        r = self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-11-27T12:00")
        self.assertIn("after the deadline", r.err)
        self.assertEqual(self.escalations("2026-11-25T16:59:00+01:00"), [])
        hits = self.escalations("2026-11-26T09:00:00+01:00")
        self.assertEqual([h["rule"] for h in hits], ["deadline"])
        self.assertIn("M. Jansen", hits[0]["detail"])
        self.assertIn("'Credit note' (Dini) is due after it", hits[0]["detail"])
        # The rule starts deadline_hours (8) of working time before the deadline: Thursday's opening.
        self.assertEqual(hits[0]["since"], "2026-11-26T09:00:00+01:00")
        # Re-planned before the deadline, the promise is safe again.
        self.owner("plan", cid, "1", "--due", "2026-11-26T12:00", now="2026-11-26T09:30:00+01:00")
        self.assertEqual(self.escalations("2026-11-26T10:00:00+01:00"), [])

    # 3 ---------------------------------------------------------------------------------------
    def test_a_recorded_escalation_answers_the_rule_until_something_new(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-11")
        self.owner("told", cid, "confirmed")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-12-04")
        self.owner("check", cid, "stalled", now="2026-11-25T11:00:00+01:00")
        self.assertEqual([h["rule"] for h in self.escalations("2026-11-25T11:30:00+01:00")], ["stalled"])
        self.owner("escalate", cid, now="2026-11-25T11:30:00+01:00")
        for now in ("2026-11-25T11:31:00+01:00", "2026-11-26T09:00:00+01:00", "2026-11-27T11:29:00+01:00"):
            self.assertEqual(self.escalations(now), [], now)
        # escalate.repeat_after_hours (16) working hours later, with no progress, it comes back.
        back = self.escalations("2026-11-27T11:30:00+01:00")
        self.assertEqual([h["rule"] for h in back], ["stalled"])
        self.assertEqual(back[0]["since"], "2026-11-27T11:30:00+01:00")

    def test_a_new_stall_after_an_escalation_is_new(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-11")
        self.owner("told", cid, "confirmed")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-12-04")
        self.owner("check", cid, "stalled", now="2026-11-25T11:00:00+01:00")
        self.owner("escalate", cid, now="2026-11-25T11:30:00+01:00")
        self.owner("check", cid, "on-track", now="2026-11-25T14:00:00+01:00")
        self.assertEqual(self.escalations("2026-11-25T15:00:00+01:00"), [])
        self.owner("check", cid, "stalled", now="2026-11-26T10:00:00+01:00")
        hits = self.escalations("2026-11-26T10:05:00+01:00")
        self.assertEqual([(h["rule"], h["since"]) for h in hits], [("stalled", "2026-11-26T10:00:00+01:00")])

    # 4 ---------------------------------------------------------------------------------------
    def test_a_short_hand_over_still_gets_two_checks_in_working_time(self):
        cid = self.new("Refund", "M. Jansen")
        r = self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-11-26T10:00",
                       now="2026-11-25T15:00:00+01:00")
        checks = self.case_json(cid)["actions"][0]["checks"]
        # Three working hours: a quarter of the way (15:45) and halfway (16:30).
        self.assertEqual(checks, ["2026-11-25T15:45:00+01:00", "2026-11-25T16:30:00+01:00"])
        self.assertIn("15:45", r.err)
        # One working hour, handed over at 16:30 on a Friday, due Monday 09:30.
        cid2 = self.new("Invoice", "P. de Vries")
        self.owner("plan", cid2, "Resend", "--who", "Ann", "--due", "2026-11-30T09:30",
                   now="2026-11-27T16:30:00+01:00")
        checks = self.case_json(cid2)["actions"][0]["checks"]
        self.assertEqual(checks, ["2026-11-27T16:45:00+01:00", "2026-11-27T17:00:00+01:00"])

    # 5 ---------------------------------------------------------------------------------------
    def test_a_stalled_check_schedules_a_follow_up_and_the_escalation(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-11")
        self.owner("told", cid, "confirmed")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-11-26T17:00")
        self.owner("check", cid, "on-track", now="2026-11-25T11:00:00+01:00")
        r = self.owner("check", cid, "stalled", now="2026-11-26T09:00:00+01:00")
        self.assertIn("next check", r.err)
        checks = self.case_json(cid)["actions"][0]["checks"]
        self.assertEqual(checks, ["2026-11-26T11:00:00+01:00"])
        kinds = {x["kind"] for x in self.reminders("2026-11-26T11:00:00+01:00", expect=3)}
        self.assertEqual(kinds, {"check", "escalation"})

    # 6 ---------------------------------------------------------------------------------------
    def test_a_promise_on_a_day_off_is_warned_and_the_agenda_shows_the_date(self):
        r = self.owner("new", "Gift box", "--customer", "K. Bakker", "--deadline", "tomorrow",
                       now="2026-12-24T10:00:00+01:00")
        self.assertIn("holiday", r.err)
        self.assertIn("Mon 28 Dec 09:00", r.err)
        cid = r.out.strip()
        r = self.owner("plan", cid, "Pack it", "--due", "2026-12-25T12:00", now="2026-12-24T10:00:00+01:00")
        self.assertIn("holiday", r.err)
        r = self.owner("plan", cid, "Ship it", "--due", "2026-12-24T20:00", now="2026-12-24T10:00:00+01:00")
        self.assertIn("outside working hours", r.err)
        r = self.owner("plan", cid, "Call", "--due", "2026-12-24T16:00", now="2026-12-24T10:00:00+01:00")
        self.assertNotIn("outside working", r.err)
        self.assertNotIn("holiday", r.err)
        out = self.owner("agenda", "--days", "2", now="2026-12-24T10:00:00+01:00").out
        self.assertIn("Fri 25 Dec 12:00", out)  # moved to Thursday, with its own date
        self.assertIn("Fri 25 Dec 17:00", out)

    # 7 ---------------------------------------------------------------------------------------
    def test_a_withdrawn_case_is_neither_celebrated_nor_thanked(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-04")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-11-27")
        r = self.owner("close", cid, "--withdrawn", "customer cancelled", now="2026-11-26T10:00:00+01:00")
        self.assertNotIn("as promised", r.out)
        self.assertNotIn("Thank them", r.out)
        self.assertNotIn("accepted", r.out)
        # Dini's open action is cancelled, and she is told it is no longer needed (issue 26).
        self.assertIn("--- to Dini ---", r.out)
        self.assertIn("no longer needed", r.out)
        self.owner("close", cid, "--withdrawn", "x", "--helped", "Ann", expect=2)

    def test_thanks_after_an_accepted_close_name_who_helped(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-12-04")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "2026-11-27")
        self.owner("done", cid, now="2026-11-26T10:00:00+01:00")
        r = self.owner("close", cid, "--accepted", "--helped", "Ann", "--helped", "Bo",
                       now="2026-11-26T11:00:00+01:00")
        self.assertIn("met, as promised", r.out)
        self.assertIn("helped by      Dini, Ann, Bo", r.out)
        self.assertIn(f"owner draft {cid} --thanks", r.out)

    def test_the_morning_footer_counts_cases_closed(self):
        a = self.new("Refund", "M. Jansen")
        self.new("Other", "P. de Vries")
        self.owner("close", a, "--accepted", now="2026-11-25T15:00:00+01:00")
        out = self.owner("today", now="2026-11-26T09:00:00+01:00").out
        self.assertIn("1 case closed", out)
        data = self.owner("today", "--json", now="2026-11-26T09:00:00+01:00").json()
        self.assertEqual([d["kind"] for d in data["done_previous_working_day"]], ["case_closed"])

    # 8 ---------------------------------------------------------------------------------------
    def test_status_shows_the_latest_escalation(self):
        cid = self.new("Refund", "M. Jansen")
        self.owner("escalate", cid, "--reason", "first reason", now="2026-11-25T10:00:00+01:00")
        self.owner("escalate", cid, "--reason", "second reason", now="2026-11-25T11:00:00+01:00")
        out = self.owner("status", now="2026-11-25T16:00:00+01:00").out
        self.assertIn("second reason", out)
        self.assertNotIn("first reason", out)

    def test_plan_refuses_an_empty_action_and_a_start_after_due(self):
        cid = self.new("Refund", "M. Jansen")
        self.owner("plan", cid, "Credit note", "--due", "fri")
        before = self.read_case(cid)
        r = self.owner("plan", cid, "", "--due", "mon", expect=2)
        self.assertIn("empty", r.err)
        self.owner("plan", cid, "  ", expect=2)
        r = self.owner("plan", cid, "Call", "--who", "Ann", "--due", "fri", "--start", "mon", expect=2)
        self.assertIn("--start", r.err)
        self.owner("plan", cid, "1", "--start", "mon", expect=2)
        self.assertEqual(self.read_case(cid), before)

    # A renegotiated promise ------------------------------------------------------------------
    def test_a_moved_promise_is_logged_and_counted(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-11-26")
        self.owner("deadline", cid, "2026-11-26", "--reason", "x", expect=2)  # unchanged
        self.owner("deadline", cid, "2026-12-02", expect=2)  # no reason
        self.owner("deadline", cid, "2026-12-02", "--reason", "billing needs a week")
        show = self.case_json(cid)
        self.assertEqual(show["deadline"], "2026-12-02T17:00:00+01:00")
        self.assertEqual(show["log"][-1]["event"], "deadline")
        self.assertIn("2026-11-26T17:00:00+01:00", show["log"][-1]["text"])
        r = self.owner("close", cid, "--accepted", now="2026-11-30T10:00:00+01:00")
        self.assertIn("met, as promised (moved 1 time; the first promise was missed)", r.out)
        s = self.owner("stats", "--json", now="2026-11-30T11:00:00+01:00").json()
        self.assertEqual(s["deadlines_met_share"], 1.0)
        self.assertEqual(s["first_promise_kept_share"], 0.0)
        self.assertEqual(s["promises_moved"], 1)

    def test_reopen_with_a_new_deadline_and_lead_time_per_open_period(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-11-26")
        self.owner("close", cid, "--accepted", now="2026-11-26T09:00:00+01:00")  # one day open
        self.owner("reopen", cid, "customer called back", "--deadline", "2026-12-08",
                   now="2026-12-07T09:00:00+01:00")
        r = self.owner("close", cid, "--accepted", now="2026-12-08T09:00:00+01:00")  # one more day
        # The reopened period has its own promise: kept, and nothing was moved.
        self.assertIn("deadline       met, as promised\n", r.out)
        s = self.owner("stats", "--json", now="2026-12-08T10:00:00+01:00").json()
        self.assertAlmostEqual(s["lead_time_days"]["median"], 2.0)
        self.assertEqual(s["promises_moved"], 0)
        self.assertEqual(s["first_promise_kept_share"], 1.0)
        self.assertEqual(s["deadlines_met_share"], 1.0)

    # Waiting on the customer ------------------------------------------------------------------
    def test_waiting_on_the_customer_pauses_updates_and_escalations(self):
        cid = self.new("Refund", "M. Jansen", "--deadline", "2026-11-27")
        self.owner("told", cid, "asked for the invoice number")
        r = self.owner("wait", cid, "--until", "2026-12-01", "--note", "invoice number")
        self.assertIn("pause", r.err)
        # Two working days without an update and no next step near the deadline: all paused.
        today = self.owner("today", "--json", now="2026-11-27T16:00:00+01:00").json()
        keys = [s["key"] for s in today["sections"]]
        self.assertNotIn("updates", keys)
        self.assertNotIn("escalations", keys)
        # The date has come: back in today, and reminded once.
        today = self.owner("today", "--json", now="2026-12-01T17:00:00+01:00").json()
        self.assertIn("waiting", [s["key"] for s in today["sections"]])
        self.assertIn("waiting", [r["kind"] for r in self.reminders("2026-12-01T17:00:00+01:00")])
        # The customer answers: the wait ends.
        cid2 = self.new("Invoice", "P. de Vries", "--deadline", "2026-11-27")
        self.owner("told", cid2, "asked")
        self.owner("wait", cid2)
        self.owner("note", cid2, "here is the number", "--from-customer", now="2026-11-26T10:00:00+01:00")
        today = self.owner("today", "--json", now="2026-11-27T16:00:00+01:00").json()
        esc = [i["case"] for s in today["sections"] if s["key"] == "escalations" for i in s["items"]]
        self.assertIn(cid2, esc)
        self.assertNotIn(cid, esc)

    # The first confirmation -------------------------------------------------------------------
    def test_a_new_case_owes_a_first_confirmation(self):
        cid = self.new("Refund", "M. Jansen")
        self.owner("plan", cid, "Credit note", "--due", "fri")

        def owed(now):
            data = self.owner("today", "--json", now=now).json()
            return [i["case"] for s in data["sections"] if s["key"] == "updates" for i in s["items"]]
        self.assertEqual(owed("2026-11-25T10:59:00+01:00"), [])
        self.assertEqual(owed("2026-11-25T11:00:00+01:00"), [cid])
        self.owner("told", cid, "Sam sends the credit note by Friday", now="2026-11-25T11:30:00+01:00")
        self.assertEqual(owed("2026-11-25T16:00:00+01:00"), [])

    # The customer's verdict -------------------------------------------------------------------
    def test_the_customers_verdict_is_kept_and_reported(self):
        a = self.new("Refund", "M. Jansen")
        b = self.new("Invoice", "P. de Vries")
        self.owner("close", a, "--accepted", "--rating", "6", expect=2)
        r = self.owner("close", a, "--accepted", "--rating", "4", "--remark", "quick, but two calls")
        self.assertIn("4/5", r.out)
        self.owner("close", b, "--accepted", "--rating", "5")
        s = self.owner("stats", "--json").json()
        self.assertEqual(s["rating"]["mean"], 4.5)
        self.assertEqual(s["rating"]["rated"], 2)
        self.assertIn("quick, but two calls", json.dumps(s["rating"]["remarks"]))
        self.assertIn("4.5", self.owner("stats").out)

    # Dates in the user's language ---------------------------------------------------------------
    def test_dutch_dates(self):
        cid = self.new("Refund", "M. Jansen")
        cases = {"morgen": "2026-11-26T17:00:00+01:00", "overmorgen": "2026-11-27T17:00:00+01:00",
                 "vandaag": "2026-11-25T17:00:00+01:00", "vrijdag": "2026-11-27T17:00:00+01:00",
                 "vr": "2026-11-27T17:00:00+01:00", "ma 10:00": "2026-11-30T10:00:00+01:00",
                 "volgende week": "2026-12-04T17:00:00+01:00", "eind van de dag": "2026-11-25T17:00:00+01:00",
                 "eind van de week": "2026-11-27T17:00:00+01:00", "morgen 14:30": "2026-11-26T14:30:00+01:00",
                 "friday": "2026-11-27T17:00:00+01:00"}
        for n, (text, want) in enumerate(cases.items()):
            self.owner("plan", cid, f"step {n}", "--due", text)
            self.assertEqual(self.case_json(cid)["actions"][n]["due"], want, text)


if __name__ == "__main__":
    main()
