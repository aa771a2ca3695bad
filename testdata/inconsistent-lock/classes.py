"""Fields that most methods touch under the object's lock, and one does not.

Scenario: each class keeps state in instance or class attributes and
protects it with a lock; one method reads or writes the same field without
that lock (or under another lock). The lock was there to keep several
steps or several fields consistent, so the unguarded access can see the
object halfway through an update, or overwrite a value in the middle of a
locked sequence. Each `_ok` twin takes the same lock at that access. The
unguarded accesses in `__init__` run before the object is published and
are never reported.
"""

import threading

# -- an unguarded read of a total that add() updates under the lock ------------------------------------------


class TallyBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0
        self.count = 0

    def add(self, amount):
        with self._lock:
            self.count += 1
            self.total += amount  # expect-note: inconsistent-lock

    def mean(self):
        with self._lock:
            return self.total / self.count if self.count else 0.0

    def reported_total(self):
        return self.total  # expect: inconsistent-lock "`self.total`"


class TallyOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0
        self.count = 0

    def add(self, amount):
        with self._lock:
            self.count += 1
            self.total += amount

    def mean(self):
        with self._lock:
            return self.total / self.count if self.count else 0.0

    def reported_total(self):
        with self._lock:
            return self.total


def unguarded_read_bad():
    """`reported_total` can run between the two updates of `add`."""
    tally = TallyBad()
    tally.add(5)
    return tally.reported_total(), tally.mean()


def unguarded_read_ok():
    """`reported_total` reads under the lock that `add` holds."""
    tally = TallyOk()
    tally.add(5)
    return tally.reported_total(), tally.mean()


# -- an unguarded write of a state that the other methods set under the lock -----------------------------------


class JobBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "new"

    def start(self):
        with self._lock:
            self.state = "running"

    def fail(self):
        with self._lock:
            self.state = "failed"

    def describe(self):
        with self._lock:
            return "job is %s" % self.state

    def finish(self):
        self.state = "done"  # expect: inconsistent-lock "guarded by `self._lock` at 3 of 4 accesses"


class JobOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "new"

    def start(self):
        with self._lock:
            self.state = "running"

    def fail(self):
        with self._lock:
            self.state = "failed"

    def describe(self):
        with self._lock:
            return "job is %s" % self.state

    def finish(self):
        with self._lock:
            self.state = "done"


def unguarded_write_bad():
    """`finish` can overwrite "failed" in the middle of a locked transition."""
    job = JobBad()
    job.start()
    job.finish()
    return job.describe()


def unguarded_write_ok():
    """Every transition holds `self._lock`."""
    job = JobOk()
    job.start()
    job.finish()
    return job.describe()


# -- the reader holds lock B, the writer holds lock A ----------------------------------------------------------


class PriceBoardBad:
    def __init__(self):
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self.quotes = ()

    def publish(self, quotes):
        with self._write_lock:
            self.quotes = tuple(quotes)  # expect-note: inconsistent-lock

    def current(self):
        with self._read_lock:
            return self.quotes  # expect: inconsistent-lock


class PriceBoardOk:
    def __init__(self):
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self.quotes = ()

    def publish(self, quotes):
        with self._write_lock:
            self.quotes = tuple(quotes)

    def current(self):
        with self._write_lock:
            return self.quotes


def different_locks_bad():
    """Two locks that are never held together exclude nothing."""
    board = PriceBoardBad()
    board.publish([1.5, 2.5])
    return board.current()


def different_locks_ok():
    """The reader takes the lock the writer holds."""
    board = PriceBoardOk()
    board.publish([1.5, 2.5])
    return board.current()


# -- a private helper that every caller but one reaches under the lock --------------------------------------------


class GaugeBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.value = 0.0
        self.updated = 0

    def _apply(self, value, stamp):
        self.value = value  # expect-note: inconsistent-lock
        self.updated = stamp

    def update(self, value, stamp):
        with self._lock:
            self._apply(value, stamp)

    def peek(self):
        return self.value  # expect: inconsistent-lock


class GaugeOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.value = 0.0
        self.updated = 0

    def _apply(self, value, stamp):
        self.value = value
        self.updated = stamp

    def update(self, value, stamp):
        with self._lock:
            self._apply(value, stamp)

    def peek(self):
        with self._lock:
            return self.value


def helper_under_caller_lock_bad():
    """`_apply` runs under the lock of `update`; `peek` reads without it."""
    gauge = GaugeBad()
    gauge.update(0.5, 1)
    return gauge.peek()


def helper_under_caller_lock_ok():
    """`peek` holds the same lock as every caller of `_apply`."""
    gauge = GaugeOk()
    gauge.update(0.5, 1)
    return gauge.peek()


# -- a Condition guards the slot; one reader skips it ----------------------------------------------------------------


class MailSlotBad:
    def __init__(self):
        self._cv = threading.Condition()
        self.letter = None

    def deliver(self, letter):
        with self._cv:
            self.letter = letter  # expect-note: inconsistent-lock
            self._cv.notify_all()

    def wait_for_letter(self, timeout):
        with self._cv:
            self._cv.wait(timeout)
            return self.letter

    def glance(self):
        return self.letter  # expect: inconsistent-lock


class MailSlotOk:
    def __init__(self):
        self._cv = threading.Condition()
        self.letter = None

    def deliver(self, letter):
        with self._cv:
            self.letter = letter
            self._cv.notify_all()

    def wait_for_letter(self, timeout):
        with self._cv:
            self._cv.wait(timeout)
            return self.letter

    def glance(self):
        with self._cv:
            return self.letter


def condition_bad():
    """`glance` reads the slot without the condition's lock."""
    slot = MailSlotBad()
    slot.deliver("hello")
    return slot.glance()


def condition_ok():
    """`glance` holds the condition's lock like every other access."""
    slot = MailSlotOk()
    slot.deliver("hello")
    return slot.glance()


# -- acquire()/release() with try/finally as the guarded region ---------------------------------------------------


class RouterBad:
    def __init__(self):
        self._lock = threading.RLock()
        self.table = {}

    def replace(self, table):
        self._lock.acquire()
        try:
            self.table = dict(table)  # expect-note: inconsistent-lock
        finally:
            self._lock.release()

    def reset(self):
        self.table = {}  # expect: inconsistent-lock


class RouterOk:
    def __init__(self):
        self._lock = threading.RLock()
        self.table = {}

    def replace(self, table):
        self._lock.acquire()
        try:
            self.table = dict(table)
        finally:
            self._lock.release()

    def reset(self):
        self._lock.acquire()
        try:
            self.table = {}
        finally:
            self._lock.release()


def acquire_region_bad():
    """`reset` writes the table outside the acquire/release region of `replace`."""
    router = RouterBad()
    router.replace({"/": "home"})
    router.reset()
    return router.table


def acquire_region_ok():
    """`reset` writes inside its own acquire/release region of the same lock."""
    router = RouterOk()
    router.replace({"/": "home"})
    router.reset()
    return router.table


# -- a class attribute set under a class-level lock, read without it, from threads -------------------------------------


class LeaderBad:
    _lock = threading.Lock()
    current = None

    @classmethod
    def elect(cls, name):
        with cls._lock:
            cls.current = name  # expect-note: inconsistent-lock

    @staticmethod
    def who():
        return LeaderBad.current  # expect: inconsistent-lock


class LeaderOk:
    _lock = threading.Lock()
    current = None

    @classmethod
    def elect(cls, name):
        with cls._lock:
            cls.current = name

    @staticmethod
    def who():
        with LeaderOk._lock:
            return LeaderOk.current


def class_attribute_bad():
    """Candidates elect themselves while observers ask who leads."""
    threads = [threading.Thread(target=LeaderBad.elect, args=("n%d" % i,)) for i in range(3)]
    threads += [threading.Thread(target=LeaderBad.who) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LeaderBad.current


def class_attribute_ok():
    """Observers read the leader under the class-level lock."""
    threads = [threading.Thread(target=LeaderOk.elect, args=("n%d" % i,)) for i in range(3)]
    threads += [threading.Thread(target=LeaderOk.who) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LeaderOk.current


# -- the starter reads progress between start() and join() vs. after join() ---------------------------------------------


class Progress:
    def __init__(self):
        self.lock = threading.Lock()
        self.stage = "queued"


def read_before_join_bad():
    """The starter reads `stage` while the workers still set it under the lock."""
    progress = Progress()

    def work(stage):
        with progress.lock:
            progress.stage = stage  # expect-note: inconsistent-lock

    threads = [threading.Thread(target=work, args=(s,)) for s in ("parse", "plan", "run")]
    for t in threads:
        t.start()
    seen = progress.stage  # expect: inconsistent-lock
    for t in threads:
        t.join()
    return seen


def read_before_join_ok():
    """The starter reads `stage` after joining every worker; nothing runs beside it."""
    progress = Progress()

    def work(stage):
        with progress.lock:
            progress.stage = stage

    threads = [threading.Thread(target=work, args=(s,)) for s in ("parse", "plan", "run")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seen = progress.stage
    return seen


if __name__ == "__main__":
    unguarded_read_bad()
    unguarded_read_ok()
    unguarded_write_bad()
    unguarded_write_ok()
    different_locks_bad()
    different_locks_ok()
    helper_under_caller_lock_bad()
    helper_under_caller_lock_ok()
    condition_bad()
    condition_ok()
    acquire_region_bad()
    acquire_region_ok()
    class_attribute_bad()
    class_attribute_ok()
    read_before_join_bad()
    read_before_join_ok()
