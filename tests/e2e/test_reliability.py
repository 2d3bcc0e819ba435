"""No case is ever lost: kills, concurrent writers, a full disk, locks, paths, privacy, doctor."""

import fcntl
import os
import random
import signal
import subprocess
import time
import tomllib
from pathlib import Path

from ownertest import BIN, OwnerTest, main

KILLS = int(os.environ.get("OWNER_KILLS", "300"))
WRITERS = 8
WRITES_EACH = 15


def parse_ok(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


class CrashSafety(OwnerTest):
    def case_files(self):
        found = {}
        for root, _, names in os.walk(self.store):
            for n in names:
                if n.endswith(".toml") and not n.startswith("."):
                    found.setdefault(n[:-5], []).append(os.path.join(root, n))
        return found

    def test_sigkill_at_random_points_leaves_old_or_new_versions(self):
        ids = [self.new(f"Case {i}", f"Customer {i}", "--deadline", "fri") for i in range(4)]
        rng = random.Random(20261125)
        survived = 0
        for n in range(KILLS):
            cid = rng.choice(ids)
            before = {c: [Path(p).read_bytes() for p in paths] for c, paths in self.case_files().items()}
            kind = rng.choice(["note", "note", "plan", "close"])
            if kind == "note":
                args = ["note", cid, f"note {n}"]
            elif kind == "plan":
                args = ["plan", cid, f"step {n}", "--due", "fri 12:00"]
            else:
                closed = any("archive" in p for p in self.case_files()[cid])
                args = ["reopen", cid] if closed else ["close", cid, "--accepted"]
            proc = subprocess.Popen([BIN, *args], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 0.004))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            survived += proc.returncode == -signal.SIGKILL
            files = self.case_files()
            self.assertEqual(sorted(files), sorted(ids), f"a case vanished after kill {n}")
            for c, paths in files.items():
                for p in paths:
                    data = Path(p).read_bytes()
                    parse_ok(p)
                    old = before[c]
                    # Either byte-identical to a version before, or a complete new one that parses.
                    if data not in old:
                        self.assertTrue(data.endswith(b"\n"), p)
            # A crash while moving between cases/ and archive/ may leave both copies; doctor resolves it.
            if any(len(p) > 1 for p in files.values()):
                self.owner("doctor", "--fix", expect=None)
                self.assertTrue(all(len(p) == 1 for p in self.case_files().values()), "doctor --fix left a duplicate")
        # Temp files left by kills are never read as cases, and doctor --fix removes them.
        self.owner("list", "--all")
        self.owner("doctor", "--fix", expect=None)
        self.assertEqual(self.owner("doctor").code, 0, self.owner("doctor", expect=None).out)
        leftovers = [n for r, _, ns in os.walk(self.store) for n in ns if ".tmp-" in n]
        self.assertEqual(leftovers, [])
        print(f"\n  crash safety: {KILLS} kills, {survived} while running, no case lost")


class Concurrency(OwnerTest):
    def test_concurrent_writers_lose_nothing(self):
        shared = self.new("Shared", "Everyone")
        own = [self.new(f"Own {i}", f"Writer {i}") for i in range(WRITERS)]
        script = "\n".join(
            f"for j in $(seq 1 {WRITES_EACH}); do {BIN} note {shared} \"w{i} shared $j\" || exit 1; "
            f"{BIN} note {own[i]} \"w{i} own $j\" || exit 1; {BIN} remind >/dev/null; done &"
            for i in range(WRITERS)) + "\nfor p in $(jobs -p); do wait $p || exit 1; done\n"
        env = dict(self.env, OWNER_LOCK_TIMEOUT="60")
        r = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=600)
        self.assertEqual(r.returncode, 0, r.stderr)
        notes = [e["text"] for e in parse_ok(self.case_path(shared))["log"] if e["event"] == "note"]
        self.assertEqual(len(notes), WRITERS * WRITES_EACH)
        self.assertEqual(len(set(notes)), WRITERS * WRITES_EACH)
        for i, cid in enumerate(own):
            got = [e["text"] for e in parse_ok(self.case_path(cid))["log"] if e["event"] == "note"]
            self.assertEqual(got, [f"w{i} own {j}" for j in range(1, WRITES_EACH + 1)])
        print(f"\n  concurrency: {WRITERS} writers, {2 * WRITERS * WRITES_EACH} notes, none lost")

    def test_lock_timeout_names_the_holder(self):
        cid = self.new("Locked", "A")
        with open(os.path.join(self.store, ".lock"), "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            f.truncate()
            f.write("pid 4242 since 2026-11-25 09:00:00\n")
            f.flush()
            before = self.snapshot()
            r = self.owner("note", cid, "blocked", env={"OWNER_LOCK_TIMEOUT": "0.3"}, expect=4)
            self.assertEqual(r.err.strip().split(" (lock file")[0],
                             "owner: error: store is locked by pid 4242 since 2026-11-25 09:00:00")
            self.assertEqual(before, self.snapshot())
            self.assertIn("locked by pid 4242", self.owner("doctor").out)
            self.owner("list")  # readers never wait


class FullDisk(OwnerTest):
    def test_a_full_disk_fails_cleanly_and_keeps_the_old_file(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs")
        mnt = os.path.join(self.tmp, "small")
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt], capture_output=True).returncode:
            self.skipTest("cannot mount tmpfs here")
        self.addCleanup(subprocess.run, ["umount", mnt])
        env = {"OWNER_HOME": os.path.join(mnt, "store")}
        cid = self.owner("new", "Disk", "--customer", "A", env=env).out.strip()
        path = os.path.join(mnt, "store", "cases", cid + ".toml")
        before = Path(path).read_bytes()
        fd = os.open(os.path.join(mnt, "filler"), os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"x" * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        r = self.owner("note", cid, "x" * 20000, env=env, expect=1)
        self.assertRegex(r.err.strip(), r"^owner: error: cannot write .*: No space left on device; the previous version is intact$")
        self.assertEqual(Path(path).read_bytes(), before)
        self.assertEqual([n for n in os.listdir(os.path.dirname(path)) if ".tmp-" in n], [])


class Privacy(OwnerTest):
    def test_doctor_reports_and_fixes_loose_permissions(self):
        cid = self.new("Private", "A")
        os.chmod(self.case_path(cid), 0o644)
        os.chmod(self.cases, 0o755)
        r = self.owner("doctor", expect=3)
        self.assertIn(f"permissions: {self.case_path(cid)}: mode 0644 lets others read customer data", r.out)
        before = self.snapshot()
        self.owner("doctor", "--fix")
        self.assertEqual(self.mode(self.case_path(cid)), 0o600)
        self.assertEqual(self.mode(self.cases), 0o700)
        self.assertEqual(before, self.snapshot())
        self.owner("doctor")

    def test_doctor_reports_bad_files_duplicates_and_never_touches_them_without_fix(self):
        cid = self.new("Dup", "A")
        self.write_case("broken", "schema = 1\nid = \"broken\"\n")
        os.makedirs(os.path.join(self.store, "archive", "2026"))
        with open(os.path.join(self.store, "archive", "2026", cid + ".toml"), "w") as f:
            f.write(self.read_case(cid))
        os.chmod(os.path.join(self.store, "archive", "2026", cid + ".toml"), 0o600)
        before = self.snapshot()
        data = self.owner("doctor", "--json", expect=3).json()
        kinds = sorted(f["kind"] for f in data["findings"])
        self.assertIn("parse", kinds)
        self.assertIn("duplicate", kinds)
        self.assertFalse(data["ok"])
        self.assertEqual(before, self.snapshot())

    def test_forget_a_customer(self):
        cid = self.new("Refund", "Jan Jansen", "--contact", "jan@example.com", "--note", "Jan called about his refund")
        self.owner("plan", cid, "Refund", "--who", "Finance", "--due", "fri")
        self.owner("close", cid, "--accepted")
        keep = self.new("Other", "Jan Jansen")
        r = self.owner("forget", "--customer", "Jan Jansen", expect=2)
        self.assertIn("confirm with --yes", r.err)
        r = self.owner("forget", "--customer", "Jan Jansen", "--yes")
        self.assertIn("1 open case of 'Jan Jansen' is not touched", r.err)
        text = Path(self.store, "archive", "2026", cid + ".toml").read_text()
        self.assertNotIn("Jansen", text)
        self.assertNotIn("jan@example.com", text)
        self.assertNotIn("his refund", text)
        self.assertIn('event = "forgotten"', text)
        stats = self.owner("stats", "--json").json()
        self.assertEqual(stats["closed_accepted"], 1)
        self.assertEqual(stats["handovers_per_case"], 1)
        self.assertIn("Jan Jansen", self.read_case(keep))


class Paths(OwnerTest):
    def test_imports_and_ids_cannot_escape_the_store(self):
        outside = os.path.join(self.tmp, "outside")
        os.makedirs(outside)
        doc = '{"schema": 1, "cases": [{"toml": "schema = 1\\nid = \\"../../outside/x\\"\\ntitle = \\"t\\"\\ncustomer = \\"c\\"\\nopened = 2026-11-25T09:00:00+01:00\\n"}]}'
        r = self.owner("import", "-", input=doc, expect=1)
        self.assertIn("id: expected lowercase", r.err)
        self.assertEqual(os.listdir(outside), [])
        for bad in ["..", "../outside", "/tmp", "a/../b"]:
            self.owner("edit", bad, expect=2)
            self.owner("close", bad, "--accepted", expect=2)

    def test_writes_replace_a_planted_symlink_instead_of_following_it(self):
        cid = self.new("Target", "A")
        victim = os.path.join(self.tmp, "victim.txt")
        with open(victim, "w") as f:
            f.write("precious")
        # A symlink named like a temp file cannot redirect the write either: temp files are O_EXCL.
        os.symlink(victim, os.path.join(self.cases, f".{cid}.toml.tmp-999999-0"))
        self.owner("note", cid, "still fine")
        self.assertEqual(Path(victim).read_text(), "precious")


if __name__ == "__main__":
    main()
