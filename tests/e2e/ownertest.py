"""End-to-end test helpers: run the real owner binary on a fresh temporary HOME with a fixed now."""

import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

BIN = os.environ.get("OWNER_BIN") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "../../build/release/src/owner"))
GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures")


def fill_disk(mnt, leave=0):
    """Fills the file system mounted at `mnt` with a file `filler`, then frees `leave` bytes of it."""
    path = os.path.join(mnt, "filler")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while os.write(fd, b"x" * 4096) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    os.truncate(path, max(0, os.path.getsize(path) - leave))


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = getattr(proc, "stdout_text", proc.stdout)
        self.err = getattr(proc, "stderr_text", proc.stderr)

    def json(self):
        return json.loads(self.out)


class OwnerTest(unittest.TestCase):
    """Each test gets its own HOME; OWNER_*, XDG_*, editor and colour variables are reset."""

    now = "2026-11-25T09:00:00+01:00"  # a Wednesday
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="owner-e2e-")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        keep = {k: v for k, v in os.environ.items()
                if not k.startswith(("OWNER_", "XDG_")) and k not in
                ("VISUAL", "EDITOR", "NO_COLOR", "COLUMNS", "TZ", "LANG", "LC_ALL")}
        self.env = dict(keep, HOME=self.home, TZ="Europe/Amsterdam", LC_ALL="C.UTF-8",
                        OWNER_NOW=self.now, OWNER_LOCK_TIMEOUT="5")
        self.store = os.path.join(self.home, ".local", "share", "owner")
        self.cases = os.path.join(self.store, "cases")

    def tearDown(self):
        for root, dirs, _ in os.walk(self.tmp):
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o700)
                except OSError:
                    pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def use_config(self, text):
        """Writes `text` as this test's config file and points OWNER_CONFIG at it."""
        cfg = os.path.join(self.tmp, "config.toml")
        with open(cfg, "w") as f:
            f.write(text)
        self.env["OWNER_CONFIG"] = cfg
        return cfg

    def owner(self, *args, now=None, expect=0, env=None, input=None):
        """Runs owner; checks the exit status unless expect is None."""
        e = dict(self.env)
        if now is not None:
            e["OWNER_NOW"] = now
        if env:
            e.update(env)
        with subprocess.Popen([BIN, *args], env=e, stdin=subprocess.PIPE if input is not None else None,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            try:
                proc.stdout_text, proc.stderr_text = proc.communicate(input, timeout=60)
            except subprocess.TimeoutExpired:
                # What it and its children were doing, taken before they are killed: a hang
                # seen once in CI must say where it hung.
                running = subprocess.run(["ps", "-eo", "pid,ppid,pgid,etimes,stat,wchan:24,args"],
                                         capture_output=True, text=True).stdout
                proc.kill()
                out, err = proc.communicate()
                raise AssertionError(f"owner {' '.join(args)} ran over 60 s\nprocesses:\n{running}"
                                     f"stdout:\n{out}\nstderr:\n{err}") from None
        r = Result(proc)
        if expect is not None:
            self.assertEqual(r.code, expect, f"owner {' '.join(args)}\nstdout:\n{r.out}\nstderr:\n{r.err}")
        return r

    def on_terminal(self, *args, columns=None, rows=24, cols=80, env=None, now=None):
        """Runs owner with its output on a pseudo terminal of `rows` x `cols` (COLUMNS when
        given), and returns what it wrote there, decoded strictly (a cut character fails)."""
        import fcntl
        import pty
        import struct
        import termios
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        e = dict(self.env, **(env or {}))
        if columns is not None:
            e["COLUMNS"] = str(columns)
        if now is not None:
            e["OWNER_NOW"] = now
        proc = subprocess.Popen([BIN, *args], env=e, stdout=slave, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
        os.close(master)
        err = proc.stderr.read()
        proc.stderr.close()
        self.assertEqual(proc.returncode, 0, err)
        return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")

    def new(self, title, customer, *extra, now=None):
        r = self.owner("new", title, "--customer", customer, *extra, now=now)
        case_id = r.out.strip()
        self.assertRegex(case_id, r"^[a-z0-9]{5}$")
        return case_id

    def case_path(self, case_id):
        return os.path.join(self.cases, case_id + ".toml")

    def read_case(self, case_id):
        with open(self.case_path(case_id), encoding="utf-8") as f:
            return f.read()

    def write_case(self, case_id, text):
        os.makedirs(self.cases, mode=0o700, exist_ok=True)
        with open(self.case_path(case_id), "w", encoding="utf-8") as f:
            f.write(text)

    def snapshot(self):
        """Every file in the store with its bytes, to prove nothing changed."""
        files = {}
        for root, _, names in os.walk(self.store):
            for n in names:
                p = os.path.join(root, n)
                if n == ".lock" or os.path.relpath(root, self.store).startswith(".cache"):
                    continue  # the lock and the derived cache are not data
                with open(p, "rb") as f:
                    files[os.path.relpath(p, self.store)] = f.read()
        return files

    def mode(self, path):
        return stat.S_IMODE(os.stat(path).st_mode)

    def assert_golden(self, name, text):
        """Compares with tests/e2e/golden/NAME; OWNER_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
        path = os.path.join(GOLDEN, name)
        if os.environ.get("OWNER_UPDATE_GOLDEN") == "1":
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(text, f.read(), f"golden file {name} differs")

    def load_fixture(self, name):
        """Copies tests/fixtures/NAME/ into the store."""
        shutil.copytree(os.path.join(FIXTURES, name), self.store, dirs_exist_ok=True)
        for root, dirs, files in os.walk(self.store):
            os.chmod(root, 0o700)
            for f in files:
                os.chmod(os.path.join(root, f), 0o600)


def main():
    unittest.main(verbosity=2)
