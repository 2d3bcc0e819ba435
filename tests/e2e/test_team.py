"""A team on one store: clones of one bare repository, one per person (issue 27)."""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
import tomllib
from pathlib import Path

from ownertest import BIN, OwnerTest, fill_disk, main

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}

ROSTER = """
[people]
"Sam Jansen" = { aliases = ["Sam"], email = "sam@example.com" }
Dini = { aliases = ["Dini Kartika"], email = "dini@example.com" }
"Lena Visser" = { aliases = ["Lena"], role = "lead" }

[escalate]
to = "Lena"
"""


class Team(OwnerTest):
    """Sam owns cases, Dini is the colleague he hands work to, Lena leads: each on a clone."""

    PEOPLE = {"sam": "Sam Jansen", "dini": "Dini", "lena": "Lena"}

    def setUp(self):
        super().setUp()
        self.env.update(GIT_ENV)
        self.remote = os.path.join(self.tmp, "team.git")
        subprocess.run(["git", "init", "-q", "--bare", self.remote], check=True)
        self.homes = {p: os.path.join(self.tmp, p) for p in self.PEOPLE}
        self.configs = {}
        for person, name in self.PEOPLE.items():
            cfg = os.path.join(self.tmp, f"{person}.toml")
            Path(cfg).write_text(f'name = "{name}"\n' + (ROSTER if person == "sam" else ""))
            self.configs[person] = cfg
        self.at("sam", "init", "--git")
        self.git("sam", "remote", "add", "origin", self.remote)
        self.at("sam", "sync")

    def clone(self, person):
        subprocess.run(["git", "clone", "-q", self.remote, self.homes[person]], check=True, capture_output=True)
        self.at(person, "init", "--git")

    def at(self, person, *args, expect=0, now=None):
        return self.owner(*args, env={"OWNER_HOME": self.homes[person], "OWNER_CONFIG": self.configs[person]},
                          expect=expect, now=now)

    def git(self, person, *args):
        return subprocess.run(["git", "-C", self.homes[person], *args], env=dict(self.env), capture_output=True,
                              text=True, check=True).stdout

    def case(self, person, cid):
        for folder in ("cases",):
            p = Path(self.homes[person], folder, cid + ".toml")
            if p.exists():
                return tomllib.loads(p.read_text())
        raise AssertionError(f"{cid} not in {person}'s store")

    def start_team(self):
        """Sam writes the roster; Dini and Lena clone the store."""
        self.at("sam", "team", "init")
        self.at("sam", "sync")
        self.clone("dini")
        self.clone("lena")


class Roster(Team):
    def test_team_init_writes_the_roster_and_gives_every_case_an_owner_in_one_commit(self):
        a = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()
        b = self.at("sam", "new", "Invoice", "--customer", "Bo").out.strip()
        self.at("sam", "close", b, "--accepted")
        self.assertNotIn("owner", self.case("sam", a))  # a store of one person: no owner written
        self.assertEqual(self.case("sam", a)["schema"], 1)
        before = len(self.git("sam", "log", "--format=%s").splitlines())
        r = self.at("sam", "team", "init")
        self.assertIn("3 people", r.err)
        self.assertIn("2 cases without an owner now are yours", r.err)
        team = tomllib.loads(Path(self.homes["sam"], "team.toml").read_text())
        self.assertEqual(team["schema"], 1)
        self.assertEqual(sorted(team["people"]), ["Dini", "Lena Visser", "Sam Jansen"])
        self.assertEqual(team["people"]["Sam Jansen"], {"aliases": ["Sam"], "email": "sam@example.com"})
        self.assertEqual(team["people"]["Lena Visser"]["role"], "lead")
        self.assertEqual(team["escalate"]["to"], "Lena Visser")  # the alias became the roster name
        self.assertEqual(self.case("sam", a)["owner"], "Sam Jansen")
        self.assertEqual(self.case("sam", a)["schema"], 2)  # an owner before teams refuses it
        closed = next(Path(self.homes["sam"], "archive").rglob(b + ".toml"))
        self.assertEqual(tomllib.loads(closed.read_text())["owner"], "Sam Jansen")
        log = self.git("sam", "log", "--format=%s").splitlines()
        self.assertEqual(len(log), before + 1)
        changed = self.git("sam", "show", "--name-only", "--format=", "HEAD").split()
        self.assertEqual(sorted(changed), sorted(["team.toml", f"cases/{a}.toml", f"archive/2026/{b}.toml"]))
        self.assertEqual(self.git("sam", "status", "--porcelain"), "")
        again = self.at("sam", "team", "init", expect=1)
        self.assertIn("team.toml exists already", again.err)
        self.assertEqual(len(again.err.strip().splitlines()), 1)

    def test_a_clone_takes_the_roster_from_the_store_and_a_name_off_it_is_refused_in_one_line(self):
        self.start_team()
        # Dini's private config has no [people]: the roster comes with the store.
        r = self.at("dini", "__complete", "people")
        self.assertEqual(sorted(r.out.splitlines()), ["Dini", "Lena Visser", "Sam Jansen"])
        Path(self.configs["dini"]).write_text('name = "Dinni"\n')
        r = self.at("dini", "today", expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("name: 'Dinni' is not on the team's roster", r.err)
        self.assertIn("did you mean 'Dini'?", r.err)
        Path(self.configs["dini"]).write_text('name = "Dini Kartika"\n')  # an alias is fine
        self.at("dini", "today")

    def test_a_person_renamed_on_the_roster_can_still_sync_and_is_told_what_to_set(self):
        self.start_team()
        editor = os.path.join(self.tmp, "editor.sh")
        Path(editor).write_text("#!/bin/sh\nsed -i 's/^\"Dini\" = /\"Dina\" = /' \"$1\"\n")
        os.chmod(editor, 0o755)
        self.owner("team", "edit", env={"OWNER_HOME": self.homes["sam"], "OWNER_CONFIG": self.configs["sam"],
                                        "EDITOR": editor})
        self.assertIn('"Dina" = ', Path(self.homes["sam"], "team.toml").read_text())
        self.at("sam", "sync")
        self.at("dini", "sync")  # brings the roster that no longer names her
        r = self.at("dini", "today", expect=1)
        self.assertIn("name: 'Dini' is not on the team's roster", r.err)
        # sync still runs (a roster put right on another clone must be able to come in), warning.
        r = self.at("dini", "sync")
        self.assertIn("warning: name: 'Dini' is not on the team's roster", r.err)
        Path(self.configs["dini"]).write_text('name = "Dina"\n')
        self.at("dini", "today")

    def test_team_edit_is_checked_like_edit_and_keeps_a_bad_copy(self):
        self.start_team()
        editor = os.path.join(self.tmp, "editor.sh")
        Path(editor).write_text('#!/bin/sh\nsed -i "s/^to = .*/to = \\"Nobody\\"/" "$1"\n')
        os.chmod(editor, 0o755)
        before = Path(self.homes["sam"], "team.toml").read_text()
        r = self.owner("team", "edit", expect=1, env={"OWNER_HOME": self.homes["sam"],
                                                      "OWNER_CONFIG": self.configs["sam"], "EDITOR": editor})
        self.assertIn("escalate.to: expected a person on the roster", r.err)
        self.assertIn("your edit is kept", r.err)
        self.assertEqual(Path(self.homes["sam"], "team.toml").read_text(), before)
        Path(editor).write_text('#!/bin/sh\nsed -i "s/^to = .*/to = \\"Dini\\"/" "$1"\n')
        Path(self.homes["sam"], ".edit-team.toml").unlink()
        Path(self.homes["sam"], ".edit-team.base").unlink()
        self.owner("team", "edit", env={"OWNER_HOME": self.homes["sam"], "OWNER_CONFIG": self.configs["sam"],
                                        "EDITOR": editor})
        self.assertEqual(tomllib.loads(Path(self.homes["sam"], "team.toml").read_text())["escalate"]["to"], "Dini")
        self.assertEqual(self.git("sam", "status", "--porcelain"), "")
        self.assertEqual(self.git("sam", "log", "-1", "--format=%s").strip(), "owner: team team.toml")

    def test_two_edits_of_the_roster_on_two_clones_merge_line_by_line(self):
        self.start_team()
        editor = os.path.join(self.tmp, "editor.sh")
        for person, script in (("sam", "s/^to = .*/to = \"Dini\"/"),
                               ("dini", "s/dini@example.com/dk@example.com/")):
            Path(editor).write_text(f"#!/bin/sh\nsed -i '{script}' \"$1\"\n")
            os.chmod(editor, 0o755)
            self.owner("team", "edit", env={"OWNER_HOME": self.homes[person], "OWNER_CONFIG": self.configs[person],
                                            "EDITOR": editor})
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("sam", "sync")
        for person in ("sam", "dini"):
            team = tomllib.loads(Path(self.homes[person], "team.toml").read_text())
            self.assertEqual(team["escalate"]["to"], "Dini")
            self.assertEqual(team["people"]["Dini"]["email"], "dk@example.com")

    def test_a_newer_team_schema_is_refused_in_one_line(self):
        self.start_team()
        path = Path(self.homes["dini"], "team.toml")
        path.write_text(path.read_text().replace("schema = 1", "schema = 2"))
        r = self.at("dini", "list", expect=1)
        self.assertEqual(r.err.strip().splitlines(),
                         [f"owner: error: {path}:2: schema: this owner reads team schema 1, the file has schema 2 "
                          "(written by a newer owner?)"])

    def test_a_roster_that_does_not_read_stops_the_sync_before_it_reaches_the_store(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()
        before = Path(self.homes["sam"], "team.toml").read_text()
        # A newer owner on Dini's machine, then a hand edit that breaks the file: pushed with git.
        for text, why in ((before.replace("schema = 1", "schema = 2"), "this owner reads team schema 1"),
                          (before.replace('to = "Lena Visser"', 'to = "Lena'), "team.toml")):
            Path(self.homes["dini"], "team.toml").write_text(text)
            self.git("dini", "commit", "-qam", "roster by hand")
            self.git("dini", "push", "-q", "origin", "HEAD")
            r = self.at("sam", "sync", expect=1)
            self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
            self.assertIn("sync stopped, your store is as it was", r.err)
            self.assertIn("the team's roster does not read", r.err)
            self.assertIn(why, r.err)
            self.assertEqual(Path(self.homes["sam"], "team.toml").read_text(), before)
            self.assertIn(cid, self.at("sam", "list").out)  # every command still works
            self.git("dini", "reset", "-q", "--hard", "HEAD~1")
            self.git("dini", "push", "-q", "-f", "origin", "HEAD")
        self.at("sam", "sync")


class TeamInitInterrupted(Team):
    """`team init` writes every case and the roster: killed or out of disk, it loses nothing, and
    running it again finishes it."""

    def cases_of(self, home):
        """{id: parsed case} of every case file under `home`, failing on one that does not parse."""
        found = {}
        for folder in ("cases", "archive"):
            for p in Path(home, folder).rglob("*.toml"):
                if not p.name.startswith("."):
                    found[p.stem] = tomllib.loads(p.read_text())
        return found

    def assert_finished(self, home, before):
        after = self.cases_of(home)
        self.assertEqual(sorted(after), sorted(before))
        for cid, case in after.items():
            self.assertEqual(case.pop("owner"), "Sam Jansen", cid)
            case.pop("schema")
            expected = dict(before[cid])
            expected.pop("schema")
            self.assertEqual(case, expected, cid)
        self.assertIn("Sam Jansen", tomllib.loads(Path(home, "team.toml").read_text())["people"])

    @staticmethod
    def forty(home, config, owner):
        """Imports forty cases into the store `home` with `owner` (the test's runner)."""
        cases = [{"toml": f'schema = 1\nid = "c{n:02d}zz"\ntitle = "Case {n:02d}"\ncustomer = "Customer {n:02d}"\n'
                          f'opened = 2026-11-02T09:00:00+01:00\npriority = "normal"\n'
                          f'\n[[log]]\nat = 2026-11-02T09:00:00+01:00\nevent = "opened"\n'} for n in range(40)]
        owner("import", "-", env={"OWNER_HOME": home, "OWNER_CONFIG": config},
              input=json.dumps({"schema": 1, "cases": cases}))

    def forty_cases(self):
        self.forty(self.homes["sam"], self.configs["sam"], self.owner)
        return self.cases_of(self.homes["sam"])

    def test_a_killed_team_init_is_finished_by_running_it_again(self):
        before = self.forty_cases()
        random.seed(27)
        midway = 0
        for run in range(10):
            home = os.path.join(self.tmp, f"killed{run}")
            shutil.copytree(self.homes["sam"], home, symlinks=True)
            env = dict(self.env, OWNER_HOME=home, OWNER_CONFIG=self.configs["sam"])
            proc = subprocess.Popen([BIN, "team", "init"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.0, 0.12))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            owned = sum("owner" in c for c in self.cases_of(home).values())
            midway += 0 < owned < 40
            r = self.owner("team", "init", env={"OWNER_HOME": home, "OWNER_CONFIG": self.configs["sam"]},
                           expect=None)
            self.assertIn(r.code, (0, 1), r.err)
            if r.code == 1:  # killed after the roster, the last file it writes: nothing was left
                self.assertIn("team.toml exists already", r.err)
            self.assert_finished(home, before)
            # What a killed run wrote or staged and did not commit is changed or added, never
            # deleted: sync commits it.
            status = subprocess.run(["git", "-C", home, "status", "--porcelain"], env=dict(self.env),
                                    capture_output=True, text=True, check=True).stdout.splitlines()
            self.assertTrue(all(line[:2] in (" M", "M ", "A ", "??") for line in status), status)
        print(f"team init killed midway: {midway} of 10")

    def test_a_full_disk_stops_team_init_in_one_line_and_running_it_again_finishes(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs")
        mnt = os.path.join(self.tmp, "small")
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=768k", "tmpfs", mnt], capture_output=True).returncode:
            self.skipTest("cannot mount tmpfs here")
        self.addCleanup(subprocess.run, ["umount", mnt])
        home = os.path.join(mnt, "store")
        env = {"OWNER_HOME": home, "OWNER_CONFIG": self.configs["sam"]}
        self.forty(home, self.configs["sam"], self.owner)
        before = self.cases_of(home)
        fill_disk(mnt)  # each rewrite needs a page besides the file it replaces
        r = self.owner("team", "init", env=env, expect=1)
        self.assertRegex(r.err.strip(), r"^owner: error: .*No space left on device")
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertFalse(Path(home, "team.toml").exists())
        self.assertEqual(sorted(self.cases_of(home)), sorted(before))  # every file still parses
        os.remove(os.path.join(mnt, "filler"))
        self.owner("team", "init", env=env)
        self.assert_finished(home, before)


class Ownership(Team):
    def test_new_sets_the_owner_and_the_listings_show_your_own_cases_unless_widened(self):
        self.start_team()
        mine = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()
        hers = self.at("dini", "new", "Refund", "--customer", "Bo").out.strip()
        self.assertEqual(self.case("dini", hers)["owner"], "Dini")
        self.at("dini", "sync")
        self.at("sam", "sync")
        ids = lambda r: [c["id"] for c in r.json()["cases"]]
        self.assertEqual(ids(self.at("sam", "list", "--json")), [mine])
        self.assertEqual(ids(self.at("sam", "list", "--mine", "--json")), [mine])
        self.assertEqual(sorted(ids(self.at("sam", "list", "--team", "--json"))), sorted([mine, hers]))
        self.assertEqual(ids(self.at("sam", "list", "--owner", "dini", "--json")), [hers])
        owners = {c["id"]: c["owner"] for c in self.at("sam", "list", "--team", "--json").json()["cases"]}
        self.assertEqual(owners, {mine: "Sam Jansen", hers: "Dini"})
        text = self.at("sam", "list", "--team").out
        self.assertIn("OWNER", text.splitlines()[0])
        exported = self.at("sam", "export", "--team").json()["cases"]
        self.assertEqual(sorted(e["case"]["owner"] for e in exported), ["Dini", "Sam Jansen"])
        self.assertEqual([e["case"]["id"] for e in self.at("sam", "export").json()["cases"]], [mine])
        self.assertNotIn(hers, self.at("sam", "prioritize").out)
        self.assertIn(hers, self.at("sam", "prioritize", "--team").out)
        self.at("sam", "list", "--mine", "--team", expect=2)
        self.at("sam", "close", mine, "--accepted")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "close", hers, "--accepted")
        self.at("dini", "sync")
        self.at("sam", "sync")
        self.assertEqual(self.at("sam", "stats", "--json").json()["closed_accepted"], 1)
        self.assertEqual(self.at("sam", "stats", "--team", "--json").json()["closed_accepted"], 2)

    def test_a_store_of_one_person_has_owner_in_its_json_and_writes_no_owner(self):
        self.use_config('name = "Sam"\n')
        cid = self.new("Router", "Kim")
        self.assertNotIn("owner =", self.read_case(cid))
        self.assertIn("schema = 1\n", self.read_case(cid))
        case = self.owner("list", "--json").json()["cases"][0]
        self.assertIn("owner", case)
        self.assertIsNone(case["owner"])
        self.assertEqual([c["id"] for c in self.owner("list", "--mine", "--json").json()["cases"]], [cid])


class AskedOfYou(Team):
    def test_a_colleague_sees_what_was_asked_of_her_overdue_first_with_owner_case_and_due(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "plan", cid, "Refund the fee", "--who", "dini", "--due", "tue 10:00",
                now="2026-11-23T09:00:00+01:00")
        self.at("sam", "plan", cid, "Call Kim back", "--due", "thu 10:00")
        own = self.at("dini", "new", "Her own case", "--customer", "Bo").out.strip()
        for person in ("sam", "dini", "sam"):
            self.at(person, "sync")
        self.at("dini", "sync")
        today = self.at("dini", "today", "--json").json()
        asked = next(s for s in today["sections"] if s["key"] == "asked")
        self.assertEqual([(i["what"], i["case"], i["owner"], i["when"]) for i in asked["items"]],
                         [("Refund the fee", cid, "Sam Jansen", "2026-11-24T10:00:00+01:00"),
                          ("Credit note", cid, "Sam Jansen", "2026-11-27T12:00:00+01:00")])
        self.assertEqual(today["open_cases"], 1)  # her own; Sam's case only through what he asked
        text = self.at("dini", "today").out
        self.assertIn("Asked of you (2)", text)
        self.assertIn("Refund the fee — for Sam Jansen", text)
        self.assertNotIn("Call Kim back", text)
        self.assertIn(own, text)
        agenda = self.at("dini", "agenda").out
        self.assertIn("Credit note — for Sam Jansen", agenda)
        self.assertNotIn("Call Kim back", agenda)
        # Sam's morning does not show Dini's case, nor anything asked of him.
        sam = self.at("sam", "today").out
        self.assertNotIn(own, sam)
        self.assertNotIn("Asked of you", sam)

    def test_asked_of_you_speaks_dutch_and_german(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        for lang, heading, phrase in (("nl", "Aan u gevraagd (1)", "Credit note — voor Sam Jansen"),
                                      ("de", "Von Ihnen erbeten (1)", "Credit note — für Sam Jansen")):
            Path(self.configs["dini"]).write_text(f'name = "Dini"\nlanguage = "{lang}"\n')
            out = self.at("dini", "today").out
            self.assertIn(heading, out)
            self.assertIn(phrase, out)


class Reports(Team):
    def test_a_colleague_reports_in_the_case_and_the_owner_sees_it_the_next_morning(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "sync")
        checks = self.case("sam", cid)["actions"][0]["checks"]
        self.assertEqual(len(checks), 2)
        self.at("dini", "sync")
        self.at("dini", "check", cid, "on-track", "--note", "billing has it", now="2026-11-25T10:00:00+01:00")
        self.at("dini", "note", cid, "Kim called me", now="2026-11-25T10:05:00+01:00")
        self.at("dini", "sync")
        self.at("sam", "sync")
        case = self.case("sam", cid)
        self.assertEqual([(e["event"], e.get("by")) for e in case["log"]][-2:], [("check", "Dini"), ("note", "Dini")])
        self.assertTrue(all("by" not in e for e in case["log"][:-2]))  # the owner's own entries
        # Her report answered the first check: one is left.
        self.assertEqual(len(case["actions"][0]["checks"]), 1)
        today = self.at("sam", "today", "--json", now="2026-11-26T09:00:00+01:00").json()
        reported = next(s for s in today["sections"] if s["key"] == "reported")
        self.assertEqual([(i["who"], i["what"]) for i in reported["items"]],
                         [("Dini", "on-track: Credit note (Dini) — billing has it"), ("Dini", "Kim called me")])
        text = self.at("sam", "today", now="2026-11-26T09:00:00+01:00").out
        self.assertIn("Reported by colleagues (2)", text)
        # Derived from the log: a working day later it is gone by itself.
        later = self.at("sam", "today", "--json", now="2026-11-30T09:00:00+01:00").json()
        self.assertNotIn("reported", [s["key"] for s in later["sections"]])

    def test_a_stalled_report_is_a_stalled_check_and_done_closes_the_action(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim", "--deadline", "mon 17:00").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "plan", cid, "Refund", "--who", "Dini", "--due", "fri 16:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "check", cid, "credit", "stalled", "--note", "billing is away", now="2026-11-25T11:00:00+01:00")
        self.at("dini", "done", cid, "refund", now="2026-11-25T11:30:00+01:00")
        self.at("dini", "sync")
        self.at("sam", "sync")
        case = self.case("sam", cid)
        self.assertIn("stalled", case["actions"][0])
        self.assertIn("done", case["actions"][1])
        self.assertEqual(case["log"][-1]["by"], "Dini")
        escalations = self.at("sam", "escalate", "--json", now="2026-11-25T12:00:00+01:00").json()["escalations"]
        self.assertEqual([(e["case"], e["rule"], e["contact"]) for e in escalations][:1],
                         [(cid, "stalled", "Lena Visser")])


class Handoff(Team):
    def test_the_lead_hands_a_case_over_while_its_owner_is_away_and_no_action_moves(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Call Kim back", "--due", "fri 12:00")
        self.at("sam", "plan", cid, "Credit note", "--who", "Lena", "--due", "fri 16:00")
        self.at("sam", "sync")
        self.at("lena", "sync")
        r = self.at("lena", "handoff", cid, "--to", "dini", "--note", "Sam is on holiday",
                    now="2026-11-25T11:00:00+01:00")
        self.assertIn("1 open action of Sam Jansen kept by Sam Jansen", r.err)
        case = self.case("lena", cid)
        self.assertEqual(case["owner"], "Dini")
        self.assertEqual([a.get("who") for a in case["actions"]], ["Sam Jansen", "Lena Visser"])
        self.assertEqual((case["log"][-1]["event"], case["log"][-1]["by"]), ("handoff", "Lena Visser"))
        self.at("lena", "sync")
        self.at("dini", "sync")
        today = self.at("dini", "today", "--json", now="2026-11-25T12:00:00+01:00").json()
        handed = next(s for s in today["sections"] if s["key"] == "handed")
        self.assertEqual([(i["case"], i["who"], i["by"], i["what"]) for i in handed["items"]],
                         [(cid, "Sam Jansen", "Lena Visser", "Sam is on holiday")])
        text = self.at("dini", "today", now="2026-11-25T12:00:00+01:00").out
        self.assertIn("Handed to you (1)", text)
        self.assertIn("Sam is on holiday — from Sam Jansen (handed over by Lena Visser)", text)
        # Sam's view: the case is Dini's now, and his call is asked of him there.
        sam = self.at("sam", "sync")
        sam = self.at("sam", "today", "--json", now="2026-11-25T12:00:00+01:00").json()
        self.assertEqual(sam["open_cases"], 0)
        asked = next(s for s in sam["sections"] if s["key"] == "asked")
        self.assertEqual([(i["what"], i["owner"]) for i in asked["items"]], [("Call Kim back", "Dini")])
        self.at("dini", "handoff", cid, "--to", "Nobody", expect=2)

    def test_stats_count_case_handoffs_beside_actions_handed_and_lead_time_by_both(self):
        self.start_team()
        plain = self.at("sam", "new", "Router", "--customer", "Bo").out.strip()
        moved = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", moved, "Credit note", "--who", "Lena", "--due", "fri 12:00")
        self.at("sam", "done", moved, "credit", now="2026-11-25T10:00:00+01:00")
        self.at("sam", "close", plain, "--accepted", now="2026-11-26T09:00:00+01:00")
        self.at("sam", "handoff", moved, "--to", "Dini", now="2026-11-25T11:00:00+01:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "close", moved, "--accepted", now="2026-11-30T09:00:00+01:00")
        self.at("dini", "sync")
        stats = self.at("dini", "stats", "--team", "--json").json()
        self.assertEqual(stats["closed_accepted"], 2)
        self.assertEqual(stats["case_handoffs"], 1)
        self.assertEqual(stats["case_handoffs_per_case"], 0.5)
        self.assertEqual(stats["handovers_per_case"], 0.5)  # Lena's credit note
        self.assertEqual([(g["handovers"], g["or_more"], g["cases"], g["lead_time_working_days_median"])
                          for g in stats["lead_time_by_handovers"]],
                         [(0, False, 1, 1.0), (1, False, 0, None), (2, True, 1, 3.0)])
        text = self.at("dini", "stats", "--team").out
        self.assertRegex(text, r"case handoffs per case +0\.5 \(1 in all\)")
        self.assertIn("lead time by hand-overs (actions handed and case handoffs)", text)
        self.assertRegex(text, r"\n  2 or more +1 case +median 5\.0 days \(3\.0 working days\)\n")
        self.assertRegex(text, r"\n  1 +0 cases +-\n")

    def test_a_handoff_with_the_owners_own_open_action_is_one_hand_over_not_two(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Bo", now="2026-11-23T09:00:00+01:00").out.strip()
        self.at("sam", "plan", cid, "Fix it", "--due", "fri 12:00", now="2026-11-23T09:05:00+01:00")
        self.at("sam", "handoff", cid, "--to", "Dini", now="2026-11-24T09:00:00+01:00")
        self.assertEqual(self.case("sam", cid)["actions"][0]["who"], "Sam Jansen")  # written out
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "done", cid, "fix", now="2026-11-25T10:00:00+01:00")
        self.at("dini", "close", cid, "--accepted", now="2026-11-25T11:00:00+01:00")
        stats = self.at("dini", "stats", "--team", "--json").json()
        self.assertEqual((stats["case_handoffs"], stats["handovers_per_case"]), (1, 0.0))
        self.assertEqual([g["cases"] for g in stats["lead_time_by_handovers"]], [0, 1, 0])


class OwnActions(Team):
    """An action is the case owner's own, whoever runs owner: a lead on a colleague's case."""

    def test_a_lead_withdrawing_a_colleagues_case_names_the_others_not_the_case_owner(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Call Kim back", "--due", "fri 12:00")
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 16:00")
        self.at("sam", "sync")
        self.at("lena", "sync")
        # Dini owns it now; Sam's call is written out as his, her credit note is her own.
        self.at("lena", "handoff", cid, "--to", "Dini")
        r = self.at("lena", "close", cid, "--withdrawn", "Kim found the refund")
        self.assertIn("cancelled      2 open actions (of Sam Jansen): tell them it is no longer needed", r.out)
        self.assertIn("--- to Sam Jansen ---", r.out)
        self.assertNotIn("--- to Dini ---", r.out)
        self.assertIn("hand-overs     1\n", r.out)

    def test_a_leads_plan_on_a_colleagues_case_hands_over_to_her_not_to_the_owner(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Bo").out.strip()
        self.at("sam", "sync")
        self.at("lena", "sync")
        self.at("lena", "plan", cid, "Ask the supplier", "--who", "Lena", "--due", "fri 12:00")
        self.at("lena", "plan", cid, "Ship a router", "--who", "Sam", "--due", "fri 15:00")
        actions = self.case("lena", cid)["actions"]
        self.assertEqual([(a["what"], a.get("who"), len(a.get("checks", []))) for a in actions],
                         [("Ask the supplier", "Lena Visser", 2), ("Ship a router", None, 0)])

    def test_stats_count_hand_overs_against_the_case_owner_whoever_runs_them(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Bo").out.strip()
        self.at("sam", "plan", cid, "Ask the supplier", "--who", "Lena", "--due", "fri 12:00")
        self.at("sam", "plan", cid, "Ship a router", "--due", "fri 15:00")
        self.at("sam", "done", cid, "supplier")
        self.at("sam", "done", cid, "ship")
        self.at("sam", "close", cid, "--accepted")
        self.at("sam", "sync")
        self.at("lena", "sync")
        sam = self.at("sam", "stats", "--json").json()
        lena = self.at("lena", "stats", "--owner", "Sam", "--json").json()
        self.assertEqual(sam["handovers_per_case"], 1)
        self.assertEqual(lena["handovers_per_case"], 1)
        self.assertEqual(self.at("lena", "stats", "--team", "--json").json()["handovers_per_case"], 1)


class Show(Team):
    def test_show_names_the_owner_and_who_wrote_an_entry_and_json_has_the_effort(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00", "--effort", "2wh")
        self.at("sam", "plan", cid, "Call Kim back", "--due", "fri 15:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("dini", "note", cid, "billing has it", now="2026-11-25T10:00:00+01:00")
        text = self.at("dini", "show", cid, now="2026-11-25T10:05:00+01:00").out
        self.assertRegex(text, r"\n  owner +Sam Jansen\n")
        note = next(line for line in text.splitlines() if "billing has it" in line)
        self.assertRegex(note, r"note by Dini +billing has it")
        self.assertIn("Call Kim back — Sam Jansen, due", text)  # the owner's, not Dini's "me"
        self.assertNotIn(" by ", next(line for line in text.splitlines() if "opened" in line and "Wed" in line))
        case = self.at("dini", "show", cid, "--json").json()["case"]
        self.assertEqual(case["owner"], "Sam Jansen")
        self.assertEqual([a["effort"] for a in case["actions"]], ["2wh", None])
        self.assertEqual(case["log"][-1]["by"], "Dini")

    def test_a_store_of_one_person_shows_no_owner_line_but_json_keeps_the_keys(self):
        self.use_config('name = "Sam"\n')
        cid = self.new("Router", "Kim")
        self.owner("plan", cid, "Ship it", "--due", "fri 12:00")
        self.assertNotRegex(self.owner("show", cid).out, r"\n  owner ")
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertIsNone(case["owner"])
        self.assertIsNone(case["actions"][0]["effort"])


def section(today, key):
    return next((s for s in today["sections"] if s["key"] == key), None)


class EscalatedToYou(Team):
    def escalate_to_lena(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "escalate", cid, "--to", "lena", "--reason", "billing is stuck",
                now="2026-11-25T10:00:00+01:00")
        self.at("sam", "sync")
        self.at("lena", "sync")
        return cid

    def test_an_escalation_reaches_the_lead_until_she_records_something_on_the_case(self):
        cid = self.escalate_to_lena()
        entry = self.case("sam", cid)["log"][-1]
        self.assertEqual((entry["event"], entry["to"]), ("escalated", "Lena Visser"))  # the roster's name
        now = "2026-11-25T11:00:00+01:00"
        today = self.at("lena", "today", "--json", now=now).json()
        self.assertEqual(today["open_cases"], 0)
        items = section(today, "escalated")["items"]
        self.assertEqual([(i["kind"], i["case"], i["customer"], i["owner"], i["what"], i["when"]) for i in items],
                         [("escalated", cid, "Kim", "Sam Jansen", "billing is stuck", "2026-11-25T10:00:00+01:00")])
        text = self.at("lena", "today", now=now).out
        self.assertIn("Escalated to you (1)", text)
        self.assertIn("billing is stuck — case of Sam Jansen", text)
        # Nobody else is shown it: not the owner who escalated, not the colleague.
        for person in ("sam", "dini"):
            self.assertIsNone(section(self.at(person, "today", "--json", now=now).json(), "escalated"))
        # Her remind says it once.
        r = self.at("lena", "remind", now=now, expect=3)
        self.assertIn("escalated to you by Sam Jansen: billing is stuck", r.out)
        self.assertEqual(self.at("lena", "remind", now="2026-11-25T11:15:00+01:00").out, "")
        # Her note on the case answers it.
        self.at("lena", "note", cid, "I called billing", now="2026-11-25T11:30:00+01:00")
        self.assertIsNone(section(self.at("lena", "today", "--json", now=now).json(), "escalated"))
        self.assertEqual(self.case("lena", cid)["log"][-1]["by"], "Lena Visser")

    def test_the_owner_resolves_an_escalation_and_it_leaves_the_leads_today(self):
        cid = self.escalate_to_lena()
        self.assertIsNotNone(section(self.at("lena", "today", "--json", now="2026-11-25T11:00:00+01:00").json(),
                                     "escalated"))
        r = self.at("sam", "escalate", cid, "--resolved", "--reason", "billing answered",
                    now="2026-11-25T12:00:00+01:00")
        self.assertIn("resolved", r.err)
        entry = self.case("sam", cid)["log"][-1]
        self.assertEqual((entry["event"], entry["text"]), ("escalation resolved", "to Lena Visser: billing answered"))
        self.at("sam", "sync")
        self.at("lena", "sync")
        self.assertIsNone(section(self.at("lena", "today", "--json", now="2026-11-25T13:00:00+01:00").json(),
                                  "escalated"))
        again = self.at("sam", "escalate", cid, "--resolved", expect=1)
        self.assertEqual(again.err.strip().splitlines(),
                         [f"owner: error: case {cid} has no escalation waiting on its contact"])

    def test_escalated_to_you_speaks_dutch_and_german(self):
        self.escalate_to_lena()
        for lang, heading, phrase in (("nl", "Naar u geëscaleerd (1)", "billing is stuck — zaak van Sam Jansen"),
                                      ("de", "An Sie eskaliert (1)", "billing is stuck — Fall von Sam Jansen")):
            Path(self.configs["lena"]).write_text(f'name = "Lena"\nlanguage = "{lang}"\n')
            out = self.at("lena", "today", now="2026-11-25T11:00:00+01:00").out
            self.assertIn(heading, out)
            self.assertIn(phrase, out)


class CallBacks(Team):
    def test_the_lead_calls_back_sees_it_under_call_backs_and_the_draft_says_so(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim", "--deadline", "mon 17:00").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--due", "fri 12:00", "--tell", "a corrected invoice")
        r = self.at("sam", "callback", cid, "--who", "lena", "--due", "thu 16:00", "--note", "Kim asked for a manager")
        self.assertIn("Lena Visser calls Kim back", r.err)
        action = self.case("sam", cid)["actions"][1]
        self.assertEqual((action["what"], action["who"], action["kind"]), ("Call Kim back", "Lena Visser", "callback"))
        self.assertEqual(len(action["checks"]), 2)  # checked like any hand-over
        self.assertEqual(self.case("sam", cid)["schema"], 2)
        kinds = [a["kind"] for a in self.at("sam", "show", cid, "--json").json()["case"]["actions"]]
        self.assertEqual(kinds, [None, "callback"])
        draft = self.at("sam", "draft", cid).out
        self.assertIn("- Our team lead will call you back — by Thursday 26 November", draft)
        self.assertTrue(draft.rstrip().endswith("Sam Jansen"))
        self.assertIn("- Onze teamleider belt u terug — uiterlijk donderdag 26 november",
                      self.at("sam", "draft", cid, "--lang", "nl").out)
        self.assertIn("- Unsere Teamleitung ruft Sie zurück — bis Donnerstag, 26. November",
                      self.at("sam", "draft", cid, "--lang", "de").out)
        self.at("sam", "sync")
        self.at("lena", "sync")
        today = self.at("lena", "today", "--json").json()
        self.assertIsNone(section(today, "asked"))  # not also under "Asked of you"
        self.assertEqual([(i["kind"], i["what"], i["case"], i["owner"], i["when"])
                          for i in section(today, "callbacks")["items"]],
                         [("callback", "Call Kim back", cid, "Sam Jansen", "2026-11-26T16:00:00+01:00")])
        self.assertIn("Call-backs (1)", self.at("lena", "today").out)
        # Once its time has passed, her call-back counts as overdue in her header, as in `owner team`.
        late = self.at("lena", "today", now="2026-11-26T17:00:00+01:00").out.splitlines()[0]
        self.assertIn(" · 1 overdue · ", late)
        # The lead drafts to the customer: the Who stays the case's owner.
        self.assertTrue(self.at("lena", "draft", cid).out.rstrip().endswith("Sam Jansen"))
        # Her report answers the owner's check, as any colleague's.
        self.at("lena", "check", cid, "call kim", "on-track", "--note", "calling at 3", now="2026-11-25T11:00:00+01:00")
        self.at("lena", "done", cid, "call kim", now="2026-11-26T15:00:00+01:00")
        self.at("lena", "sync")
        self.at("sam", "sync")
        action = self.case("sam", cid)["actions"][1]
        self.assertIn("done", action)
        self.assertEqual(self.case("sam", cid)["log"][-1]["by"], "Lena Visser")

    def test_a_colleague_not_a_lead_is_named_and_a_name_off_the_roster_is_refused(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()
        self.at("sam", "callback", cid, "--who", "Dini", "--due", "fri 10:00")
        self.assertIn("- My colleague Dini will call you back — by Friday 27 November", self.at("sam", "draft", cid).out)
        self.assertIn("- Dini aus meinem Team ruft Sie zurück", self.at("sam", "draft", cid, "--lang", "de").out)
        self.assertIn("- Mijn collega Dini belt u terug", self.at("sam", "draft", cid, "--lang", "nl").out)
        r = self.at("sam", "callback", cid, "--who", "Lina", "--due", "fri", expect=2)
        self.assertEqual(r.err.strip().splitlines(),
                         ["owner: error: --who: 'Lina' is not on the team's roster; did you mean 'Lena Visser'?"])


class RemindPerPerson(Team):
    """Each person's cron says what concerns them, once: three clones of one bare repository."""

    def reasons(self, person, now, expect=3):
        r = self.at(person, "remind", "--json", now=now, expect=expect)
        return sorted((line["case"], reason["kind"], reason["text"])
                      for line in r.json()["reminders"] for reason in line["reasons"])

    def test_each_person_is_reminded_of_their_own_cases_and_what_is_asked_of_them_once(self):
        self.start_team()
        a = self.at("sam", "new", "Double charge", "--customer", "Kim", now="2026-11-25T08:00:00+01:00").out.strip()
        self.at("sam", "told", a, now="2026-11-25T08:05:00+01:00")
        self.at("sam", "plan", a, "Send the invoice copy", "--due", "today 10:00", now="2026-11-25T08:10:00+01:00")
        self.at("sam", "plan", a, "Credit note", "--who", "Dini", "--due", "thu 12:00", now="2026-11-25T08:10:00+01:00")
        self.at("sam", "callback", a, "--who", "Lena", "--due", "thu 16:00", now="2026-11-25T08:15:00+01:00")
        self.at("sam", "escalate", a, "--to", "Lena", "--reason", "billing is stuck", now="2026-11-25T08:20:00+01:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        b = self.at("dini", "new", "Refund", "--customer", "Bo", now="2026-11-25T08:00:00+01:00").out.strip()
        self.at("dini", "told", b, now="2026-11-25T08:05:00+01:00")
        self.at("dini", "plan", b, "Refund Bo", "--due", "today 10:30", now="2026-11-25T08:10:00+01:00")
        self.at("dini", "sync")
        self.at("lena", "sync")
        self.at("sam", "sync")
        now = "2026-11-25T10:45:00+01:00"  # before the first checks on Dini and Lena (11:00)
        self.assertEqual(self.reasons("sam", now), [(a, "action", "due: Send the invoice copy")])
        self.assertEqual(self.reasons("dini", now),
                         sorted([(a, "asked", "asked of you by Sam Jansen: Credit note"), (b, "action", "due: Refund Bo")]))
        self.assertEqual(self.reasons("lena", now),
                         [(a, "callback", "call-back for Sam Jansen: Call Kim back"),
                          (a, "escalated", "escalated to you by Sam Jansen: billing is stuck")])
        # Nothing is said twice.
        for person in self.PEOPLE:
            self.assertEqual(self.reasons(person, "2026-11-25T10:50:00+01:00", expect=0), [], person)
        # The next day what is asked of them comes due, each to the one who does it, once.
        self.assertIn((a, "action", "due: Credit note"), self.reasons("dini", "2026-11-26T12:15:00+01:00"))
        self.assertEqual(self.reasons("dini", "2026-11-26T12:30:00+01:00", expect=0), [])
        lena = self.reasons("lena", "2026-11-26T16:15:00+01:00")
        self.assertEqual(lena, [(a, "action", "due: Call Kim back")])
        self.assertEqual(self.reasons("lena", "2026-11-26T16:30:00+01:00", expect=0), [])
        sam = self.reasons("sam", "2026-11-26T16:15:00+01:00")
        self.assertNotIn(b, [case for case, _, _ in sam])
        self.assertFalse({"asked", "callback", "escalated"} & {kind for _, kind, _ in sam}, sam)


class ColleagueEscalates(Team):
    """Dini reports Sam's action stalled and escalates his case herself (a team's user test)."""

    def stalled_by_dini(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim", "--deadline", "mon 17:00").out.strip()
        self.at("sam", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 12:00")
        self.at("sam", "sync")
        self.at("dini", "sync")
        r = self.at("dini", "check", cid, "credit", "stalled", "--note", "billing is away",
                    now="2026-11-25T11:00:00+01:00")
        return cid, r

    def test_the_owner_gets_the_heads_up_not_the_colleague_and_the_lead_learns_who_escalated(self):
        cid, _ = self.stalled_by_dini()
        r = self.at("dini", "escalate", cid, now="2026-11-25T11:05:00+01:00")
        self.assertEqual(re.findall(r"^--- to (.*) ---$", r.out, re.M), ["Lena Visser", "Sam Jansen"])
        to_sam = r.out.split("--- to Sam Jansen ---\n")[1]
        self.assertTrue(to_sam.startswith("Hi Sam,\n"), to_sam)
        self.assertIn(f'I escalated your case {cid} for Kim ("Double charge") to Lena Visser.', to_sam)
        self.assertIn('"Credit note" (Dini) stalled', to_sam)
        self.assertIn('What is needed: Dini to get "Credit note" done by Friday 27 November at 12:00.', to_sam)
        self.assertTrue(to_sam.rstrip().endswith("\n\nDini"), to_sam)
        self.assertEqual(self.case("dini", cid)["log"][-1]["by"], "Dini")
        for lang, hello, says in (("nl", "Hoi Sam,", f"Ter info: ik heb jouw zaak {cid} voor Kim"),
                                  ("de", "Hallo Sam,", f"zur Info: Ich habe deinen Fall {cid} für Kim")):
            out = self.at("dini", "escalate", cid, "--lang", lang, "--reason", "billing is away",
                          now="2026-11-25T11:10:00+01:00").out
            self.assertEqual(re.findall(r"^--- to (.*) ---$", out, re.M), ["Lena Visser", "Sam Jansen"])
            to_sam = out.split("--- to Sam Jansen ---\n")[1]
            self.assertTrue(to_sam.startswith(hello + "\n"), to_sam)
            self.assertIn(says, to_sam)
        self.at("dini", "sync")
        self.at("lena", "sync")
        r = self.at("lena", "remind", now="2026-11-25T11:30:00+01:00", expect=3)
        self.assertIn("escalated to you by Dini: ", r.out)
        self.assertNotIn("by Sam Jansen", r.out)

    def test_the_owner_escalating_his_own_case_drafts_no_heads_up_to_himself(self):
        cid, _ = self.stalled_by_dini()
        self.at("dini", "sync")
        self.at("sam", "sync")
        r = self.at("sam", "escalate", cid, now="2026-11-25T11:05:00+01:00")
        self.assertEqual(re.findall(r"^--- to (.*) ---$", r.out, re.M), ["Lena Visser", "Dini"])

    def test_a_colleague_on_anothers_case_gets_advice_for_her_and_the_owner_keeps_his(self):
        cid, r = self.stalled_by_dini()
        self.assertNotIn("owner escalate", r.err)
        self.assertIn("'Credit note' is stalled; Sam Jansen, the case's owner, sees your report in their today", r.err)
        r = self.at("dini", "deadline", cid, "tue 17:00", "--reason", "billing is away",
                    now="2026-11-25T11:10:00+01:00")
        self.assertNotIn("owner draft", r.err)
        self.assertIn("Sam Jansen, the case's owner, sees it in their today and tells them", r.err)
        r = self.at("dini", "done", cid, "credit", now="2026-11-25T11:20:00+01:00")
        self.assertNotIn("plan the next step", r.err)
        self.assertIn(f"case {cid} has no open action left; Sam Jansen, its owner, sees your report in their today",
                      r.err)
        r = self.at("dini", "draft", cid, "--solution", "--sent", now="2026-11-25T11:30:00+01:00")
        self.assertNotIn("you are reminded", r.err)
        self.assertIn("Sam Jansen, the case's owner, is reminded to ask for their yes", r.err)
        # The owner's own advice is as it was.
        self.at("sam", "plan", cid, "Call Kim", "--due", "fri 10:00")
        self.assertIn("owner escalate", self.at("sam", "check", cid, "call", "stalled").err)
        self.assertIn("tell them: owner draft", self.at("sam", "deadline", cid, "wed 17:00", "--reason", "x").err)
        self.at("sam", "done", cid, "credit")
        self.assertIn("plan the next step, or close it", self.at("sam", "done", cid, "call").err)


class ReportedTimesForPeople(Team):
    """A colleague's entry that names a time reads as the rest of the view, in every language."""

    def test_a_moved_deadline_and_a_hand_over_read_as_days_and_the_json_keeps_iso(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim", "--deadline", "mon 17:00").out.strip()
        self.at("sam", "sync")
        self.at("lena", "sync")
        self.at("lena", "deadline", cid, "tue 17:00", "--reason", "billing is away",
                now="2026-11-25T10:00:00+01:00")
        self.at("lena", "plan", cid, "Credit note", "--who", "Dini", "--due", "fri 11:00",
                now="2026-11-25T10:05:00+01:00")
        self.at("lena", "sync")
        self.at("sam", "sync")
        now = "2026-11-26T09:00:00+01:00"
        for lang, moved, due in (
                ("en", "moved from Mon 30 Nov 17:00 to Tue 1 Dec 17:00: billing is away", "due tomorrow 11:00"),
                ("nl", "moved from ma 30 nov 17:00 to di 1 dec 17:00: billing is away", "due morgen 11:00"),
                ("de", "moved from Mo 30. Nov 17:00 to Di 1. Dez 17:00: billing is away", "due morgen 11:00")):
            Path(self.configs["sam"]).write_text(f'name = "Sam Jansen"\nlanguage = "{lang}"\n')
            out = self.at("sam", "today", now=now).out
            self.assertIn(moved, out)
            self.assertIn(due, out)
            self.assertNotIn("T17:00:00", out)
        items = section(self.at("sam", "today", "--json", now=now).json(), "reported")["items"]
        self.assertIn("moved from 2026-11-30T17:00:00+01:00 to 2026-12-01T17:00:00+01:00: billing is away",
                      [i["what"] for i in items])
        show = self.at("sam", "show", cid, now=now).out
        self.assertIn("Credit note → Dini, due Fri 27 Nov 11:00", show)
        self.assertIn("moved from Mon 30 Nov 17:00 to Tue 1 Dec 17:00", show)
        self.assertNotIn("+01:00", show)
        log = self.at("sam", "show", cid, "--json", now=now).json()["case"]["log"]
        self.assertIn("Credit note → Dini, due 2026-11-27T11:00:00+01:00", [e["text"] for e in log])


class RosterClash(Team):
    """Lena and Sam change the same line of the roster on their clones (user test, three clones)."""

    def edit_roster(self, person, script):
        editor = os.path.join(self.tmp, f"editor-{person}.sh")
        Path(editor).write_text(f"#!/bin/sh\nsed -i '{script}' \"$1\"\n")
        os.chmod(editor, 0o755)
        self.owner("team", "edit", env={"OWNER_HOME": self.homes[person], "OWNER_CONFIG": self.configs[person],
                                        "EDITOR": editor})

    def roster(self, person):
        return tomllib.loads(Path(self.homes[person], "team.toml").read_text())

    def clash(self, lena_script="s/dini@example.com/dk@example.com/"):
        """Lena sets Dini's email and syncs; Sam adds an alias to Dini: the same line. Sam's sync stops."""
        self.start_team()
        self.edit_roster("lena", lena_script)
        self.at("lena", "sync")
        self.edit_roster("sam", 's/"Dini Kartika"\\]/"Dini Kartika", "DK"]/')
        self.assertEqual(self.roster("sam")["people"]["Dini"]["aliases"], ["Dini Kartika", "DK"])
        before, head = Path(self.homes["sam"], "team.toml").read_text(), self.git("sam", "rev-parse", "HEAD")
        r = self.at("sam", "sync", expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("team.toml: both sides changed the same lines of the roster", r.err)
        self.assertEqual(Path(self.homes["sam"], "team.toml").read_text(), before)
        self.assertEqual(self.git("sam", "rev-parse", "HEAD"), head)
        return r

    def test_the_clash_names_only_ways_out_that_work_and_prefer_theirs_settles_it(self):
        r = self.clash()
        # Each way out the message names, and only those: the two preferences and what each keeps.
        self.assertIn("'owner sync --prefer ours'", r.err)
        self.assertIn("'owner sync --prefer theirs'", r.err)
        self.assertIn("'owner sync --prefer ours' keeps this store's lines of the roster", r.err)
        self.assertNotIn("edit the case", r.err)
        self.assertNotIn("team edit' after the sync", r.err)
        cid = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()  # later work is kept
        r = self.at("sam", "sync", "--prefer", "theirs")
        self.assertIn("team.toml: sync kept their lines where both sides changed the roster", r.err)
        self.assertEqual(self.roster("sam")["people"]["Dini"], {"aliases": ["Dini Kartika"], "email": "dk@example.com"})
        self.at("lena", "sync")
        self.assertEqual(Path(self.homes["lena"], "team.toml").read_text(),
                         Path(self.homes["sam"], "team.toml").read_text())
        self.assertIn(cid, self.at("lena", "list", "--team").out)
        # Settled: Sam works and syncs as before, cron too.
        self.edit_roster("sam", 's/"Dini Kartika"\\]/"Dini Kartika", "DK"]/')
        self.at("sam", "sync")
        self.assertNotEqual(self.at("sam", "remind", "--sync", expect=None).code, 6)
        self.at("lena", "sync")
        self.assertEqual(self.roster("lena")["people"]["Dini"], {"aliases": ["Dini Kartika", "DK"], "email": "dk@example.com"})

    def test_prefer_ours_keeps_the_lines_of_this_clone_and_the_others_changes(self):
        self.clash()
        self.at("sam", "note", self.at("sam", "new", "Invoice", "--customer", "Bo").out.strip(), "called Bo")
        r = self.at("sam", "sync", "--prefer", "ours")
        self.assertIn("team.toml: sync kept our lines where both sides changed the roster", r.err)
        self.assertEqual(self.roster("sam")["people"]["Dini"],
                         {"aliases": ["Dini Kartika", "DK"], "email": "dini@example.com"})
        self.at("lena", "sync")
        self.assertEqual(self.roster("lena"), self.roster("sam"))
        self.assertEqual(self.git("sam", "status", "--porcelain"), "")

    def test_a_preference_that_leaves_a_roster_that_does_not_read_stops_and_loses_nothing(self):
        # Lena renames Dini to Dina on the clashing line and escalates to Dina below it: Sam's line
        # with Lena's escalation names nobody on the roster.
        self.clash(lena_script='s/^"Dini" = /"Dina" = /; s/dini@example.com/dk@example.com/; s/^to = .*/to = "Dina"/')
        before, head = Path(self.homes["sam"], "team.toml").read_text(), self.git("sam", "rev-parse", "HEAD")
        r = self.at("sam", "sync", "--prefer", "ours", expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("sync stopped, your store is as it was", r.err)
        self.assertIn("escalate.to: expected a person on the roster", r.err)
        self.assertIn("'owner sync --prefer theirs'", r.err)
        self.assertNotIn("--prefer ours'", r.err)
        self.assertEqual(Path(self.homes["sam"], "team.toml").read_text(), before)
        self.assertEqual(self.git("sam", "rev-parse", "HEAD"), head)
        self.at("sam", "sync", "--prefer", "theirs")
        self.assertEqual(self.roster("sam")["escalate"]["to"], "Dina")
        self.assertIn("Dina", self.roster("sam")["people"])


class NamesOnTheRoster(Team):
    """A name typed for a person must be someone on the store's roster (team.toml), or be refused."""

    def test_a_mistyped_who_or_to_is_refused_and_an_alias_reaches_the_person(self):
        self.start_team()
        cid = self.at("sam", "new", "Double charge", "--customer", "Kim").out.strip()
        before = Path(self.homes["sam"], "cases", cid + ".toml").read_text()
        r = self.at("sam", "plan", cid, "Check archive", "--who", "Dinni", "--due", "wed", expect=2)
        self.assertEqual(r.err.strip().splitlines(),
                         ["owner: error: --who: 'Dinni' is not on the team's roster; did you mean 'Dini'?"])
        r = self.at("sam", "escalate", cid, "--to", "Lenna", "--reason", "finance outage", expect=2)
        self.assertEqual(r.err.strip().splitlines(),
                         ["owner: error: --to: 'Lenna' is not on the team's roster; did you mean 'Lena Visser'?"])
        self.assertEqual(r.out, "")
        self.assertEqual(Path(self.homes["sam"], "cases", cid + ".toml").read_text(), before)
        # The same names as aliases reach the people on the roster.
        self.at("sam", "plan", cid, "Check archive", "--who", "Dini Kartika", "--due", "wed")
        r = self.at("sam", "escalate", cid, "--to", "lena", "--reason", "finance outage")
        self.assertIn("I escalated", r.out)
        self.assertNotIn("Lenna", r.out)
        self.assertEqual(self.case("sam", cid)["actions"][0]["who"], "Dini")
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.at("lena", "sync")
        self.assertEqual([i["case"] for i in section(self.at("dini", "today", "--json").json(), "asked")["items"]],
                         [cid])
        self.assertEqual([i["case"] for i in section(self.at("lena", "today", "--json").json(), "escalated")["items"]],
                         [cid])

    def test_an_owner_off_the_roster_is_refused_on_every_view_not_shown_as_idle(self):
        self.start_team()
        self.at("dini", "new", "Router", "--customer", "Kim")
        self.at("dini", "sync")
        self.at("lena", "sync")
        for command in ("list", "prioritize", "check", "escalate", "agenda", "status", "stats", "export", "report"):
            r = self.at("lena", command, "--owner", "Dinni", expect=2)
            self.assertEqual(r.err.strip().splitlines(),
                             ["owner: error: --owner: 'Dinni' is not on the team's roster; did you mean 'Dini'?"],
                             command)
            self.assertEqual(r.out, "", command)
        self.assertIn("Router", self.at("lena", "list", "--owner", "Dini Kartika").out)

    def test_team_edit_keeps_the_copy_when_it_would_lock_out_a_person_with_open_cases(self):
        self.start_team()
        cases = [self.at("sam", "new", f"Case {n}", "--customer", "Kim").out.strip() for n in range(3)]
        for cid in cases:
            self.at("sam", "handoff", cid, "--to", "Dini")
        editor = os.path.join(self.tmp, "editor.sh")
        Path(editor).write_text("#!/bin/sh\nsed -i '/^\"Dini\" = /d' \"$1\"\n")
        os.chmod(editor, 0o755)
        before = Path(self.homes["sam"], "team.toml").read_text()
        r = self.owner("team", "edit", expect=1, env={"OWNER_HOME": self.homes["sam"],
                                                      "OWNER_CONFIG": self.configs["sam"], "EDITOR": editor})
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("Dini: owns 3 open cases", r.err)
        self.assertIn("your edit is kept", r.err)
        self.assertEqual(Path(self.homes["sam"], "team.toml").read_text(), before)
        self.assertTrue(Path(self.homes["sam"], ".edit-team.toml").exists())
        self.at("sam", "sync")
        self.at("dini", "sync")
        self.assertEqual(len(self.at("dini", "list", "--json").json()["cases"]), 3)
        # A rename that keeps her old name as an alias is saved.
        Path(self.homes["sam"], ".edit-team.toml").unlink()
        Path(self.homes["sam"], ".edit-team.base").unlink()
        Path(editor).write_text("#!/bin/sh\nsed -i 's/^\"Dini\" = { aliases = \\[/\"Dina\" = { aliases = [\"Dini\", /' \"$1\"\n")
        self.owner("team", "edit", env={"OWNER_HOME": self.homes["sam"], "OWNER_CONFIG": self.configs["sam"],
                                        "EDITOR": editor})
        self.assertIn('"Dina" = { aliases = ["Dini", "Dini Kartika"]', Path(self.homes["sam"], "team.toml").read_text())

    def test_sync_warns_when_a_hand_edit_of_the_roster_drops_a_person_with_open_cases(self):
        self.start_team()
        cid = self.at("sam", "new", "Router", "--customer", "Kim").out.strip()
        self.at("sam", "handoff", cid, "--to", "Dini")
        self.at("sam", "sync")
        self.at("lena", "sync")
        path = Path(self.homes["lena"], "team.toml")
        path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                                if not line.startswith('"Dini" = ')))
        r = self.at("lena", "sync")
        self.assertIn(f"owner: warning: team.toml: the roster no longer names Dini: owns 1 open case (case {cid})",
                      r.err)
        # The clone it reaches is told as well; a sync that changes nothing says nothing.
        self.assertIn("the roster no longer names Dini", self.at("sam", "sync").err)
        self.assertNotIn("no longer names", self.at("sam", "sync").err)


if __name__ == "__main__":
    main()
