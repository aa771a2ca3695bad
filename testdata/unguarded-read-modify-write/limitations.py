"""Known imprecision: races missed and safe code reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed races (`known-fn`): a read
into a local followed by a write-back in a later statement, a class
attribute updated through `type(self)`, and a per-instance lock that
guards a class attribute shared by all instances.
Safe code reported (`known-fp`): workers that update disjoint keys of one
dict, and an ordering made by `Event.wait()`. Each is listed under
Limitations in docs/rules/unguarded-read-modify-write.md.
"""

import threading

# -- read into a local, write back in a later statement (missed) -------------------------------------------


class InventoryBad:
    def __init__(self):
        self.count = 0

    def restock(self, n):
        current = self.count
        self.count = current + n  # known-fn: unguarded-read-modify-write -- the read and the write-back are separate statements joined by a local; a local's value is not tracked from one statement to the next


class InventoryOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.count = 0

    def restock(self, n):
        with self._lock:
            current = self.count
            self.count = current + n


def split_local_bad():
    """`restock` runs on four threads; two can read the same `current`."""
    inv = InventoryBad()
    threads = [threading.Thread(target=inv.restock, args=(5,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inv.count


def split_local_ok():
    """The read and the write-back are under one lock."""
    inv = InventoryOk()
    threads = [threading.Thread(target=inv.restock, args=(5,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inv.count


# -- class attribute reached through type(self) (missed) --------------------------------------------------


class NodeBad:
    created = 0

    def __init__(self):
        type(self).created += 1  # known-fn: unguarded-read-modify-write -- `type(self).created` is the class attribute `NodeBad.created`, but only `Cls.attr`, `cls.attr` and `self.attr` name a location; `type(self)` is not resolved to the class


class NodeOk:
    created = 0
    _lock = threading.Lock()

    def __init__(self):
        with NodeOk._lock:
            type(self).created += 1


def type_self_bad():
    """Each thread builds its own nodes; the class-level count is shared."""

    def build():
        for _ in range(200):
            NodeBad()

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return NodeBad.created


def type_self_ok():
    """The class-level count is updated under a class-level lock."""

    def build():
        for _ in range(200):
            NodeOk()

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return NodeOk.created


# -- a lock per instance guarding a class attribute (missed) ----------------------------------------------------


class SessionCounterBad:
    active = 0

    def __init__(self):
        self._lock = threading.Lock()

    def open(self):
        with self._lock:
            SessionCounterBad.active += 1  # known-fn: unguarded-read-modify-write -- each instance has its own `_lock`; locks are told apart by field, not by instance, so `self._lock` looks like one lock held at every update


class SessionCounterOk:
    active = 0
    _lock = threading.Lock()

    def open(self):
        with SessionCounterOk._lock:
            SessionCounterOk.active += 1


def instance_lock_bad():
    """Three sessions, three locks, one class-level count: nothing is excluded."""
    sessions = [SessionCounterBad() for _ in range(3)]
    threads = [threading.Thread(target=s.open) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return SessionCounterBad.active


def instance_lock_ok():
    """One lock stored on the class guards the class-level count."""
    sessions = [SessionCounterOk() for _ in range(3)]
    threads = [threading.Thread(target=s.open) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return SessionCounterOk.active


# -- disjoint keys of one dict (reported, but safe) -------------------------------------------------------------

per_worker_shared_bad = {0: 0, 1: 0, 2: 0, 3: 0}
per_worker_disjoint_ok = {0: 0, 1: 0, 2: 0, 3: 0}


def disjoint_keys_bad():
    """Workers 0 and 2 (and 1 and 3) update the same key."""

    def work(slot):
        for _ in range(300):
            per_worker_shared_bad[slot] += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=work, args=(i % 2,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return per_worker_shared_bad


def disjoint_keys_ok():
    """Every worker updates only its own key."""

    def work(slot):
        for _ in range(300):
            per_worker_disjoint_ok[slot] += 1  # known-fp: unguarded-read-modify-write -- every thread updates its own key; all keys of a dict are one location, so the other threads' updates look like conflicting writes

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return per_worker_disjoint_ok


# -- ordering through Event.wait() (reported, but safe) -----------------------------------------------------------

config_version_bad = 0
config_loaded_bad = threading.Event()
config_version_ok = 0
config_loaded_ok = threading.Event()


def event_order_bad():
    """The bump can read 0 before the loader stores 1, then overwrite it."""

    def load():
        global config_version_bad
        config_version_bad = 1
        config_loaded_bad.set()

    def bump():
        global config_version_bad
        config_version_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=load), threading.Thread(target=bump)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return config_version_bad


def event_order_ok():
    """`bump` waits until the loader is done writing."""

    def load():
        global config_version_ok
        config_version_ok = 1
        config_loaded_ok.set()

    def bump():
        global config_version_ok
        config_loaded_ok.wait()
        config_version_ok += 1  # known-fp: unguarded-read-modify-write -- `Event.set()`/`wait()` orders the loader's store before the update; that happens-before edge is not modeled

    threads = [threading.Thread(target=load), threading.Thread(target=bump)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return config_version_ok


if __name__ == "__main__":
    split_local_bad()
    split_local_ok()
    type_self_bad()
    type_self_ok()
    disjoint_keys_bad()
    disjoint_keys_ok()
    event_order_bad()
    event_order_ok()
    instance_lock_bad()
    instance_lock_ok()
