"""Scripting and team chat: status, remind for cron, JSON everywhere, export and import."""

import json
import os
import random
import shutil
import signal
import subprocess
import time
import tomllib
from pathlib import Path

from ownertest import BIN, OwnerTest, fill_disk, main

HOSTILE = "Smith & <Sons> $(touch PWNED) `id`; rm -rf ~"


class Status(OwnerTest):
    def setUp(self):
        super().setUp()
        self.load_fixture("store15")

    def test_text_and_markdown(self):
        text = self.owner("status").out
        self.assertTrue(text.startswith("Status Wed 25 Nov\n15 open · 7 due today"), text[:80])
        self.assertIn("Waiting on colleagues\n- Dini: 2\n", text)
        self.assert_golden("status.txt", text)
        md = self.owner("status", "--format", "markdown").out
        self.assertIn("**Waiting on colleagues**", md)
        self.assertIn("`ybt6t`", md)

    def test_slack_payload_escapes_customer_text_and_hides_contacts(self):
        cid = self.new("Printer <jams> & smokes", HOSTILE, "--contact", "secret@example.com")
        self.owner("plan", cid, "Replace fuser", "--who", "Dini", "--due", "fri")
        payload = json.loads(self.owner("status", "--format", "slack").out)
        self.assertEqual(set(payload), {"text", "mrkdwn"})
        self.assertIn("Smith &amp; &lt;Sons&gt;", payload["text"])
        self.assertIn("Printer &lt;jams&gt; &amp; smokes", payload["text"])
        self.assertNotIn("<Sons>", payload["text"])
        for fmt_ in ("text", "markdown", "slack", "json"):
            self.assertNotIn("secret@example.com", self.owner("status", "--format", fmt_).out)

    def test_config_limits_the_fields_that_go_out(self):
        cfg = os.path.join(self.tmp, "c.toml")
        with open(cfg, "w") as f:
            f.write('[status]\nfields = ["title"]\n')
        out = self.owner("status", env={"OWNER_CONFIG": cfg}).out
        self.assertNotIn("M. Jansen", out)
        self.assertIn("Double charge on November invoice", out)
        data = self.owner("status", "--json", env={"OWNER_CONFIG": cfg}).json()
        self.assertNotIn("customer", data["waiting_on"][0]["actions"][0])

    def test_json_and_closed_since_with_celebration(self):
        data = self.owner("status", "--format", "json").json()
        self.assertEqual(data["schema"], 1)
        self.assertEqual(data["open_cases"], 15)
        self.assertEqual(data["waiting_on"][0]["who"], "Dini")
        cid = data["due_today"][0]["case"]
        self.owner("close", cid, "--accepted", now="2026-11-25T15:00:00+01:00")
        out = self.owner("status", now="2026-11-26T16:00:00+01:00").out
        self.assertIn("Closed since Wed 25 Nov — well done!", out)
        self.assertIn(cid, out.split("well done!")[1])
        self.assertNotIn("Closed since", self.owner("status", now="2026-11-27T16:00:00+01:00").out)
        mine = self.owner("status", "--who", "Dini", "--json").json()
        self.assertEqual(mine["open_cases"], 2)


class Remind(OwnerTest):
    def test_says_each_thing_once_as_now_moves(self):
        cid = self.new("Remind me", "A. Customer", "--deadline", "2026-11-27 17:00")
        self.owner("plan", cid, "Call back", "--due", "today 10:30")
        self.owner("plan", cid, "Credit note", "--who", "Dini", "--due", "thu 12:00")
        r = self.owner("remind", now="2026-11-25T10:00:00+01:00", expect=0)
        self.assertEqual(r.out, "")
        r = self.owner("remind", now="2026-11-25T10:30:00+01:00", expect=3)
        self.assertEqual(r.out, f"{cid}  Wed 25 Nov 10:30  due: Call back (A. Customer) · Remind me\n")
        self.owner("remind", now="2026-11-25T10:30:00+01:00", expect=0)
        self.owner("remind", now="2026-11-25T10:45:00+01:00", expect=0)
        r = self.owner("remind", now="2026-11-25T11:15:00+01:00", expect=3)
        self.assertIn("check on Dini: Credit note", r.out)
        self.assertIn("owed a first confirmation", r.out)  # two working hours after opening
        self.assertNotIn("Call back", r.out)
        r = self.owner("remind", "--all", now="2026-11-25T11:15:00+01:00", expect=3)
        self.assertIn("Call back", r.out)
        self.assertIn("check on Dini", r.out)
        r = self.owner("remind", "--dry-run", "--format", "json", now="2026-11-27T09:00:00+01:00", expect=3)
        # One line for the case naming every reason that came due (issue 26).
        self.assertEqual(len(r.json()["reminders"]), 1)
        kinds = sorted(x["kind"] for line in r.json()["reminders"] for x in line["reasons"])
        # The first confirmation still owed was said on Wednesday: not again.
        self.assertEqual(kinds, ["action", "deadline", "escalation", "escalation"])
        # The dry run did not remember: the real run says the same.
        r2 = self.owner("remind", "--json", now="2026-11-27T09:00:00+01:00", expect=3)
        self.assertEqual(r.json(), r2.json())
        self.owner("remind", now="2026-11-27T09:00:00+01:00", expect=0)
        # Done and told: nothing new to say.
        self.owner("done", cid, "call", now="2026-11-27T09:10:00+01:00")
        self.owner("remind", now="2026-11-27T09:15:00+01:00", expect=0)

    def test_exec_runs_without_a_shell(self):
        cid = self.new("Hostile", HOSTILE)
        self.owner("plan", cid, "Call $(whoami)", "--due", "today 10:00")
        out = os.path.join(self.tmp, "got")
        script = os.path.join(self.tmp, "hook.py")
        with open(script, "w") as f:
            f.write("import json, os, sys\n"
                    f"with open({out!r}, 'a') as f:\n"
                    "    f.write(json.dumps({'argv': sys.argv[1:], 'stdin': json.load(sys.stdin),\n"
                    "                        'env': os.environ['OWNER_REMINDER_CUSTOMER']}) + '\\n')\n")
        cwd = os.path.join(self.tmp, "cwd")
        os.makedirs(cwd)
        r = subprocess.run([os.environ.get("OWNER_BIN") or "owner", "remind", "--exec",
                            f"python3 {script} 'literal $HOME' \"two words\""],
                           env=dict(self.env, OWNER_NOW="2026-11-25T10:30:00+01:00"), cwd=cwd,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertEqual(r.stdout, "")
        with open(out) as f:
            got = json.loads(f.readline())
        self.assertEqual(got["argv"], ["literal $HOME", "two words"])
        self.assertEqual(got["stdin"]["customer"], HOSTILE)
        self.assertEqual(got["stdin"]["text"], "due: Call $(whoami)")
        self.assertEqual(got["env"], HOSTILE)
        self.assertEqual(got["stdin"]["schema"], 1)  # like every JSON document owner writes
        self.assertEqual(os.listdir(cwd), [])
        self.assertFalse(os.path.exists(os.path.join(self.home, "PWNED")))

    def test_a_failing_hook_is_tried_again(self):
        cid = self.new("Hook", "A")
        self.owner("plan", cid, "x", "--due", "today 10:00")
        # Exit 5: cron's mail (or `|| notify-send`) learns that a reminder was not delivered.
        r = self.owner("remind", "--exec", "false", now="2026-11-25T10:30:00+01:00", expect=5)
        self.assertIn("exited with status 1", r.err)
        self.owner("remind", now="2026-11-25T10:30:00+01:00", expect=3)

    def test_a_failed_hook_wins_over_delivered_ones_and_an_unreadable_case_over_both(self):
        first = self.new("Hook one", "A")
        self.owner("plan", first, "x", "--due", "today 10:00")
        second = self.new("Hook two", "B")
        self.owner("plan", second, "y", "--due", "today 10:00")
        # The hook delivers A's reminder and fails on B's: exit 5, not 3.
        script = os.path.join(self.tmp, "hook.py")
        with open(script, "w") as f:
            f.write("import json, sys\n"
                    "sys.exit(1 if json.load(sys.stdin)['customer'] == 'B' else 0)\n")
        r = self.owner("remind", "--exec", f"python3 {script}", now="2026-11-25T10:30:00+01:00",
                       expect=5)
        self.assertIn(f"exited with status 1 for {second} (action)", r.err)
        # Only B's is said again.
        r = self.owner("remind", "--json", now="2026-11-25T10:30:00+01:00", expect=3)
        self.assertEqual([x["case"] for x in r.json()["reminders"]], [second])
        # A hook that succeeds: 3 again.
        self.owner("plan", first, "z", "--due", "today 11:00")
        self.owner("remind", "--exec", "true", now="2026-11-25T11:00:00+01:00", expect=3)
        # A case that cannot be read may hold a reminder: 1 wins over 5.
        self.owner("plan", second, "w", "--due", "today 11:15")
        self.write_case("broken", "schema = 1\nid = \"broken\"\n")
        r = self.owner("remind", "--exec", "false", now="2026-11-25T11:15:00+01:00", expect=1)
        self.assertIn("exited with status 1", r.err)

    def test_a_hook_that_cannot_start_says_why_and_is_tried_again(self):
        cid = self.new("Hook", "A")
        self.owner("plan", cid, "x", "--due", "today 10:00")
        r = self.owner("remind", "--exec", "owner-test-no-such-hook --flag",
                       now="2026-11-25T10:30:00+01:00", expect=5)
        self.assertIn("--exec: cannot start owner-test-no-such-hook: No such file or directory "
                      f"(ENOENT) for {cid} (action); it will be tried again", r.err)
        self.owner("remind", now="2026-11-25T10:30:00+01:00", expect=3)


class WorkTimeZone(OwnerTest):
    """[work] time_zone: the working day on a UTC server, as cron runs owner (env -i: no TZ)."""

    # Wednesday 23:30 in UTC: Thursday 00:30 in Amsterdam, Wednesday 18:30 in New York.
    NOW = "2026-11-25T23:30:00+00:00"

    def cron(self, *args, expect=0, tz=None):
        env = {"HOME": self.home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OWNER_NOW": self.NOW,
               "OWNER_CONFIG": self.env["OWNER_CONFIG"]}
        if tz is not None:
            env["TZ"] = tz
        proc = subprocess.run([BIN, *args], env=env, capture_output=True, text=True)
        self.assertEqual(proc.returncode, expect, proc.stderr)
        return proc

    def deadline(self, tz=None):
        out = self.cron("new", "Refund", "--customer", "M. Jansen", "--deadline", "tomorrow 12:00", tz=tz).stdout
        case = self.cron("show", out.split()[0] if out.strip() else "refund", "--json", tz=tz).stdout
        return json.loads(case)["case"]["deadline"]

    def test_the_config_zone_decides_the_day_when_tz_is_unset(self):
        self.use_config('name = "Sam"\n[work]\ntime_zone = "Europe/Amsterdam"\n')
        self.assertEqual(self.deadline(), "2026-11-27T12:00:00+01:00")  # Thursday's tomorrow
        self.use_config('name = "Sam"\n[work]\ntime_zone = "America/New_York"\n')
        shutil.rmtree(self.store)
        self.assertEqual(self.deadline(), "2026-11-26T12:00:00-05:00")  # Wednesday's tomorrow
        # TZ, when set, wins: the person at a terminal abroad sees their own day.
        shutil.rmtree(self.store)
        self.assertEqual(self.deadline(tz="Europe/Amsterdam"), "2026-11-27T12:00:00+01:00")

    def test_a_zone_the_system_does_not_know_is_one_line_naming_the_file_and_field(self):
        cfg = self.use_config('name = "Sam"\n[work]\ntime_zone = "Europe/Amsterdm"\n')
        r = self.cron("list", expect=1)
        self.assertEqual(r.stderr, f'owner: error: {cfg}: work.time_zone: "Europe/Amsterdm" is not a time zone '
                                   'this system knows (a name such as Europe/Amsterdam, see /usr/share/zoneinfo)\n')
        for bad in ('"../../etc/passwd"', '"/etc/localtime"', "1", '"zone.tab"', '""'):
            with self.subTest(bad=bad):
                cfg = self.use_config(f'name = "Sam"\n[work]\ntime_zone = {bad}\n')
                r = self.cron("list", expect=1)
                self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                self.assertIn(f"{cfg}", r.stderr)
                self.assertIn("time_zone", r.stderr)


class TaskwarriorImport(OwnerTest):
    """owner import --format taskwarrior, on what Debian's Taskwarrior 2.6 `task export` writes."""

    def setUp(self):
        super().setUp()
        if not shutil.which("task"):
            self.skipTest("task is not installed (apt-get install taskwarrior)")
        folder = os.path.join(self.tmp, "taskwarrior")
        os.makedirs(folder)
        rc = os.path.join(folder, "taskrc")
        with open(rc, "w") as f:
            f.write(f"data.location={folder}/data\nconfirmation=off\nverbose=nothing\ngc=off\n"
                    "recurrence.limit=2\n")
        self.task_env = dict(self.env, TASKRC=rc, TASKDATA=os.path.join(folder, "data"))

    def task(self, *args):
        subprocess.run(["task", "rc.confirmation=off", *args], env=self.task_env, check=True,
                       capture_output=True, text=True, input="yes\n")

    def task_export(self):
        return subprocess.run(["task", "export"], env=self.task_env, check=True,
                              capture_output=True, text=True).stdout

    def make_tasks(self):
        self.task("add", "project:Jansen", "priority:H", "due:2026-11-27T12:00", "+billing",
                  "Refund the second payment")
        self.task("add", "project:Jansen", "priority:L", "+vip", "Send the credit note")
        self.task("description:Send the credit note", "modify", "depends:1")
        self.task("description:Refund the second payment", "annotate", "Customer called again")
        self.task("add", "project:Jansen", "priority:H", "Old invoice question")
        self.task("description:Old invoice question", "done")
        self.task("add", "project:Jansen", "Spam")
        self.task("description:Spam", "delete")
        self.task("add", "Lone task without a project", "due:2026-11-26")
        self.task("add", "project:Acme", "recur:weekly", "due:2026-11-23T10:00", "Weekly report")
        self.task("list")  # makes the recurring task's instances, as any report does
        return self.task_export()

    def read_cases(self):
        out = {}
        for name in sorted(os.listdir(self.cases)):
            with open(os.path.join(self.cases, name), "rb") as f:
                c = tomllib.load(f)
            out[c["title"]] = c
        return out

    def test_each_project_becomes_a_case_with_its_tasks_as_actions(self):
        exported = self.make_tasks()
        tasks = json.loads(exported)
        pending_reports = [t for t in tasks if t.get("parent") and t["status"] == "pending"]
        self.assertGreaterEqual(len(pending_reports), 1)
        path = os.path.join(self.tmp, "tasks.json")
        with open(path, "w") as f:
            f.write(exported)
        r = self.owner("import", "--format", "taskwarrior", path)
        self.assertEqual(len(r.out.split()), 3)  # the new case ids, one a line
        self.assertIn(f"owner: {path}: task ", r.err)
        self.assertIn("'Send the credit note' has no due date: due Fri 27 Nov 12:00 in case "
                      "'Jansen'", r.err)  # not before the refund it depends on
        self.assertIn(f"owner: imported 3 cases with {4 + len(pending_reports)} actions from "
                      f"{len(tasks)} tasks", r.err)
        cases = self.read_cases()
        self.assertEqual(sorted(cases), ["Acme", "Jansen", "Lone task without a project"])
        jansen = cases["Jansen"]
        self.assertEqual(jansen["customer"], "Jansen")
        self.assertEqual(jansen["priority"], "high")  # the highest open task: H
        self.assertEqual(jansen["tags"], ["billing", "vip"])
        actions = [(a["what"], "done" in a) for a in jansen["actions"]]
        # The refund before the credit note that depends on it; the completed task done; no spam.
        self.assertEqual([a for a, _ in actions if a != "Old invoice question"],
                         ["Refund the second payment", "Send the credit note"])
        self.assertIn(("Old invoice question", True), actions)
        self.assertEqual(jansen["actions"][0]["due"].isoformat(), "2026-11-27T12:00:00+01:00")
        self.assertEqual([e["event"] for e in jansen["log"]], ["opened", "note"])
        self.assertEqual(jansen["log"][1]["text"],
                         "Refund the second payment: Customer called again")
        lone = cases["Lone task without a project"]
        self.assertEqual(lone["priority"], "normal")
        self.assertEqual(lone["actions"][0]["due"].isoformat(), "2026-11-26T00:00:00+01:00")
        acme = cases["Acme"]
        self.assertEqual([a["what"] for a in acme["actions"]],
                         ["Weekly report"] * len(pending_reports))
        self.assertTrue(all("done" not in a for a in acme["actions"]))
        # They are ordinary cases: today and list show them.
        self.assertIn("Weekly report", self.owner("today").out)
        self.assertIn("Refund the second payment", self.owner("agenda", "--days", "5").out)

    def test_standard_input_and_a_dry_run_that_writes_nothing(self):
        exported = self.make_tasks()
        r = self.owner("import", "--format", "taskwarrior", "--dry-run", "-", input=exported)
        self.assertIn("Jansen · Jansen · priority high · tags billing vip\n", r.out)
        self.assertIn("  Fri 27 Nov 12:00  Refund the second payment\n", r.out)
        self.assertIn("Old invoice question (done)", r.out)
        # In the configured language, as every text for people.
        for lang, case_line, action_line, done in (
                ("nl", "Jansen · Jansen · prioriteit hoog · labels billing vip\n",
                 "  vr 27 nov 12:00  Refund the second payment\n", "Old invoice question (gedaan)"),
                ("de", "Jansen · Jansen · Priorität hoch · Schlagwörter billing vip\n",
                 "  Fr 27. Nov 12:00  Refund the second payment\n",
                 "Old invoice question (erledigt)")):
            self.use_config(f'language = "{lang}"\n')
            r = self.owner("import", "--format", "taskwarrior", "--dry-run", "-", input=exported)
            self.assertIn(case_line, r.out)
            self.assertIn(action_line, r.out)
            self.assertIn(done, r.out)
        del self.env["OWNER_CONFIG"]
        self.assertNotIn("Spam", r.out)
        self.assertIn("owner: would import 3 cases", r.err)
        self.assertIn("standard input: task ", r.err)
        self.assertFalse(os.path.exists(self.cases) and os.listdir(self.cases))
        r = self.owner("import", "--format", "taskwarrior", "-", input=exported)
        self.assertEqual(len(self.read_cases()), 3)

    def test_a_bad_task_stops_the_whole_import_with_one_line_naming_it(self):
        tasks = json.loads(self.make_tasks())
        tasks[-1]["priority"] = "X"
        tasks[0]["due"] = tasks[0]["due"]  # the good ones come first: still nothing is written
        path = os.path.join(self.tmp, "tasks.json")
        with open(path, "w") as f:
            json.dump(tasks, f)
        r = self.owner("import", "--format", "taskwarrior", path, expect=2)
        self.assertEqual(r.err.count("\n"), 1, r.err)
        self.assertIn(f"{path}: task {len(tasks)} '{tasks[-1]['description']}': priority 'X': "
                      "expected H, M or L", r.err)
        self.assertFalse(os.path.exists(self.cases) and os.listdir(self.cases))
        tasks[-1]["priority"] = "H"
        tasks[1]["due"] = "next week"
        with open(path, "w") as f:
            json.dump(tasks, f)
        r = self.owner("import", "--format", "taskwarrior", path, expect=1)
        self.assertIn(f"{path}: task 2 '{tasks[1]['description']}': \"due\" 'next week': "
                      "expected a Taskwarrior time like 20261125T120000Z", r.err)
        # An owner export is not a Taskwarrior export, and the other way round.
        r = self.owner("import", "--format", "taskwarrior", "-", input='{"schema": 1, "cases": []}',
                       expect=1)
        self.assertIn("standard input: not a Taskwarrior export", r.err)
        self.assertFalse(os.path.exists(self.cases) and os.listdir(self.cases))

    def many_projects(self, count=40):
        """A real `task export` made into `count` projects of three tasks each (fresh uuids)."""
        tasks = [t for t in json.loads(self.make_tasks()) if t.get("project") == "Jansen"]
        out = []
        for n in range(count):
            for i, t in enumerate(tasks):
                copy = dict(t, project=f"Customer {n:02d}", uuid=f"{n:08d}-0000-4000-8000-{i:012d}")
                copy.pop("depends", None)
                out.append(copy)
        path = os.path.join(self.tmp, "many.json")
        with open(path, "w") as f:
            json.dump(out, f)
        return path

    def titles(self, home, strict=True):
        """The titles of the case files; strict: no temporary file beside them (a SIGKILL may
        leave one, which no command reads as a case)."""
        folder = os.path.join(home, "cases")
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        if strict:
            self.assertEqual([n for n in names if not n.endswith(".toml")], [])
        return sorted(tomllib.loads(Path(folder, n).read_text())["title"] for n in names if n.endswith(".toml"))

    def test_importing_again_skips_what_was_imported_and_a_killed_import_is_finished_by_running_it_again(self):
        path = self.many_projects()
        every = sorted(f"Customer {n:02d}" for n in range(40))
        first = self.owner("import", "--format", "taskwarrior", path)
        self.assertEqual(len(first.out.split()), 40)
        again = self.owner("import", "--format", "taskwarrior", path)
        self.assertEqual(again.out, "")
        self.assertIn("owner: imported 0 cases with 0 actions", again.err)
        self.assertIn("skipped 40 imported before", again.err)
        self.assertEqual(self.titles(self.store), every)
        # SIGKILL at random points of the writes, then the same import again: each case once.
        random.seed(7)
        stopped_midway = 0
        for run in range(12):
            home = os.path.join(self.tmp, f"killed{run}")
            env = dict(self.env, OWNER_HOME=home)
            proc = subprocess.Popen([BIN, "import", "--format", "taskwarrior", path], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.0, 0.06))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stopped_midway += 0 < len(self.titles(home, strict=False)) < 40
            self.owner("import", "--format", "taskwarrior", path, env={"OWNER_HOME": home})
            self.assertEqual(self.titles(home, strict=False), every, f"run {run}")
            self.assertEqual(len(self.owner("list", "--json", env={"OWNER_HOME": home}).json()["cases"]), 40)
        print(f"imports killed midway: {stopped_midway} of 12")

    def test_a_full_disk_takes_back_what_the_import_wrote(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs")
        path = self.many_projects()
        mnt = os.path.join(self.tmp, "small")
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt], capture_output=True).returncode:
            self.skipTest("cannot mount tmpfs here")
        self.addCleanup(subprocess.run, ["umount", mnt])
        home = os.path.join(mnt, "store")
        self.owner("init", env={"OWNER_HOME": home})
        fill_disk(mnt, 40 * 1024)  # room for a few cases of the forty
        r = self.owner("import", "--format", "taskwarrior", path, env={"OWNER_HOME": home}, expect=1)
        error = r.err.strip().splitlines()[-1]  # after the notes on tasks without a due date
        self.assertRegex(error, r"^owner: error: .*No space left on device.*; nothing was imported$")
        self.assertEqual(r.out, "")
        self.assertEqual(self.titles(home), [])
        os.remove(os.path.join(mnt, "filler"))
        self.owner("import", "--format", "taskwarrior", path, env={"OWNER_HOME": home})
        self.assertEqual(len(self.titles(home)), 40)


class ExportImport(OwnerTest):
    def test_round_trip_is_byte_identical(self):
        self.load_fixture("store15")
        cid = self.owner("list", "--json").json()["cases"][0]["id"]
        self.owner("close", cid, "--accepted")
        before = self.snapshot()
        exported = self.owner("export", "--all").out
        data = json.loads(exported)
        self.assertEqual(data["schema"], 1)
        self.assertEqual(len(data["cases"]), 15)
        other = os.path.join(self.tmp, "other")
        r = self.owner("import", "-", env={"OWNER_HOME": other}, input=exported)
        self.assertIn("imported 15 cases", r.err)
        self.assertEqual(self.owner("list", "--all", "--json").out,
                         self.owner("list", "--all", "--json", env={"OWNER_HOME": other}).out)
        for rel, content in before.items():
            if rel.startswith((".", "archive/", "cases/")) and rel.endswith(".toml"):
                with open(os.path.join(other, rel), "rb") as f:
                    self.assertEqual(f.read(), content, rel)
        # Importing again (a backup restored twice) skips every case already there, says so, exit 0.
        path = os.path.join(self.tmp, "export.json")
        with open(path, "w") as f:
            f.write(exported)
        r = self.owner("import", path, env={"OWNER_HOME": other}, expect=0)
        self.assertIn("imported 0 cases, skipped 15 already in the store", r.err)

    def test_bad_import_writes_nothing(self):
        path = os.path.join(self.tmp, "bad.json")
        for text, expected in [("{", "line 1"), ('{"schema": 1, "cases": [{"toml": "schema = 1\\nid = \\"../x\\""}]}', "id: expected"),
                               ('{"cases": []}', "not an owner export")]:
            with open(path, "w") as f:
                f.write(text)
            r = self.owner("import", path, expect=1)
            self.assertIn(expected, r.err)
        self.assertFalse(os.path.exists(self.cases))

    def test_ics(self):
        self.load_fixture("store15")
        ics = subprocess.run([os.environ.get("OWNER_BIN") or "owner", "export", "--format", "ics"],
                             env=self.env, capture_output=True).stdout
        self.assertTrue(ics.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        self.assertTrue(ics.endswith(b"END:VCALENDAR\r\n"))
        lines = ics.split(b"\r\n")[:-1]
        for line in lines:
            self.assertNotIn(b"\n", line)
            self.assertLessEqual(len(line), 75, line)
        unfolded = ics.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
        events = ics.count(b"BEGIN:VEVENT")
        self.assertEqual(events, ics.count(b"END:VEVENT"))
        for prop in ("UID:", "DTSTAMP:", "DTSTART", "SUMMARY:"):  # DTSTART: or DTSTART;VALUE=DATE: (deadlines)
            self.assertEqual(sum(1 for l in unfolded if l.startswith(prop)), events, prop)
        uids = [l for l in unfolded if l.startswith("UID:")]
        self.assertEqual(len(uids), len(set(uids)))
        self.assertIn("DESCRIPTION:Van der Berg Logistiek B.V. — Contract renewal with volume discount (case hemsz)", unfolded)
        cid = self.new("Semi;colon, comma\\slash", "A")
        self.owner("plan", cid, "x", "--due", "fri")
        text = self.owner("export", "--format", "ics").out
        self.assertIn("Semi\\;colon\\, comma\\\\slash", text.replace("\r\n ", ""))
        # Stable UIDs: a later export names the same events the same.
        later = self.owner("export", "--format", "ics", now="2026-11-25T12:00:00+01:00").out
        self.assertEqual([l for l in later.split("\r\n") if l.startswith("UID:")],
                         [l for l in text.split("\r\n") if l.startswith("UID:")])


class JsonEverywhere(OwnerTest):
    def test_every_reading_command_has_json_with_a_schema(self):
        self.load_fixture("store15")
        cid = self.owner("list", "--json").json()["cases"][0]["id"]
        for args in (["list"], ["show", cid], ["today"], ["agenda"], ["check"], ["escalate"], ["prioritize"],
                     ["stats"], ["status"], ["remind", "--dry-run"]):
            with self.subTest(args=args):
                r = self.owner(*args, "--json", expect=None)
                self.assertIn(r.code, (0, 3), r.err)
                data = r.json()
                self.assertEqual(data["schema"], 1)
                for value in _walk(data):
                    if isinstance(value, str) and len(value) == 25 and value[10] == "T":
                        self.assertRegex(value, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def _walk(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from _walk(x)
    elif isinstance(v, list):
        for x in v:
            yield from _walk(x)
    else:
        yield v


if __name__ == "__main__":
    main()
