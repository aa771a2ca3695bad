"""The job scheduler of job_scheduler.py with every race fixed; silent under every rule.

Scenario: ids are drawn from the generator under `id_lock`, the settings
are tested again once `_settings_lock` is held, workers join the working
directory into their paths instead of changing it, the attempt table is
filled with `setdefault`, `completed` is counted under `status_lock`, the
dashboard copies the states and reads `last_finished` under that lock, and
`cancel` holds it with `with`.
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
id_lock = threading.Lock()
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
    if _settings is None:
        with _settings_lock:
            if _settings is None:
                _settings = {"retries": 2, "workdir": WORKDIR}
    return _settings


def submit(command):
    with id_lock:
        job_id = next(job_ids)
    with status_lock:
        status[job_id] = "queued"
        pending.append({"id": job_id, "command": command})
    return job_id


def claim():
    with status_lock:
        if not pending:
            return None
        job = pending.pop(0)
        status[job["id"]] = "running"
        return job


def run(job, workdir):
    attempts.setdefault(job["id"], 1)
    return os.path.join(workdir, job["id"] + ".out")


def worker():
    global completed, last_finished
    workdir = settings()["workdir"]
    for _ in range(4):
        job = claim()
        if job is None:
            break
        run(job, workdir)
        with status_lock:
            status[job["id"]] = "done"
            last_finished = job["id"]
            completed += 1


def dashboard():
    for _ in range(5):
        with status_lock:
            states = list(status.items())
            shown = last_finished
        lines = ["%s: %s" % (job_id, state) for job_id, state in states]
    return lines, shown


def cancel(job_id):
    with status_lock:
        if status.get(job_id) != "queued":
            return False
        status[job_id] = "cancelled"
        return True


def main():
    clients = [threading.Thread(target=submit, args=("echo %d" % i,)) for i in range(6)]
    workers = [threading.Thread(target=worker) for _ in range(3)]
    threads = clients + workers + [threading.Thread(target=dashboard)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cancel("job-1")
    return completed, status


if __name__ == "__main__":
    main()
