"""The agents and the state they share (racy version)."""

from __future__ import annotations

import threading
from typing import NamedTuple

from .. import workloads
from ..workloads import Job
from .blackboard import Blackboard


class Task(NamedTuple):
    id: int
    job: Job


# --- state shared by all agents -------------------------------------------

TASKS: list[Task] = []              # the to-do list, filled by the coordinator
RESULTS_CACHE: dict[Job, object] = {}  # job -> answer; each job is solved once
STATS: dict[str, int] = {}          # tasks handled per workload kind
TASKS_DONE = 0                      # tasks handled by all agents together
_REGISTRY = None                    # directory of online agents, made on first use

# Bookkeeping for the invariant checks only: always taken under its lock.
_audit_lock = threading.Lock()
_COMPUTATIONS: dict[Job, int] = {}


def compute(job: Job):
    """Do the expensive reasoning for one job."""
    with _audit_lock:
        _COMPUTATIONS[job] = _COMPUTATIONS.get(job, 0) + 1
    return workloads.run_job(job)


def computations() -> dict[Job, int]:
    """How many times each job was computed."""
    with _audit_lock:
        return dict(_COMPUTATIONS)


class Registry:
    """Directory of the agents that are online.  There must only ever be one."""

    _created = 0
    _created_lock = threading.Lock()

    def __init__(self) -> None:
        with Registry._created_lock:
            Registry._created += 1
        self.names: list[str] = []

    def register(self, name: str) -> None:
        self.names.append(name)

    @classmethod
    def instances(cls) -> int:
        with cls._created_lock:
            return cls._created


def get_registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:  # expect-note: check-then-act
        _REGISTRY = Registry()  # expect: check-then-act
    return _REGISTRY


def remember(job: Job) -> None:
    """Solve a job unless another agent already has (a shared memo)."""
    if job not in RESULTS_CACHE:  # expect-note: check-then-act
        RESULTS_CACHE[job] = compute(job)  # expect: check-then-act


def next_task() -> Task | None:
    """Take the next task off the list, or None when the list is empty."""
    task = None
    if TASKS:  # expect-note: check-then-act
        task = TASKS.pop()  # expect: check-then-act
    return task


def record_progress(kind: str) -> None:
    global TASKS_DONE
    STATS[kind] = STATS.get(kind, 0) + 1  # expect: unguarded-read-modify-write
    TASKS_DONE += 1  # expect: unguarded-read-modify-write


class Agent:
    """Takes tasks off the shared list until it is empty."""

    def __init__(self, name: str, blackboard: Blackboard) -> None:
        self.name = name
        self.blackboard = blackboard
        self.handled = 0

    def run(self) -> None:
        get_registry().register(self.name)
        handled = 0
        while True:
            task = next_task()
            if task is None:
                break
            remember(task.job)
            self.blackboard.post(task.id, self.name, f"{task.job.kind} {task.job.args} solved")
            record_progress(task.job.kind)
            handled += 1
        self.handled = handled


class AgentThread(threading.Thread):
    """The same agent, run by subclassing Thread instead of passing a target."""

    def __init__(self, agent: Agent) -> None:
        super().__init__(name=agent.name)
        self.agent = agent

    def run(self) -> None:
        self.agent.run()
