"""Read-modify-write of instance attributes of objects that reach several threads.

Scenario: an object's fields are shared when the object reaches two threads:
its bound method is a thread target started more than once, or started
while the starting thread calls the same method; the object is passed in
`args=` to several threads; a module-global instance's methods are called
from thread code. The update may sit in a helper reached through
`self.method()` or `super().method()`. A `Thread` subclass's `run` that
updates a module global races with the other instances' `run`.
"""

import threading

# -- bound method started several times: self.total += x ------------------------------------------


class SumBad:
    def __init__(self):
        self.total = 0

    def add(self, x):
        for _ in range(100):
            self.total += x  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write


class SumOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0

    def add(self, x):
        for _ in range(100):
            with self._lock:
                self.total += x


def bound_method_bad():
    """`acc.add` is the target of four threads."""
    acc = SumBad()
    threads = [threading.Thread(target=acc.add, args=(i,)) for i in range(4)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return acc.total


def bound_method_ok():
    """The update holds the instance's lock."""
    acc = SumOk()
    threads = [threading.Thread(target=acc.add, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return acc.total


# -- instance passed in args= to several threads --------------------------------------------------------


class WalletBad:
    def __init__(self):
        self.balance = 0


class WalletOk:
    def __init__(self):
        self.balance = 0


wallet_lock_ok = threading.Lock()


def instance_args_bad():
    """Every thread's `w` parameter is the same wallet."""
    wallet = WalletBad()

    def top_up(w, amount):
        for _ in range(100):
            w.balance = w.balance + amount  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=top_up, args=(wallet, 5)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return wallet.balance


def instance_args_ok():
    """The update holds a module-level lock."""
    wallet = WalletOk()

    def top_up(w, amount):
        for _ in range(100):
            with wallet_lock_ok:
                w.balance = w.balance + amount

    threads = [threading.Thread(target=top_up, args=(wallet, 5)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return wallet.balance


# -- dict passed in args= to several threads ------------------------------------------------------------------

stats_lock_ok = threading.Lock()


def args_dict_bad():
    """The starter's local dict is the `stats` parameter of every thread."""
    shared_stats = {"rows": 0}

    def load(stats, rows):
        for _ in range(rows):
            stats["rows"] += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=load, args=(shared_stats, 200)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shared_stats


def args_dict_ok():
    """The element update holds a module-level lock."""
    shared_stats = {"rows": 0}

    def load(stats, rows):
        for _ in range(rows):
            with stats_lock_ok:
                stats["rows"] += 1

    threads = [threading.Thread(target=load, args=(shared_stats, 200)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shared_stats


# -- module-global instance whose method is called from thread code -----------------------------------------------


class MeterBad:
    def __init__(self):
        self.used = 0

    def charge(self, units):
        self.used = self.used + units  # expect: unguarded-read-modify-write


class MeterOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.used = 0

    def charge(self, units):
        with self._lock:
            self.used = self.used + units


meter_bad = MeterBad()
meter_ok = MeterOk()


def global_instance_bad():
    """Workers call `meter_bad.charge`; the meter is one object for all of them."""

    def job(units):
        for _ in range(100):
            meter_bad.charge(units)

    threads = [threading.Thread(target=job, args=(u,)) for u in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return meter_bad.used


def global_instance_ok():
    """`charge` holds the meter's lock."""

    def job(units):
        for _ in range(100):
            meter_ok.charge(units)

    threads = [threading.Thread(target=job, args=(u,)) for u in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return meter_ok.used


# -- bound method started once while the starter calls it too ---------------------------------------------------------


class ClockBad:
    def __init__(self):
        self.ticks = 0

    def run_for(self, n):
        for _ in range(n):
            self.ticks += 1  # expect: unguarded-read-modify-write


class ClockOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.ticks = 0

    def run_for(self, n):
        for _ in range(n):
            with self._lock:
                self.ticks += 1


def alongside_starter_bad():
    """The starter calls `clock.run_for` between `start()` and `join()`."""
    clock = ClockBad()
    t = threading.Thread(target=clock.run_for, args=(1000,))
    t.start()
    clock.run_for(1000)
    t.join()
    return clock.ticks


def alongside_starter_ok():
    """Both callers go through the instance's lock."""
    clock = ClockOk()
    t = threading.Thread(target=clock.run_for, args=(1000,))
    t.start()
    clock.run_for(1000)
    t.join()
    return clock.ticks


# -- update in a private method reached through self.method() -------------------------------------------------------------


class RecorderBad:
    def __init__(self):
        self.events = 0

    def _bump(self):
        self.events += 1  # expect: unguarded-read-modify-write

    def record(self, n):
        for _ in range(n):
            self._bump()


class RecorderOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.events = 0

    def _bump(self):
        self.events += 1

    def record(self, n):
        for _ in range(n):
            with self._lock:
                self._bump()


def self_helper_bad():
    """`record` runs on three threads and calls `_bump` without a lock."""
    rec = RecorderBad()
    threads = [threading.Thread(target=rec.record, args=(300,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return rec.events


def self_helper_ok():
    """`record` holds the lock around every `self._bump()` call."""
    rec = RecorderOk()
    threads = [threading.Thread(target=rec.record, args=(300,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return rec.events


# -- update in the base class, reached through super().method() ------------------------------------------------------------

audited_lock_ok = threading.Lock()


class CounterBaseBad:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n  # expect: unguarded-read-modify-write


class AuditedCounterBad(CounterBaseBad):
    def add(self, n):
        super().add(n)


class CounterBaseOk:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n


class AuditedCounterOk(CounterBaseOk):
    def add(self, n):
        with audited_lock_ok:
            super().add(n)


def super_helper_bad():
    """The subclass delegates to the base class's unguarded `+=`."""
    counter = AuditedCounterBad()
    threads = [threading.Thread(target=counter.add, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.count


def super_helper_ok():
    """The subclass holds a lock around `super().add`."""
    counter = AuditedCounterOk()
    threads = [threading.Thread(target=counter.add, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.count


# -- Thread subclass whose run() updates a module global -----------------------------------------------------------------------

finished_jobs_bad = 0
finished_jobs_ok = 0
finished_jobs_lock_ok = threading.Lock()


class JobThreadBad(threading.Thread):
    def __init__(self, jobs):
        super().__init__()
        self.jobs = jobs

    def run(self):
        global finished_jobs_bad
        for _ in range(self.jobs):
            finished_jobs_bad += 1  # expect: unguarded-read-modify-write


class JobThreadOk(threading.Thread):
    def __init__(self, jobs):
        super().__init__()
        self.jobs = jobs

    def run(self):
        global finished_jobs_ok
        for _ in range(self.jobs):
            with finished_jobs_lock_ok:
                finished_jobs_ok += 1


def thread_subclass_bad():
    """Three `JobThreadBad` instances update one module global."""
    workers = [JobThreadBad(300) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return finished_jobs_bad


def thread_subclass_ok():
    """The update holds a module-level lock."""
    workers = [JobThreadOk(300) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return finished_jobs_ok


# -- dict attribute element: self.stats[k] += 1 ------------------------------------------------------------------------------------


class StatusBoardBad:
    def __init__(self):
        self.by_status = {"ok": 0, "error": 0}

    def report(self, status):
        self.by_status[status] += 1  # expect: unguarded-read-modify-write


class StatusBoardOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.by_status = {"ok": 0, "error": 0}

    def report(self, status):
        with self._lock:
            self.by_status[status] += 1


def dict_attr_bad():
    """`board.report` runs on six threads."""
    board = StatusBoardBad()
    threads = [threading.Thread(target=board.report, args=(s,)) for s in ("ok", "error") * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return board.by_status


def dict_attr_ok():
    """The element update holds the instance's lock."""
    board = StatusBoardOk()
    threads = [threading.Thread(target=board.report, args=(s,)) for s in ("ok", "error") * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return board.by_status


if __name__ == "__main__":
    bound_method_bad()
    bound_method_ok()
    instance_args_bad()
    instance_args_ok()
    args_dict_bad()
    args_dict_ok()
    global_instance_bad()
    global_instance_ok()
    alongside_starter_bad()
    alongside_starter_ok()
    self_helper_bad()
    self_helper_ok()
    super_helper_bad()
    super_helper_ok()
    thread_subclass_bad()
    thread_subclass_ok()
    dict_attr_bad()
    dict_attr_ok()
