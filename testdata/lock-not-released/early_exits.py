"""An early `return`, `break`, `continue` or `raise` between `acquire()` and `release()`.

Scenario: the code between `acquire()` and `release()` has a second way
out: a guard that returns, a loop that breaks or continues, a validation
that raises. That way out skips `release()`, and the next `acquire()`
waits forever. Each `_ok` twin keeps the early exit but releases in
`finally:` or holds the lock with `with`.
"""

import threading

# -- an early return ---------------------------------------------------------------------------------------

seats_lock_bad = threading.Lock()
seats_bad = {"A1": None, "A2": None}
seats_lock_ok = threading.Lock()
seats_ok = {"A1": None, "A2": None}


def early_return_bad(seat, guest):
    """Booking a taken seat returns with the lock still held."""
    seats_lock_bad.acquire()  # expect: lock-not-released
    if seats_bad.get(seat) is not None:
        return False  # expect-note: lock-not-released
    seats_bad[seat] = guest
    seats_lock_bad.release()
    return True


def early_return_ok(seat, guest):
    """`with` releases the lock on the early return too."""
    with seats_lock_ok:
        if seats_ok.get(seat) is not None:
            return False
        seats_ok[seat] = guest
    return True


# -- a break out of a loop -----------------------------------------------------------------------------------


class SpoolBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.printed = []

    def print_all(self, jobs):
        for job in jobs:
            self._lock.acquire()  # expect: lock-not-released
            if job == "stop":
                break  # expect-note: lock-not-released
            self.printed.append(job)
            self._lock.release()


class SpoolOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.printed = []

    def print_all(self, jobs):
        for job in jobs:
            self._lock.acquire()
            try:
                if job == "stop":
                    break
                self.printed.append(job)
            finally:
                self._lock.release()


def loop_break_bad():
    """`break` leaves the loop with `_lock` held."""
    spool = SpoolBad()
    spool.print_all(["a", "b"])
    return spool.printed


def loop_break_ok():
    """`finally:` runs before `break` leaves the loop."""
    spool = SpoolOk()
    spool.print_all(["a", "b"])
    return spool.printed


# -- a continue in a loop -------------------------------------------------------------------------------------

index_lock_bad = threading.Lock()
index_bad = {}
index_lock_ok = threading.Lock()
index_ok = {}


def loop_continue_bad(words):
    """`continue` skips `release()`; the next iteration's `acquire()` deadlocks."""
    for word in words:
        index_lock_bad.acquire()  # expect: lock-not-released
        if not word:
            continue  # expect-note: lock-not-released
        index_bad[word] = len(word)
        index_lock_bad.release()


def loop_continue_ok(words):
    """The `with` block ends before the next iteration starts."""
    for word in words:
        with index_lock_ok:
            if not word:
                continue
            index_ok[word] = len(word)


# -- a validation that raises ------------------------------------------------------------------------------------

ledger_lock_bad = threading.Lock()
ledger_bad = []
ledger_lock_ok = threading.Lock()
ledger_ok = []


def validation_raise_bad(amount):
    """A negative amount raises with the ledger lock held."""
    ledger_lock_bad.acquire()  # expect: lock-not-released
    if amount < 0:
        raise ValueError("negative amount")  # expect-note: lock-not-released
    ledger_bad.append(amount)
    ledger_lock_bad.release()


def validation_raise_ok(amount):
    """`finally:` releases the lock before the `ValueError` leaves."""
    ledger_lock_ok.acquire()
    try:
        if amount < 0:
            raise ValueError("negative amount")
        ledger_ok.append(amount)
    finally:
        ledger_lock_ok.release()


# -- a return from inside a nested if/else ---------------------------------------------------------------------------


class CacheBad:
    def __init__(self):
        self._lock = threading.RLock()
        self._data = {}

    def get_or_default(self, key, default):
        self._lock.acquire()  # expect: lock-not-released
        if key in self._data:
            value = self._data[key]
        else:
            return default  # expect-note: lock-not-released
        self._lock.release()
        return value


class CacheOk:
    def __init__(self):
        self._lock = threading.RLock()
        self._data = {}

    def get_or_default(self, key, default):
        self._lock.acquire()
        try:
            if key in self._data:
                value = self._data[key]
            else:
                return default
        finally:
            self._lock.release()
        return value


def nested_return_bad():
    """A miss returns the default and keeps the `RLock`."""
    cache = CacheBad()
    cache._data["k"] = 1
    return cache.get_or_default("k", 0)


def nested_return_ok():
    """`finally:` releases the `RLock` on the miss too."""
    cache = CacheOk()
    cache._data["k"] = 1
    return cache.get_or_default("k", 0)


if __name__ == "__main__":
    early_return_bad("A1", "ann")
    early_return_ok("A1", "ann")
    loop_break_bad()
    loop_break_ok()
    loop_continue_bad(["gil", "free"])
    loop_continue_ok(["gil", "free"])
    validation_raise_bad(10)
    validation_raise_ok(10)
    nested_return_bad()
    nested_return_ok()
