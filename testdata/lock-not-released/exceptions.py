"""`acquire()` ... `release()` with work in between that can raise.

Scenario: code takes a lock with `acquire()` (a module-level lock, an
attribute, a local, or a parameter that callers pass a lock), does work
that can raise (a call, an index, a parse) and then calls `release()` as
the next statement, not in a `finally:`. When the work raises,
`release()` never runs and every later `acquire()` of that lock waits
forever. The rule is about the lock API, so it applies whether or not this
file starts threads. Each `_ok` twin releases in `finally:` or uses `with`.
"""

import json
import multiprocessing
import threading

# -- a module-level Lock around a call -----------------------------------------------------------------------

totals_lock_bad = threading.Lock()
totals_lock_ok = threading.Lock()
totals_bad = {}
totals_ok = {}


def call_between_bad(key, text):
    """`int()` raises on bad input; the lock stays held."""
    totals_lock_bad.acquire()  # expect: lock-not-released
    totals_bad[key] = int(text)
    totals_lock_bad.release()  # expect-note: lock-not-released


def call_between_ok(key, text):
    """`with` releases the lock when `int()` raises."""
    with totals_lock_ok:
        totals_ok[key] = int(text)


# -- an attribute lock around an index ------------------------------------------------------------------------


class StockBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._levels = {"tea": 3}

    def take(self, item):
        self._lock.acquire()  # expect: lock-not-released
        self._levels[item] -= 1
        self._lock.release()  # expect-note: lock-not-released


class StockOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._levels = {"tea": 3}

    def take(self, item):
        self._lock.acquire()
        try:
            self._levels[item] -= 1
        finally:
            self._lock.release()


def index_between_bad():
    """`KeyError` for an unknown item leaves `_lock` held."""
    stock = StockBad()
    stock.take("tea")
    return stock


def index_between_ok():
    """`finally:` releases the lock on `KeyError` too."""
    stock = StockOk()
    stock.take("tea")
    return stock


# -- an RLock around json.loads ---------------------------------------------------------------------------------

config_rlock_bad = threading.RLock()
config_rlock_ok = threading.RLock()
config_bad = {}
config_ok = {}


def reentrant_lock_bad(text):
    """An `RLock` left held blocks every other thread just the same."""
    config_rlock_bad.acquire()  # expect: lock-not-released
    config_bad.update(json.loads(text))
    config_rlock_bad.release()  # expect-note: lock-not-released


def reentrant_lock_ok(text):
    """`finally:` releases the `RLock` when the JSON is invalid."""
    config_rlock_ok.acquire()
    try:
        config_ok.update(json.loads(text))
    finally:
        config_rlock_ok.release()


# -- a Semaphore around a download -----------------------------------------------------------------------------

slots_bad = threading.BoundedSemaphore(2)
slots_ok = threading.BoundedSemaphore(2)


def _download(url):
    if not url.startswith("http"):
        raise ValueError(url)
    return "body of " + url


def semaphore_bad(url):
    """Every failed download leaks one of the two slots."""
    slots_bad.acquire()  # expect: lock-not-released
    body = _download(url)
    slots_bad.release()  # expect-note: lock-not-released
    return body


def semaphore_ok(url):
    """`with` gives the slot back when the download fails."""
    with slots_ok:
        return _download(url)


# -- a parameter named like a lock ---------------------------------------------------------------------------------


def append_locked_bad(lock, items, raw):
    """The caller's lock stays held when `float()` raises."""
    lock.acquire()  # expect: lock-not-released
    items.append(float(raw))
    lock.release()  # expect-note: lock-not-released


def append_locked_ok(lock, items, raw):
    """`finally:` releases the caller's lock."""
    lock.acquire()
    try:
        items.append(float(raw))
    finally:
        lock.release()


# -- a parameter that receives a lock from its caller ------------------------------------------------------------


def store_bad(guard, table, key, raw):
    """`guard` is the caller's `Lock`; `int()` raises on bad input and it stays held."""
    guard.acquire()  # expect: lock-not-released
    table[key] = int(raw)
    guard.release()  # expect-note: lock-not-released


def store_ok(guard, table, key, raw):
    """`finally:` releases the caller's lock."""
    guard.acquire()
    try:
        table[key] = int(raw)
    finally:
        guard.release()


# -- try/except that catches only some exceptions -------------------------------------------------------------------

parse_lock_bad = threading.Lock()
parse_lock_ok = threading.Lock()


def partial_except_bad(text):
    """`except ValueError` does not catch a `TypeError`; `release()` is skipped."""
    parse_lock_bad.acquire()  # expect: lock-not-released
    try:
        value = int(text)
    except ValueError:
        value = None
    parse_lock_bad.release()  # expect-note: lock-not-released
    return value


def partial_except_ok(text):
    """`finally:` runs for every exception."""
    parse_lock_ok.acquire()
    try:
        value = int(text)
    except ValueError:
        value = None
    finally:
        parse_lock_ok.release()
    return value


# -- a multiprocessing Lock around a file write ------------------------------------------------------------------------

log_lock_bad = multiprocessing.Lock()
log_lock_ok = multiprocessing.Lock()


def mp_lock_bad(lines, message):
    """A `multiprocessing.Lock` left held blocks the other processes too."""
    log_lock_bad.acquire()  # expect: lock-not-released
    lines.append(message.strip())
    log_lock_bad.release()  # expect-note: lock-not-released


def mp_lock_ok(lines, message):
    """`with` releases it on any exception."""
    with log_lock_ok:
        lines.append(message.strip())


# -- a local lock handed to worker threads ------------------------------------------------------------------------------


def local_lock_bad(chunks):
    """A worker whose `sum()` raises keeps the lock; the other workers hang."""
    lock = threading.Lock()
    totals = []

    def work(chunk):
        lock.acquire()  # expect: lock-not-released
        totals.append(sum(chunk))
        lock.release()  # expect-note: lock-not-released

    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals


def local_lock_ok(chunks):
    """`with` releases the lock when `sum()` raises."""
    lock = threading.Lock()
    totals = []

    def work(chunk):
        with lock:
            totals.append(sum(chunk))

    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals


if __name__ == "__main__":
    call_between_bad("a", "1")
    call_between_ok("a", "1")
    index_between_bad()
    index_between_ok()
    reentrant_lock_bad('{"debug": true}')
    reentrant_lock_ok('{"debug": true}')
    semaphore_bad("http://example.org")
    semaphore_ok("http://example.org")
    append_locked_bad(threading.Lock(), [], "1.5")
    append_locked_ok(threading.Lock(), [], "1.5")
    store_bad(threading.Lock(), {}, "k", "1")
    store_ok(threading.Lock(), {}, "k", "1")
    partial_except_bad("12")
    partial_except_ok("12")
    mp_lock_bad([], " hello ")
    mp_lock_ok([], " hello ")
    local_lock_bad([[1, 2], [3, 4]])
    local_lock_ok([[1, 2], [3, 4]])
