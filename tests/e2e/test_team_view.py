"""The lead's view of a team (`owner team`), and clones kept in step through a network remote
(issue 27, items 8 and 9)."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from ownertest import OwnerTest, main
from test_team import Team


class LeadsView(Team):
    def escalated_case(self):
        """Sam's case promised for Thursday noon, Dini's part due after it, escalated to Lena."""
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim", "--deadline", "thu 12:00").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "thu 16:00")
        self.at("sam", "escalate", cid, now="2026-11-25T14:00:00+01:00")
        self.at("dini", "new", "Her own", "--customer", "Bo")
        for person in ("sam", "dini", "lena"):
            self.at(person, "sync")
        return cid

    def test_the_lead_sees_each_person_then_the_promises_at_risk(self):
        cid = self.escalated_case()
        later = "2026-11-25T14:30:00+01:00"
        view = self.at("lena", "team", "--json", now=later).json()
        self.assertEqual(view["date"], "2026-11-25")
        people = {p["name"]: p for p in view["people"]}
        self.assertEqual(list(people), ["Dini", "Lena Visser", "Sam Jansen"])  # the roster's order
        self.assertEqual(people["Sam Jansen"]["cases"], {"open": 1, "overdue": 0, "at_risk": 1})
        self.assertEqual(people["Dini"]["cases"], {"open": 1, "overdue": 0, "at_risk": 0})
        self.assertEqual(people["Dini"]["asked"], {"open": 1, "overdue": 0})
        self.assertEqual(people["Lena Visser"]["role"], "lead")
        self.assertIsNone(people["Dini"]["role"])
        self.assertEqual([(e["case"], e["since"]) for e in people["Lena Visser"]["escalations_unanswered"]],
                         [(cid, "2026-11-25T14:00:00+01:00")])
        self.assertEqual([(r["case"], r["owner"], r["deadline"]) for r in view["at_risk"]],
                         [(cid, "Sam Jansen", "2026-11-26T12:00:00+01:00")])
        self.assertIn("'Credit note' (Dini) is due after it", view["at_risk"][0]["detail"])
        text = self.at("lena", "team", now=later).out
        self.assertIn("Team Wed 25 Nov\n", text)
        self.assertIn("- Lena Visser (lead): cases: 0 open, 0 overdue, 0 at risk · asked: 0 open, 0 overdue"
                      " · escalations unanswered: 1\n"
                      f"  - {cid} Double charge (Kim): escalated Wed 25 Nov 14:00\n",
                      text)
        self.assertIn(f"Promises at risk (1)\n- {cid} Double charge (Kim) — Sam Jansen: ", text)
        # Her note answers the escalation; the promise stays at risk until the work is in time.
        self.at("lena", "note", cid, "I call Kim myself", now="2026-11-25T15:00:00+01:00")
        after = self.at("lena", "team", "--json", now="2026-11-25T15:30:00+01:00").json()
        lena = next(p for p in after["people"] if p["name"] == "Lena Visser")
        self.assertEqual(lena["escalations_unanswered"], [])
        self.assertEqual([r["case"] for r in after["at_risk"]], [cid])
        # Any member may look: the view is the same from Dini's clone.
        self.assertEqual(self.at("dini", "team", "--json", now=later).json(), view)

    def test_stats_and_the_report_say_whose_cases_they_count(self):
        cid = self.escalated_case()
        self.at("sam", "close", cid, "--accepted", now="2026-11-26T10:00:00+01:00")
        self.at("sam", "sync")
        self.at("lena", "sync")
        # Lena owns nothing: her own figures are empty, and say they are hers, not the team's.
        mine = self.at("lena", "stats").out
        self.assertTrue(mine.startswith("Lena Visser's cases (--team: the whole team's)\n"), mine)
        self.assertEqual(self.at("lena", "stats", "--json").json()["owner"], "Lena Visser")
        team = self.at("lena", "stats", "--team", "--json").json()
        self.assertIsNone(team["owner"])
        self.assertEqual(team["closed_accepted"], 1)
        self.assertTrue(self.at("lena", "stats", "--owner", "Sam").out.startswith("Sam Jansen's cases\n"))
        report = self.at("lena", "report").out
        self.assertIn("<p>Cases of Lena Visser</p>", report)
        self.assertIn("<p>The whole team</p>", self.at("lena", "report", "--team").out)

    def test_chat_formats_and_status_fields_like_status(self):
        cid = self.escalated_case()
        later = "2026-11-25T14:30:00+01:00"
        slack = self.at("lena", "team", "--format", "slack", now=later).json()
        self.assertTrue(slack["mrkdwn"])
        self.assertTrue(slack["text"].startswith("*Team Wed 25 Nov*\n"))
        self.assertIn(f"• `{cid}` Double charge (Kim) — Sam Jansen: ", slack["text"])
        markdown = self.at("lena", "team", "--format", "markdown", now=later).out
        self.assertTrue(markdown.startswith("**Team Wed 25 Nov**\n\n**Per person (3)**\n\n"))
        mattermost = self.at("lena", "team", "--format", "mattermost", now=later).json()
        self.assertEqual(list(mattermost), ["text"])
        Path(self.configs["lena"]).write_text('name = "Lena"\n[status]\nfields = ["title"]\n')
        quiet = self.at("lena", "team", "--json", now=later).json()
        self.assertNotIn("Kim", str(quiet))
        self.assertEqual(quiet["at_risk"][0]["title"], "Double charge")
        self.assertNotIn("Kim", self.at("lena", "team", "--format", "slack", now=later).out)

    def test_the_view_speaks_dutch_and_german(self):
        self.escalated_case()
        for lang, expected in (("nl", ["Team wo 25 nov", "Per persoon (3)",
                                       "Lena Visser (teamleider): zaken: 0 open, 0 te laat, 0 in gevaar",
                                       "escalaties onbeantwoord: 1", "geëscaleerd wo 25 nov 14:00",
                                       "Beloftes in gevaar (1)"]),
                               ("de", ["Team Mi 25. Nov", "Pro Person (3)",
                                       "Lena Visser (Teamleitung): Fälle: 0 offen, 0 überfällig, 0 gefährdet",
                                       "Eskalationen unbeantwortet: 1", "eskaliert Mi 25. Nov 14:00",
                                       "Gefährdete Zusagen (1)"])):
            Path(self.configs["lena"]).write_text(f'name = "Lena"\nlanguage = "{lang}"\n')
            out = self.at("lena", "team", now="2026-11-25T14:30:00+01:00").out
            for phrase in expected:
                self.assertIn(phrase, out)

    def test_init_and_edit_still_work_and_refuse_the_views_options(self):
        self.start_team()
        r = self.at("sam", "team", "init", "--json", expect=2)
        self.assertIn("--json: only for the view", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1)
        self.at("sam", "team", "init", expect=1)  # the roster is there: init refuses, as before
        self.at("sam", "team", "telex", expect=2)


class NoRoster(OwnerTest):
    def test_a_store_of_one_person_has_no_team_to_show_and_says_how_to_make_one(self):
        self.use_config('name = "Sam"\n')
        self.new("Router", "Kim")
        r = self.owner("team", expect=1)
        self.assertEqual(r.out, "")
        lines = r.err.strip().splitlines()
        self.assertEqual(len(lines), 1, r.err)
        self.assertIn("has no roster (team.toml)", lines[0])
        self.assertIn("'owner team init'", lines[0])


class RemindSync(Team):
    def test_remind_sync_brings_in_what_a_colleague_did_then_reminds(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "handoff", cid, "--to", "Dini", "--note", "Sam is on holiday")
        self.at("sam", "sync")
        # Dini's clone has not seen the case; her cron line syncs, then reminds her of it.
        r = self.at("dini", "remind", "--sync", expect=3, now="2026-11-25T15:00:00+01:00")
        self.assertIn(cid, r.out)
        self.assertIn("owed a first confirmation", r.out)
        self.assertEqual(self.case("dini", cid)["owner"], "Dini")
        self.assertEqual(self.git("dini", "status", "--porcelain"), "")
        # A dry run changes nothing, so it cannot sync (which commits and pushes).
        head = self.git("sam", "rev-parse", "HEAD")
        dry = self.at("sam", "remind", "--dry-run", "--sync", expect=2)
        self.assertIn("owner: error: --dry-run excludes --sync", dry.err)
        self.assertEqual(self.git("sam", "rev-parse", "HEAD"), head)

    def test_a_failing_sync_is_said_once_per_error_and_never_hides_a_reminder(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "sync")
        gone = os.path.join(self.tmp, "gone.git")
        self.git("sam", "remote", "set-url", "origin", gone)
        first = self.at("sam", "remind", "--sync", expect=6, now="2026-11-25T15:00:00+01:00")
        self.assertIn(cid, first.out)  # the local reminder comes all the same
        warnings = first.err.strip().splitlines()
        self.assertEqual(len(warnings), 1, first.err)
        self.assertIn("remind --sync: cannot fetch from 'origin'", warnings[0])
        self.assertIn("said once", warnings[0])
        again = self.at("sam", "remind", "--sync", expect=6, now="2026-11-25T15:15:00+01:00")
        self.assertEqual((again.out, again.err), ("", ""))  # same error, nothing new: silence
        self.git("sam", "remote", "remove", "origin")
        other = self.at("sam", "remind", "--sync", expect=6, now="2026-11-25T15:30:00+01:00")
        self.assertIn("the store has no git remote 'origin'", other.err)  # a new error is said
        self.git("sam", "remote", "add", "origin", self.remote)
        self.at("sam", "remind", "--sync", expect=0, now="2026-11-25T15:45:00+01:00")
        self.git("sam", "remote", "set-url", "origin", gone)
        back = self.at("sam", "remind", "--sync", expect=6, now="2026-11-25T16:00:00+01:00")
        self.assertIn("cannot fetch from 'origin'", back.err)  # failing again after a success: said
        # Outside working time nothing is said, and the exit status still tells; the new error
        # waits for the morning.
        self.git("sam", "remote", "remove", "origin")
        night = self.at("sam", "remind", "--sync", expect=6, now="2026-11-25T23:00:00+01:00")
        self.assertEqual((night.out, night.err), ("", ""))
        morning = self.at("sam", "remind", "--sync", expect=6, now="2026-11-26T09:00:00+01:00")
        self.assertIn("the store has no git remote 'origin'", morning.err)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NetworkRemote(Team):
    """Two clones kept in step through git daemon on 127.0.0.1, started and stopped here."""

    def setUp(self):
        super().setUp()
        if subprocess.run(["git", "daemon", "--help"], capture_output=True).returncode != 0 and \
                not shutil.which("git-daemon"):
            self.skipTest("git daemon is not installed (Debian's git package ships it)")
        self.port = free_port()
        self.daemon = subprocess.Popen(
            ["git", "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr", f"--base-path={self.tmp}",
             "--listen=127.0.0.1", f"--port={self.port}", self.tmp],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.addCleanup(self.stop_daemon)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.daemon.poll() is not None or time.monotonic() > deadline:
                    self.fail(f"git daemon did not start: {self.daemon.stderr.read().decode()}")
                time.sleep(0.05)
        self.url = f"git://127.0.0.1:{self.port}/team.git"

    def stop_daemon(self):
        self.daemon.terminate()
        try:
            self.daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.daemon.kill()
            self.daemon.wait()
        self.daemon.stderr.close()

    def clone(self, person):
        subprocess.run(["git", "clone", "-q", self.url, self.homes[person]], check=True, capture_output=True)
        self.at(person, "init", "--git")

    def test_a_colleagues_change_arrives_through_git_daemon(self):
        self.git("sam", "remote", "set-url", "origin", self.url)
        self.at("sam", "team", "init")
        self.at("sam", "sync")
        self.clone("dini")
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "sync")
        started = time.monotonic()
        self.at("dini", "sync")
        took = time.monotonic() - started
        print(f"\nowner sync brought in one colleague's change through git daemon in {took * 1000:.0f} ms")
        self.assertEqual(self.case("dini", cid)["actions"][0]["who"], "Dini")
        # And back: her report reaches Sam through the daemon too.
        self.at("dini", "note", cid, "billing has it")
        self.at("dini", "sync")
        self.at("sam", "sync")
        self.assertEqual(self.case("sam", cid)["log"][-1].get("by"), "Dini")


if __name__ == "__main__":
    main()
