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


# The fences of "performance rules" in ARCHITECTURE.md.
INTRINSICS = re.compile(r"\b__(SSE\d?\w*|AVX\w*|ARM_NEON)__\b|\b_mm\w*_\w+\s*\(")
MEMO_SLOTS = re.compile(r"\b(m_)?slots\b")


class Fences(unittest.TestCase):
    def all_sources(self):
        for folder in ("domain", "render", "store", "commands"):
            yield from sources(folder)

    def test_no_instruction_set_branch(self):
        """Text is scanned a word at a time in portable C++: no branch for one instruction set,
        no intrinsics header, to keep beside its plain twin and test on every machine."""
        problems = []
        for path in self.all_sources():
            for number, line, code in code_lines(path):
                m = INCLUDE.match(line)
                if (m and m.group(1).endswith("intrin.h")) or INTRINSICS.search(code):
                    problems.append(f"{os.path.relpath(path, SOURCE)}:{number}: {line.strip()}")
        self.assertEqual(problems, [])

    def test_one_memo_template(self):
        """A direct-mapped memo of slots in domain/ is SlotMemo (domain/memo.hpp), never a copy of
        it. (render/'s IndexOf is an index that forgets nothing, not a memo.)"""
        problems = []
        for path in sources("domain"):
            if path.endswith(os.path.join("domain", "memo.hpp")):
                continue
            for number, line, code in code_lines(path):
                if MEMO_SLOTS.search(code):
                    problems.append(f"{os.path.relpath(path, SOURCE)}:{number}: {line.strip()}")
        self.assertEqual(problems, [])

    def test_the_fences_catch_what_they_claim(self):
        self.assertTrue(INTRINSICS.search("#if defined(__SSE2__)"))
        self.assertTrue(INTRINSICS.search("const __m128i v = _mm_loadu_si128(p);"))
        self.assertFalse(INTRINSICS.search("const std::uint64_t w = load_word(p);"))
        self.assertTrue(MEMO_SLOTS.search("std::vector<Slot> m_slots;"))
        self.assertFalse(MEMO_SLOTS.search("SlotMemo<int, 7> memo;"))

# The one place in src/ that writes the list of languages (ARCHITECTURE.md "Adding a language").
LANGUAGES = os.path.join("domain", "language.hpp")
LANGUAGE_ROW = re.compile(r'Language\{"([a-z]{2,3})",\s*"([A-Za-z]+)"')


def languages():
    """(code, name) of each language, from the list."""
    with open(os.path.join(SRC, LANGUAGES), encoding="utf-8") as f:
        return LANGUAGE_ROW.findall(f.read())


def language_problems(name, lines, langs):
    """Where a file writes a language's code as a string of its own ("nl", 'de': a choice, a
    comparison, a default) or names a language in its code (dutch(lang), kGerman)."""
    codes = "|".join(re.escape(code) for code, _ in langs)
    names = "|".join(re.escape(n) for _, n in langs)
    literal = re.compile(r'(?<![\w\\])("(%s)"|\'(%s)\')' % (codes, codes))
    named = re.compile(r"\b(%s)\b" % names, re.I)
    problems = []
    for number, line, code in lines:
        text = line.split("//", 1)[0]
        if literal.search(text):
            problems.append(f"{name}:{number}: a language's code outside {LANGUAGES}: {line.strip()}")
        elif named.search(code):
            problems.append(f"{name}:{number}: names a language: {line.strip()}")
    return problems


class Languages(unittest.TestCase):
    def test_the_languages_are_written_in_one_place(self):
        """A language's code appears in src/ only in the list: everything else asks it
        (is_language, language_codes, column_of, kBaseLanguage) or speaks through the catalogue."""
        langs = languages()
        self.assertGreaterEqual(len(langs), 3, f"no list of languages found in {LANGUAGES}")
        problems = []
        for folder in ("domain", "render", "store", "commands"):
            for path in sources(folder):
                name = os.path.relpath(path, SRC)
                if name != LANGUAGES:
                    problems += language_problems(name, code_lines(path), langs)
        problems += language_problems("app.cpp", code_lines(os.path.join(SRC, "app.cpp")), langs)
        self.assertEqual(problems, [])

    def test_the_check_catches_what_it_claims(self):
        langs = [("en", "English"), ("nl", "Dutch"), ("de", "German")]

        def hits(line):
            code = re.sub(r'"(\\.|[^"\\])*"', '""', line.split("//", 1)[0])
            return language_problems("x.cpp", [(1, line, code)], langs)

        self.assertTrue(hits('->check(CLI::IsMember({"en", "nl"}));'))
        self.assertTrue(hits('return lang == "nl" ? 1 : 0;'))
        self.assertTrue(hits('std::string language = "de";'))
        self.assertTrue(hits("bool dutch(std::string_view lang) {"))
        self.assertTrue(hits("std::string_view german = say(Text::x, l);"))
        self.assertEqual(hits('"eind van de dag", "Ende des Tages", "\\"en\\""'), [])
        self.assertEqual(hits('// in Dutch: "nl"'), [])
        self.assertEqual(hits("std::string lang{kBaseLanguage};"), [])
        self.assertEqual(hits('out.append("deadline");'), [])
        self.assertEqual(hits("auto nl = out.find('\\n', start);"), [])  # a newline


if __name__ == "__main__":
    unittest.main()
