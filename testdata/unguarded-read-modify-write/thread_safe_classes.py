"""Library classes that promise thread safety but start no thread themselves.

Scenario: a class that creates a lock in `__init__`, or whose `class` line
carries `# racelint: thread-safe`, tells its users that its public methods
may be called from several threads at once. No thread start is needed:
every public method runs concurrently with every public method, itself
included. A method that other public methods call under the lock is still
a public entry of its own, called without it. The drivers below only
exercise the classes on one thread.
"""

import collections
import threading

# -- lock created in __init__, one public method forgets it ----------------------------------------------


class HitCounterBad:
    def __init__(self):
        self._lock = threading.Lock()
        self.hits = 0

    def hit(self):
        self.hits += 1  # expect: unguarded-read-modify-write

    def reset(self):
        with self._lock:
            self.hits = 0


class HitCounterOk:
    def __init__(self):
        self._lock = threading.Lock()
        self.hits = 0

    def hit(self):
        with self._lock:
            self.hits += 1

    def reset(self):
        with self._lock:
            self.hits = 0


def lock_in_init_bad():
    """`hit` updates without the lock that the class created."""
    counter = HitCounterBad()
    counter.hit()
    counter.reset()
    return counter.hits


def lock_in_init_ok():
    """`hit` holds `self._lock`."""
    counter = HitCounterOk()
    counter.hit()
    counter.reset()
    return counter.hits


# -- class annotated "# racelint: thread-safe" ---------------------------------------------------------------


class GaugeBad:  # racelint: thread-safe
    def __init__(self):
        self.value = 0.0

    def add(self, delta):
        self.value = self.value + delta  # expect: unguarded-read-modify-write


class GaugeOk:  # racelint: thread-safe
    _lock = threading.Lock()

    def __init__(self):
        self.value = 0.0

    def add(self, delta):
        with self._lock:
            self.value = self.value + delta


def annotated_bad():
    """Two concurrent `add` calls can lose one delta."""
    gauge = GaugeBad()
    gauge.add(1.5)
    return gauge.value


def annotated_ok():
    """A class-level lock guards the update."""
    gauge = GaugeOk()
    gauge.add(1.5)
    return gauge.value


# -- RLock: a public method also called, locked, by another public method -------------------------------------


class LedgerBad:
    def __init__(self):
        self._lock = threading.RLock()
        self.balance = 0

    def deposit(self, amount):
        self.balance += amount  # expect: unguarded-read-modify-write

    def deposit_twice(self, amount):
        with self._lock:
            self.deposit(amount)
            self.deposit(amount)


class LedgerOk:
    def __init__(self):
        self._lock = threading.RLock()
        self.balance = 0

    def deposit(self, amount):
        with self._lock:
            self.balance += amount

    def deposit_twice(self, amount):
        with self._lock:
            self.deposit(amount)
            self.deposit(amount)


def rlock_reentry_bad():
    """`deposit` is locked when reached from `deposit_twice`, not when called directly."""
    ledger = LedgerBad()
    ledger.deposit(5)
    ledger.deposit_twice(10)
    return ledger.balance


def rlock_reentry_ok():
    """`deposit` takes the `RLock` itself; re-entering it from `deposit_twice` is allowed."""
    ledger = LedgerOk()
    ledger.deposit(5)
    ledger.deposit_twice(10)
    return ledger.balance


# -- collections.Counter element updated with and without the lock --------------------------------------------------


class WordStatsBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = collections.Counter()

    def feed(self, words):
        for w in words:
            self._counts[w] += 1  # expect: unguarded-read-modify-write

    def top(self, n):
        with self._lock:
            return self._counts.most_common(n)


class WordStatsOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = collections.Counter()

    def feed(self, words):
        with self._lock:
            for w in words:
                self._counts[w] += 1

    def top(self, n):
        with self._lock:
            return self._counts.most_common(n)


def counter_under_lock_bad():
    """`Counter` is a dict: `c[w] += 1` is a read and a write."""
    stats = WordStatsBad()
    stats.feed(["gil", "free", "gil"])
    return stats.top(1)


def counter_under_lock_ok():
    """The `Counter` is updated under the lock."""
    stats = WordStatsOk()
    stats.feed(["gil", "free", "gil"])
    return stats.top(1)


if __name__ == "__main__":
    lock_in_init_bad()
    lock_in_init_ok()
    annotated_bad()
    annotated_ok()
    rlock_reentry_bad()
    rlock_reentry_ok()
    counter_under_lock_bad()
    counter_under_lock_ok()
