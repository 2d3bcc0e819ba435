"""The layering that ARCHITECTURE.md states, checked on the sources.

domain/ is pure: it includes only domain/ headers and the standard library, and never reads the
environment, the clock, a file or a stream. render/ may include domain/ but not store/ or
commands/. store/ never includes commands/. A violation names the file, the line and the rule.
"""

import os
import re
import unittest

SOURCE = os.environ.get("OWNER_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
SRC = os.path.join(SOURCE, "src")

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')

# What each folder may include of the project's own folders.
ALLOWED = {
    "domain": {"domain"},
    "render": {"domain", "render"},
    "store": {"domain", "render", "store"},
}

# Calls and headers that bring I/O, the clock or the environment into domain/.
IMPURE = [
    (re.compile(r"\b(std::)?getenv\s*\("), "reads the environment"),
    (re.compile(r"\b(std::)?(secure_)?getenv\b"), "reads the environment"),
    (re.compile(r"(?<![\w:.>])(std::|::)?time\s*\("), "reads the clock"),
    (re.compile(r"\b(system_clock|steady_clock|high_resolution_clock)\b"), "reads the clock"),
    (re.compile(r"\b(clock_gettime|gettimeofday)\s*\("), "reads the clock"),
    (re.compile(r"(?<![\w:.>])(::)?(open|fopen|opendir|creat)\s*\(\s*[^)\s]"), "opens a file"),
    (re.compile(r"\bstd::(i|o)?fstream\b"), "opens a file"),
    (re.compile(r"\bstd::(cin|cout|cerr|clog)\b"), "uses a stream"),
    (re.compile(r"\b(printf|fprintf|puts|fputs|fwrite|fread|fgets)\s*\("), "uses a stream"),
    (re.compile(r"\bstd::filesystem\b"), "touches the file system"),
]
IMPURE_HEADERS = {"iostream", "fstream", "cstdio", "stdio.h", "filesystem", "unistd.h", "fcntl.h",
                  "sys/stat.h", "dirent.h", "chrono"}


def sources(folder):
    root = os.path.join(SRC, folder)
    for name in sorted(os.listdir(root)):
        if name.endswith((".cpp", ".hpp")):
            yield os.path.join(root, name)


def code_lines(path):
    """Lines with comments and string literals blanked, so that prose never counts as a call."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(text.split("\n"), 1):
        stripped = re.sub(r'"(\\.|[^"\\])*"', '""', line.split("//", 1)[0])
        yield number, line, stripped


class Layers(unittest.TestCase):
    def test_folders_include_only_what_they_may(self):
        problems = []
        for folder, allowed in ALLOWED.items():
            for path in sources(folder):
                for number, line, _ in code_lines(path):
                    m = INCLUDE.match(line)
                    if not m or "/" not in m.group(1):
                        continue
                    top = m.group(1).split("/", 1)[0]
                    if top in {"domain", "render", "store", "commands"} and top not in allowed:
                        problems.append(f"{os.path.relpath(path, SOURCE)}:{number}: {folder}/ includes {m.group(1)}")
        self.assertEqual(problems, [])

    def test_domain_does_no_io_and_reads_no_clock(self):
        problems = []
        for path in sources("domain"):
            for number, line, code in code_lines(path):
                m = INCLUDE.match(line)
                if m and m.group(1) in IMPURE_HEADERS:
                    problems.append(f"{os.path.relpath(path, SOURCE)}:{number}: includes <{m.group(1)}>")
                    continue
                for pattern, what in IMPURE:
                    if pattern.search(code):
                        problems.append(f"{os.path.relpath(path, SOURCE)}:{number}: {what}: {line.strip()}")
                        break
        self.assertEqual(problems, [])

    def test_commands_print_and_read_only_through_the_context(self):
        """app.cpp and commands/ reach the environment and the file descriptors only through
        run's Environment and Io (so that tests run them in-process); nothing in src/ calls getenv."""
        problems = []
        files = [os.path.join(SRC, "app.cpp")] + list(sources("commands"))
        for folder in ("store", "render", "domain"):
            files += [p for p in sources(folder)]
        for path in files:
            name = os.path.relpath(path, SRC)
            for number, line, code in code_lines(path):
                # store/process.cpp hands the process's environment on to the programs it starts
                # (posix_spawnp takes it explicitly; fork and exec inherited it): it reads no value.
                environ = r"|\benviron\b" if name != os.path.join("store", "process.cpp") else ""
                if re.search(r"\b(std::)?(secure_)?getenv\b" + environ, code):
                    problems.append(f"{name}:{number}: reads the environment: {line.strip()}")
                if name == os.path.join("store", "io.cpp") or not (
                        name == "app.cpp" or name.startswith("commands")):
                    continue
                if re.search(r"\bstd::(cin|cout|cerr|clog)\b|\b(stdout|stderr|stdin)\b|"
                             r"\b(STDIN|STDOUT|STDERR)_FILENO\b|\bfmt::print\s*\(|"
                             r"\b(printf|fprintf|puts|fputs|fwrite)\s*\(|\bisatty\s*\(", code):
                    problems.append(f"{name}:{number}: uses a file descriptor, not the Context's "
                                    f"Io: {line.strip()}")
        self.assertEqual(problems, [])

    def test_doctest_case_names_survive_ctest(self):
        """doctest_discover_tests makes one CTest entry per case, named after it; a ';' splits
        that name into a CMake list, and each half then filters to no case and passes empty."""
        problems = []
        unit = os.path.join(SOURCE, "tests", "unit")
        for name in sorted(os.listdir(unit)):
            if not name.endswith(".cpp"):
                continue
            with open(os.path.join(unit, name), encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = re.search(r'\b(TEST_CASE|TEST_SUITE)\s*\(\s*"((\\.|[^"\\])*)"', line)
                    if m and ";" in m.group(2):
                        problems.append(f"tests/unit/{name}:{number}: ';' in {m.group(2)!r}")
        self.assertEqual(problems, [])

    def test_the_rules_catch_what_they_claim(self):
        """The checker itself: each rule finds its example and ignores prose."""
        def hits(line):
            return [what for pattern, what in IMPURE if pattern.search(line)]
        self.assertIn("reads the environment", hits('const char* h = std::getenv("HOME");'))
        self.assertIn("reads the clock", hits("auto t = time(nullptr);"))
        self.assertIn("reads the clock", hits("auto t = std::chrono::system_clock::now();"))
        self.assertIn("opens a file", hits('int fd = ::open(p, O_RDONLY);'))
        self.assertIn("uses a stream", hits('std::cout << "x";'))
        self.assertEqual(hits("const std::time_t t = static_cast<std::time_t>(s);"), [])
        self.assertEqual(hits("bool is_open(const Action& a);"), [])
        self.assertEqual(hits("bool open() const { return !done; }"), [])
        self.assertEqual(hits("c.opened = parse(x);"), [])


if __name__ == "__main__":
    unittest.main()
