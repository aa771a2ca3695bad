# args: --select check-then-act,double-checked-locking
"""Locks that do not cover both the test and the action.

Scenario: worker threads guard a shared registry with a lock, but the lock
is released between the test and the action, the two steps take different
locks, or the test runs before the lock is taken. A lock protects a
check-then-act only when one lock is held from the test through the
action. The `_ok` twins hold one lock across both (`with`, or
`acquire`/`release` with try/finally), or test again after re-acquiring.
Lock kinds used here: `Lock`, `RLock`, `BoundedSemaphore`, `Condition`
and `multiprocessing.Lock`.
"""

import multiprocessing
import threading

# -- the same lock, released and re-acquired between test and store ------------------

crawled_bad = {}
crawled_lock_bad = threading.Lock()
crawled_ok = {}
crawled_lock_ok = threading.Lock()


def reacquired_with_bad():
    """Between the two `with` blocks another worker can store the same url."""

    def visit(url):
        with crawled_lock_bad:
            if url in crawled_bad:  # expect-note: check-then-act
                return
        body = url.upper()
        with crawled_lock_bad:
            crawled_bad[url] = body  # expect: check-then-act

    threads = [threading.Thread(target=visit, args=(u,)) for u in ("a", "b", "a")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return crawled_bad


def reacquired_with_ok():
    """One `with` block covers the test and the store."""

    def visit(url):
        with crawled_lock_ok:
            if url in crawled_ok:
                return
            body = url.upper()
            crawled_ok[url] = body

    threads = [threading.Thread(target=visit, args=(u,)) for u in ("a", "b", "a")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return crawled_ok


# -- test under one lock, store under another (lock identity) ------------------------

claimed_bad = {}
claim_lookup_lock_bad = threading.RLock()
claim_store_lock_bad = threading.RLock()
claimed_ok = {}
claim_lookup_lock_ok = threading.RLock()
claim_store_lock_ok = threading.RLock()


def different_locks_bad():
    """The lookup lock is released before the store lock is taken."""

    def claim(ticket):
        with claim_lookup_lock_bad:
            if ticket in claimed_bad:  # expect-note: check-then-act
                return
        with claim_store_lock_bad:
            claimed_bad[ticket] = threading.get_ident()  # expect: check-then-act

    threads = [threading.Thread(target=claim, args=(n % 2,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claimed_bad


def different_locks_ok():
    """The lookup lock stays held while the store lock is taken."""

    def claim(ticket):
        with claim_lookup_lock_ok:
            if ticket in claimed_ok:
                return
            with claim_store_lock_ok:
                claimed_ok[ticket] = threading.get_ident()

    threads = [threading.Thread(target=claim, args=(n % 2,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claimed_ok


# -- test outside the lock, store inside it --------------------------------------------

token_bad = None
token_lock_bad = threading.BoundedSemaphore(1)
token_ok = None
token_lock_ok = threading.BoundedSemaphore(1)


def check_outside_lock_bad():
    """Both workers pass the `is None` test, then take turns creating a token."""

    def get_token():
        global token_bad
        if token_bad is None:  # expect-note: double-checked-locking
            with token_lock_bad:
                token_bad = object()  # expect: double-checked-locking
        return token_bad

    threads = [threading.Thread(target=get_token) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return token_bad


def check_outside_lock_ok():
    """Test again once the lock is held (double-checked locking)."""

    def get_token():
        global token_ok
        if token_ok is None:
            with token_lock_ok:
                if token_ok is None:
                    token_ok = object()
        return token_ok

    threads = [threading.Thread(target=get_token) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return token_ok


# -- acquire, test, release to compute, re-acquire, store --------------------------------

dns_bad = {}
dns_lock_bad = threading.Lock()
dns_ok = {}
dns_lock_ok = threading.Lock()


def release_to_compute_bad():
    """The lock is dropped for the slow part; the test is stale when it is re-taken."""

    def resolve(name):
        dns_lock_bad.acquire()
        try:
            if name not in dns_bad:  # expect-note: check-then-act
                dns_lock_bad.release()
                addr = "10.0.0.%d" % len(name)
                dns_lock_bad.acquire()
                dns_bad[name] = addr  # expect: check-then-act
        finally:
            dns_lock_bad.release()

    threads = [threading.Thread(target=resolve, args=("example",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dns_bad


def release_to_compute_ok():
    """After re-acquiring, test again before storing."""

    def resolve(name):
        dns_lock_ok.acquire()
        try:
            if name not in dns_ok:
                dns_lock_ok.release()
                addr = "10.0.0.%d" % len(name)
                dns_lock_ok.acquire()
                if name not in dns_ok:
                    dns_ok[name] = addr
        finally:
            dns_lock_ok.release()

    threads = [threading.Thread(target=resolve, args=("example",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dns_ok


# -- test before acquire(); store inside try/finally ---------------------------------------

routes_bad = {}
routes_lock_bad = multiprocessing.Lock()
routes_ok = {}
routes_lock_ok = multiprocessing.Lock()


def check_before_acquire_bad():
    """The membership test runs before `acquire()`."""

    def add_route(path):
        if path not in routes_bad:  # expect-note: double-checked-locking
            routes_lock_bad.acquire()
            try:
                routes_bad[path] = threading.get_ident()  # expect: double-checked-locking
            finally:
                routes_lock_bad.release()

    threads = [threading.Thread(target=add_route, args=("/home",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_bad


def check_before_acquire_ok():
    """The test moves inside the acquire/try/finally region."""

    def add_route(path):
        routes_lock_ok.acquire()
        try:
            if path not in routes_ok:
                routes_ok[path] = threading.get_ident()
        finally:
            routes_lock_ok.release()

    threads = [threading.Thread(target=add_route, args=("/home",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_ok


# -- Condition: wait for an item under the lock, pop it after leaving ---------------------

items_bad = []
items_cv_bad = threading.Condition()
items_ok = []
items_cv_ok = threading.Condition()


def condition_wait_bad():
    """The wait loop proves the list is not empty, but `pop` runs unlocked."""

    def consume():
        with items_cv_bad:
            while not items_bad:  # expect-note: check-then-act
                items_cv_bad.wait()
        return items_bad.pop()  # expect: check-then-act

    def produce():
        for i in range(3):
            with items_cv_bad:
                items_bad.append(i)
                items_cv_bad.notify_all()

    threads = [threading.Thread(target=consume) for _ in range(3)]
    threads.append(threading.Thread(target=produce))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return items_bad


def condition_wait_ok():
    """`pop` stays inside the `with` block that saw the item."""

    def consume():
        with items_cv_ok:
            while not items_ok:
                items_cv_ok.wait()
            return items_ok.pop()

    def produce():
        for i in range(3):
            with items_cv_ok:
                items_ok.append(i)
                items_cv_ok.notify_all()

    threads = [threading.Thread(target=consume) for _ in range(3)]
    threads.append(threading.Thread(target=produce))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return items_ok

if __name__ == "__main__":
    reacquired_with_bad()
    reacquired_with_ok()
    different_locks_bad()
    different_locks_ok()
    check_outside_lock_bad()
    check_outside_lock_ok()
    release_to_compute_bad()
    release_to_compute_ok()
    check_before_acquire_bad()
    check_before_acquire_ok()
    condition_wait_bad()
    condition_wait_ok()
