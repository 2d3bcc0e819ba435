"""Completions, man pages and installation stay in step with the binary."""

import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

from ownertest import BIN, OwnerTest, main

SOURCE = os.environ.get("OWNER_SOURCE_DIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("OWNER_BUILD_DIR")
COMPLETIONS = os.path.join(SOURCE, "completions")
MAN = os.path.join(SOURCE, "man")


def binary(*args):
    return subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout


def commands():
    return [line.split("\t")[0] for line in binary("__complete", "commands").splitlines()]


def options(*cmd):
    return [line.split("\t")[0] for line in binary("__complete", "options", *cmd).splitlines()]


def static_link():
    """Whether the build compiles fmt and toml++ in (CMake option OWNER_STATIC_LINK)."""
    with open(os.path.join(BUILD, "CMakeCache.txt")) as f:
        return re.search(r"^OWNER_STATIC_LINK:BOOL=(ON|TRUE|1|YES)$", f.read(), re.M | re.I) is not None


def needed_libraries(program):
    dynamic = subprocess.run(["readelf", "-d", program], check=True, capture_output=True, text=True).stdout
    return set(re.findall(r"\(NEEDED\).*\[(.+)\]", dynamic))


def package_of(soname):
    """The Debian package that ships the shared library `soname` this machine's loader finds."""
    cache = subprocess.run(["/sbin/ldconfig", "-p"], check=True, capture_output=True, text=True).stdout
    paths = re.findall(rf"^\s*{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.M)
    for path in paths + [p.replace("/usr/lib/", "/lib/", 1) for p in paths] + \
            ["/usr" + p for p in paths if not p.startswith("/usr/")]:
        r = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.split(":")[0]
    raise AssertionError(f"no package ships {soname} ({paths})")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class InStep(unittest.TestCase):
    def test_every_command_and_option_is_in_the_man_page_and_each_completion(self):
        man = read(os.path.join(MAN, "owner.1"))
        bash = read(os.path.join(COMPLETIONS, "owner.bash"))
        zsh = read(os.path.join(COMPLETIONS, "_owner"))
        fish = read(os.path.join(COMPLETIONS, "owner.fish"))
        cmds = commands()
        self.assertIn("today", cmds)
        self.assertNotIn("__complete", cmds)
        for cmd in cmds:
            with self.subTest(command=cmd):
                self.assertIn(f'.SS "owner {cmd}', man.replace("\\-", "-"))
                self.assertTrue(re.search(rf"\b{cmd}\b", bash), f"owner.bash lacks {cmd}")
                self.assertTrue(f"'{cmd}:" in zsh, f"_owner lacks {cmd}")
                self.assertTrue(f"-a {cmd} " in fish, f"owner.fish lacks {cmd}")
                for opt in options(cmd):
                    if opt == "--help":
                        continue
                    self.assertTrue(opt.replace("-", "\\-") in man, f"owner.1 lacks {cmd} {opt}")
                    self.assertTrue(re.search(rf"{cmd}\) words='[^']*{re.escape(opt)}\b", bash), f"owner.bash lacks {cmd} {opt}")
                    zline = next((l for l in zsh.splitlines() if l.strip().startswith(f"{cmd}) _arguments")), "")
                    self.assertRegex(zline, rf"{re.escape(opt)}=?[\[}}]", f"_owner lacks {cmd} {opt}")
                    self.assertTrue(f"__fish_seen_subcommand_from {cmd}' -l {opt[2:]}" in fish, f"owner.fish lacks {cmd} {opt}")
        for opt in options():
            self.assertTrue(opt.replace("-", "\\-") in man, f"owner.1 lacks {opt}")

    def test_the_man_pages_name_every_language(self):
        """--lang in owner(1) and `language`, `lang` in owner(5) list the binary's languages."""
        codes = [line.split("\t")[0] for line in binary("__complete", "languages").splitlines()]
        self.assertIn("de", codes)
        man1 = read(os.path.join(MAN, "owner.1"))
        lang_lines = re.findall(r'^\.BI \\-\\-lang " ([^"]*)"', man1, re.M)
        self.assertEqual(len(lang_lines), 3, "new, draft and escalate take --lang")
        for line in lang_lines:
            self.assertEqual(line, "|".join(codes))
        man5 = read(os.path.join(MAN, "owner.5"))
        quoted = ", ".join(f"\\(dq{c}\\(dq" for c in codes[:-1]) + f" or \\(dq{codes[-1]}\\(dq"
        self.assertIn(f'.BR language " ({quoted};', man5)
        self.assertIn(f'.BR lang " ({quoted}),', man5)
        self.assertIn(".SS " + ", ".join(f"[templates.{c}]" for c in codes[:-1]) + f" and [templates.{codes[-1]}]",
                      man5)

    def test_committed_completions_equal_generated_ones(self):
        out = tempfile.mkdtemp()
        try:
            subprocess.run(["python3", os.path.join(COMPLETIONS, "generate.py"), BIN, out], check=True)
            for name in ("owner.bash", "_owner", "owner.fish"):
                self.assertEqual(read(os.path.join(out, name)), read(os.path.join(COMPLETIONS, name)),
                                 f"completions/{name} is stale: run completions/generate.py")
        finally:
            shutil.rmtree(out)

    def test_man_pages_render_cleanly(self):
        for page in ("owner.1", "owner.5"):
            r = subprocess.run(["groff", "-man", "-ww", "-z", os.path.join(MAN, page)], capture_output=True, text=True)
            self.assertEqual((r.returncode, r.stderr), (0, ""), page)
            if shutil.which("mandoc"):
                r = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", os.path.join(MAN, page)],
                                   capture_output=True, text=True)
                self.assertEqual(r.stdout + r.stderr, "", page)


def have_pty():
    try:
        a, b = os.openpty()
    except OSError:
        return False
    os.close(a)
    os.close(b)
    return True


HOSTILE = "$(touch PWNED)"  # a case file of this name can arrive by `owner sync` from a colleague's clone


class Completion(OwnerTest):
    """Each script is driven by its real shell: commands, options, values and case ids where a case goes.
    Closed case 66atc, a customer with a backslash (open), and hostile file names in cases/."""

    def setUp(self):
        super().setUp()
        self.load_fixture("store15")
        self.env["PATH"] = os.path.dirname(BIN) + os.pathsep + self.env.get("PATH", "")
        self.env["OWNER_HOME"] = self.store
        self.owner("close", "66atc", "--accepted")
        self.backslash = self.new("Path C:\\temp\\x", "Back\\slash BV")
        for name in (HOSTILE, "a b", "x;y", "Q1"):
            shutil.copy(self.case_path("37nd2"), os.path.join(self.cases, name + ".toml"))
        self.cwd = os.path.join(self.tmp, "cwd")
        os.makedirs(self.cwd)
        for name in ("my export.json", "mine.json"):
            open(os.path.join(self.cwd, name), "w").close()
        # Names come from the config: one with spaces, one that would run code if expanded.
        self.use_config('name = "Eva de Vries"\n[people]\n"Ben Smit" = ["Ben"]\n"Dini" = []\n'
                        f'"{HOSTILE} x" = []\n')

    def assert_no_code_ran(self):
        """Called by every test that completes: a hostile name never ran as code (in the test, not
        in tearDown, where a failure would come after the test had passed)."""
        self.assertFalse(os.path.exists(os.path.join(self.cwd, "PWNED")), "completion ran code from a file name")

    def shell(self, *argv):
        return subprocess.run(list(argv), env=self.env, capture_output=True, text=True, timeout=30, cwd=self.cwd)

    def test_only_well_formed_ids_leave_complete(self):
        out = self.owner("__complete", "cases", "--all").out
        ids = [l.split("\t")[0] for l in out.splitlines()]
        self.assertIn("37nd2", ids)
        self.assertIn("66atc", ids)
        for id_ in ids:
            self.assertRegex(id_, r"^[a-z0-9_-]+$")
        self.assertNotIn("PWNED", out)
        # zsh puts options of its own first: --closed is found wherever it is.
        # A description is one line of plain text: no terminal escapes into a menu.
        text = self.read_case("38fa4").replace('customer = "Gemeente Utrecht"', 'customer = "Gemeente\\u001b]0;owned\\u0007\\nUtrecht"')
        self.write_case("38fa4", text)
        line = next(l for l in self.owner("__complete", "cases").out.splitlines() if l.startswith("38fa4"))
        self.assertEqual(line, "38fa4\tGemeente ]0;owned  Utrecht — Question about data retention")
        closed = self.owner("__complete", "cases", "-J", "case", "--closed").out
        self.assertEqual([l.split("\t")[0] for l in closed.splitlines()], ["66atc"])
        self.assert_no_code_ran()

    def test_bash(self):
        script = os.path.join(COMPLETIONS, "owner.bash")

        def complete(*words):
            line = " ".join(shlex.quote(w) for w in words)
            r = self.shell("bash", "-c", f"source {script} && COMP_WORDS=({line}) COMP_CWORD={len(words) - 1} "
                                         f"&& _owner && printf '%s\\n' \"${{COMPREPLY[@]}}\"")
            self.assertEqual(r.stderr, "")
            return [l for l in r.stdout.split("\n") if l]

        self.assertEqual(complete("owner", "pr"), ["prioritize"])
        self.assertIn("--due", complete("owner", "plan", "--"))
        # The case setUp adds has a random id: it is offered too when it happens to start so.
        self.assertEqual(complete("owner", "show", "37"),
                         sorted({"37nd2"} | ({self.backslash} if self.backslash.startswith("37") else set())))
        self.assertEqual(complete("owner", "prioritize", "37nd2", "u"), ["urgent"])
        self.assertEqual(complete("owner", "status", "--format", "s"), ["slack"])
        # Untrusted names are never expanded nor offered; a hostile prefix matches nothing.
        everything = complete("owner", "note", "")
        self.assertIn("37nd2", everything)
        self.assertEqual(sorted(everything), sorted(set(everything)))
        for word in everything:
            self.assertRegex(word, r"^[a-z0-9_-]+$")
        self.assertEqual(complete("owner", "note", "$(touch PWNED)"), [])
        self.assertEqual(complete("owner", "note", "$"), [])
        self.assertEqual(complete("owner", "import", HOSTILE), [])
        self.assertEqual(complete("owner", "status", "--format", HOSTILE), [])
        self.assertEqual(complete("owner", HOSTILE), [])
        # Closed cases where a closed case goes, both where any case goes.
        self.assertEqual(complete("owner", "reopen", ""), ["66atc"])
        self.assertIn("66atc", complete("owner", "show", ""))
        self.assertNotIn("66atc", complete("owner", "note", ""))
        # An id only where a case goes; option values are not positionals.
        self.assertEqual(complete("owner", "plan", "37nd2", ""), [])
        self.assertEqual(complete("owner", "plan", "--due", "fri", "37"), ["37nd2"])
        self.assertEqual(complete("owner", "new", "--customer", ""), [])
        # File names with spaces are one word.
        self.assertEqual(complete("owner", "import", "my"), ["my export.json"])
        self.assertEqual(complete("owner", "--").count("--version"), 1)
        self.assertEqual(complete("owner", "sync", "--prefer", ""), ["ours", "theirs"])
        self.assertEqual(complete("owner", "help", "pl"), ["plan"])
        self.assertIn("help", complete("owner", "he"))
        # People: a name with spaces is one quoted word; a hostile name is offered as text, never run.
        self.assertEqual(complete("owner", "plan", "37nd2", "x", "--who", "B"), ["Ben\\ Smit"])
        self.assertEqual(complete("owner", "plan", "37nd2", "x", "--who", "Ben\\ S"), ["Ben\\ Smit"])
        self.assertEqual(sorted(complete("owner", "draft", "37nd2", "--to", "")),
                         sorted(["customer", "Eva\\ de\\ Vries", "Ben\\ Smit", "Dini", "\\$\\(touch\\ PWNED\\)\\ x"]))
        self.assertEqual(complete("owner", "escalate", "37nd2", "--to", "D"), ["Dini"])
        self.assertEqual(complete("owner", "close", "37nd2", "--helped", "E"), ["Eva\\ de\\ Vries"])
        # A case is handed to a person of the roster; only an open case is handed over.
        self.assertEqual(complete("owner", "handoff", "37nd2", "--to", "Ev"), ["Eva\\ de\\ Vries"])
        self.assertEqual(complete("owner", "handoff", ""), complete("owner", "note", ""))
        self.assertEqual(complete("owner", "callback", "37nd2", "--who", "D"), ["Dini"])
        # --owner on every view that takes it, `report` too.
        self.assertEqual(complete("owner", "report", "--owner", "D"), ["Dini"])
        # --format=VALUE is split by bash into three words; files after --from-mail; closed cases
        # for thanks.
        self.assertEqual(complete("owner", "status", "--format", "=", "s"), ["slack"])
        self.assertEqual(complete("owner", "--color", "=", "n"), ["never"])
        self.assertEqual(complete("owner", "status", "--format", "=", "slack", "3"), [])
        self.assertEqual(complete("owner", "new", "x", "--from-mail", "my"), ["my export.json"])
        self.assertEqual(complete("owner", "draft", "--thanks", ""), ["66atc"])
        self.assertNotIn("66atc", complete("owner", "draft", ""))
        self.assert_no_code_ran()

    @unittest.skipUnless(shutil.which("shellcheck"), "shellcheck is not installed (apt install shellcheck)")
    def test_bash_script_is_shellcheck_clean(self):
        r = subprocess.run(["shellcheck", "-s", "bash", os.path.join(COMPLETIONS, "owner.bash")],
                           capture_output=True, text=True)
        self.assertEqual((r.returncode, r.stdout), (0, ""))

    @unittest.skipUnless(shutil.which("fish"), "fish is not installed")
    def test_fish(self):
        # Loaded the way fish loads it: autoloaded from a folder in fish_complete_path, not sourced.
        def complete(line):
            r = self.shell("fish", "--no-config", "-c",
                           f"set fish_complete_path {shlex.quote(COMPLETIONS)} $fish_complete_path; "
                           f"complete -C {shlex.quote(line)}")
            self.assertEqual(r.stderr, "")
            return [l.split("\t") for l in r.stdout.splitlines()]

        def words(line):
            return [c[0] for c in complete(line)]

        self.assertIn(["prioritize", "step 1: rank cases by urgency, or set a case's priority"], complete("owner pr"))
        self.assertIn("--due", words("owner plan --"))
        self.assertIn(["37nd2", "Studio Nørd — Upgrade to business plan"], complete("owner show 37"))
        # Values, not file names, after an option that takes one.
        # The languages the binary lists (domain/language.hpp), through the generated script.
        languages = sorted(line.split("\t")[0] for line in binary("__complete", "languages").splitlines())
        self.assertIn("de", languages)
        self.assertEqual(sorted(words("owner draft 37nd2 --lang ")), languages)
        self.assertEqual(words("owner plan 37nd2 call --due "), words("owner new x --deadline "))
        self.assertNotIn("mine.json", words("owner plan 37nd2 call --who "))
        self.assertEqual(words("owner sync --prefer "), ["ours", "theirs"])
        # Ids only where a case goes.
        self.assertEqual(words("owner plan 37nd2 "), [])
        self.assertIn("37nd2", words("owner plan "))
        self.assertEqual(sorted(words("owner prioritize 37nd2 ")), ["high", "low", "normal", "urgent"])
        self.assertEqual(words("owner reopen "), ["66atc"])
        self.assertIn("66atc", words("owner show "))
        self.assertNotIn("66atc", words("owner note "))
        for word in words("owner note "):
            self.assertRegex(word, r"^[a-z0-9_-]+$")
        self.assertIn("my export.json", words("owner import my"))
        self.assertEqual(words("owner --").count("--version"), 1)
        self.assertEqual(words("owner help pl"), ["plan"])
        self.assertEqual(sorted(words("owner plan 37nd2 call --who ")),
                         sorted(["Eva de Vries", "Ben Smit", "Dini", f"{HOSTILE} x"]))
        self.assertIn("customer", words("owner draft 37nd2 --to "))
        self.assertIn("my export.json", words("owner new x --from-mail my"))
        self.assertEqual(words("owner draft --thanks "), ["66atc"])
        self.assertNotIn("66atc", words("owner draft "))
        self.assert_no_code_ran()

    @unittest.skipUnless(shutil.which("zsh"), "zsh is not installed")
    @unittest.skipUnless(have_pty(), "no pseudo terminal here (zsh completes only in an interactive shell)")
    def test_zsh(self):
        # The completion is typed once compinit is done (ten seconds on a busy machine): the marker's
        # output (ready42), not its echo; then the screen is read until it shows what is expected.
        driver = os.path.join(self.tmp, "drive.zsh")
        with open(driver, "w") as f:
            f.write(f"""zmodload zsh/zpty
setopt extendedglob
zpty -b z zsh -f -i
zpty -w z "fpath=({COMPLETIONS} \\$fpath); autoload -U compinit; compinit -u -D; zstyle ':completion:*' menu no; PS1='%% '"
zpty -w z "cd {self.cwd}; print ready\\$((6*7))"
zpty -r z ready '*ready42*'
# The line is typed, never run (no newline): what one test types cannot change the next one's store.
zpty -n -w z $1$'\\t'
# Read until the screen shows $2 or 20 s pass.
out=''
for i in {{1..200}}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  plain=${{out//$'\\e'\\[[0-9\\;?]#[A-Za-z]/}}
  plain=${{plain//[$'\\b\\r']/}}
  [[ $plain == *$2* ]] && break
  sleep 0.1
done
sleep 0.3
while zpty -r -t z chunk; do out+=$chunk; done
print -r -- "$out"
zpty -d z
""")

        def screen(typed, wait_for):
            r = self.shell("zsh", "-f", driver, typed, wait_for)
            return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[\x08\r]", "", r.stdout)

        for typed, expected in (("owner pri", "owner prioritize "), ("owner plan --du", "owner plan --due="),
                                ("owner show 37n", "owner show 37nd2 "), ("owner reopen ", "owner reopen 66atc "),
                                ("owner show 66", "owner show 66atc "), ("owner sync --prefer th", "--prefer theirs "),
                                ("owner help pla", "owner help plan "),
                                ("owner plan 37nd2 x --who Be", "--who Ben\\ Smit "),
                                ("owner status --format=sl", "--format=slack "),
                                ("owner --color=ne", "--color=never "),
                                ("owner draft --thanks 66", "--thanks 66atc "),
                                ("owner new --from-mail my", "--from-mail my\\ export.json ")):
            with self.subTest(typed=typed):
                self.assertIn(expected, screen(typed, expected))
        listing = screen("owner show ", "Back\\slash BV")
        self.assertIn("Back\\slash BV", listing)
        self.assertNotIn("PWNED", listing)
        self.assertEqual(screen("owner --", "--version").count("--version"), 1)
        self.assert_no_code_ran()


@unittest.skipUnless(BUILD and os.path.isdir(BUILD or ""), "needs OWNER_BUILD_DIR")
class Install(unittest.TestCase):
    ctest_cost = 15  # long: CTest starts it early (ctest_entries.py)
    def test_cmake_install_yields_exactly_the_expected_files(self):
        prefix = tempfile.mkdtemp()
        try:
            subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix], check=True, capture_output=True)
            found = sorted(os.path.relpath(os.path.join(r, f), prefix) for r, _, fs in os.walk(prefix) for f in fs)
            # fmt, toml++ and utf8proc are in the program only with OWNER_STATIC_LINK; their licences go along.
            static = [f"share/doc/owner/copyright.{name}" for name in ("fmt", "toml++", "utf8proc")] if static_link() else []
            self.assertEqual(found, sorted([
                "bin/owner",
                "share/bash-completion/completions/owner",
                "share/doc/owner/changelog.gz",
                "share/doc/owner/copyright",
                "share/fish/vendor_completions.d/owner.fish",
                "share/man/man1/owner.1.gz",
                "share/man/man5/owner.5.gz",
                "share/zsh/site-functions/_owner",
            ] + static))
            r = subprocess.run([os.path.join(prefix, "bin", "owner"), "--version"], capture_output=True, text=True)
            self.assertTrue(r.stdout.startswith("owner "))
        finally:
            shutil.rmtree(prefix)

    @unittest.skipUnless(shutil.which("fish"), "fish is not installed")
    def test_fish_reads_the_completion_where_cmake_install_puts_it(self):
        # `sudo cmake --install build/release` (prefix /usr/local), staged with DESTDIR.
        dest = tempfile.mkdtemp()
        home = tempfile.mkdtemp()
        try:
            subprocess.run(["cmake", "--install", BUILD, "--prefix", "/usr/local"], env=dict(os.environ, DESTDIR=dest),
                           check=True, capture_output=True)
            [installed] = [os.path.join(r, f) for r, _, fs in os.walk(dest) for f in fs if f == "owner.fish"]
            folder = os.path.dirname(installed)[len(dest):]
            # The folders a fresh login's fish reads completions from: no XDG_DATA_DIRS, as on Debian.
            env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
            env["HOME"] = home
            r = subprocess.run(["fish", "-c", "printf '%s\\n' $fish_complete_path"], env=env, capture_output=True,
                               text=True, check=True)
            self.assertIn(folder, r.stdout.splitlines())
            # …and fish autoloads it from the installed copy (for the installed binary: fish completes
            # only commands it finds).
            env["PATH"] = os.path.join(dest, "usr", "local", "bin") + os.pathsep + env["PATH"]
            r = subprocess.run(["fish", "-c", f"set fish_complete_path {shlex.quote(dest + folder)}; complete -C 'owner pr'"],
                               env=env, capture_output=True, text=True)
            self.assertIn("prioritize\t", r.stdout)
        finally:
            shutil.rmtree(dest)
            shutil.rmtree(home)

    @unittest.skipUnless(shutil.which("cpack") and shutil.which("dpkg-deb") and shutil.which("dpkg-shlibdeps"),
                         "needs cpack, dpkg-deb and dpkg-shlibdeps (apt install dpkg-dev)")
    def test_deb_package(self):
        out = tempfile.mkdtemp()
        try:
            subprocess.run(["cpack", "-G", "DEB", "-B", out, "--config", os.path.join(BUILD, "CPackConfig.cmake")],
                           check=True, capture_output=True, cwd=BUILD)
            [deb] = [os.path.join(out, f) for f in os.listdir(out) if f.endswith(".deb")]
            listing = subprocess.run(["dpkg-deb", "-c", deb], check=True, capture_output=True, text=True).stdout
            for path in ("./usr/bin/owner", "./usr/share/man/man1/owner.1.gz", "./usr/share/man/man5/owner.5.gz",
                         "./usr/share/zsh/site-functions/_owner", "./usr/share/bash-completion/completions/owner",
                         "./usr/share/fish/vendor_completions.d/owner.fish", "./usr/share/doc/owner/copyright",
                         "./usr/share/doc/owner/changelog.gz"):
                self.assertIn(path, listing)
            info = subprocess.run(["dpkg-deb", "-I", deb], check=True, capture_output=True, text=True).stdout
            self.assertIn("Package: owner", info)
            fields = subprocess.run(["dpkg-deb", "-f", deb, "Depends", "Description"], check=True,
                                    capture_output=True, text=True).stdout
            depends = {d.split()[0] for d in re.search(r"^Depends: (.*)$", fields, re.M).group(1).split(",")}
            # Every library the program loads comes from a package it depends on: those it is linked
            # with (ELF NEEDED) and GMime, which it loads with dlopen when mail is read or written.
            # sensible-editor is one of the editors `edit` tries.
            subprocess.run(["dpkg-deb", "-x", deb, os.path.join(out, "root")], check=True)
            program = os.path.join(out, "root", "usr", "bin", "owner")
            with open(program, "rb") as f:
                self.assertIn(b"libgmime-3.0.so.0\0", f.read())
            for soname in needed_libraries(program) | {"libgmime-3.0.so.0"}:
                if soname.startswith("ld-linux"):
                    continue
                self.assertIn(package_of(soname), depends, soname)
            self.assertIn("sensible-utils", depends)
            # libgit2 (dlopen, for the commit in a git store) and git are recommended: without them
            # a git store still works (git the program commits) or is not offered.
            recommends = subprocess.run(["dpkg-deb", "-f", deb, "Recommends"], check=True, capture_output=True,
                                        text=True).stdout
            with open(program, "rb") as f:
                soname = re.search(rb"libgit2\.so\.[0-9.]+", f.read()).group().decode()
            self.assertIn(package_of(soname), [r.strip() for r in recommends.split(",")])
            if static_link():  # then fmt, toml++, utf8proc and libstdc++ are in the program
                self.assertLessEqual(needed_libraries(program), {"libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2"})
            # A description of more than its first line.
            self.assertRegex(fields, r"Description: .+\n .+")
            if not shutil.which("lintian"):
                self.skipTest("lintian is not installed (apt install lintian): the package was checked, "
                              "but not by lintian")
            r = subprocess.run(["lintian", "--tag-display-limit", "0", deb], capture_output=True, text=True)
            errors = [line for line in r.stdout.splitlines()
                      if line.startswith("E:") and "bogus-mail-host" not in line]  # owner@localhost
            self.assertEqual(errors, [], r.stdout)
        finally:
            shutil.rmtree(out)


if __name__ == "__main__":
    main()
