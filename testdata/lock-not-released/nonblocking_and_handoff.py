"""A non-blocking or timed `acquire()` used as a statement, and an `acquire()` with no `release()`.

Scenario: `acquire(blocking=False)` and `acquire(timeout=...)` return
whether the lock was taken; code that ignores the result runs the critical
section unprotected when it was not, and then releases a lock it does not
hold (`RuntimeError`) or someone else's. A function that acquires and
never releases leaves the lock to whoever remembers; only `__enter__` and
functions named `acquire`/`lock`, which hand the held lock to their caller
by contract, may do that. Each `_ok` twin tests the result and releases in
`finally:`, or pairs `__enter__` with `__exit__`.
"""

import threading

# -- acquire(blocking=False) as a statement --------------------------------------------------------------------

flush_lock_bad = threading.Lock()
flush_lock_ok = threading.Lock()
buffer_bad = ["x"]
buffer_ok = ["x"]


def nonblocking_bad():
    """When another thread holds the lock, the flush runs unprotected anyway."""
    flush_lock_bad.acquire(blocking=False)  # expect: lock-not-released
    flushed = list(buffer_bad)
    buffer_bad.clear()
    flush_lock_bad.release()
    return flushed


def nonblocking_ok():
    """Skip the flush when the lock is busy; release only what was taken."""
    if not flush_lock_ok.acquire(blocking=False):
        return []
    try:
        flushed = list(buffer_ok)
        buffer_ok.clear()
    finally:
        flush_lock_ok.release()
    return flushed


# -- acquire(timeout=...) as a statement ------------------------------------------------------------------------


class DeviceBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.commands = []

    def send(self, command):
        self._lock.acquire(timeout=0.5)  # expect: lock-not-released
        self.commands.append(command)
        self._lock.release()


class DeviceOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.commands = []

    def send(self, command):
        if self._lock.acquire(timeout=0.5):
            try:
                self.commands.append(command)
            finally:
                self._lock.release()
        else:
            raise TimeoutError("device busy")


def timeout_bad():
    """After a timeout the command is sent without the lock, then `release()` fails."""
    device = DeviceBad()
    device.send("reset")
    return device.commands


def timeout_ok():
    """The result of the timed `acquire()` decides what happens."""
    device = DeviceOk()
    device.send("reset")
    return device.commands


# -- acquire(False): the positional form -------------------------------------------------------------------------

poll_lock_bad = threading.Lock()
poll_lock_ok = threading.Lock()
polls_bad = []
polls_ok = []


def positional_false_bad(sample):
    """`acquire(False)` is `blocking=False`; its result is dropped."""
    poll_lock_bad.acquire(False)  # expect: lock-not-released
    polls_bad.append(sample)
    poll_lock_bad.release()


def positional_false_ok(sample):
    """The sample is dropped when the lock is busy."""
    if poll_lock_ok.acquire(False):
        try:
            polls_ok.append(sample)
        finally:
            poll_lock_ok.release()


# -- acquire() and no release() in the function ----------------------------------------------------------------------

shutdown_lock_bad = threading.Lock()
shutdown_lock_ok = threading.Lock()
shutdown_steps_bad = []
shutdown_steps_ok = []


def no_release_bad():
    """Nothing in the function releases the lock; a second shutdown hangs."""
    shutdown_lock_bad.acquire()  # expect: lock-not-released
    shutdown_steps_bad.append("closing")


def no_release_ok():
    """`with` releases the lock when the function is done."""
    with shutdown_lock_ok:
        shutdown_steps_ok.append("closing")


# -- acquire in start(), release in stop() vs. an __enter__/__exit__ pair ---------------------------------------------


class RecorderBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.frames = []

    def start(self):
        self.frames.append("begin")
        self._lock.acquire()  # expect: lock-not-released

    def stop(self):
        self.frames.append("end")
        self._lock.release()


class RecorderOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.frames = []

    def __enter__(self):
        self.frames.append("begin")
        self._lock.acquire()
        return self

    def __exit__(self, *exc):
        self.frames.append("end")
        self._lock.release()
        return False


def start_stop_bad():
    """An exception between `start()` and `stop()` leaves the recorder locked."""
    rec = RecorderBad()
    rec.start()
    rec.frames.append("frame")
    rec.stop()
    return rec.frames


def start_stop_ok():
    """`with rec:` runs `__exit__` whatever happens inside."""
    rec = RecorderOk()
    with rec:
        rec.frames.append("frame")
    return rec.frames


# -- a helper that hands the held lock to its caller: named acquire()/lock() -----------------------------------------------


class TableLockBad:
    def __init__(self):
        self._mutex = threading.Lock()

    def grab(self):
        self._mutex.acquire()  # expect: lock-not-released
        return self

    def release(self):
        self._mutex.release()


class TableLockOk:
    def __init__(self):
        self._mutex = threading.Lock()

    def acquire(self):
        self._mutex.acquire()
        return self

    def release(self):
        self._mutex.release()


def handoff_name_bad():
    """`grab()` is not a name that promises to return with the lock held."""
    table = TableLockBad()
    table.grab()
    try:
        return "locked"
    finally:
        table.release()


def handoff_name_ok():
    """`acquire()` wrapping `acquire()` hands the lock to its caller by contract."""
    table = TableLockOk()
    table.acquire()
    try:
        return "locked"
    finally:
        table.release()


if __name__ == "__main__":
    nonblocking_bad()
    nonblocking_ok()
    timeout_bad()
    timeout_ok()
    positional_false_bad(1)
    positional_false_ok(1)
    no_release_bad()
    no_release_ok()
    start_stop_bad()
    start_stop_ok()
    handoff_name_bad()
    handoff_name_ok()
