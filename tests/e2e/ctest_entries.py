#!/usr/bin/env python3
"""Lists the e2e test classes for CTest, one `module.Class cost` line each.

    ctest_entries.py SUITE.py...

Each class with test methods becomes its own CTest entry, so that `ctest -j` spreads a long suite
(test_sync's kills and full disks) over the cores instead of running it alone at the end. The cost
orders the entries, longest first, on a clone that has no timings of its own yet: a class's
`ctest_cost` attribute when it has one, else its number of test methods.
"""

import ast
import os
import sys


def entries(path):
    module = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        tests = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test")]
        if not tests:
            continue
        cost = len(tests)
        for n in node.body:
            if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "ctest_cost" for t in n.targets):
                cost = ast.literal_eval(n.value)
        yield f"{module}.{node.name} {cost}"


def main():
    for path in sorted(sys.argv[1:]):
        for line in entries(path):
            print(line)


if __name__ == "__main__":
    main()
