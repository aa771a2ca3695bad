"""A job scheduler: client threads submit, worker threads run, a dashboard watches.

Scenario: six client threads submit commands, each getting an id from one
id generator; three workers claim jobs under `status_lock`, run them in the
configured working directory and mark them done; a dashboard thread lists
the job states. The mistakes: the id generator resumed by every client
(shared-generator), the settings created under a lock without a second
test (double-checked-locking), every worker changing the process's working
directory (process-global-mutation), the attempt table filled with a test
and a store (check-then-act), `completed += 1` (unguarded-read-modify-write),
the dashboard walking the live status dict (iterate-while-mutate) and
reading `last_finished` without the lock (inconsistent-lock), and `cancel`
returning early with the lock held (lock-not-released).
job_scheduler_fixed.py is the same scheduler with every mistake fixed.
"""

import os
import tempfile
import threading


def _id_source():
    n = 0
    while True:
        n += 1
        yield "job-%d" % n


job_ids = _id_source()
pending = []
status = {}
attempts = {}
status_lock = threading.Lock()
completed = 0
last_finished = None
_settings = None
_settings_lock = threading.Lock()
WORKDIR = tempfile.gettempdir()


def settings():
    global _settings
    if _settings is None:  # expect-note: double-checked-locking
        with _settings_lock:
            _settings = {"retries": 2, "workdir": WORKDIR}  # expect: double-checked-locking
    return _settings


def submit(command):
    job_id = next(job_ids)  # expect: shared-generator
    with status_lock:
        status[job_id] = "queued"  # expect-note: iterate-while-mutate
        pending.append({"id": job_id, "command": command})
    return job_id


def claim():
    with status_lock:
        if not pending:
            return None
        job = pending.pop(0)
        status[job["id"]] = "running"
        return job


def run(job):
    if job["id"] not in attempts:  # expect-note: check-then-act
        attempts[job["id"]] = 1  # expect: check-then-act
    return len(job["command"])


def worker():
    global completed, last_finished
    os.chdir(settings()["workdir"])  # expect: process-global-mutation
    for _ in range(4):
        job = claim()
        if job is None:
            break
        run(job)
        with status_lock:
            status[job["id"]] = "done"
            last_finished = job["id"]  # expect-note: inconsistent-lock
        completed += 1  # expect: unguarded-read-modify-write


def dashboard():
    for _ in range(5):
        lines = ["%s: %s" % (job_id, state) for job_id, state in status.items()]  # expect: iterate-while-mutate
        shown = last_finished  # expect: inconsistent-lock
    return lines, shown


def cancel(job_id):
    status_lock.acquire()  # expect: lock-not-released
    if status.get(job_id) != "queued":
        return False  # expect-note: lock-not-released
    status[job_id] = "cancelled"
    status_lock.release()
    return True


def main():
    home = os.getcwd()
    clients = [threading.Thread(target=submit, args=("echo %d" % i,)) for i in range(6)]  # expect-note: shared-generator
    workers = [threading.Thread(target=worker) for _ in range(3)]  # expect-note: process-global-mutation
    threads = clients + workers + [threading.Thread(target=dashboard)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.chdir(home)
    cancel("job-1")
    return completed, status


if __name__ == "__main__":
    main()
