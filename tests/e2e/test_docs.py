"""Every example line of README.md and owner(1) that starts with `owner` runs, in order, against a demo
store, and exits 0 unless the text announces another status."""

import os
import re
import shlex
import shutil
import subprocess

from ownertest import BIN, OwnerTest, main

SOURCE = os.environ.get("OWNER_SOURCE_DIR") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Statuses the text announces (README "Exit status"; owner(1) EXIT STATUS): remind exits 3 when it
# printed reminders, doctor when it found problems.
ANNOUNCED = {"remind": {0, 3}, "doctor": {0, 3}}
# A hook that is not installed here (notify-send) fails: remind --exec announces 5 for that.
ANNOUNCED_EXEC = {0, 3, 5}
# Lines that need something no test has: a git remote on the network.
NEEDS_NETWORK = ("owner sync",)


def example_blocks():
    """Every example block of README.md (sh) and of owner(1) (EXAMPLES), as lines."""
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        blocks = [b.splitlines() for b in re.findall(r"```sh\n(.*?)```", f.read(), re.S)]
    with open(os.path.join(SOURCE, "man", "owner.1"), encoding="utf-8") as f:
        text = f.read()
    for block in re.findall(r"^\.nf\n(.*?)^\.fi", text[text.index(".SH EXAMPLES"):], re.S | re.M):
        blocks.append(block.replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\").splitlines())
    return blocks


def readme_examples():
    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
        text = f.read()
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        lines += [l for l in block.splitlines() if l.startswith("owner ")]
    return lines


def man_examples():
    with open(os.path.join(SOURCE, "man", "owner.1"), encoding="utf-8") as f:
        text = f.read()
    examples = text[text.index(".SH EXAMPLES"):]
    lines = []
    for block in re.findall(r"^\.nf\n(.*?)^\.fi", examples, re.S | re.M):
        block = block.replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\")
        lines += [l for l in block.splitlines() if l.startswith("owner ")]
    return lines


def command_part(line):
    """The owner commands of a line, as the shell reads them: the trailing comment dropped, and
    nothing of what is piped into another program (jq, mail, curl are extras)."""
    line = re.sub(r"\s+#.*$", "", line)
    line = re.split(r" \|\|? ", line)[0]
    return re.sub(r" \|$", "", line)


class Examples(OwnerTest):
    def setUp(self):
        super().setUp()
        # The demo store, with its first case under the id the texts use (k7rq2, M. Jansen).
        self.owner("demo", "--into", self.store)
        os.makedirs(self.cases, exist_ok=True)
        with open(os.path.join(self.cases, "demo1.toml"), encoding="utf-8") as f:
            text = f.read()
        os.remove(os.path.join(self.cases, "demo1.toml"))
        with open(os.path.join(self.cases, "k7rq2.toml"), "w", encoding="utf-8") as f:
            # with a mail address to send to (README "Mail": draft --send)
            f.write(text.replace('id = "demo1"', 'id = "k7rq2"\ncontact = "m.jansen@example.com"'))
        self.cwd = os.path.join(self.tmp, "cwd")
        os.makedirs(self.cwd)
        # The README's Mail section: the owner's address in the config, and a customer's mail.
        config = os.path.join(self.home, ".config", "owner")
        os.makedirs(config)
        with open(os.path.join(config, "config.toml"), "w", encoding="utf-8") as f:
            # draft --send gives the mail to a command that takes it and says it went; Dini is the
            # colleague of "A team on one store" (`team init` puts her on the roster).
            f.write('email = "sam@example.com"\n[mail]\nsend = "true"\n[people]\nDini = []\n')
        with open(os.path.join(self.cwd, "message.eml"), "w", encoding="utf-8") as f:
            f.write("From: Petra de Wit <petra@example.com>\nSubject: Router down\nMessage-ID: <m1@example.com>\n\n"
                    "The router is down since this morning.\n")
        # "Coming from Taskwarrior": a `task export` of Taskwarrior 2.6 (test_scripting makes its own
        # with the real `task`).
        with open(os.path.join(self.cwd, "tasks.json"), "w", encoding="utf-8") as f:
            f.write('[\n{"id":1,"description":"Refund the second payment","due":"20261127T110000Z",'
                    '"entry":"20261120T090000Z","modified":"20261120T090000Z","priority":"H","project":"Jansen BV",'
                    '"status":"pending","uuid":"a55cd16f-7419-420a-bba2-8f4a3006dfa6","annotations":[{"entry":'
                    '"20261121T100000Z","description":"Customer called again"}],"tags":["billing"],"urgency":28.6},\n'
                    '{"id":2,"description":"Send the credit note","entry":"20261120T090000Z","modified":'
                    '"20261120T090000Z","project":"Jansen BV","status":"pending","uuid":'
                    '"3369d13c-1a85-4603-ac09-699023de013f","depends":["a55cd16f-7419-420a-bba2-8f4a3006dfa6"],'
                    '"urgency":-4}\n]\n')
        self.env.update(OWNER_HOME=self.store, EDITOR="true", PATH=os.path.dirname(BIN) + os.pathsep + self.env["PATH"])

    def run_examples(self, lines):
        self.assertGreater(len(lines), 5)
        for line in lines:
            if line.startswith(NEEDS_NETWORK):
                continue
            command = command_part(line)
            with self.subTest(line=line):
                r = subprocess.run(["sh", "-c", command], env=self.env, cwd=self.cwd, capture_output=True, text=True,
                                   timeout=60)
                name = shlex.split(command)[1]
                announced = ANNOUNCED_EXEC if name == "remind" and "--exec" in command else ANNOUNCED.get(name, {0})
                self.assertIn(r.returncode, announced, f"{line}\n{r.stdout}\n{r.stderr}")
                if name == "new":
                    # A fresh id that happens to start like the texts' k7 would make "k7" ambiguous.
                    new_id = r.stdout.strip()
                    if new_id.startswith("k7"):
                        shutil.move(os.path.join(self.cases, new_id + ".toml"), os.path.join(self.cases, "zz" + new_id[2:] + ".toml"))
                        path = os.path.join(self.cases, "zz" + new_id[2:] + ".toml")
                        with open(path, encoding="utf-8") as f:
                            text = f.read().replace(f'id = "{new_id}"', f'id = "zz{new_id[2:]}"')
                        with open(path, "w", encoding="utf-8") as f:
                            f.write(text)

    def test_every_example_line_pastes_whole(self):
        # A quoted string cut across two lines pastes as something else (the curl header did).
        for block in example_blocks():
            for line in block:
                with self.subTest(line=line):
                    try:
                        shlex.split(line, comments=True)
                    except ValueError as e:
                        self.fail(f"{line!r} does not paste as one command: {e}")

    def test_a_program_the_readme_needs_is_named_before_its_first_use(self):
        """A newcomer pastes the tour as written: jq, msmtp, task... are said before a line needs them."""
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            text = f.read()
        parts = re.split(r"(```sh\n.*?```)", text, flags=re.S)
        for program in ("jq", "msmtp", "mail", "curl", "notify-send", "task", "git", "chromium"):
            word = re.compile(rf"(?<![\w.-]){re.escape(program)}(?![\w-])")
            prose = code = None
            offset = 0
            # In an example, where the program runs: a line's start, after a pipe, && or ;, or as
            # the command a quoted --exec names (comments say "task list" and are not run).
            run = re.compile(rf"(?:^|[|;&(\"]\s*){re.escape(program)}(?![\w-])", re.M)
            for part in parts:
                if part.startswith("```sh"):
                    found = run.search(re.sub(r"\s+#[^\n]*", "", part))
                    if found:
                        code = offset if code is None else code
                else:
                    found = word.search(part)
                    if found:
                        prose = offset + found.start() if prose is None else prose
                offset += len(part)
            if code is not None:
                self.assertIsNotNone(prose, f"{program} is used in an example but never named")
                self.assertLess(prose, code, f"{program} is used at {text[:code].count(chr(10)) + 1} "
                                             f"before the text names it")

    def test_man_page_names_each_variable_once(self):
        # Two merged branches each documented OWNER_NO_CACHE and TMPDIR: the reader got two answers.
        with open(os.path.join(SOURCE, "man", "owner.1"), encoding="utf-8") as f:
            text = f.read()
        section = text[text.index(".SH ENVIRONMENT"):]
        section = section[:section.index("\n.SH ", 1)]
        names = re.findall(r"^\.TP\n\.BR? (\S+)", section, re.M)
        self.assertIn("OWNER_NO_CACHE", names)
        self.assertEqual(sorted(n for n in set(names) if names.count(n) > 1), [])

    def test_readme(self):
        self.run_examples(readme_examples())

    def test_man_page(self):
        self.run_examples(man_examples())


if __name__ == "__main__":
    main()
