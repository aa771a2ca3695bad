"""The agents and the state they share (fixed version)."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import NamedTuple

from .. import workloads
from ..workloads import Job
from .blackboard import Blackboard


class Task(NamedTuple):
    id: int
    job: Job


# --- state shared by all agents -------------------------------------------

TASKS: queue.Queue[Task] = queue.Queue()  # the to-do list, filled by the coordinator
RESULTS_CACHE: dict[Job, Future] = {}     # job -> Future of its answer (setdefault only)

_progress_lock = threading.Lock()         # guards STATS and TASKS_DONE together
STATS: dict[str, int] = {}                # tasks handled per workload kind
TASKS_DONE = 0                            # tasks handled by all agents together

_registry_lock = threading.Lock()         # guards _REGISTRY
_REGISTRY = None                          # directory of online agents, made on first use

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
    with _registry_lock:
        if _REGISTRY is None:
            _REGISTRY = Registry()
        return _REGISTRY


def remember(job: Job) -> None:
    """Solve a job unless another agent already has (a shared memo).

    setdefault is one atomic step: exactly one agent gets its own Future back,
    and only that agent computes; the others see the job is taken.
    """
    mine: Future = Future()
    entry = RESULTS_CACHE.setdefault(job, mine)
    if entry is mine:
        try:
            mine.set_result(compute(job))
        except BaseException as exc:
            mine.set_exception(exc)
            raise


def next_task() -> Task | None:
    """Take the next task off the queue, or None when the queue is empty."""
    try:
        return TASKS.get_nowait()
    except queue.Empty:
        return None


def record_progress(kind: str) -> None:
    global TASKS_DONE
    with _progress_lock:
        STATS[kind] = STATS.get(kind, 0) + 1
        TASKS_DONE += 1


def progress() -> tuple[int, dict[str, int]]:
    """(TASKS_DONE, a copy of STATS), read under the lock that guards them."""
    with _progress_lock:
        return TASKS_DONE, dict(STATS)


class Agent:
    """Takes tasks off the shared queue until it is empty."""

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
