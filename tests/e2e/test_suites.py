"""The test suites themselves: every test can fail.

Read with `ast`, never run: each suite ends with its `__main__` guard (so running a file directly
runs every class in it), no tearDown asserts (a check there runs after the test has already
passed), and every test method reaches an assertion: an assert*/fail* call, directly or through a
helper of its suite or of ownertest.py (OwnerTest.owner checks the exit status unless expect=None).
"""

import ast
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SUITES = sorted(n for n in os.listdir(HERE) if n.startswith("test_") and n.endswith(".py"))


def parse(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return ast.parse(f.read(), name)


def functions(tree):
    """Every function and method of a module by its bare name (a later one wins)."""
    return {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def called_name(call):
    f = call.func
    if isinstance(f, ast.Attribute):
        return f.attr
    if isinstance(f, ast.Name):
        return f.id
    return None


def skips_check(call):
    """owner(..., expect=None) runs without checking the exit status."""
    return any(k.arg == "expect" and isinstance(k.value, ast.Constant) and k.value.value is None
               for k in call.keywords)


def asserting(funcs):
    """The names in `funcs` that reach an assertion, found by fixed point over the call graph."""
    found = set()
    changed = True
    while changed:
        changed = False
        for name, node in funcs.items():
            if name in found:
                continue
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                callee = called_name(call)
                if callee is None:
                    continue
                if callee.startswith(("assert", "fail")) or (callee in found and not skips_check(call)):
                    found.add(name)
                    changed = True
                    break
    return found


def guard_problem(tree):
    """Why the module's `if __name__ == "__main__":` is not its one last statement, or None."""
    guards = [node for node in tree.body
              if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)]
    if len(guards) != 1:
        return f"expected one `if __name__ == \"__main__\":`, found {len(guards)}"
    if guards[0] is not tree.body[-1]:
        return (f"line {guards[0].lineno}: the __main__ guard must be the last statement, or running "
                "the file directly skips what follows it")
    return None


class Suites(unittest.TestCase):
    def test_there_are_suites_to_check(self):
        self.assertGreater(len(SUITES), 10)
        self.assertIn("test_suites.py", SUITES)

    def test_the_main_guard_comes_last(self):
        for name in SUITES:
            self.assertIsNone(guard_problem(parse(name)), name)

    def test_no_assertions_in_teardown(self):
        for name in SUITES + ["ownertest.py"]:
            for fname, node in functions(parse(name)).items():
                if not fname.startswith("tearDown"):
                    continue
                for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                    callee = called_name(call) or ""
                    self.assertFalse(callee.startswith(("assert", "fail")),
                                     f"{name}:{call.lineno}: {callee} in {fname}: assert in the test")

    def test_every_test_reaches_an_assertion(self):
        helpers = functions(parse("ownertest.py"))
        for name in SUITES:
            tree = parse(name)
            funcs = dict(helpers, **functions(tree))
            found = asserting(funcs)
            for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
                for node in cls.body:
                    if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                        self.assertIn(node.name, found,
                                      f"{name}:{node.lineno}: {cls.name}.{node.name} asserts nothing")

    def test_the_checks_catch_what_they_claim(self):
        bad = ast.parse("class T:\n    def test_quiet(self):\n        self.owner('x', expect=None)\n"
                        "    def test_loud(self):\n        self.check()\n"
                        "    def check(self):\n        self.assertTrue(1)\n")
        found = asserting(dict(functions(parse("ownertest.py")), **functions(bad)))
        self.assertNotIn("test_quiet", found)
        self.assertIn("test_loud", found)
        early = ast.parse("class A:\n    pass\nif __name__ == '__main__':\n    main()\nclass B:\n    pass\n")
        self.assertIn("line 3", guard_problem(early))
        self.assertIsNone(guard_problem(ast.parse("class A:\n    pass\nif __name__ == '__main__':\n    main()\n")))


if __name__ == "__main__":
    unittest.main()
