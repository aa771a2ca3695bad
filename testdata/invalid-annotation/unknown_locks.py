"""`guarded-by=` naming a lock that does not exist or is not a lock.

Scenario: the annotation sits on the right line but its lock expression
names nothing racelint can hold: a misspelled attribute (`self._lcok`), a
misspelled global (`CACHE_LCK`), an object that is not a lock (an
`Event`), or nothing at all (`guarded-by=`). No access could ever satisfy
it, so the annotation checks nothing; it is reported on its own line.
Each `_ok` twin names the lock that is created and held.
"""

import threading

# -- a misspelled attribute lock ---------------------------------------------------------------------------------


class LedgerBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []  # racelint: guarded-by=self._lcok  # expect: invalid-annotation

    def record(self, entry):
        with self._lock:
            self._entries.append(entry)


class LedgerOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []  # racelint: guarded-by=self._lock

    def record(self, entry):
        with self._lock:
            self._entries.append(entry)


def misspelled_attribute_bad():
    """`self._lcok` is never assigned anywhere."""
    ledger = LedgerBad()
    ledger.record(10)
    return ledger


def misspelled_attribute_ok():
    """`self._lock` is created in `__init__` and held by `record`."""
    ledger = LedgerOk()
    ledger.record(10)
    return ledger


# -- a misspelled global lock ------------------------------------------------------------------------------------

CACHE_LOCK_BAD = threading.Lock()
CACHE_BAD = {}  # racelint: guarded-by=CACHE_LCK_BAD  # expect: invalid-annotation
CACHE_LOCK_OK = threading.Lock()
CACHE_OK = {}  # racelint: guarded-by=CACHE_LOCK_OK


def misspelled_global_bad():
    """`CACHE_LCK_BAD` is not a name in this module."""

    def fill(key):
        with CACHE_LOCK_BAD:
            CACHE_BAD[key] = key * 2

    threads = [threading.Thread(target=fill, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return CACHE_BAD


def misspelled_global_ok():
    """`CACHE_LOCK_OK` is the module's lock."""

    def fill(key):
        with CACHE_LOCK_OK:
            CACHE_OK[key] = key * 2

    threads = [threading.Thread(target=fill, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return CACHE_OK


# -- an object that is not a lock --------------------------------------------------------------------------------


class FeedBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._latest = None  # racelint: guarded-by=self._ready  # expect: invalid-annotation

    def publish(self, item):
        with self._lock:
            self._latest = item
        self._ready.set()


class FeedOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._latest = None  # racelint: guarded-by=self._lock

    def publish(self, item):
        with self._lock:
            self._latest = item
        self._ready.set()


def not_a_lock_bad():
    """An `Event` cannot be held; no access can be "under" it."""
    feed = FeedBad()
    feed.publish("tick")
    return feed


def not_a_lock_ok():
    """The annotation names the `Lock` that `publish` holds."""
    feed = FeedOk()
    feed.publish("tick")
    return feed


# -- an empty lock expression --------------------------------------------------------------------------------------


class BoardBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._notes = {}  # racelint: guarded-by=  # expect: invalid-annotation

    def pin(self, key, note):
        with self._lock:
            self._notes[key] = note


class BoardOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._notes = {}  # racelint: guarded-by=self._lock

    def pin(self, key, note):
        with self._lock:
            self._notes[key] = note


def empty_expression_bad():
    """`guarded-by=` with nothing after it names no lock."""
    board = BoardBad()
    board.pin("a", "note")
    return board


def empty_expression_ok():
    """`guarded-by=self._lock` names the lock `pin` holds."""
    board = BoardOk()
    board.pin("a", "note")
    return board


if __name__ == "__main__":
    misspelled_attribute_bad()
    misspelled_attribute_ok()
    misspelled_global_bad()
    misspelled_global_ok()
    not_a_lock_bad()
    not_a_lock_ok()
    empty_expression_bad()
    empty_expression_ok()
