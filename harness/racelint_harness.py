#!/usr/bin/env python3
"""racelint harness: confirm static race findings by steering threads (active testing).

Parent mode:  python racelint_harness.py PLAN.json
    Runs the target once per run in a child process (own process group, rlimits, wall
    timeout), collects each child's event report and prints one JSON result on stdout.

Child mode:   python racelint_harness.py --child PLAN.json --run I --seed S --report FILE
    Installs hooks on the findings' lines only (sys.monitoring on 3.12+, sys.settrace
    before), runs the target in this process and writes the event report to FILE.

For each finding a pause point P and a rendezvous point R are derived from its lines. A thread
arriving at P (on a seeded schedule of arrivals) is held for at most `wait` seconds; if another
thread reaches R meanwhile, the rendezvous is recorded, the other thread goes on first and the
paused one follows, so the racy order happens. Stdlib only; runs on CPython 3.10+.
"""

import atexit
import dis
import io
import json
import linecache
import os
import platform
import random
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import tokenize
import traceback

VERSION = 1
MAX_PAUSES = 3           # pauses per finding per run
MAX_GAP = 3              # a scheduled pause is 1..MAX_GAP arrivals after the previous one
SETTLE = 0.02            # after a rendezvous, the held thread gives the other this long to go first
MEMORY_LIMIT = 4 << 30   # bytes of address space per run
FILE_LIMIT = 1 << 30     # largest file a run may write
TAIL_LINES = 20
HARNESS = os.path.abspath(__file__)

# Messages that tie a thread exception to a rule even when it is raised outside the finding's lines.
RULE_MESSAGES = {
    "iterate-while-mutate": ("changed size during iteration", "mutated during iteration"),
    "shared-generator": ("generator already executing",),
}


class PlanError(Exception):
    pass


def norm(path):
    return os.path.normcase(os.path.realpath(path))


def gil_enabled():
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return bool(is_gil_enabled()) if is_gil_enabled else True


def python_info():
    return {
        "executable": sys.executable,
        "version": platform.python_version(),
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil_enabled": gil_enabled(),
    }


# ------------------------------------------------------------------------------------- the plan

def _get(obj, key, kind, default=None, where="plan"):
    value = obj.get(key, default)
    if value is None and default is None:
        raise PlanError("%s: missing %r" % (where, key))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PlanError("%s: %r must be %s" % (where, key, kind.__name__))
    return value


def load_plan(path):
    """Read and validate PLAN.json; returns a normalized dict or raises PlanError."""
    try:
        with open(path, encoding="utf-8") as f:
            plan = json.load(f)
    except (OSError, ValueError) as e:
        raise PlanError("cannot read plan %s: %s" % (path, e))
    if not isinstance(plan, dict):
        raise PlanError("plan must be a JSON object")
    if _get(plan, "version", int, 1) != VERSION:
        raise PlanError("unsupported plan version %r" % plan.get("version"))
    out = {
        "seed": _get(plan, "seed", int, 0),
        "runs": _get(plan, "runs", int, 20),
        "timeout": _get(plan, "timeout", float, 20.0),
        "wait": _get(plan, "wait", float, 0.5),
        "cwd": os.path.abspath(_get(plan, "cwd", str, os.getcwd())),
        "target": _get(plan, "target", list),
        "env": _get(plan, "env", dict, {}),
    }
    if not 1 <= out["runs"] <= 10000:
        raise PlanError("plan: 'runs' must be between 1 and 10000")
    if not 0 < out["timeout"] <= 86400:
        raise PlanError("plan: 'timeout' must be positive")
    if not 0 <= out["wait"] <= 60:
        raise PlanError("plan: 'wait' must be between 0 and 60 seconds")
    if not os.path.isdir(out["cwd"]):
        raise PlanError("plan: cwd %s is not a directory" % out["cwd"])
    target = out["target"]
    if not target or not all(isinstance(a, str) for a in target):
        raise PlanError("plan: 'target' must be a non-empty list of strings")
    if target[0] == "-m" and len(target) < 2:
        raise PlanError("plan: 'target' -m needs a module name")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in out["env"].items()):
        raise PlanError("plan: 'env' must map strings to strings")
    findings = _get(plan, "findings", list, [])
    out["findings"] = [normalize_finding(f, i, out["cwd"]) for i, f in enumerate(findings)]
    ids = [f["id"] for f in out["findings"]]
    if len(set(ids)) != len(ids):
        raise PlanError("plan: finding ids must be unique")
    return out


def normalize_finding(f, index, cwd):
    """Derive the pause point P and the rendezvous point R of one finding.

    A point is (normalized path, line, kind); kind "line" fires when a thread starts the line,
    kind "store" when it is about to run the line's first store instruction.
    """
    where = "finding %d" % index
    if not isinstance(f, dict):
        raise PlanError(where + ": must be an object")
    rule = _get(f, "rule", str, where=where)
    fid = _get(f, "id", int, index, where)
    path = os.path.join(cwd, _get(f, "path", str, where=where))
    other_path = os.path.join(cwd, _get(f, "other_path", str, path, where))
    line = f.get("line")
    if rule == "check-then-act":
        act = _get(f, "act_line", int, line if line is not None else 0, where)
        check = _get(f, "check_line", int, act, where)
        other = _get(f, "other_line", int, act, where)
        p, r = (path, act, "line"), (other_path, other, "line")
    else:
        line = _get(f, "line", int, where=where)
        other = _get(f, "other_line", int, line, where)
        kind = "store" if rule == "unguarded-read-modify-write" else "line"
        check = None
        p, r = (path, line, kind), (other_path, other, kind)
    if p[1] < 1 or r[1] < 1:
        raise PlanError(where + ": lines must be >= 1")
    return {"id": fid, "rule": rule, "check_line": check,
            "p": (norm(p[0]), p[1], p[2]), "r": (norm(r[0]), r[1], r[2]),
            "p_path": p[0], "r_path": r[0]}


def pause_schedule(rng):
    """Arrival indices at P that get paused: the first arrival, then random gaps."""
    plan, arrival = [], 0
    for _ in range(MAX_PAUSES):
        plan.append(arrival)
        arrival += rng.randint(1, MAX_GAP)
    return plan


# ------------------------------------------------------------------------------- child: steering

class Steering:
    """Shared state of the hooks. Every method is safe to call from any thread."""

    def __init__(self, plan, run, seed, report_path):
        self.lock = threading.Lock()
        self.flush_lock = threading.Lock()
        self.report_path = report_path
        self.run, self.seed, self.wait = run, seed, plan["wait"]
        rng = random.Random(seed)
        self.findings = plan["findings"]
        self.by_point = {}     # point -> [(role, finding)], rendezvous roles first
        self.state = {}
        for f in self.findings:
            self.state[f["id"]] = {"reached": 0, "free": 0, "next": 0, "plan": pause_schedule(rng),
                                   "paused": None, "pauses": [], "rendezvous": []}
            self.by_point.setdefault(f["r"], []).append(("R", f))
            self.by_point.setdefault(f["p"], []).append(("P", f))
        for entries in self.by_point.values():
            entries.sort(key=lambda e: e[0] != "R")
        self.files = {pt[0] for pt in self.by_point}
        self.store_lines = {}  # path -> lines whose store instruction is a point
        for path, line, kind in self.by_point:
            if kind == "store":
                self.store_lines.setdefault(path, set()).add(line)
        self.python = python_info()
        self.exceptions = []
        self.main_exception = None
        self.errors = []

    # Called by the hooks. Returns False when nothing at this point can matter any more in
    # this run, so the hook may stop firing there.
    def hit(self, point):
        entries = self.by_point.get(point)
        if not entries:
            return False
        me = threading.get_ident()
        mine, changed, needed = [], False, False
        with self.lock:
            for role, f in entries:
                st = self.state[f["id"]]
                pause = st["paused"]
                if role == "R":
                    if pause is not None and pause["ident"] != me and not pause["met"]:
                        pause["met"] = True
                        st["rendezvous"].append({
                            "paused_thread": pause["name"], "other_thread": thread_name(),
                            "arrival": pause["arrival"]})
                        pause["event"].set()
                        changed = True
                    needed = needed or pause is not None or st["next"] < len(st["plan"])
                    continue
                st["reached"] += 1
                changed = changed or st["reached"] == 1
                plan = st["plan"]
                if pause is None:  # one pause at a time: arrivals meanwhile are not counted
                    arrival = st["free"]
                    st["free"] += 1
                    if st["next"] < len(plan) and plan[st["next"]] == arrival:
                        st["next"] += 1
                        pause = {"ident": me, "name": thread_name(), "arrival": arrival,
                                 "met": False, "event": threading.Event()}
                        st["paused"] = pause
                        mine.append((st, pause))
                needed = needed or st["next"] < len(plan)
        if changed:
            self.flush()
        for st, pause in mine:
            start = time.monotonic()
            if pause["event"].wait(self.wait):
                time.sleep(SETTLE)  # the other thread runs its line first
            with self.lock:
                st["paused"] = None
                st["pauses"].append({"arrival": pause["arrival"], "thread": pause["name"],
                                     "rendezvous": pause["met"],
                                     "seconds": round(time.monotonic() - start, 3)})
            self.flush()
        return needed

    def record_exception(self, exc_type, exc, tb, thread, main=False):
        frames = [(norm(fr.filename), fr.lineno) for fr in traceback.extract_tb(tb)]
        ours = [fr for fr in frames if fr[0] in self.files]
        where = (ours or frames or [("?", 0)])[-1]
        name = getattr(exc_type, "__qualname__", str(exc_type))
        message = str(exc) if exc is not None else ""
        text = "%s: %s" % (name, message) if message else name
        entry = {"thread": thread, "type": name, "message": message,
                 "path": where[0], "line": where[1], "frames": ours,
                 "text": "%s at %s:%d" % (text, os.path.basename(where[0]), where[1])}
        with self.lock:
            if main:
                self.main_exception = entry
            elif len(self.exceptions) < 100:
                self.exceptions.append(entry)
        self.flush()

    def flush(self):
        """Write the report now (atomically), so a killed run still leaves its events."""
        with self.lock:
            findings = {str(fid): {k: st[k] for k in ("reached", "plan", "pauses", "rendezvous")}
                        for fid, st in self.state.items()}
            report = {
                "run": self.run, "seed": self.seed,
                "python": dict(self.python, gil_enabled=gil_enabled()), "findings": findings,
                "exceptions": list(self.exceptions), "main_exception": self.main_exception,
                "errors": list(self.errors)}
            text = json.dumps(report)
        with self.flush_lock:
            tmp = self.report_path + ".tmp"
            try:
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, self.report_path)
            except OSError:
                pass

    def error(self, message):
        with self.lock:
            if len(self.errors) < 20:
                self.errors.append(message)


def thread_name():
    return threading.current_thread().name


def store_offsets(code, lines):
    """{offset: line} of the first store instruction of each of `lines` in `code`.

    A store to a fast local is taken only when the line has no other store (an inlined
    comprehension's loop variable is not the shared state)."""
    line_at = {}
    for start, end, line in code.co_lines():
        if line in lines:
            for off in range(start, end, 2):
                line_at[off] = line
    first, first_fast = {}, {}
    for ins in dis.get_instructions(code):
        line = line_at.get(ins.offset)
        if line is None or not ins.opname.startswith("STORE_"):
            continue
        target = first_fast if ins.opname.startswith("STORE_FAST") else first
        target.setdefault(line, ins.offset)
    for line, off in first_fast.items():
        first.setdefault(line, off)
    return {off: line for line, off in first.items()}


class FileNames:
    """Normalized co_filename, cached (the hooks run on every new line)."""

    def __init__(self):
        self.cache = {}

    def __call__(self, code):
        name = code.co_filename
        path = self.cache.get(name)
        if path is None:
            path = "" if name.startswith("<") else norm(name)
            self.cache[name] = path
        return path


def install_monitoring(steer):
    """Python 3.12+: LINE events everywhere (disabled at the first uninteresting hit of each
    location), INSTRUCTION events only on code objects holding a store point."""
    mon = sys.monitoring
    tool = next((i for i in range(6) if mon.get_tool(i) is None), None)
    if tool is None:
        raise RuntimeError("no free sys.monitoring tool id")
    mon.use_tool_id(tool, "racelint")
    events, DISABLE = mon.events, mon.DISABLE
    file_of, seen, stores = FileNames(), {}, {}
    discovery = threading.Lock()

    def on_line(code, line):
        try:
            path = file_of(code)
            if path not in steer.files:
                return DISABLE
            if code not in seen:
                # Other threads running this code wait until its store events are on, or
                # they could run the whole racy loop before the first one is seen.
                with discovery:
                    if code not in seen:
                        lines = steer.store_lines.get(path)
                        offsets = store_offsets(code, lines) if lines else None
                        if offsets:
                            stores[code] = offsets
                            mon.set_local_events(tool, code, events.INSTRUCTION)
                        seen[code] = True
            return None if steer.hit((path, line, "line")) else DISABLE
        except Exception as e:  # never disturb the target
            steer.error("line hook: %r" % e)
            return DISABLE

    def on_instruction(code, offset):
        try:
            line = stores.get(code, {}).get(offset)
            if line is None:
                return DISABLE
            return None if steer.hit((file_of(code), line, "store")) else DISABLE
        except Exception as e:
            steer.error("instruction hook: %r" % e)
            return DISABLE

    mon.register_callback(tool, events.LINE, on_line)
    mon.register_callback(tool, events.INSTRUCTION, on_instruction)
    mon.set_events(tool, events.LINE)


def install_settrace(steer):
    """Before 3.12: per-frame tracers only in the findings' files, opcode events only in
    frames whose code holds a store point."""
    file_of, stores = FileNames(), {}

    def local(frame, event, arg):
        try:
            if event == "line":
                steer.hit((file_of(frame.f_code), frame.f_lineno, "line"))
            elif event == "opcode":
                line = stores.get(frame.f_code, {}).get(frame.f_lasti)
                if line is not None:
                    steer.hit((file_of(frame.f_code), line, "store"))
        except Exception as e:
            steer.error("trace hook: %r" % e)
        return local

    def start(frame, event, arg):
        code = frame.f_code
        path = file_of(code)
        if path not in steer.files:
            return None
        if code not in stores:
            lines = steer.store_lines.get(path)
            stores[code] = store_offsets(code, lines) if lines else {}
        if stores[code]:
            frame.f_trace_opcodes = True
        return local

    threading.settrace(start)
    sys.settrace(start)


def run_child(plan_path, run, seed, report_path):
    plan = load_plan(plan_path)
    steer = Steering(plan, run, seed, report_path)
    steer.flush()
    atexit.register(steer.flush)  # registered first, so it runs after the target's handlers

    original_hook = threading.excepthook

    def excepthook(args):
        try:
            steer.record_exception(args.exc_type, args.exc_value, args.exc_traceback,
                                   args.thread.name if args.thread else "?")
        except Exception:
            pass
        original_hook(args)

    threading.excepthook = excepthook
    os.chdir(plan["cwd"])
    target = plan["target"]
    import runpy
    if target[0] == "-m":
        sys.argv = target[1:]
        sys.path[0] = plan["cwd"]
        start = lambda: runpy.run_module(target[1], run_name="__main__", alter_sys=True)
    else:
        script = os.path.abspath(target[0])
        sys.argv = list(target)
        sys.path[0] = os.path.dirname(script)
        start = lambda: runpy.run_path(script, run_name="__main__")

    try:
        if sys.version_info >= (3, 12):
            install_monitoring(steer)
        else:
            install_settrace(steer)
    except RuntimeError as e:  # every sys.monitoring tool id taken
        steer.error("%s; using sys.settrace" % e)
        install_settrace(steer)
    try:
        start()
        code = 0
    except SystemExit as e:
        code = e.code
    except BaseException as e:
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename in (
                HARNESS, runpy.__file__, "<frozen runpy>"):
            tb = tb.tb_next  # show the target's frames only
        traceback.print_exception(type(e), e, tb)
        steer.record_exception(type(e), e, tb, thread_name(), main=True)
        code = 1
    if sys.version_info < (3, 12):
        sys.settrace(None)
        threading.settrace(None)
    sys.exit(code)


# ------------------------------------------------------------------------------- parent: runs

def set_limits(timeout):
    import resource

    def limit(which, soft):
        try:
            _, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            pass

    def apply():
        limit(resource.RLIMIT_CPU, int(2 * timeout + 5))
        limit(resource.RLIMIT_AS, MEMORY_LIMIT)
        limit(resource.RLIMIT_FSIZE, FILE_LIMIT)
        limit(resource.RLIMIT_CORE, 0)
    return apply


def group_alive(pgid):
    """True when a process of group pgid is still running (zombies don't count)."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    if not os.path.isdir("/proc"):
        return True
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and fields[0] != "Z" and fields[2] == str(pgid):
            return True
    return False


def kill_group(pgid):
    """SIGKILL the whole process group and wait (briefly) until it is gone."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + 2.0
    while group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.01)


class Interrupted(Exception):
    pass


def tail(path, lines=TAIL_LINES, limit=4000):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 64 * 1024))
            data = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(data.splitlines()[-lines:])[-limit:]


def one_run(plan, plan_path, index, tmp):
    seed = plan["seed"] + index
    report = os.path.join(tmp, "run%d.json" % index)
    out_path = os.path.join(tmp, "run%d.out" % index)
    err_path = os.path.join(tmp, "run%d.err" % index)
    env = dict(os.environ)
    env.update(plan["env"])
    env.pop("PYTHONSTARTUP", None)
    cmd = [sys.executable, HARNESS, "--child", plan_path, "--run", str(index),
           "--seed", str(seed), "--report", report]
    timed_out = killed = False
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=plan["cwd"], env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err, start_new_session=True,
                                preexec_fn=set_limits(plan["timeout"]))
        try:
            proc.wait(timeout=plan["timeout"])
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            # The run is over (or interrupted): nothing of its process group may outlive it.
            if timed_out or proc.poll() is None or group_alive(proc.pid):
                killed = True
                kill_group(proc.pid)
            proc.wait()
    seconds = time.monotonic() - start
    try:
        with open(report, encoding="utf-8") as f:
            events = json.load(f)
    except (OSError, ValueError):
        events = None
    stderr_tail = tail(err_path)
    return {
        "run": index, "seed": seed, "exit_code": proc.returncode, "timed_out": timed_out,
        "killed": killed, "seconds": round(seconds, 3), "stderr_tail": stderr_tail,
        "thread_exceptions": [e["text"] for e in (events or {}).get("exceptions", [])],
        "harness_errors": events.get("errors", []) if events else ["no event report"],
        "pause_plan": {fid: st["plan"] for fid, st in (events or {}).get("findings", {}).items()},
        "pauses": [dict(p, id=int(fid)) for fid, st in (events or {}).get("findings", {}).items()
                   for p in st["pauses"]],
    }, events


# ----------------------------------------------------------------------------- parent: verdicts

def where(path, line):
    return "%s:%d" % (os.path.basename(path), line)


def source(path, line):
    """The code of one line, without its comment, in backquotes."""
    text = linecache.getline(path, line).strip()
    if "#" in text:
        try:
            tokens = tokenize.generate_tokens(io.StringIO(text + "\n").readline)
            comment = next((t for t in tokens if t.type == tokenize.COMMENT), None)
            if comment is not None:
                text = text[:comment.start[1]].rstrip()
        except (tokenize.TokenError, SyntaxError):
            pass
    return "`%s`" % text if text else "the value"


def relevant(finding, exc):
    lines = {finding["p"][:2], finding["r"][:2]}
    if finding["check_line"]:
        lines.add((finding["p"][0], finding["check_line"]))
    if any(tuple(fr) in lines for fr in exc["frames"]):
        return True
    return any(m in exc["message"] for m in RULE_MESSAGES.get(finding["rule"], ()))


def last_line(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def outcome(run):
    if run["timed_out"]:
        return "the target timed out and was killed"
    code = run["exit_code"]
    if code == 0:
        return ""
    what = "was killed by signal %d" % -code if code < 0 else "exited %d" % code
    detail = last_line(run["stderr_tail"])
    return "target %s%s" % (what, ": " + detail if detail else "")


def interleaving(f, rdv, run):
    p_path, p_line, _ = f["p"]
    r_path, r_line, _ = f["r"]
    a, b = '"%s"' % rdv["paused_thread"], '"%s"' % rdv["other_thread"]
    if f["rule"] == "check-then-act":
        text = ("thread %s passed the check at %s while thread %s sat between the check and the "
                "act at %s" % (b, where(p_path, f["check_line"]), a, where(p_path, p_line)))
    elif f["rule"] == "unguarded-read-modify-write":
        text = ("thread %s read %s at %s while thread %s held a stale value before its write at %s"
                % (b, source(f["r_path"], r_line), where(r_path, r_line), a, where(p_path, p_line)))
    else:
        text = ("thread %s ran %s at %s while thread %s was paused at %s"
                % (b, source(f["r_path"], r_line), where(r_path, r_line), a, where(p_path, p_line)))
    return "%s (run %d, seed %d)" % (text, run["run"], run["seed"])


def verdict(f, runs, reports, wait):
    fid = str(f["id"])
    reached, confirmed = [], []
    for run, rep in zip(runs, reports):
        st = (rep or {}).get("findings", {}).get(fid)
        if st and st["reached"]:
            reached.append((run, rep, st))
            if st["rendezvous"]:
                confirmed.append((run, rep, st))
    status = "confirmed" if confirmed else "not-reached" if not reached else "not-reproduced"
    p_path, p_line, _ = f["p"]
    r_path, r_line, _ = f["r"]
    n = len(runs)
    if status == "not-reached":
        evidence = "%s never ran in %d run%s" % (where(p_path, p_line), n, "s" * (n != 1))
        if not any(reports):
            evidence += " (no run produced a report; see stderr_tail)"
    elif status == "not-reproduced":
        evidence = ("%s ran in %d of %d runs, but no other thread reached %s while one was held "
                    "there (up to %s s each time)" % (where(p_path, p_line), len(reached), n,
                                                       where(r_path, r_line), "%g" % wait))
    else:
        run, rep, st = confirmed[0]
        evidence = interleaving(f, st["rendezvous"][0], run)
    # Supporting evidence: the thread exceptions and the target's failure, from the confirming
    # run first, else from any run where the finding's lines ran.
    support = []
    for run, rep, _ in confirmed + reached:
        texts = sorted({e["text"] for e in rep.get("exceptions", []) if relevant(f, e)})
        if texts:
            support.append("thread exception%s: %s (run %d)"
                           % ("s" * (len(texts) > 1), "; ".join(texts[:2]), run["run"]))
            break
    for run, rep, _ in confirmed + reached:
        text = outcome(run)
        if text:
            support.append("%s (run %d)" % (text, run["run"]))
            break
    if support:
        evidence += "; " + "; ".join(support)
    return {"id": f["id"], "status": status, "runs_reached": len(reached),
            "runs_confirmed": len(confirmed), "evidence": evidence}


def run_parent(plan_path):
    plan_path = os.path.abspath(plan_path)
    plan = load_plan(plan_path)
    info = python_info()

    def stop(signum, frame):
        raise Interrupted("harness interrupted by signal %d" % signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    runs, reports = [], []
    with tempfile.TemporaryDirectory(prefix="racelint-") as tmp:
        for i in range(plan["runs"]):
            run, report = one_run(plan, plan_path, i, tmp)
            runs.append(run)
            reports.append(report)
            if report and report["python"]["gil_enabled"]:
                info["gil_enabled"] = True  # an extension module turned the GIL back on
    return {"version": VERSION, "python": info, "seed": plan["seed"], "runs": runs,
            "results": [verdict(f, runs, reports, plan["wait"]) for f in plan["findings"]]}


def main(argv):
    if len(argv) >= 2 and argv[0] == "--child":
        opts = dict(zip(argv[2::2], argv[3::2]))
        try:
            run_child(argv[1], int(opts["--run"]), int(opts["--seed"]), opts["--report"])
        except (PlanError, KeyError, ValueError) as e:
            print("racelint harness: bad child invocation: %s" % e, file=sys.stderr)
            return 2
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print(json.dumps({"version": VERSION, "error": "usage: racelint_harness.py PLAN.json"}))
        return 2
    try:
        result = run_parent(argv[0])
    except PlanError as e:
        print(json.dumps({"version": VERSION, "error": str(e)}))
        return 2
    except Interrupted as e:
        print(json.dumps({"version": VERSION, "error": str(e)}))
        return 130
    except Exception as e:
        print(json.dumps({"version": VERSION, "error": "internal error: %r" % e}))
        return 2
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
