"""Beyond one machine: the store as a git repository, `owner sync` between clones."""

import collections
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import tomllib
from pathlib import Path

from ownertest import BIN, OwnerTest, fill_disk, main

SYNC_KILLS = int(os.environ.get("OWNER_SYNC_KILLS", "18"))
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}


class TwoClones(OwnerTest):
    """Two clones of a bare repository: the laptop (a) and the desktop (b)."""

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

    def assert_everywhere(self, expected):
        """Syncs every side, then checks that both stores hold exactly `expected`, every file parsing."""
        for side in ("a", "b", "a"):
            self.at(side, "sync")
        for root in (self.a, self.b):
            self.assertEqual(sorted(self.parsed_cases(root)), sorted(expected), root)
        self.assertEqual(self.git(self.a, "rev-parse", "HEAD"), self.git(self.b, "rev-parse", "HEAD"))

    def snapshot_of(self, root):
        """Every file of a store (outside .git), by bytes, and whether each path is a link."""
        found = {}
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d != ".git"]
            for n in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                p = os.path.join(folder, n)
                if n == ".lock" or ".cache" in p:
                    continue
                found[os.path.relpath(p, root)] = os.readlink(p) if os.path.islink(p) else Path(p).read_bytes()
        return found

    def head(self, where):
        return self.git(where, "rev-parse", "HEAD").strip()

    def commit_by_hand(self, where, message, *paths):
        self.git(where, "add", "-A", *paths)
        self.git(where, "commit", "-q", "-m", message)


class Sync(TwoClones):
    def test_each_change_is_one_commit_and_reads_never_commit(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        self.at("a", "note", cid[:3], "called Kim")
        self.at("a", "today")
        self.at("a", "list")
        log = self.git(self.a, "log", "--format=%s").splitlines()
        self.assertEqual(log[:2], [f"owner: note {cid} (log)", f"owner: new {cid} (created)"])
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        self.assertIn("*.toml merge=owner-case", Path(self.a, ".gitattributes").read_text())
        self.assert_everywhere([cid])

    def test_commit_messages_name_the_command_the_full_id_and_the_fields_never_personal_text(self):
        cid = self.at("a", "new", "Secret merger plans", "--customer", "Kim Jansen", "--contact", "+31 6 1234 5678",
                      "--deadline", "fri").out.strip()
        self.at("a", "note", cid[:2], "Kim's husband is ill")
        self.at("a", "plan", cid, "Call Kim at home", "--who", "Dini", "--due", "thu")
        self.at("a", "prioritize", cid, "high")
        self.at("a", "close", cid, "--accepted")
        messages = self.git(self.a, "log", "--format=%B", "-n", "5")
        for private in ("Secret", "Kim", "1234", "husband", "Dini", "Call"):
            self.assertNotIn(private, messages)
        subjects = self.git(self.a, "log", "--format=%s", "-n", "5").splitlines()
        self.assertEqual(subjects[4], f"owner: new {cid} (created)")
        self.assertEqual(subjects[3], f"owner: note {cid} (log)")
        self.assertEqual(subjects[2], f"owner: plan {cid} (actions, log)")
        self.assertEqual(subjects[1], f"owner: prioritize {cid} (priority, log)")
        self.assertEqual(subjects[0], f"owner: close {cid} (closed, outcome, log; moved to archive/2026)")
        self.assert_everywhere([cid])

    def test_different_cases_on_both_sides(self):
        x = self.at("a", "new", "On the laptop", "--customer", "Ann").out.strip()
        y = self.at("b", "new", "On the desktop", "--customer", "Bob").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "sync")
        self.assert_everywhere([x, y])

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
        self.assert_everywhere([cid])

    def test_a_check_on_one_side_and_a_re_plan_on_the_other_both_hold(self):
        # Issue 27: checks merge one by one, so a colleague's check and the owner's re-plan of the
        # same action no longer stop the sync.
        cid = self.at("a", "new", "Shared", "--customer", "Kim", "--deadline", "+2w").out.strip()
        self.at("a", "plan", cid, "Credit note", "--who", "Dini", "--due", "thu")
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("b", "check", cid, "Credit note", "stalled", "--note", "waiting for finance")
        self.at("a", "plan", cid, "Credit note", "--due", "+6d")
        replanned = self.parsed_cases(self.a)[cid]["actions"][0]
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "sync")
        for root in (self.a, self.b):
            c = self.parsed_cases(root)[cid]
            [action] = c["actions"]
            self.assertEqual(action["due"], replanned["due"])
            self.assertEqual(action["checks"], replanned["checks"])
            self.assertIn("stalled", action)
            self.assertEqual([e["event"] for e in c["log"]][-2:], ["check", "replanned"])
        self.assertEqual(self.at("a", "show", cid, "--json").out, self.at("b", "show", cid, "--json").out)
        self.assert_everywhere([cid])

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
        self.assert_everywhere([cid])

    def test_closing_the_last_open_case_does_not_move_a_case_added_elsewhere(self):
        # With its one open case closed, cases/ is empty on the laptop: git's directory rename
        # detection took cases/ for moved to archive/2026/ and put the desktop's new case there.
        x = self.at("a", "new", "The only one", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        y = self.at("b", "new", "Added on the desktop", "--customer", "Ann").out.strip()
        self.at("b", "sync")
        self.at("a", "close", x, "--accepted")
        self.at("a", "sync")
        self.assertTrue(Path(self.a, "cases", y + ".toml").exists())
        self.assertTrue(Path(self.a, "archive", "2026", x + ".toml").exists())
        self.assertFalse(Path(self.a, "archive", "2026", y + ".toml").exists())
        self.assert_everywhere([x, y])

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
        self.assert_everywhere([cid])

    def test_offline_or_without_a_remote_fails_gracefully(self):
        cid = self.at("b", "new", "Offline", "--customer", "Kim").out.strip()
        self.git(self.b, "remote", "set-url", "origin", os.path.join(self.tmp, "nowhere.git"))
        r = self.at("b", "sync", expect=1)
        self.assertRegex(r.err.strip(), r"^owner: error: cannot fetch from 'origin': .*; nothing changed here; "
                                        r"\d+ local commits? waits? to be pushed$")
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
        rid = r.out.strip()
        # The next command with an identity commits it.
        self.at("a", "note", rid, "now committed")
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        self.assert_everywhere([rid])

    def test_a_command_that_changes_several_cases_lists_each_in_the_message(self):
        x = self.at("a", "new", "First secret", "--customer", "Ann").out.strip()
        y = self.at("a", "new", "Second secret", "--customer", "Bob").out.strip()
        backup = os.path.join(self.tmp, "backup.json")
        Path(backup).write_text(self.at("a", "export", "--all").out)
        c = os.path.join(self.tmp, "third")
        self.owner("init", "--git", env={"OWNER_HOME": c})
        self.owner("import", backup, env={"OWNER_HOME": c})
        message = self.git(c, "log", "-1", "--format=%B").strip()
        self.assertEqual(message, "\n".join(["owner: import 2 cases", ""] + sorted([f"{x} (created)", f"{y} (created)"])))

    # --- hostile clones (issue 12) -------------------------------------------------------------

    def test_a_symlinked_folder_from_a_clone_is_refused_and_the_store_untouched(self):
        cid = self.at("a", "new", "Keep me", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        outside = os.path.join(self.tmp, "outside")
        os.makedirs(outside)
        os.makedirs(os.path.join(self.b, "archive"), exist_ok=True)
        os.symlink(outside, os.path.join(self.b, "archive", "2026"))
        self.commit_by_hand(self.b, "archive as a link", "archive")
        self.git(self.b, "push", "-q", "origin", "HEAD")
        before, head = self.snapshot_of(self.a), self.head(self.a)
        r = self.at("a", "sync", expect=1)
        self.assertIn("archive/2026", r.err)
        self.assertIn("symbolic link", r.err)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertEqual(self.snapshot_of(self.a), before)
        self.assertEqual(self.head(self.a), head)
        self.at("a", "close", cid, "--accepted")
        self.assertTrue(os.path.isfile(os.path.join(self.a, "archive", "2026", cid + ".toml")))
        self.assertEqual(os.listdir(outside), [])

    def test_a_case_is_never_written_through_a_symlinked_folder(self):
        cid = self.at("a", "new", "Keep me", "--customer", "Kim").out.strip()
        outside = os.path.join(self.tmp, "outside")
        os.makedirs(outside)
        os.makedirs(os.path.join(self.a, "archive"), exist_ok=True)
        os.symlink(outside, os.path.join(self.a, "archive", "2026"))  # as a `git pull` by hand would leave it
        r = self.at("a", "close", cid, "--accepted", expect=1)
        self.assertIn("symbolic link", r.err)
        self.assertEqual(os.listdir(outside), [])
        self.assertTrue(os.path.isfile(os.path.join(self.a, "cases", cid + ".toml")))
        # ...and sync never shares the link.
        r = self.at("a", "sync", expect=1)
        self.assertIn("archive/2026 is a symbolic link", r.err)
        self.assertNotIn("archive", self.git(self.remote, "ls-tree", "-r", "--name-only", "HEAD"))

    def test_a_pushed_gitattributes_cannot_switch_off_the_merge_driver(self):
        cid = self.at("a", "new", "Union", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        Path(self.b, ".gitattributes").write_text("*.toml merge=union\n")
        self.commit_by_hand(self.b, "union", ".gitattributes")
        self.at("b", "prioritize", cid, "low")
        self.at("b", "sync")
        self.at("a", "prioritize", cid, "high")
        r = self.at("a", "sync", expect=1)
        self.assertIn(f"case {cid}: both sides changed priority", r.err)
        self.parsed_cases(self.a)
        self.at("a", "sync", "--prefer", "theirs")
        self.assertEqual(self.at("a", "show", cid, "--json").json()["case"]["priority"], "low")
        self.assert_everywhere([cid])

    def test_the_merge_driver_works_from_a_path_with_a_space(self):
        spaced = os.path.join(self.tmp, "my tools", "owner")
        os.makedirs(os.path.dirname(spaced))
        shutil.copy(BIN, spaced)
        cid = self.at("a", "new", "Spaced", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        run = lambda side, *args: subprocess.run([spaced, *args], env=dict(self.env, OWNER_HOME=side),
                                                 capture_output=True, text=True)
        self.assertEqual(run(self.a, "note", cid, "laptop").returncode, 0)
        self.assertEqual(run(self.b, "note", cid, "desktop").returncode, 0)
        self.assertEqual(run(self.a, "sync").returncode, 0)
        r = run(self.b, "sync")
        self.assertEqual(r.returncode, 0, r.stderr)
        texts = [e.get("text") for e in self.parsed_cases(self.b)[cid]["log"]]
        self.assertIn("laptop", texts)
        self.assertIn("desktop", texts)

    def test_a_file_that_does_not_parse_is_never_committed(self):
        cid = self.at("b", "new", "Broken", "--customer", "Kim").out.strip()
        path = Path(self.b, "cases", cid + ".toml")
        path.write_text(path.read_text().replace('priority = "normal"', 'priority = "normal"\npriority = "high"'))
        head = self.head(self.b)
        r = self.at("b", "sync", expect=1)
        self.assertIn(f"cases/{cid}.toml", r.err)
        self.assertEqual(self.head(self.b), head)
        self.assertNotIn(cid, self.git(self.remote, "log", "--all", "--format=%s"))

    def test_only_the_paths_owner_changed_are_committed(self):
        x = self.at("a", "new", "Mine", "--customer", "Kim").out.strip()
        y = self.at("a", "new", "Staged by hand", "--customer", "Ann").out.strip()
        p = Path(self.a, "cases", y + ".toml")
        p.write_text(p.read_text().replace('"Staged by hand"', '"Fixed by hand"'))
        self.git(self.a, "add", f"cases/{y}.toml")
        self.at("a", "note", x, "a note")
        self.assertEqual(self.git(self.a, "show", "--name-only", "--format=", "HEAD").split(), [f"cases/{x}.toml"])
        self.assertEqual(self.git(self.a, "diff", "--cached", "--name-only").split(), [f"cases/{y}.toml"])

    def test_no_commit_while_a_rebase_of_yours_is_in_progress(self):
        cid = self.at("a", "new", "Rebase", "--customer", "Kim").out.strip()
        Path(self.a, "NOTES.md").write_text("one\n")
        self.commit_by_hand(self.a, "notes", "NOTES.md")
        self.at("a", "sync")
        self.at("b", "sync")
        Path(self.b, "NOTES.md").write_text("two\n")
        self.commit_by_hand(self.b, "notes b", "NOTES.md")
        self.git(self.b, "push", "-q", "origin", "HEAD")
        Path(self.a, "NOTES.md").write_text("three\n")
        self.commit_by_hand(self.a, "notes a", "NOTES.md")
        self.git(self.a, "fetch", "-q")
        subprocess.run(["git", "-C", self.a, "rebase", "origin/master"], env=dict(self.env), capture_output=True)
        Path(self.a, "NOTES.md").write_text("two and three\n")
        self.git(self.a, "add", "NOTES.md")  # the user's conflict fix, staged
        head = self.head(self.a)
        r = self.at("a", "note", cid, "during the rebase")
        self.assertIn("rebase", r.err)
        self.assertIn("not committed", r.err)
        self.assertEqual(self.head(self.a), head)
        self.assertEqual(self.git(self.a, "diff", "--cached", "--name-only").split(), ["NOTES.md"])
        r = self.at("a", "sync", expect=1)
        self.assertIn("rebase", r.err)
        self.assertEqual(self.head(self.a), head)
        # git continues a rebase only with a clean tree: the user puts owner's change aside meanwhile.
        self.git(self.a, "stash", "push", "-q", "--", "cases")
        self.git(self.a, "-c", "core.editor=true", "rebase", "--continue")
        self.git(self.a, "stash", "pop", "-q")
        self.at("a", "note", cid, "after the rebase")
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        notes = [e.get("text") for e in self.parsed_cases(self.a)[cid]["log"]]
        self.assertIn("during the rebase", notes)
        self.assert_everywhere([cid])

    def test_stale_git_locks_are_reported_and_fixed(self):
        cid = self.at("a", "new", "Locks", "--customer", "Kim").out.strip()
        for name in ("index.lock", "HEAD.lock"):
            Path(self.a, ".git", name).write_text("")
        r = self.at("a", "note", cid, "while locked")
        self.assertIn("not committed to git", r.err)
        self.assertIn("owner doctor --fix", r.err)
        r = self.at("a", "doctor", expect=3)
        self.assertIn(".git/index.lock", r.out)
        self.assertIn(".git/HEAD.lock", r.out)
        self.assertIn("stale git lock", r.out)
        self.at("a", "doctor", "--fix")
        self.assertFalse(os.path.exists(os.path.join(self.a, ".git", "index.lock")))
        self.assertFalse(os.path.exists(os.path.join(self.a, ".git", "HEAD.lock")))
        self.at("a", "doctor")
        r = self.at("a", "note", cid, "committed again")
        self.assertEqual(r.err, "")
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        # The note made while git was locked went with the next commit.
        self.assertIn("while locked", self.git(self.a, "show", "HEAD"))

    def test_a_git_lock_held_by_a_running_git_is_left_alone(self):
        lock = Path(self.a, ".git", "index.lock")
        lock.write_text("")
        with open(lock) as held:
            holder = subprocess.Popen(["sleep", "30"], stdin=held, cwd=self.a)
        try:
            r = self.at("a", "doctor", "--fix", expect=None)
            self.assertTrue(lock.exists())
            self.assertIn("in use", r.out)
        finally:
            holder.kill()
            holder.wait()

    def test_hand_added_keys_on_one_side_survive_a_change_on_the_other(self):
        cid = self.at("a", "new", "Keys", "--customer", "Kim").out.strip()
        self.at("a", "plan", cid, "Credit note", "--due", "fri")
        self.at("a", "sync")
        self.at("b", "sync")
        p = Path(self.a, "cases", cid + ".toml")
        text = p.read_text()
        text = text.replace("\n[[actions]]\n", '\ncrm_id = "CRM-77"\n\n[[actions]]\nticket = "T-9"\n', 1)
        text += '\n[billing]\nplan = "gold"\n'
        p.write_text(text)
        self.at("a", "doctor")
        self.at("a", "sync")
        self.at("b", "note", cid, "changed on the desktop")
        self.at("b", "prioritize", cid, "high")
        self.at("b", "sync")
        self.at("a", "sync")
        for root in (self.a, self.b):
            c = self.parsed_cases(root)[cid]
            self.assertEqual(c.get("crm_id"), "CRM-77", root)
            self.assertEqual(c["actions"][0].get("ticket"), "T-9", root)
            self.assertEqual(c.get("billing"), {"plan": "gold"}, root)
            self.assertEqual(c["priority"], "high", root)
        self.assert_everywhere([cid])

    def test_closed_after_much_work_on_one_side_and_noted_on_the_other_still_merges(self):
        self.closed_after_much_work(closing_side_syncs_first=True)

    def test_closed_after_much_work_merges_whichever_side_syncs_first(self):
        self.closed_after_much_work(closing_side_syncs_first=False)

    def closed_after_much_work(self, closing_side_syncs_first):
        # The closing side changed most of the file, so git no longer sees the move as a rename
        # (under 50 % similar): owner matches the move by case id.
        cid = self.at("a", "new", "Close me", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        for i in range(6):
            self.at("a", "plan", cid, f"Action number {i} with a longer description of what to do", "--due", "fri")
            self.at("a", "note", cid, f"note {i} written on the laptop before it closed the case")
        self.at("a", "close", cid, "--accepted")
        self.at("b", "note", cid, "late note from the desktop")
        order = ("a", "b", "a") if closing_side_syncs_first else ("b", "a", "b")
        for side in order:
            self.at(side, "sync")
        for root in (self.a, self.b):
            self.assertFalse(os.path.exists(os.path.join(root, "cases", cid + ".toml")), root)
            c = tomllib.loads(Path(root, "archive", "2026", cid + ".toml").read_text())
            self.assertEqual(c["outcome"], "accepted")
            self.assertEqual(len(c["actions"]), 6)
            self.assertIn("late note from the desktop", [e.get("text") for e in c["log"]])
        self.assert_everywhere([cid])

    def test_the_same_id_created_on_two_machines_is_renumbered_on_the_side_that_syncs(self):
        cid = self.at("a", "new", "On the laptop", "--customer", "Ann").out.strip()
        self.at("a", "sync")
        # The desktop made a different case with the same id (as two machines' random ids can).
        text = Path(self.a, "cases", cid + ".toml").read_text()
        text = text.replace('"On the laptop"', '"On the desktop"').replace('"Ann"', '"Bob"')
        text = text.replace("2026-11-25T09:00:00+01:00", "2026-11-25T08:00:00+01:00")
        Path(self.b, "cases", cid + ".toml").write_text(text)
        self.commit_by_hand(self.b, "hand-made case", "cases")
        r = self.at("b", "sync")
        self.assertIn(cid, r.err)
        self.assertIn("renumbered", r.err)
        cases = self.parsed_cases(self.b)
        self.assertEqual(len(cases), 2)
        self.assertEqual(cases[cid]["customer"], "Ann")
        new_id = next(k for k in cases if k != cid)
        self.assertEqual(cases[new_id]["customer"], "Bob")
        self.assertEqual(cases[new_id]["id"], new_id)
        self.assertIn(cid, cases[new_id]["log"][-1]["text"])
        r = self.at("b", "show", cid)
        self.assertIn(new_id, r.err)
        self.assert_everywhere([cid, new_id])

    def test_init_on_a_clone_made_under_umask_022_makes_it_private(self):
        c = os.path.join(self.tmp, "third")
        old = os.umask(0o022)
        try:
            subprocess.run(["git", "clone", "-q", self.remote, c], check=True, capture_output=True)
        finally:
            os.umask(old)
        self.assertEqual(self.mode(c) & 0o077, 0o055)
        self.owner("init", "--git", env={"OWNER_HOME": c})
        for root, dirs, files in os.walk(c):
            for n in dirs + files:
                p = os.path.join(root, n)
                if not os.path.islink(p):
                    self.assertEqual(self.mode(p) & 0o077, 0, p)
        self.assertEqual(self.mode(c), 0o700)
        self.assertEqual(self.git(c, "config", "core.sharedRepository").strip(), "0600")
        self.owner("doctor", env={"OWNER_HOME": c})
        os.chmod(os.path.join(c, ".git"), 0o755)
        r = self.owner("doctor", env={"OWNER_HOME": c}, expect=3)
        self.assertIn(".git", r.out)

    def test_init_says_how_to_set_a_git_identity(self):
        env = {k: "" for k in GIT_ENV}
        env.update(OWNER_HOME=os.path.join(self.tmp, "anon"), GIT_CONFIG_GLOBAL="/dev/null", EMAIL="",
                   GIT_CONFIG_NOSYSTEM="1", OWNER_CONFIG="/dev/null")
        r = self.owner("init", "--git", env=env)
        self.assertIn("config user.name", r.err)
        self.assertIn("config user.email", r.err)

    def test_init_gives_a_store_without_a_git_identity_the_configs_name_and_email(self):
        # A fresh machine: git knows nobody, and the first commit would fail "Author identity unknown".
        for k in GIT_ENV:
            self.env.pop(k, None)
        env = {}
        store = os.path.join(self.tmp, "fresh")
        env.update(OWNER_HOME=store, GIT_CONFIG_GLOBAL="/dev/null", EMAIL="", GIT_CONFIG_NOSYSTEM="1",
                   OWNER_CONFIG=self.use_config('name = "Sam de Vries"\nemail = "sam@example.com"\n'))
        r = self.owner("init", "--git", env=env)
        self.assertIn('user.name "Sam de Vries" and user.email "sam@example.com"', r.err)
        self.assertNotIn("warning", r.err)
        self.assertEqual(self.git(store, "config", "--local", "user.name").strip(), "Sam de Vries")
        cid = self.owner("new", "First", "--customer", "Kim", env=env)
        self.assertNotIn("not committed", cid.err)
        self.assertEqual(self.git(store, "log", "-1", "--format=%an <%ae>").strip(), "Sam de Vries <sam@example.com>")
        # An identity git already has is left alone.
        other = os.path.join(self.tmp, "known")
        r = self.owner("init", "--git", env=dict(env, OWNER_HOME=other, GIT_AUTHOR_NAME="Kim", GIT_AUTHOR_EMAIL="k@x.example",
                                                  GIT_COMMITTER_NAME="Kim", GIT_COMMITTER_EMAIL="k@x.example"))
        self.assertNotIn("user.name", r.err)
        self.assertEqual(subprocess.run(["git", "-C", other, "config", "--local", "user.name"],
                                        capture_output=True).returncode, 1)


    def test_a_clone_cannot_delete_cases_unless_the_deletion_is_accepted(self):
        ids = [self.at("a", "new", f"Case {i}", "--customer", f"Customer {i}").out.strip() for i in range(4)]
        self.at("a", "sync")
        self.at("b", "sync")
        # The desktop closes one case (a move, not a deletion) and deletes two by hand.
        self.at("b", "close", ids[0], "--accepted")
        self.git(self.b, "rm", "-q", f"cases/{ids[1]}.toml", f"cases/{ids[2]}.toml")
        self.git(self.b, "commit", "-q", "-m", "oops")
        self.git(self.b, "push", "-q", "origin", "HEAD")
        self.at("a", "note", ids[1], "still mine")
        before, head = self.snapshot_of(self.a), self.head(self.a)
        r = self.at("a", "sync", expect=1)
        self.assertIn("deletes 2 cases", r.err)
        self.assertIn(ids[1], r.err)
        self.assertIn(ids[2], r.err)
        self.assertNotIn(ids[0], r.err)
        self.assertIn("owner sync --accept-deletions", r.err)
        self.assertEqual(self.snapshot_of(self.a), before)
        self.assertEqual(self.head(self.a), head)
        # Accepted deliberately: the deleted cases go, the closed one is in the archive.
        self.at("a", "sync", "--accept-deletions")
        self.assertEqual(sorted(self.parsed_cases(self.a)), sorted([ids[0], ids[3], ids[1]]))
        self.assertTrue(Path(self.a, "archive", "2026", ids[0] + ".toml").exists())

    def test_a_case_deleted_by_hand_is_committed_only_when_accepted(self):
        x = self.at("a", "new", "Keep", "--customer", "Kim").out.strip()
        y = self.at("a", "new", "Moved by hand", "--customer", "Ann").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        os.remove(Path(self.a, "cases", x + ".toml"))
        os.makedirs(Path(self.a, "archive", "2026"), exist_ok=True)
        os.rename(Path(self.a, "cases", y + ".toml"), Path(self.a, "archive", "2026", y + ".toml"))
        head = self.head(self.a)
        r = self.at("a", "sync", expect=1)
        self.assertIn(f"cases/{x}.toml", r.err)
        self.assertNotIn(y, r.err)  # a move is not a deletion
        self.assertIn("--accept-deletions", r.err)
        self.assertEqual(self.head(self.a), head)
        self.assertIn(f"cases/{x}.toml", self.git(self.a, "ls-tree", "-r", "--name-only", "HEAD"))
        self.at("b", "sync")
        self.assertTrue(Path(self.b, "cases", x + ".toml").exists())
        self.at("a", "sync", "--accept-deletions")
        self.at("b", "sync", "--accept-deletions")
        self.assertFalse(Path(self.b, "cases", x + ".toml").exists())
        self.assertEqual(sorted(self.parsed_cases(self.b)), [y])


class LocalCommit(TwoClones):
    """Each change is committed in process by libgit2, as `git commit --only` would (issue 27)."""

    def git_calls(self, side, *args, env=None, expect=0):
        """Runs owner with a `git` on PATH that logs its subcommands; returns them."""
        shim = Path(self.tmp, "shim")
        shim.mkdir(exist_ok=True)
        log = Path(self.tmp, "git-calls")
        log.write_text("")
        real = shutil.which("git")
        (shim / "git").write_text(f'#!/bin/sh\necho "$1" >> {log}\nexec {real} "$@"\n')
        (shim / "git").chmod(0o755)
        e = dict(env or {}, OWNER_HOME=self.a if side == "a" else self.b, PATH=f"{shim}:{self.env['PATH']}")
        self.owner(*args, env=e, expect=expect)
        return log.read_text().split()

    def test_the_commit_made_in_process_is_the_one_git_makes(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        in_process = self.git_calls("a", "note", cid, "called Kim")
        by_git = self.git_calls("b", "note", cid, "called Kim", env={"OWNER_GIT_LIBRARY": "off"})
        self.assertEqual(in_process, ["update-index"])  # staged by git, committed by libgit2
        self.assertIn("commit", by_git)
        for side in (self.a, self.b):
            self.assertEqual(self.git(side, "status", "--porcelain"), "")
            self.assertEqual(self.git(side, "log", "-1", "--format=%s%n%an <%ae>%n%cn <%ce>%n%P").splitlines(),
                             [f"owner: note {cid} (log)", "Test <test@example.com>", "Test <test@example.com>",
                              self.git(self.a, "rev-parse", "HEAD~1").strip()])
            for ref in ("HEAD", "master"):
                self.assertEqual(self.git(side, "log", "-g", "-1", "--format=%gs|%gn <%ge>", ref).strip(),
                                 f"commit: owner: note {cid} (log)|Test <test@example.com>")
            self.git(side, "fsck", "--strict", "--no-progress")
        self.assertEqual(self.git(self.a, "rev-parse", "HEAD^{tree}"), self.git(self.b, "rev-parse", "HEAD^{tree}"))
        self.assert_everywhere([cid])

    def test_identity_comes_from_gits_config_when_the_environment_has_none(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        self.git(self.a, "config", "user.name", "Sam de Vries")
        self.git(self.a, "config", "user.email", "sam@example.com")
        self.git(self.a, "config", "committer.name", "Sam's laptop")
        for k in GIT_ENV:
            del self.env[k]
        self.assertEqual(self.git_calls("a", "note", cid, "called"), ["update-index"])
        self.assertEqual(self.git(self.a, "log", "-1", "--format=%an <%ae>|%cn <%ce>").strip(),
                         "Sam de Vries <sam@example.com>|Sam's laptop <sam@example.com>")
        self.assertEqual(self.git(self.a, "log", "-g", "-1", "--format=%gn <%ge>").strip(),
                         "Sam's laptop <sam@example.com>")

    def test_a_hook_or_signing_git_would_honour_sends_the_commit_to_git(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        hook = Path(self.a, ".git", "hooks", "post-commit")
        hook.write_text(f"#!/bin/sh\necho ran >> {self.tmp}/hook-ran\n")
        hook.chmod(0o755)
        self.assertIn("commit", self.git_calls("a", "note", cid, "with a hook"))
        self.assertEqual(Path(self.tmp, "hook-ran").read_text(), "ran\n")
        hook.unlink()
        # Signing that cannot be done fails the commit, as git fails it: never an unsigned commit.
        self.git(self.a, "config", "commit.gpgSign", "true")
        self.git(self.a, "config", "gpg.program", "false")
        head = self.head(self.a)
        r = self.at("a", "note", cid, "to be signed")
        self.assertIn("not committed to git", r.err)
        self.assertEqual(self.head(self.a), head)
        self.git(self.a, "config", "--unset", "commit.gpgSign")
        self.at("a", "note", cid, "unsigned again")
        self.assertIn("to be signed", self.git(self.a, "show", "HEAD"))
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")

    def test_what_libgit2_would_read_otherwise_than_git_goes_to_git(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        path = f"cases/{cid}.toml"
        # An executable bit someone pushed, which git keeps when core.fileMode is false.
        self.git(self.a, "update-index", "--chmod=+x", path)
        self.git(self.a, "commit", "-q", "-m", "made executable")
        self.git(self.a, "config", "core.fileMode", "false")
        self.assertIn("commit", self.git_calls("a", "note", cid, "still executable"))
        self.assertEqual(self.git(self.a, "ls-tree", "HEAD", path).split()[0], "100755")
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        self.git(self.a, "update-index", "--chmod=-x", path)
        self.git(self.a, "commit", "-q", "-m", "plain again")
        self.assertEqual(self.git_calls("a", "note", cid, "plain"), ["update-index"])
        # A commit encoding git writes into the commit, and an include libgit2 1.5 cannot evaluate.
        self.git(self.a, "config", "i18n.commitEncoding", "ISO-8859-1")
        self.assertIn("commit", self.git_calls("a", "note", cid, "latin-1"))
        self.assertIn("encoding ISO-8859-1", self.git(self.a, "cat-file", "commit", "HEAD"))
        self.git(self.a, "config", "--unset", "i18n.commitEncoding")
        self.git(self.a, "config", "includeIf.hasconfig:remote.*.url:*.path", "/dev/null")
        self.assertIn("commit", self.git_calls("a", "note", cid, "included"))
        self.git(self.a, "config", "--unset", "includeIf.hasconfig:remote.*.url:*.path")
        self.assertIn("commit", self.git_calls("a", "note", cid, "my action", env={"GIT_REFLOG_ACTION": "mine"}))
        self.assertEqual(self.git(self.a, "log", "-g", "-1", "--format=%gs").strip(),
                         f"mine: owner: note {cid} (log)")
        # Without owner's pinned attributes, .gitattributes could make git filter the file.
        Path(self.a, ".git", "info", "attributes").write_text("")
        self.assertIn("commit", self.git_calls("a", "note", cid, "unpinned"))
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")

    def test_loose_objects_are_packed_now_and_then_as_git_commit_does(self):
        cid = self.at("a", "new", "Router", "--customer", "Kim").out.strip()
        import hashlib
        folder = Path(self.tmp, "loose")
        folder.mkdir()
        n = 0
        made = []
        while len(made) < 30:  # blobs whose ids begin with 17: git samples that folder
            body = f"loose {n}\n".encode()
            n += 1
            if hashlib.sha1(b"blob %d\0" % len(body) + body).hexdigest().startswith("17"):
                (folder / str(n)).write_bytes(body)
                made.append(str(folder / str(n)))
        ids = subprocess.run(["git", "-C", self.a, "hash-object", "-w", "--stdin-paths"], input="\n".join(made),
                             text=True, check=True, capture_output=True).stdout.split()
        # Reachable, from a ref of their own: gc packs those and leaves young unreachable ones loose.
        tree = subprocess.run(["git", "-C", self.a, "mktree"], text=True, check=True, capture_output=True,
                              input="".join(f"100644 blob {i}\tf{k}\n" for k, i in enumerate(ids))).stdout.strip()
        self.git(self.a, "update-ref", "refs/loose/kept", self.git(self.a, "commit-tree", tree, "-m", "kept").strip())
        self.git(self.a, "config", "gc.autoDetach", "false")
        self.assertGreater(len(os.listdir(Path(self.a, ".git", "objects", "17"))), 27)
        calls = self.git_calls("a", "note", cid, "one note too many")
        self.assertEqual(calls, ["update-index", "maintenance"])
        self.assertFalse(Path(self.a, ".git", "objects", "17").exists() and
                         len(os.listdir(Path(self.a, ".git", "objects", "17"))) > 27)
        self.assertEqual(self.git_calls("a", "note", cid, "and the next"), ["update-index"])

    def test_a_commit_racing_ours_is_never_lost(self):
        cid = self.at("a", "new", "Busy", "--customer", "Kim").out.strip()
        racer = subprocess.Popen(
            ["sh", "-c", "i=0; while [ $i -lt 400 ]; do "
                         "git commit -q --allow-empty -m \"racer $i\" 2>/dev/null && echo $i; i=$((i+1)); done"],
            cwd=self.a, env=dict(self.env), stdout=subprocess.PIPE, text=True)
        notes = 0
        by_git = 0
        while racer.poll() is None and notes < 60:
            by_git += "commit" in self.git_calls("a", "note", cid, f"note {notes}", expect=None)
            notes += 1
        made = racer.communicate()[0].split()
        print(f"\n{notes} notes against {len(made)} racing commits: {by_git} committed by git")
        self.assertLess(by_git, notes / 2)  # mostly in process, git's when the index was locked
        self.at("a", "note", cid, "the last note")  # commits what a locked index held back
        log = self.git(self.a, "log", "--format=%s").splitlines()
        self.assertEqual(sorted(s for s in log if s.startswith("racer")), sorted(f"racer {i}" for i in made))
        committed = self.git(self.a, "show", f"HEAD:cases/{cid}.toml")
        for n in range(notes):
            self.assertIn(f'"note {n}"', committed)
        self.assertEqual(self.git(self.a, "status", "--porcelain"), "")
        self.git(self.a, "fsck", "--strict", "--no-progress")


class InterruptedSync(TwoClones):
    """A sync killed at any point, or stopped by a full disk, loses nothing and wedges nothing (issue 24)."""
    ctest_cost = 25  # long: CTest starts it early (ctest_entries.py)

    def diverge(self, ids, n, side="a"):
        """A note on each side, the desktop's pushed: the next sync of `side` must rebase."""
        self.at("b", "note", ids[n % len(ids)], f"desktop {n}")
        self.at("b", "sync")
        self.owner("note", ids[(n + 1) % len(ids)], f"laptop {n}", env={"OWNER_HOME": self.root_of(side)})

    def root_of(self, side):
        return {"a": self.a, "b": self.b}.get(side, side)

    def marker(self, root):
        p = Path(root, ".git", "owner-sync")
        if not p.exists():
            return "none"
        return next(line.split()[1] for line in p.read_text().splitlines() if line.startswith("phase "))

    def logged(self, root):
        return {e.get("text") for c in self.parsed_cases(root).values() for e in c["log"]}

    def test_a_sync_killed_at_any_point_is_undone_or_finished_and_loses_nothing(self):
        ids = [self.at("a", "new", f"Case {i}", "--customer", f"Customer {i}").out.strip() for i in range(4)]
        self.at("a", "sync")
        self.at("b", "sync")
        self.diverge(ids, -1)
        started = time.monotonic()
        self.at("a", "sync")
        took = time.monotonic() - started
        rng = random.Random(20261207)
        phases = collections.Counter()
        notes = {"desktop -1", "laptop -1"}
        env = dict(self.env, OWNER_HOME=self.a)
        spread = SYNC_KILLS * 2 // 3  # kills spread over a sync's time; the rest aimed at its last step
        for n in range(SYNC_KILLS):
            self.diverge(ids, n)
            notes |= {f"desktop {n}", f"laptop {n}"}
            # The whole process group, git with it: what a crash or a closed terminal does.
            proc = subprocess.Popen([BIN, "sync"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            if n < spread:
                time.sleep(took * 1.2 * (n + rng.random()) / spread)
            else:
                while proc.poll() is None and self.marker(self.a) != "apply":
                    time.sleep(0.001)  # not a spin: on two cores it would slow the sync it waits for
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            phase = self.marker(self.a) if proc.returncode == -signal.SIGKILL else "finished"
            phases[phase] += 1
            # Never a rebase of git's in the store (owner merges in a copy of its own), and
            # doctor tells of an interrupted sync.
            self.assertFalse(Path(self.a, ".git", "rebase-merge").exists(), n)
            doctor = self.at("a", "doctor", expect=None)
            if phase in ("rebase", "apply"):
                self.assertIn("sync: ", doctor.out)
                self.assertEqual(doctor.code, 3, doctor.out)
            # Readers stay readers: the marker waits for a writer.
            self.at("a", "list")
            self.assertEqual(self.marker(self.a), phase if phase in ("rebase", "apply") else "none")
            # The next writer finishes or undoes it, then commits its own change.
            r = self.at("a", "note", ids[0], f"after kill {n}")
            self.assertNotIn("not committed", r.err)
            notes.add(f"after kill {n}")
            self.assertEqual(self.marker(self.a), "none")
            self.assertEqual(self.git(self.a, "status", "--porcelain"), "", n)
            self.assertEqual(sorted(self.parsed_cases(self.a)), sorted(ids))
            self.assertFalse(Path(self.a, ".git", "owner-sync.d", "tree").exists())
        self.assert_everywhere(ids)
        for root in (self.a, self.b):
            self.assertLessEqual(notes, self.logged(root), root)
        print(f"\n  a merging sync took {took:.2f} s; killed syncs: {SYNC_KILLS} runs; killed while merging {phases['rebase']}, while "
              f"applying {phases['apply']}, outside both {phases['none']}, finished first {phases['finished']}; "
              f"no note lost, none wedged")

    def test_doctor_fix_resolves_an_interrupted_sync(self):
        ids = [self.at("a", "new", f"Case {i}", "--customer", f"Customer {i}").out.strip() for i in range(2)]
        self.at("a", "sync")
        self.at("b", "sync")
        env = dict(self.env, OWNER_HOME=self.a)
        for n in range(200):
            self.diverge(ids, n)
            proc = subprocess.Popen([BIN, "sync"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            while proc.poll() is None and self.marker(self.a) == "none":
                pass
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            if self.marker(self.a) != "none":
                break
        self.assertNotEqual(self.marker(self.a), "none", "no kill caught a sync at work")
        r = self.at("a", "doctor", "--fix", expect=None)
        self.assertRegex(r.out, r"sync: .*fixed: (undid|finished) a sync")
        self.assertEqual(self.marker(self.a), "none")
        self.assertEqual(self.at("a", "doctor").code, 0)
        self.assert_everywhere(ids)

    def mount_small(self, size):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs")
        mnt = os.path.join(self.tmp, "small")
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", mnt], capture_output=True).returncode:
            self.skipTest("cannot mount a tmpfs here (not permitted in this container)")
        self.addCleanup(subprocess.run, ["umount", "-l", mnt])
        return mnt

    def free(self, mnt):
        os.truncate(os.path.join(mnt, "filler"), 0)

    def test_a_full_disk_during_sync_restores_the_store_exactly_and_loses_nothing(self):
        mnt = self.mount_small("4m")
        ids = [self.at("a", "new", f"Case {i}", "--customer", f"Customer {i}").out.strip() for i in range(6)]
        for cid in ids:
            self.at("a", "note", cid, "x" * 3000)
        self.at("a", "sync")
        self.at("b", "sync")
        c = os.path.join(mnt, "store")
        subprocess.run(["git", "clone", "-q", self.remote, c], check=True, capture_output=True, env=self.env)
        self.owner("init", "--git", env={"OWNER_HOME": c})
        outcomes = collections.Counter()
        notes = set()
        for n, leave in enumerate(range(0, 128 * 1024, 8 * 1024)):
            self.diverge(ids, n, side=c)
            notes |= {f"desktop {n}", f"laptop {n}"}
            before, head = self.snapshot_of(c), self.head(c)
            if n % 2 == 0:
                fill_disk(mnt, leave)
                r = self.owner("sync", env={"OWNER_HOME": c}, expect=None)
            else:
                # The disk fills up while sync changes the store's files (another program writing).
                proc = subprocess.Popen([BIN, "sync"], env=dict(self.env, OWNER_HOME=c),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                while proc.poll() is None and self.marker(c) != "apply":
                    pass
                outcomes["filled while applying"] += self.marker(c) == "apply"
                fill_disk(mnt, 0)
                out, err = proc.communicate()
                r = type("R", (), {"code": proc.returncode, "out": out, "err": err})
            if r.code == 0:
                outcomes["synced"] += 1
                self.assertEqual(sorted(self.parsed_cases(c)), sorted(ids))
            elif "writes nothing" in r.err:
                # Even putting it back failed: the marker stays and writes are refused until
                # there is space again.
                outcomes["refused writes"] += 1
                self.assertNotEqual(self.marker(c), "none")
                w = self.owner("note", ids[0], "refused", env={"OWNER_HOME": c}, expect=1)
                self.assertIn("free space", w.err)
            else:
                outcomes["put back"] += 1
                self.assertRegex(r.err, "as it was|nothing changed")
                self.assertEqual(self.snapshot_of(c), before, f"{leave} bytes free: {r.err}")
                self.assertEqual(self.head(c), head)
                self.assertEqual(self.marker(c), "none")
            self.free(mnt)
            if self.marker(c) == "none":  # nothing of a sync left behind
                self.assertEqual([f for _, _, fs in os.walk(Path(c, ".git", "owner-sync.d")) for f in fs], [])
            self.owner("note", ids[1], f"freed {n}", env={"OWNER_HOME": c})
            notes.add(f"freed {n}")
            self.owner("sync", env={"OWNER_HOME": c})
            self.assertEqual(self.marker(c), "none")
            self.assertEqual(sorted(self.parsed_cases(c)), sorted(ids))
            self.assertEqual(self.git(c, "status", "--porcelain"), "")
        self.b, self.a = c, self.b  # assert_everywhere syncs the two
        self.assert_everywhere(ids)
        self.assertLessEqual(notes, self.logged(c))
        self.assertEqual(self.git(c, "log", "--diff-filter=D", "--format=%h", "--", "cases"), "")
        self.assertGreater(outcomes["put back"], 0, outcomes)
        runs = outcomes["synced"] + outcomes["put back"] + outcomes["refused writes"]
        print(f"\n  full disk during sync: {runs} runs (half with 0 to 120 KiB free, half filled "
              f"while sync changed the files): "
              f"{dict(outcomes)}; every failed one put back byte for byte, no case lost")

    def test_a_sync_that_cannot_put_the_store_back_refuses_writes_until_there_is_space(self):
        mnt = self.mount_small("4m")
        cid = self.at("a", "new", "Precious", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        c = os.path.join(mnt, "store")
        subprocess.run(["git", "clone", "-q", self.remote, c], check=True, capture_output=True, env=self.env)
        self.owner("init", "--git", env={"OWNER_HOME": c})
        self.owner("note", cid, "before", env={"OWNER_HOME": c})
        head = self.head(c)
        # What a sync leaves when it stopped mid-way and could not yet put a file back: the marker
        # says it was bringing cases/ID.toml from HEAD to HEAD~1, and the file is gone.
        Path(c, ".git", "owner-sync").write_text(
            f"phase apply\nfrom {head}\nto {self.git(c, 'rev-parse', 'HEAD~1').strip()}\npath cases/{cid}.toml\n")
        os.remove(Path(c, "cases", cid + ".toml"))
        fill_disk(mnt, 0)
        self.owner("list", env={"OWNER_HOME": c}, expect=None)  # a reader changes nothing
        self.assertEqual(self.marker(c), "apply")
        r = self.owner("note", cid, "refused", env={"OWNER_HOME": c}, expect=1)
        self.assertIn("writes nothing", r.err)
        self.assertIn("free space", r.err)
        self.assertIn("apply", self.marker(c))
        self.assertIn("sync: ", self.owner("doctor", env={"OWNER_HOME": c}, expect=3).out)
        self.free(mnt)
        r = self.owner("note", cid, "after", env={"OWNER_HOME": c})
        self.assertIn("undid a sync", r.err)
        self.assertEqual(self.marker(c), "none")
        texts = [e.get("text") for e in self.parsed_cases(c)[cid]["log"]]
        self.assertIn("before", texts)
        self.assertIn("after", texts)
        self.assertNotIn("refused", texts)
        self.assertEqual(self.git(c, "status", "--porcelain"), "")


def closed_port():
    """A local TCP port nobody listens on: a git server that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SyncAdvice(TwoClones):
    """What a failing sync says: each hint works, git's reason is kept, waiting commits are counted."""

    def test_every_hint_of_a_case_conflict_works_and_says_what_it_keeps(self):
        cid = self.at("a", "new", "Deadline", "--customer", "Kim", "--deadline", "fri").out.strip()
        self.at("a", "sync")
        self.at("b", "sync")
        self.at("a", "deadline", cid, "2026-12-07", "--reason", "laptop")
        self.at("b", "deadline", cid, "2026-12-08", "--reason", "desktop")
        self.at("b", "sync")
        theirs = self.parsed_cases(self.b)[cid]["deadline"]
        r = self.at("a", "sync", expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn(f"case {cid}: both sides changed deadline", r.err)
        # Editing the case again does not help (the first commit is replayed): not offered.
        self.assertNotIn("edit the case", r.err)
        self.assertIn("'owner sync --prefer ours' keeps this store's value", r.err)
        self.assertIn("'owner sync --prefer theirs' keeps the remote's", r.err)
        self.at("a", "sync", "--prefer", "theirs")
        c = self.parsed_cases(self.a)[cid]
        self.assertEqual(c["deadline"], theirs)
        self.assertEqual(c["log"][-1]["text"], "sync kept their deadline")
        self.assert_everywhere([cid])

    def test_a_remote_that_is_down_is_named_with_gits_reason_and_waiting_commits_counted(self):
        cid = self.at("a", "new", "Offline", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.git(self.a, "remote", "set-url", "origin", f"git://127.0.0.1:{closed_port()}/store.git")
        r = self.at("a", "sync", expect=1)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertRegex(r.err.strip(), r"^owner: error: cannot fetch from 'origin': unable to connect to "
                                        r"127\.0\.0\.1: .*Connection refused; nothing changed here$")
        self.at("a", "note", cid, "one")
        r = self.at("a", "sync", expect=1)
        self.assertTrue(r.err.strip().endswith("; nothing changed here; 1 local commit waits to be pushed"), r.err)
        self.at("a", "note", cid, "two")
        r = self.at("a", "sync", expect=1)
        self.assertIn("Connection refused", r.err)
        self.assertTrue(r.err.strip().endswith("; nothing changed here; 2 local commits wait to be pushed"), r.err)

    def test_remind_says_a_failing_sync_once_while_local_commits_pile_up(self):
        cid = self.at("a", "new", "Offline", "--customer", "Kim").out.strip()
        self.at("a", "sync")
        self.git(self.a, "remote", "set-url", "origin", f"git://127.0.0.1:{closed_port()}/store.git")
        first = self.at("a", "remind", "--sync", expect=None, now="2026-11-25T15:00:00+01:00")
        self.assertEqual(first.code, 6, first.err)
        self.assertIn("Connection refused", first.err)
        for n, now in enumerate(("2026-11-25T15:15:00+01:00", "2026-11-25T15:30:00+01:00")):
            self.at("a", "note", cid, f"note {n}", now=now)
            again = self.at("a", "remind", "--sync", expect=None, now=now)
            self.assertEqual(again.code, 6, again.err)
            self.assertNotIn("remind --sync", again.err)  # the same error: said once
        self.assertIn("2 local commits wait to be pushed", self.at("a", "sync", expect=1).err)
        self.git(self.a, "remote", "remove", "origin")
        other = self.at("a", "remind", "--sync", expect=None, now="2026-11-25T15:45:00+01:00")
        self.assertIn("the store has no git remote 'origin'", other.err)  # a new error is said

if __name__ == "__main__":
    main()
