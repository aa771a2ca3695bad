"""Module globals, closure variables and shared objects locked in one place only.

Scenario: worker threads update a module-level dict, a module global, a
variable of the enclosing function or an object passed in `args=`, under a
lock, because the update spans several steps that must be seen together.
Another concurrent thread reads or writes the same location without the
lock (or under a different lock). Each `_ok` twin takes the writers' lock,
or moves the access where no other thread runs: before the first
`start()`, or after `join()`.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

# -- a global dict read without the lock that guards its writes -------------------------------------------------

cfg_bad = {"endpoint": "http://a", "token": "ta"}
cfg_lock_bad = threading.Lock()
cfg_ok = {"endpoint": "http://a", "token": "ta"}
cfg_lock_ok = threading.Lock()


def dict_key_bad():
    """The client can read the new endpoint with the old token."""

    def rotate(n):
        with cfg_lock_bad:
            cfg_bad["endpoint"] = "http://%d" % n  # expect-note: inconsistent-lock
            cfg_bad["token"] = "t%d" % n

    def call():
        return cfg_bad["endpoint"]  # expect: inconsistent-lock

    threads = [threading.Thread(target=rotate, args=(n,)) for n in range(3)]
    threads.append(threading.Thread(target=call))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cfg_bad


def dict_key_ok():
    """The client reads under the lock that keeps endpoint and token together."""

    def rotate(n):
        with cfg_lock_ok:
            cfg_ok["endpoint"] = "http://%d" % n
            cfg_ok["token"] = "t%d" % n

    def call():
        with cfg_lock_ok:
            return cfg_ok["endpoint"]

    threads = [threading.Thread(target=rotate, args=(n,)) for n in range(3)]
    threads.append(threading.Thread(target=call))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cfg_ok


# -- a module global rebound under a lock, read without it -----------------------------------------------------------

leader_bad = None
term_bad = 0
leader_lock_bad = threading.Lock()
leader_ok = None
term_ok = 0
leader_lock_ok = threading.Lock()


def global_name_bad():
    """A follower can see the new leader before its term is set."""

    def elect(name, term):
        global leader_bad, term_bad
        with leader_lock_bad:
            leader_bad = name  # expect-note: inconsistent-lock
            term_bad = term

    def follow():
        return leader_bad  # expect: inconsistent-lock

    threads = [threading.Thread(target=elect, args=("n%d" % i, i)) for i in range(3)]
    threads.append(threading.Thread(target=follow))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return leader_bad, term_bad


def global_name_ok():
    """The follower reads under the election lock."""

    def elect(name, term):
        global leader_ok, term_ok
        with leader_lock_ok:
            leader_ok = name
            term_ok = term

    def follow():
        with leader_lock_ok:
            return leader_ok

    threads = [threading.Thread(target=elect, args=("n%d" % i, i)) for i in range(3)]
    threads.append(threading.Thread(target=follow))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return leader_ok, term_ok


# -- a global written under lock A by one thread, under lock B by another --------------------------------------------

mode_bad = "idle"
mode_lock_a_bad = threading.Lock()
mode_lock_b_bad = threading.Lock()
mode_ok = "idle"
mode_lock_ok = threading.Lock()


def two_writers_two_locks_bad():
    """Most writes hold lock A; the operator's write holds lock B, which excludes nothing."""

    def scheduler():
        global mode_bad
        with mode_lock_a_bad:
            mode_bad = "busy"  # expect-note: inconsistent-lock
        with mode_lock_a_bad:
            mode_bad = "idle"

    def operator():
        global mode_bad
        with mode_lock_b_bad:
            mode_bad = "maintenance"  # expect: inconsistent-lock

    threads = [threading.Thread(target=scheduler), threading.Thread(target=operator)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return mode_bad


def two_writers_two_locks_ok():
    """Both writers hold one lock."""

    def scheduler():
        global mode_ok
        with mode_lock_ok:
            mode_ok = "busy"
        with mode_lock_ok:
            mode_ok = "idle"

    def operator():
        global mode_ok
        with mode_lock_ok:
            mode_ok = "maintenance"

    threads = [threading.Thread(target=scheduler), threading.Thread(target=operator)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return mode_ok


# -- a closure variable written under a lock, read without it -----------------------------------------------------------

def closure_variable_bad():
    """The reporter reads `best` while solvers replace it under the lock."""
    best = None
    best_lock = threading.Lock()

    def solve(candidate):
        nonlocal best
        with best_lock:
            best = (candidate, candidate * candidate)  # expect-note: inconsistent-lock

    def report():
        return best  # expect: inconsistent-lock

    threads = [threading.Thread(target=solve, args=(c,)) for c in range(4)]
    threads.append(threading.Thread(target=report))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return best


def closure_variable_ok():
    """The reporter reads `best` under the solvers' lock."""
    best = None
    best_lock = threading.Lock()

    def solve(candidate):
        nonlocal best
        with best_lock:
            best = (candidate, candidate * candidate)

    def report():
        with best_lock:
            return best

    threads = [threading.Thread(target=solve, args=(c,)) for c in range(4)]
    threads.append(threading.Thread(target=report))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return best


# -- an object passed in args=: one thread clears a field without the lock ------------------------------------------------


class Health:
    def __init__(self):
        self.lock = threading.Lock()
        self.last_error = None


def passed_object_bad():
    """The watchdog clears `last_error` while a prober sets it under the lock."""
    health = Health()

    def probe(h, n):
        with h.lock:
            h.last_error = "timeout %d" % n  # expect-note: inconsistent-lock

    def watchdog(h):
        h.last_error = None  # expect: inconsistent-lock

    threads = [threading.Thread(target=probe, args=(health, n)) for n in range(3)]
    threads.append(threading.Thread(target=watchdog, args=(health,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return health.last_error


def passed_object_ok():
    """The watchdog clears the field under the object's lock."""
    health = Health()

    def probe(h, n):
        with h.lock:
            h.last_error = "timeout %d" % n

    def watchdog(h):
        with h.lock:
            h.last_error = None

    threads = [threading.Thread(target=probe, args=(health, n)) for n in range(3)]
    threads.append(threading.Thread(target=watchdog, args=(health,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return health.last_error


# -- pool tasks: a locked writer and an unlocked reader ------------------------------------------------------------------

snapshot_bad = {"rows": 0}
snapshot_lock_bad = threading.Lock()
snapshot_ok = {"rows": 0}
snapshot_lock_ok = threading.Lock()


def pool_tasks_bad():
    """Loader tasks replace the row count under a lock; the status task reads it bare."""

    def load(rows):
        with snapshot_lock_bad:
            snapshot_bad["rows"] = rows  # expect-note: inconsistent-lock

    def status():
        return snapshot_bad["rows"]  # expect: inconsistent-lock

    with ThreadPoolExecutor(max_workers=4) as pool:
        for rows in (10, 20, 30):
            pool.submit(load, rows)
        pool.submit(status)
    return snapshot_bad


def pool_tasks_ok():
    """The status task reads under the loaders' lock."""

    def load(rows):
        with snapshot_lock_ok:
            snapshot_ok["rows"] = rows

    def status():
        with snapshot_lock_ok:
            return snapshot_ok["rows"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for rows in (10, 20, 30):
            pool.submit(load, rows)
        pool.submit(status)
    return snapshot_ok


# -- settings written under the lock after start() vs. before start() ------------------------------------------------------

limits_bad = {"rate": 1}
limits_lock_bad = threading.Lock()
limits_ok = {"rate": 1}
limits_lock_ok = threading.Lock()


def config_after_start_bad():
    """The starter changes the rate while the workers already read it."""

    def work():
        return limits_bad["rate"] * 2  # expect: inconsistent-lock

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    with limits_lock_bad:
        limits_bad["rate"] = 5  # expect-note: inconsistent-lock
    for t in threads:
        t.join()
    return limits_bad


def config_after_start_ok():
    """The rate is written before any worker starts; afterwards it is only read."""

    def work():
        return limits_ok["rate"] * 2

    threads = [threading.Thread(target=work) for _ in range(3)]
    with limits_lock_ok:
        limits_ok["rate"] = 5
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return limits_ok


if __name__ == "__main__":
    dict_key_bad()
    dict_key_ok()
    global_name_bad()
    global_name_ok()
    two_writers_two_locks_bad()
    two_writers_two_locks_ok()
    closure_variable_bad()
    closure_variable_ok()
    passed_object_bad()
    passed_object_ok()
    pool_tasks_bad()
    pool_tasks_ok()
    config_after_start_bad()
    config_after_start_ok()
