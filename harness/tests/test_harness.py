"""Tests of harness/racelint_harness.py on a GIL CPython and on the free-threaded build.

The free-threaded interpreter comes from scripts/provision-python (built once, then cached);
if it cannot be had, the free-threaded tests fail: they are never skipped.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HARNESS = os.path.join(ROOT, "harness", "racelint_harness.py")
CASES = os.path.join(HERE, "cases")
GIL_PYTHON = "/usr/bin/python3.11" if os.path.exists("/usr/bin/python3.11") else sys.executable

sys.path.insert(0, os.path.dirname(HARNESS))
import racelint_harness  # noqa: E402


def line_of(case, marker):
    """Line number of the line of cases/CASE tagged with `# MARKER`."""
    with open(os.path.join(CASES, case), encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            if text.rstrip().endswith("# " + marker):
                return number
    raise AssertionError("no # %s in %s" % (marker, case))


def process_running(pid):
    """True if pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def group_members(pgid):
    """Pids of the live (non-zombie) processes of a process group, from /proc."""
    members = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(pid))
    return members


class HarnessCases:
    """The same tests for each interpreter; subclasses set `python`."""

    python = None
    free_threaded = None

    def harness(self, target, findings, runs=3, seed=1, timeout=15.0, wait=0.3, env=None,
                expect_rc=0):
        plan = {"version": 1, "seed": seed, "runs": runs, "timeout": timeout, "wait": wait,
                "cwd": CASES, "target": target, "env": env or {}, "findings": findings}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(plan, f)
        try:
            proc = subprocess.run([self.python, HARNESS, f.name], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
        finally:
            os.unlink(f.name)
        self.assertEqual(proc.returncode, expect_rc, proc.stdout + proc.stderr)
        return json.loads(proc.stdout)

    def result(self, out, fid=0):
        return next(r for r in out["results"] if r["id"] == fid)

    def test_python_info(self):
        out = self.harness(["counter_rmw.py"], [], runs=1)
        self.assertEqual(out["python"]["free_threaded"], self.free_threaded)
        self.assertEqual(out["python"]["gil_enabled"], not self.free_threaded)
        self.assertTrue(out["python"]["version"].startswith("3."))

    def test_check_then_act_confirmed(self):
        check, act = line_of("cache_cta.py", "CHECK"), line_of("cache_cta.py", "ACT")
        out = self.harness(["cache_cta.py"], [{
            "id": 0, "rule": "check-then-act", "path": "cache_cta.py",
            "check_line": check, "act_line": act, "other_line": act}])
        res = self.result(out)
        self.assertEqual(res["status"], "confirmed", res)
        self.assertEqual(res["runs_reached"], 3)
        self.assertGreaterEqual(res["runs_confirmed"], 1)
        self.assertIn("passed the check at cache_cta.py:%d" % check, res["evidence"])
        self.assertIn("between the check and the act at cache_cta.py:%d" % act, res["evidence"])
        self.assertIn("AssertionError: lost", res["evidence"])
        self.assertRegex(res["evidence"], r"\(run \d+, seed \d+\)")

    def test_lost_update_confirmed(self):
        line = line_of("counter_rmw.py", "RMW")
        out = self.harness(["counter_rmw.py"], [{
            "id": 7, "rule": "unguarded-read-modify-write", "path": "counter_rmw.py",
            "line": line, "other_path": "counter_rmw.py", "other_line": line}])
        res = self.result(out, 7)
        self.assertEqual(res["status"], "confirmed", res)
        self.assertIn("read `count += 1` at counter_rmw.py:%d" % line, res["evidence"])
        self.assertIn("held a stale value", res["evidence"])
        self.assertIn("AssertionError: lost", res["evidence"])
        self.assertTrue(all(run["exit_code"] == 1 for run in out["runs"] if any(
            p["rendezvous"] for p in run["pauses"])))

    def test_module_target(self):
        line = line_of("counter_rmw.py", "RMW")
        out = self.harness(["-m", "counter_rmw"], [{
            "id": 0, "rule": "unguarded-read-modify-write", "path": "counter_rmw.py",
            "line": line}], runs=1)
        self.assertEqual(self.result(out)["status"], "confirmed", out)

    def test_iterate_while_mutate_confirmed(self):
        it, mut = line_of("dict_iter.py", "ITERATE"), line_of("dict_iter.py", "MUTATE")
        out = self.harness(["dict_iter.py"], [{
            "id": 0, "rule": "iterate-while-mutate", "path": "dict_iter.py", "line": it,
            "other_path": "dict_iter.py", "other_line": mut}])
        res = self.result(out)
        self.assertEqual(res["status"], "confirmed", res)
        self.assertIn("RuntimeError: dictionary changed size during iteration at dict_iter.py:%d"
                      % it, res["evidence"])
        self.assertIn('thread "writer" ran `shared[key] = key`', res["evidence"])

    def test_not_reached(self):
        never = line_of("cache_cta.py", "NEVER")
        out = self.harness(["cache_cta.py"], [{
            "id": 3, "rule": "inconsistent-lock", "path": "cache_cta.py", "line": never,
            "other_line": never}], runs=2)
        res = self.result(out, 3)
        self.assertEqual(res["status"], "not-reached", res)
        self.assertEqual(res["runs_reached"], 0)
        self.assertIn("cache_cta.py:%d never ran in 2 runs" % never, res["evidence"])

    def test_locked_not_reproduced_without_deadlock(self):
        check = line_of("cache_cta_locked.py", "CHECK")
        act = line_of("cache_cta_locked.py", "ACT")
        start = time.monotonic()
        out = self.harness(["cache_cta_locked.py"], [{
            "id": 0, "rule": "check-then-act", "path": "cache_cta_locked.py",
            "check_line": check, "act_line": act, "other_line": act}], wait=0.2)
        elapsed = time.monotonic() - start
        res = self.result(out)
        self.assertEqual(res["status"], "not-reproduced", res)
        self.assertEqual(res["runs_reached"], 3)
        for run in out["runs"]:
            self.assertEqual(run["exit_code"], 0, run)
            self.assertFalse(run["timed_out"])
            self.assertTrue(run["pauses"])  # it did hold a thread at the act; the wait expired
            self.assertFalse(any(p["rendezvous"] for p in run["pauses"]))
        self.assertLess(elapsed, 12)

    def test_hang_is_killed(self):
        with tempfile.TemporaryDirectory() as tmp:
            pidfile = os.path.join(tmp, "pids")
            start = time.monotonic()
            out = self.harness(["hang.py"], [], runs=1, timeout=2,
                               env={"RACELINT_TEST_PIDFILE": pidfile})
            self.assertLess(time.monotonic() - start, 10)
            run = out["runs"][0]
            self.assertTrue(run["timed_out"])
            self.assertTrue(run["killed"])
            self.assertEqual(run["exit_code"], -9)
            with open(pidfile) as f:
                child, grandchild = map(int, f.read().split())
        self.assertFalse(process_running(child))
        self.assertFalse(process_running(grandchild))
        self.assertEqual(group_members(child), [])

    def test_crash_exit_3(self):
        lookup = line_of("crash.py", "LOOKUP")
        with tempfile.TemporaryDirectory() as tmp:
            pidfile = os.path.join(tmp, "pids")
            out = self.harness(["crash.py"], [{
                "id": 0, "rule": "shared-generator", "path": "crash.py", "line": lookup}],
                runs=1, env={"RACELINT_TEST_PIDFILE": pidfile})
            with open(pidfile) as f:
                child, leftover = map(int, f.read().split())
        run = out["runs"][0]
        self.assertEqual(run["exit_code"], 3)
        self.assertFalse(run["timed_out"])
        self.assertTrue(run["killed"])  # the process it left behind was killed
        self.assertFalse(process_running(leftover))
        self.assertEqual(run["thread_exceptions"], ["KeyError: 'missing' at crash.py:%d" % lookup])
        self.assertIn("invariant broken", run["stderr_tail"])
        res = self.result(out)
        self.assertEqual(res["status"], "not-reproduced", res)
        self.assertIn("KeyError: 'missing'", res["evidence"])
        self.assertIn("target exited 3: invariant broken: table is empty", res["evidence"])

    def test_same_seed_replays_pause_choices(self):
        line = line_of("counter_rmw.py", "RMW")
        finding = {"id": 0, "rule": "unguarded-read-modify-write", "path": "counter_rmw.py",
                   "line": line}

        def choices(out):
            return [(r["seed"], r["pause_plan"], [(p["id"], p["arrival"]) for p in r["pauses"]])
                    for r in out["runs"]]

        first = self.harness(["counter_rmw.py"], [finding], runs=2, seed=4242, wait=0.05)
        again = self.harness(["counter_rmw.py"], [finding], runs=2, seed=4242, wait=0.05)
        self.assertEqual(choices(first), choices(again))
        self.assertEqual([r["seed"] for r in first["runs"]], [4242, 4243])
        expected = racelint_harness.pause_schedule(random.Random(4243))
        self.assertEqual(first["runs"][1]["pause_plan"], {"0": expected})
        plans = {tuple(racelint_harness.pause_schedule(random.Random(s))) for s in range(10)}
        self.assertGreater(len(plans), 1)

    def test_bad_plans(self):
        with tempfile.TemporaryDirectory() as tmp:
            cases = {
                "missing.json": None,
                "notjson.json": "{nope",
                "notarget.json": json.dumps({"version": 1, "findings": []}),
                "badfinding.json": json.dumps({"version": 1, "target": ["x.py"], "cwd": CASES,
                                               "findings": [{"rule": "check-then-act"}]}),
                "badversion.json": json.dumps({"version": 9, "target": ["x.py"]}),
                "badruns.json": json.dumps({"target": ["x.py"], "runs": "many"}),
            }
            for name, text in cases.items():
                path = os.path.join(tmp, name)
                if text is not None:
                    with open(path, "w") as f:
                        f.write(text)
                proc = subprocess.run([self.python, HARNESS, path], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, universal_newlines=True)
                self.assertEqual(proc.returncode, 2, (name, proc.stdout, proc.stderr))
                self.assertIn("error", json.loads(proc.stdout), name)
                self.assertEqual(proc.stderr, "", name)


class GilInterpreterTest(HarnessCases, unittest.TestCase):
    python = GIL_PYTHON
    free_threaded = False


class FreeThreadedInterpreterTest(HarnessCases, unittest.TestCase):
    free_threaded = True

    @classmethod
    def setUpClass(cls):
        script = os.path.join(ROOT, "scripts", "provision-python")
        proc = subprocess.run([script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        if proc.returncode != 0:
            raise RuntimeError("scripts/provision-python failed (exit %d):\n%s"
                               % (proc.returncode, proc.stderr))
        cls.python = proc.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    unittest.main()
