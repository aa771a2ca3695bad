"""Tests for the capstone.  Run from this folder:

    python3 -m unittest -v test_capstone

Every program runs as a subprocess, the way a user runs it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import unittest
from collections import Counter
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "capstone")
FT_PYTHON = os.path.expanduser("~/.cache/racelint/python3.13t/bin/python3.13t")

sys.path.insert(0, HERE)
from capstone import workloads  # noqa: E402


def run(module: str, *args: str, python: str = sys.executable, timeout: float = 120):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (HERE, env.get("PYTHONPATH")) if p)
    return subprocess.run([python, "-m", module, *args], cwd=HERE, env=env, text=True,
                          capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)


def usable(python: str) -> bool:
    """True when python exists and has the modules the capstone needs."""
    if not os.access(python, os.X_OK):
        return False
    try:
        probe = subprocess.run([python, "-c", "import concurrent.futures, hashlib, queue, threading"],
                               capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def expectations(path: str) -> list[tuple[int, str, str]]:
    """(line, kind, rule) for every ``# expect: rule`` / ``# expect-note: rule`` comment."""
    found = []
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            for kind, rule in re.findall(r"#\s*(expect|expect-note):\s*([a-z-]+)", line):
                found.append((number, kind, rule))
    return found


def python_files(folder: str) -> list[str]:
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".py"))


class WellFormedHTML(HTMLParser):
    """Checks that every element is closed, and in order."""

    VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area", "base"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.seen: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.seen[tag] += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen[tag] += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> while open: {self.stack[-3:]}")
        else:
            self.stack.pop()


class WorkloadTest(unittest.TestCase):
    def test_plan_is_four_workloads_times_k(self):
        for size in ("small", "medium"):
            kinds = Counter(job.kind for job in workloads.plan(size))
            self.assertEqual(set(kinds), {"primes", "queens", "hashes", "words"})
            self.assertEqual(len(set(kinds.values())), 1, kinds)

    def test_synthesis_matches_reference(self):
        jobs = workloads.plan("small")
        summary = workloads.synthesize(jobs, [workloads.run_job(job) for job in jobs])
        for key, want in workloads.reference("small").items():
            self.assertEqual(summary[key], want, key)


class MarkerTest(unittest.TestCase):
    def test_racy_has_the_seeded_bugs(self):
        marks = [m for path in python_files(os.path.join(PACKAGE, "racy")) for m in expectations(path)]
        rules = Counter(rule for _, kind, rule in marks if kind == "expect")
        self.assertEqual(rules, Counter({"check-then-act": 3, "unguarded-read-modify-write": 3,
                                         "iterate-while-mutate": 1}))
        self.assertEqual(Counter(rule for _, kind, rule in marks if kind == "expect-note"),
                         Counter({"check-then-act": 3}))

    def test_each_check_is_followed_by_its_act(self):
        for path in python_files(os.path.join(PACKAGE, "racy")):
            marks = {(line, kind) for line, kind, _ in expectations(path)}
            for line, kind in marks:
                if kind == "expect-note":
                    self.assertIn((line + 1, "expect"), marks, f"{path}:{line}")

    def test_fixed_has_no_expectations(self):
        for path in python_files(os.path.join(PACKAGE, "fixed")):
            self.assertEqual(expectations(path), [], path)


class FixedTest(unittest.TestCase):
    def test_fixed_passes_its_invariants_20_times(self):
        for attempt in range(20):
            done = run("capstone.fixed", "--size", "small")
            self.assertEqual(done.returncode, 0, f"run {attempt}: {done.stderr}")
            self.assertRegex(done.stdout, r"^OK 48 tasks by 4 agents")
            self.assertNotIn("INVARIANT FAILED", done.stderr)


class RacyTest(unittest.TestCase):
    def test_racy_exits_ok_or_with_an_invariant_message(self):
        for _ in range(3):
            done = run("capstone.racy", "--size", "small")
            self.assertIn(done.returncode, (0, 1), done.stderr)
            if done.returncode == 0:
                self.assertRegex(done.stdout, r"^OK ")
            else:
                failed = [l for l in done.stderr.splitlines() if l.startswith("INVARIANT FAILED: ")]
                self.assertEqual(len(failed), 1, done.stderr)


class DashboardTest(unittest.TestCase):
    def test_table_and_html(self):
        with tempfile.TemporaryDirectory() as tmp:
            page = os.path.join(tmp, "dashboard.html")
            done = run("capstone.dashboard", "--size", "small", "--html", page)
            self.assertEqual(done.returncode, 0, done.stderr)
            for word in ("interpreter", "speedup", "peak RSS MiB", "sequential", "threads", "processes"):
                self.assertIn(word, done.stdout)
            rows = [l for l in done.stdout.splitlines() if re.search(r"\b(sequential|threads|processes)\s+\d", l)]
            self.assertEqual(len(rows), 3, done.stdout)
            self.assertRegex(done.stdout, r"use (threads|processes) for CPU-bound work")
            with open(page, encoding="utf-8") as f:
                text = f.read()
        self.assertTrue(text.startswith("<!DOCTYPE html>"))
        checker = WellFormedHTML()
        checker.feed(text)
        checker.close()
        self.assertEqual(checker.errors, [])
        self.assertEqual(checker.stack, [])
        self.assertEqual(checker.seen["svg"], 1)
        self.assertGreaterEqual(checker.seen["rect"], 3)
        self.assertGreaterEqual(checker.seen["tr"], 4)
        for external in ("<script", "<link", "src=", "@import", "url("):
            self.assertNotIn(external, text)

    def test_json_child_mode(self):
        done = run("capstone.dashboard", "--json", "--mode", "sequential", "--size", "small")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn('"mode": "sequential"', done.stdout)
        self.assertIn('"free_threaded_build"', done.stdout)


@unittest.skipUnless(usable(FT_PYTHON), "no free-threaded python at " + FT_PYTHON)
class FreeThreadedTest(unittest.TestCase):
    def test_fixed_passes_on_free_threaded_python(self):
        for attempt in range(3):
            done = run("capstone.fixed", "--size", "small", python=FT_PYTHON)
            self.assertEqual(done.returncode, 0, f"run {attempt}: {done.stderr}")

    def test_racy_exits_ok_or_with_an_invariant_message(self):
        done = run("capstone.racy", "--size", "small", python=FT_PYTHON)
        self.assertIn(done.returncode, (0, 1), done.stderr)


if __name__ == "__main__":
    unittest.main()
