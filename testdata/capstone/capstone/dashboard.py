"""Benchmark dashboard: the capstone workload run sequentially, with 4 threads
and with 4 processes, under one or more Python interpreters.

    python3 -m capstone.dashboard [--size small|medium] [--python PATH ...]
                                  [--compare-gil] [--repeat N] [--html out.html]

Each (interpreter, mode) pair runs in its own child process (this module
again, with ``--json``), so every peak-memory figure belongs to one mode only.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import sysconfig
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    import resource
except ImportError:  # not on Windows
    resource = None

from . import SIZES, workloads

MODES = ("sequential", "threads", "processes")
WORKERS = 4
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- what kind of interpreter is this? ------------------------------------

def check_free_threading() -> dict:
    """Is this a free-threaded build, and is the GIL on right now?

    ``Py_GIL_DISABLED`` is 1 on a free-threaded (``--disable-gil``) build.
    ``sys._is_gil_enabled()`` exists from 3.13 on; a free-threaded build can
    still run with the GIL (``PYTHON_GIL=1``, or an extension that needs it).
    Before 3.13 there is no such function and the GIL is always on.
    """
    build = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    gil_enabled = bool(is_gil_enabled()) if is_gil_enabled is not None else True
    return {
        "free_threaded_build": build,
        "gil_enabled": gil_enabled,
        "free_threading_active": build and not gil_enabled,
    }


def recommend(info: dict) -> str:
    """The concurrency model to reach for with CPU-bound work on this interpreter."""
    if info["free_threading_active"]:
        return "GIL is off: use threads for CPU-bound work (true parallelism, shared memory)"
    if info["free_threaded_build"]:
        return ("free-threaded build, but the GIL is on (PYTHON_GIL=1 or an extension): "
                "use processes for CPU-bound work")
    return ("GIL is on: use processes for CPU-bound work; "
            "threads or asyncio only for I/O-bound work")


def interpreter_info() -> dict:
    info = check_free_threading()
    info.update(
        python=sys.executable,
        implementation=platform.python_implementation(),
        version=platform.python_version(),
        cpus=os.cpu_count(),
    )
    info["recommendation"] = recommend(info)
    return info


# --- one measurement ------------------------------------------------------

def peak_rss_mib() -> float | None:
    """Peak resident memory of this process plus its largest reaped child."""
    if resource is None:
        return None
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) * unit / 2**20


def run_mode(mode: str, jobs: list[workloads.Job]) -> list:
    if mode == "sequential":
        return [workloads.run_job(job) for job in jobs]
    if mode == "threads":
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(workloads.run_job, jobs))
    if mode == "processes":
        context = multiprocessing.get_context("spawn")  # the same on every OS
        with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
            return list(pool.map(workloads.run_job, jobs))
    raise ValueError(f"unknown mode {mode!r}")


def measure(mode: str, size: str, repeat: int = 1) -> dict:
    """Run one mode ``repeat`` times; report the best wall time."""
    jobs = workloads.plan(size)
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        results = run_mode(mode, jobs)
        seconds = min(seconds, time.perf_counter() - start)
    summary = workloads.synthesize(jobs, results)
    correct = all(summary[key] == want for key, want in workloads.reference(size).items())
    return {"mode": mode, "seconds": seconds, "rss_mib": peak_rss_mib(), "correct": correct}


def json_main(size: str, modes: list[str], repeat: int = 1) -> int:
    """Child side: measure here, print one JSON object on stdout."""
    report = {"interpreter": interpreter_info(), "size": size, "jobs": len(workloads.plan(size)),
              "runs": [measure(mode, size, repeat) for mode in modes]}
    print(json.dumps(report))
    return 0


# --- the parent: run the children, collect, show ----------------------------

def run_child(python: str, env_extra: dict, mode: str, size: str, repeat: int) -> dict:
    env = dict(os.environ, **env_extra)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_PARENT, env.get("PYTHONPATH")) if p)
    cmd = [python, "-m", "capstone.dashboard", "--json", "--size", size, "--mode", mode,
           "--repeat", str(repeat)]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{python}: {exc}"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"{python} exited with {done.returncode}: {last}"}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": f"{python}: unreadable output {done.stdout[:200]!r}"}


def collect(pythons: list[str], size: str, compare_gil: bool, repeat: int) -> tuple[list[dict], list[str]]:
    """One row per (interpreter, mode), and the list of errors."""
    rows, errors = [], []
    targets = [(python, {}) for python in pythons]
    if compare_gil:
        targets += [(python, {"PYTHON_GIL": "1"}) for python in pythons]
    for python, env_extra in targets:
        base = None
        for mode in MODES:
            report = run_child(python, env_extra, mode, size, repeat)
            if "error" in report:
                errors.append(report["error"])
                break
            info = report["interpreter"]
            if env_extra and not info["free_threaded_build"]:
                break  # PYTHON_GIL=1 changes nothing on a GIL build
            run = report["runs"][0]
            base = run["seconds"] if mode == "sequential" else base
            rows.append({**run, "info": info, "env": env_extra, "jobs": report["jobs"],
                         "speedup": base / run["seconds"] if base and run["seconds"] else None})
    return rows, errors


def label(row: dict) -> str:
    info = row["info"]
    name = f"{info['implementation']} {info['version']}" + ("t" if info["free_threaded_build"] else "")
    return name + "".join(f" {k}={v}" for k, v in row["env"].items())


def fmt(value, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def table(rows: list[dict]) -> str:
    header = ("interpreter", "build", "GIL", "mode", "wall s", "speedup", "peak RSS MiB", "result")
    lines = [header]
    for row in rows:
        info = row["info"]
        lines.append((
            label(row),
            "free-threaded" if info["free_threaded_build"] else "default (GIL)",
            "on" if info["gil_enabled"] else "off",
            row["mode"],
            fmt(row["seconds"], ".3f"),
            fmt(row["speedup"], ".2f") + ("x" if row["speedup"] else ""),
            fmt(row["rss_mib"], ".1f"),
            "ok" if row["correct"] else "WRONG",
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    right = {4, 5, 6}
    out = []
    for n, line in enumerate(lines):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def interpreters(rows: list[dict]) -> list[tuple[str, dict, list[dict]]]:
    """Group the rows: (label, info, rows of that interpreter) in order."""
    groups: dict[str, tuple[str, dict, list[dict]]] = {}
    for row in rows:
        groups.setdefault(label(row), (label(row), row["info"], []))[2].append(row)
    return list(groups.values())


def advice(rows: list[dict]) -> list[str]:
    lines = []
    for name, info, group in interpreters(rows):
        best = min(group, key=lambda r: r["seconds"])
        lines.append(f"{name} ({info['python']}): free-threaded build: "
                     f"{'yes' if info['free_threaded_build'] else 'no'}, GIL "
                     f"{'on' if info['gil_enabled'] else 'off'}. {info['recommendation']}. "
                     f"Fastest here: {best['mode']} ({fmt(best['speedup'], '.2f')}x).")
    return lines


# --- HTML -----------------------------------------------------------------

COLORS = {"sequential": "#8c8c8c", "threads": "#2f6fb5", "processes": "#d9822b"}


def svg_chart(rows: list[dict]) -> str:
    """Horizontal bars: wall time per (interpreter, mode), inline SVG."""
    bar, gap, width = 22, 6, 420
    left = 24 + 7 * max((len(label(r)) + len(r["mode"]) + 3 for r in rows), default=20)
    longest = max((r["seconds"] for r in rows), default=1.0) or 1.0
    height = 40 + len(rows) * (bar + gap) + 12 * len(interpreters(rows))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" '
             f'height="{height}" role="img" aria-label="wall time per interpreter and mode">']
    y = 28
    parts.append(f'<text x="{left}" y="16" class="axis">wall time (s), shorter is better</text>')
    for name, _info, group in interpreters(rows):
        for row in group:
            w = max(1.0, width * row["seconds"] / longest)
            text = f"{row['seconds']:.2f}s" + (f"  {row['speedup']:.2f}x" if row["speedup"] else "")
            parts.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.0f}" text-anchor="end">'
                         f'{html.escape(name)} · {row["mode"]}</text>')
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" '
                         f'fill="{COLORS[row["mode"]]}"><title>{html.escape(text)}</title></rect>')
            parts.append(f'<text x="{left + w + 6:.1f}" y="{y + bar * 0.7:.0f}">{html.escape(text)}</text>')
            y += bar + gap
        y += 12
    parts.append("</svg>")
    return "\n".join(parts)


def html_page(rows: list[dict], errors: list[str], size: str) -> str:
    head = ("interpreter", "build", "GIL", "mode", "wall s", "speedup", "peak RSS MiB", "result")
    body_rows = []
    for row in rows:
        info = row["info"]
        cells = (label(row), "free-threaded" if info["free_threaded_build"] else "default (GIL)",
                 "on" if info["gil_enabled"] else "off", row["mode"], fmt(row["seconds"], ".3f"),
                 fmt(row["speedup"], ".2f"), fmt(row["rss_mib"], ".1f"),
                 "ok" if row["correct"] else "WRONG")
        body_rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    legend = "".join(f'<span class="key"><span class="swatch" style="background:{c}"></span>'
                     f"{m}</span>" for m, c in COLORS.items())
    notes = "".join(f"<li>{html.escape(line)}</li>" for line in advice(rows))
    problems = "".join(f"<li>{html.escape(e)}</li>" for e in errors)
    jobs = rows[0]["jobs"] if rows else 0
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Capstone concurrency dashboard</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
p, ul {{ max-width: 60em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: left; white-space: nowrap; }}
td:nth-child(n+5) {{ text-align: right; font-variant-numeric: tabular-nums; }}
th {{ background: #f0f0f0; }}
svg text {{ font-size: 12px; fill: #222; }}
svg text.axis {{ fill: #666; }}
.key {{ margin-right: 1.2em; }}
.swatch {{ display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; vertical-align: -0.1em; }}
.errors {{ color: #a00; }}
</style>
</head>
<body>
<h1>Capstone concurrency dashboard</h1>
<p>{jobs} CPU-bound jobs (prime counting, N-queens, sha256 hash chains, word statistics),
size <code>{html.escape(size)}</code>, run sequentially, with {WORKERS} threads and with
{WORKERS} processes (spawn). Speedup is relative to the same interpreter's sequential run.</p>
<p>{legend}</p>
{svg_chart(rows)}
<table>
<thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>
<tbody>
{chr(10).join(body_rows)}
</tbody>
</table>
<h2>Recommendations</h2>
<ul>{notes}</ul>
<p>Peak RSS is this run's process plus its largest child (<code>getrusage</code>);
with {WORKERS} worker processes the real total is roughly {WORKERS} times the child's share.</p>
{f'<h2>Errors</h2><ul class="errors">{problems}</ul>' if errors else ""}
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m capstone.dashboard", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--python", action="extend", nargs="+", metavar="PATH", default=[],
                        help="interpreter(s) to compare (default: the current one)")
    parser.add_argument("--compare-gil", action="store_true",
                        help="also run free-threaded interpreters with PYTHON_GIL=1")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each mode N times and keep the best wall time (default 1)")
    parser.add_argument("--html", metavar="FILE", help="write a self-contained HTML page")
    parser.add_argument("--json", action="store_true",
                        help="measure in this process and print JSON (used for the children)")
    parser.add_argument("--mode", action="append", choices=MODES,
                        help="with --json: the mode(s) to measure (default: all)")
    args = parser.parse_args(argv)

    if args.json:
        return json_main(args.size, args.mode or list(MODES), max(1, args.repeat))

    pythons = args.python or [sys.executable]
    jobs = len(workloads.plan(args.size))
    print(f"Capstone dashboard: {jobs} jobs (4 workloads x {jobs // 4}), size {args.size}, "
          f"{WORKERS} workers, {os.cpu_count()} CPUs", flush=True)
    rows, errors = collect(pythons, args.size, args.compare_gil, max(1, args.repeat))
    print()
    print(table(rows))
    print()
    for line in advice(rows):
        print(line)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if args.html:
        with open(args.html, "w", encoding="utf-8") as out:
            out.write(html_page(rows, errors, args.size))
        print(f"wrote {args.html}")
    return 1 if errors or not rows or not all(row["correct"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
