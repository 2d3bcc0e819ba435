"""Beyond one machine: the store as a git repository, `owner sync` between clones."""

import os
import subprocess
import tomllib
from pathlib import Path

from ownertest import OwnerTest, main

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}


class Sync(OwnerTest):
    def setUp(self):
        super().setUp()
        self.env.update(GIT_ENV)
        self.remote = os.path.join(self.tmp, "remote.git")
        subprocess.run(["git", "init", "-q", "--bare", self.remote], check=True)
        self.a = os.path.join(self.tmp, "laptop")
        self.b = os.path.join(self.tmp, "desktop")
        self.at("a", "init", "--git")
        self.git(self.a, "remote", "add", "origin", self.remote)
        self.at("a", "sync")
        subprocess.run(["git", "clone", "-q", self.remote, self.b], check=True, capture_output=True)
        self.at("b", "init", "--git")

    def at(self, side, *args, expect=0, now=None):
        return self.owner(*args, env={"OWNER_HOME": self.a if side == "a" else self.b}, expect=expect, now=now)

    def git(self, where, *args):
        return subprocess.run(["git", "-C", where, *args], env=dict(self.env), capture_output=True, text=True, check=True).stdout

    def parsed_cases(self, root):
        """Every case file of a store, parsed; fails on conflict markers or broken files."""
        found = {}
        for folder, _, names in os.walk(root):
            if ".git" in folder.split(os.sep):
                continue
            for n in names:
                if n.endswith(".toml") and not n.startswith("."):
                    text = Path(folder, n).read_text()
                    self.assertNotIn("<<<<<<<", text)
                    found[n[:-5]] = tomllib.loads(text)
        return found

    def tearDown(self):
        # Every test ends with every case from every side present and parsing.
        if hasattr(self, "expected"):
            for side in ("a", "b", "a"):
                self.at(side, "sync")
            for root in (self.a, self.b):
                self.assertEqual(sorted(self.parsed_cases(root)), sorted(self.expected), root)
        super().tearDown()

    def test_each_change_is_one_commit_and_reads_never_commit(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        self.at("a", "note", cid, "called Kim")
        self.at("a", "today")
        self.at("a", "list")
        log = self.git(self.a, "log", "--format=%s").splitlines()
        self.assertEqual(log[:2], [f'owner: note {cid} "called Kim"', 'owner: new Router --customer Kim'])
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        self.assertIn("*.toml merge=owner-case", Path(self.a, ".gitattributes").read_text())
        self.expected = [cid]

    def test_different_cases_on_both_sides(self):
        x = self.at("a", "new", "On the laptop", "--customer", "Ann").out.strip()
        y = self.at("b", "new", "On the desktop", "--customer", "Bob").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "sync")
        self.expected = [x, y]

    def test_notes_and_actions_on_the_same_case_are_all_kept(self):
        cid = self.at("a", "new", "Shared", "--customer", "Kim", "--deadline", "fri").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "note", cid, "from the laptop")
        self.at("a", "plan", cid, "Credit note", "--who", "Dini", "--due", "thu")
        self.at("b", "note", cid, "from the desktop")
        self.at("b", "plan", cid, "Call Kim", "--due", "thu")
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "sync")
        for root in (self.a, self.b):
            c = self.parsed_cases(root)[cid]
            self.assertEqual(sorted(e.get("text", "") for e in c["log"] if e["event"] == "note"),
                             ["from the desktop", "from the laptop"])
            self.assertEqual(sorted(a["what"] for a in c["actions"]), ["Call Kim", "Credit note"])
        self.assertEqual(self.at("a", "show", cid, "--json").out, self.at("b", "show", cid, "--json").out)
        self.expected = [cid]

    def test_a_true_conflict_stops_clearly_and_loses_nothing(self):
        cid = self.at("a", "new", "Deadline", "--customer", "Kim", "--deadline", "fri").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "prioritize", cid, "high")
        self.at("b", "prioritize", cid, "low")
        self.at("b", "note", cid, "desktop note")
        self.at("a", "sync")
        before = Path(self.b, "cases", cid + ".toml").read_text()
        r = self.at("b", "sync", expect=1)
        self.assertIn(f"case {cid}: both sides changed priority (here: low, there: high)", r.err)
        self.assertIn("--prefer ours", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1)
        self.assertEqual(Path(self.b, "cases", cid + ".toml").read_text(), before)
        self.assertEqual(self.git(self.b, "status", "--porcelain"), "")
        self.at("b", "today")
        r = self.at("b", "sync", "--prefer", "ours")
        data = self.at("b", "show", cid, "--json").json()["case"]
        self.assertEqual(data["priority"], "low")
        self.assertEqual(data["log"][-1]["text"], "sync kept our priority")
        self.assertIn("desktop note", [e["text"] for e in data["log"]])
        self.at("a", "sync")
        self.assertEqual(self.at("a", "show", cid, "--json").json()["case"]["priority"], "low")
        self.expected = [cid]

    def test_closed_on_one_side_noted_on_the_other(self):
        cid = self.at("a", "new", "Close me", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "close", cid, "--accepted")
        self.at("b", "note", cid, "late note from the desktop")
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "sync")
        for root in (self.a, self.b):
            self.assertFalse(os.path.exists(os.path.join(root, "cases", cid + ".toml")), root)
            c = tomllib.loads(Path(root, "archive", "2026", cid + ".toml").read_text())
            self.assertEqual(c["outcome"], "accepted")
            self.assertIn("late note from the desktop", [e.get("text") for e in c["log"]])
        self.expected = [cid]

    def test_offline_or_without_a_remote_fails_gracefully(self):
        cid = self.at("b", "new", "Offline", "--customer", "Kim").out.strip()
        self.git(self.b, "remote", "set-url", "origin", os.path.join(self.tmp, "nowhere.git"))
        r = self.at("b", "sync", expect=1)
        self.assertRegex(r.err.strip(), r"^owner: error: cannot fetch from 'origin': .*; nothing changed$")
        self.git(self.b, "remote", "remove", "origin")
        r = self.at("b", "sync", expect=1)
        self.assertIn("has no git remote 'origin'", r.err)
        self.assertIn(cid, self.at("b", "list").out)
        r = self.owner("sync", env={"OWNER_HOME": os.path.join(self.tmp, "plain")}, expect=1)
        self.assertIn("not a git repository; run 'owner init --git'", r.err)

    def test_a_failing_commit_is_only_a_warning(self):
        env = {k: "" for k in GIT_ENV}
        env["OWNER_HOME"] = self.a
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["EMAIL"] = ""
        r = self.owner("new", "No identity", "--customer", "Kim", env=env)
        self.assertRegex(r.out.strip(), r"^[a-z0-9]{5}$")
        self.assertIn("owner: warning: the change is saved but not committed to git", r.err)
        self.expected = [r.out.strip()]
        # The next command with an identity commits it.
        self.at("a", "note", r.out.strip(), "now committed")
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")


if __name__ == "__main__":
    main()
