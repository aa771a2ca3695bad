"""The coordinator: hands out the tasks, runs the agents, checks the result."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from .. import SIZES, workloads
from . import agents
from .agents import Agent, AgentThread, Registry, Task
from .blackboard import Blackboard

AGENT_NAMES = ("planner", "solver", "critic", "scribe")


def make_tasks(size: str) -> list[Task]:
    """The question stream: every job once, then the first half asked again
    (those repeats are what the results cache is for)."""
    jobs = workloads.plan(size)
    stream = jobs + jobs[: len(jobs) // 2]
    return [Task(i, job) for i, job in enumerate(stream)]


def watch(blackboard: Blackboard, still_running) -> dict[str, int]:
    """Keep a live leaderboard (posts per agent) while the agents work."""
    leaderboard: dict[str, int] = {}
    while still_running():
        leaderboard = {}
        for task_id, (author, text) in blackboard.posts.items():  # expect: iterate-while-mutate
            leaderboard[author] = leaderboard.get(author, 0) + 1
        time.sleep(0.001)
    return leaderboard


def run_agents(tasks: list[Task], blackboard: Blackboard) -> tuple[list[Agent], list[str]]:
    """Start the four agents, watch them, wait for them.  Returns (agents, crashes)."""
    crashes: list[str] = []
    default_hook = threading.excepthook

    def on_crash(args) -> None:
        crashes.append(f"agent {args.thread.name} crashed with {args.exc_type.__name__}: {args.exc_value}")
        default_hook(args)

    threading.excepthook = on_crash
    agents.TASKS.extend(reversed(tasks))  # pop() takes from the end
    team = [Agent(name, blackboard) for name in AGENT_NAMES]

    threads = []
    for agent in team[:2]:
        t = threading.Thread(target=agent.run, name=agent.name)
        t.start()
        threads.append(t)
    critic = AgentThread(team[2])
    critic.start()
    threads.append(critic)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scribe") as pool:
        scribe = pool.submit(team[3].run)
        try:
            watch(blackboard, lambda: not scribe.done() or any(t.is_alive() for t in threads))
        except RuntimeError as exc:
            crashes.append(f"coordinator crashed reading the blackboard: RuntimeError: {exc}")
        for t in threads:
            t.join()
    if scribe.exception() is not None:
        exc = scribe.exception()
        crashes.append(f"agent scribe crashed with {type(exc).__name__}: {exc}")
    threading.excepthook = default_hook
    return team, crashes


def results(jobs: list[workloads.Job]) -> list | None:
    """The answer to every job, or None when some job has no answer."""
    answers = [agents.RESULTS_CACHE.get(job) for job in jobs]
    return None if None in answers else answers


def check_invariants(size: str, tasks: list[Task], team: list[Agent], blackboard: Blackboard) -> list[str]:
    problems = []
    n = len(tasks)
    left = len(agents.TASKS)
    if left:
        problems.append(f"{left} tasks were never processed")
    tasks_done, stats = agents.TASKS_DONE, dict(agents.STATS)
    if tasks_done != n:
        problems.append(f"TASKS_DONE is {tasks_done}, expected {n}")
    handled = sum(agent.handled for agent in team)
    if handled != tasks_done:
        problems.append(f"the agents handled {handled} tasks but TASKS_DONE is {tasks_done}")
    expected_stats = dict(Counter(task.job.kind for task in tasks))
    if stats != expected_stats:
        problems.append(f"STATS is {stats}, expected {expected_stats}")
    total_posts, logged, posted = blackboard.total_posts, len(blackboard.log), len(blackboard.posts)
    if total_posts != logged:
        problems.append(f"total_posts is {total_posts} but {logged} posts were made")
    if logged != n or posted != n:
        problems.append(f"{logged} posts about {posted} tasks, expected {n} tasks posted once")
    twice = sorted(f"{job.kind}{job.args}" for job, times in agents.computations().items() if times > 1)
    if twice:
        problems.append(f"{len(twice)} jobs were computed more than once ({', '.join(twice)})")
    registries = Registry.instances()
    if registries != 1:
        problems.append(f"{registries} agent registries were created, expected 1")
    jobs = workloads.plan(size)
    answers = results(jobs)
    if answers is None:
        problems.append("some jobs have no result in the cache")
    else:
        summary = workloads.synthesize(jobs, answers)
        for key, want in workloads.reference(size).items():
            if summary[key] != want:
                problems.append(f"synthesis says {key}={summary[key]}, expected {want}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m capstone.racy", description=__doc__)
    parser.add_argument("--size", choices=SIZES, default="small")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    tasks = make_tasks(args.size)
    blackboard = Blackboard()
    team, crashes = run_agents(tasks, blackboard)
    problems = crashes + check_invariants(args.size, tasks, team, blackboard)
    elapsed = time.perf_counter() - start

    if problems:
        print("INVARIANT FAILED: " + "; ".join(p.replace("\n", " ") for p in problems), file=sys.stderr)
        return 1
    jobs = workloads.plan(args.size)
    summary = workloads.synthesize(jobs, results(jobs))
    shares = ", ".join(f"{agent.name}={agent.handled}" for agent in team)
    print(f"OK {len(tasks)} tasks by {len(team)} agents in {elapsed:.2f}s ({shares}); "
          + ", ".join(f"{key}={value}" for key, value in summary.items()))
    return 0
