"""Locks that do not exclude the conflicting update.

Scenario: the read-modify-write is inside a `with` block, but the
conflicting write holds a different lock, holds no lock, or the lock is
one nobody else can hold (`with threading.Lock():`, a lock made in a local
variable on every call); or the update sits just after `release()`. A
read-modify-write is protected only when one lock is held at it and at
every conflicting write. Every read-modify-write site with such a conflict
is reported, so two sites that race with each other give two findings.
"""

import threading

# -- two read-modify-writes under two different locks ------------------------------------------------

balance_bad = 0
deposit_lock_bad = threading.Lock()
withdraw_lock_bad = threading.Lock()
balance_ok = 0
balance_lock_ok = threading.Lock()


def different_locks_bad():
    """`deposit` and `withdraw` each hold a lock, but not the same one."""

    def deposit():
        global balance_bad
        for _ in range(500):
            with deposit_lock_bad:
                balance_bad += 1  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write

    def withdraw():
        global balance_bad
        for _ in range(500):
            with withdraw_lock_bad:
                balance_bad -= 1  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=deposit), threading.Thread(target=withdraw)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balance_bad


def different_locks_ok():
    """Both updates hold the same lock."""

    def deposit():
        global balance_ok
        for _ in range(500):
            with balance_lock_ok:
                balance_ok += 1

    def withdraw():
        global balance_ok
        for _ in range(500):
            with balance_lock_ok:
                balance_ok -= 1

    threads = [threading.Thread(target=deposit), threading.Thread(target=withdraw)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return balance_ok


# -- increment under one lock, reset under another ------------------------------------------------------

processed_bad = 0
work_lock_bad = threading.Lock()
stats_lock_bad = threading.Lock()
processed_ok = 0
work_lock_ok = threading.Lock()


def reset_other_lock_bad():
    """A reset under `stats_lock_bad` can land between the read and the write of `+=`."""

    def work():
        global processed_bad
        for _ in range(500):
            with work_lock_bad:
                processed_bad += 1  # expect: unguarded-read-modify-write

    def reset():
        global processed_bad
        for _ in range(50):
            with stats_lock_bad:
                processed_bad = 0  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=work), threading.Thread(target=reset)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return processed_bad


def reset_other_lock_ok():
    """The reset takes the lock that the increment holds."""

    def work():
        global processed_ok
        for _ in range(500):
            with work_lock_ok:
                processed_ok += 1

    def reset():
        global processed_ok
        for _ in range(50):
            with work_lock_ok:
                processed_ok = 0

    threads = [threading.Thread(target=work), threading.Thread(target=reset)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return processed_ok


# -- increment under a lock, reset without one ------------------------------------------------------------

errors_bad = 0
errors_lock_bad = threading.Lock()
errors_ok = 0
errors_lock_ok = threading.Lock()


def unlocked_reset_bad():
    """The lock on the increment does not stop an unlocked reset."""

    def record():
        global errors_bad
        for _ in range(500):
            with errors_lock_bad:
                errors_bad += 1  # expect: unguarded-read-modify-write

    def clear():
        global errors_bad
        for _ in range(50):
            errors_bad = 0  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=record), threading.Thread(target=clear)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors_bad


def unlocked_reset_ok():
    """The reset holds the same lock."""

    def record():
        global errors_ok
        for _ in range(500):
            with errors_lock_ok:
                errors_ok += 1

    def clear():
        global errors_ok
        for _ in range(50):
            with errors_lock_ok:
                errors_ok = 0

    threads = [threading.Thread(target=record), threading.Thread(target=clear)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors_ok


# -- with threading.Lock(): a new lock on every pass -------------------------------------------------------

ticks_bad = 0
ticks_ok = 0
ticks_lock_ok = threading.Lock()


def inline_lock_bad():
    """Each `with threading.Lock():` makes a lock no other thread ever sees."""

    def work():
        global ticks_bad
        for _ in range(500):
            with threading.Lock():
                ticks_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ticks_bad


def inline_lock_ok():
    """One module-level lock is shared by every thread."""

    def work():
        global ticks_ok
        for _ in range(500):
            with ticks_lock_ok:
                ticks_ok += 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ticks_ok


# -- lock made in a local variable of the worker --------------------------------------------------------------

frames_bad = 0
frames_ok = 0
frames_lock_ok = threading.Lock()


def local_lock_bad():
    """Every call of `render` makes its own lock, so the threads never exclude each other."""

    def render():
        global frames_bad
        lock = threading.Lock()
        for _ in range(500):
            with lock:
                frames_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=render) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return frames_bad


def local_lock_ok():
    """The lock is a module global, made once."""

    def render():
        global frames_ok
        for _ in range(500):
            with frames_lock_ok:
                frames_ok += 1

    threads = [threading.Thread(target=render) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return frames_ok


# -- acquire/try/finally, with the update after release() ---------------------------------------------------------

outbox_bad = []
sent_bad = 0
sent_lock_bad = threading.Lock()
outbox_ok = []
sent_ok = 0
sent_lock_ok = threading.Lock()


def after_release_bad():
    """The counter update was left below the `finally: release()`."""

    def send(msg):
        global sent_bad
        sent_lock_bad.acquire()
        try:
            outbox_bad.append(msg)
        finally:
            sent_lock_bad.release()
        sent_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=send, args=("m%d" % i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sent_bad


def after_release_ok():
    """The update moves into the acquire/try/finally region."""

    def send(msg):
        global sent_ok
        sent_lock_ok.acquire()
        try:
            outbox_ok.append(msg)
            sent_ok += 1
        finally:
            sent_lock_ok.release()

    threads = [threading.Thread(target=send, args=("m%d" % i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sent_ok


# -- Condition: the update happens before entering the with block ---------------------------------------------------

arrived_bad = 0
arrived_cv_bad = threading.Condition()
arrived_ok = 0
arrived_cv_ok = threading.Condition()


def condition_bad():
    """The `Condition` is taken only to notify; the increment is outside it."""

    def arrive():
        global arrived_bad
        arrived_bad += 1  # expect: unguarded-read-modify-write
        with arrived_cv_bad:
            arrived_cv_bad.notify_all()

    threads = [threading.Thread(target=arrive) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return arrived_bad


def condition_ok():
    """A `Condition` is a lock: the increment goes inside its `with` block."""

    def arrive():
        global arrived_ok
        with arrived_cv_ok:
            arrived_ok += 1
            arrived_cv_ok.notify_all()

    threads = [threading.Thread(target=arrive) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return arrived_ok


# -- a lock taken through the object's own acquire()/release() wrappers ----------------------------------------


class MeterBad:
    """`acquire()` wraps `self._lock`, but `tick` forgets to call it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.ticks = 0

    def acquire(self):
        self._lock.acquire()

    def release(self):
        self._lock.release()

    def tick(self):
        self.ticks += 1  # expect: unguarded-read-modify-write

    def reset(self):
        self.acquire()
        try:
            self.ticks = 0
        finally:
            self.release()


class MeterOk:
    """`tick` holds the lock through the wrapper (as `logging.Handler` does)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.ticks = 0

    def acquire(self):
        self._lock.acquire()

    def release(self):
        self._lock.release()

    def tick(self):
        self.acquire()
        try:
            self.ticks += 1
        finally:
            self.release()

    def reset(self):
        self.acquire()
        try:
            self.ticks = 0
        finally:
            self.release()


def wrapper_lock_bad():
    meter = MeterBad()
    threads = [threading.Thread(target=meter.tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return meter.ticks


def wrapper_lock_ok():
    meter = MeterOk()
    threads = [threading.Thread(target=meter.tick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return meter.ticks

if __name__ == "__main__":
    different_locks_bad()
    different_locks_ok()
    reset_other_lock_bad()
    reset_other_lock_ok()
    unlocked_reset_bad()
    unlocked_reset_ok()
    inline_lock_bad()
    inline_lock_ok()
    local_lock_bad()
    local_lock_ok()
    after_release_bad()
    after_release_ok()
    condition_bad()
    condition_ok()
    wrapper_lock_bad()
    wrapper_lock_ok()
