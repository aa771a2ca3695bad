"""Check-then-act on instance attributes of objects that reach several threads.

Scenario: an object's fields are shared when the object reaches two threads:
its bound method is a thread target started more than once, or started
while the starting thread calls the same method; the object is passed in
`args=` to several threads; a module-global instance's methods are called
from thread code; or a `Thread` subclass touches module state from `run`.
Helpers are reached through `self.method()` and `super().method()`.
"""

import threading

# -- bound method started several times: lazy connection ------------------------------------


class DbBad:
    def __init__(self):
        self._conn = None

    def query(self, sql):
        if self._conn is None:  # expect-note: check-then-act
            self._conn = {"opened_by": threading.get_ident()}  # expect: check-then-act
        return sql


class DbOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._conn = None

    def query(self, sql):
        with self._lock:
            if self._conn is None:
                self._conn = {"opened_by": threading.get_ident()}
        return sql


def bound_lazy_conn_bad():
    """`db.query` runs on four threads; each may open its own connection."""
    db = DbBad()
    threads = [threading.Thread(target=db.query, args=("q%d" % i,)) for i in range(4)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return db


def bound_lazy_conn_ok():
    """The lazy initialization holds the instance's lock."""
    db = DbOk()
    threads = [threading.Thread(target=db.query, args=("q%d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return db


# -- instance passed in args= to several threads ----------------------------------------------


class PageCacheBad:
    def __init__(self):
        self.entries = {}


class PageCacheOk:
    def __init__(self):
        self.entries = {}


def args_instance_bad():
    """Every thread's `pc` parameter is the same `PageCacheBad` object."""
    cache = PageCacheBad()

    def fill(pc, url):
        if url not in pc.entries:  # expect-note: check-then-act
            pc.entries[url] = url.upper()  # expect: check-then-act

    threads = [threading.Thread(target=fill, args=(cache, u)) for u in ("a", "b", "a")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cache


def args_instance_ok():
    """`setdefault` on the shared object's dict is one step."""
    cache = PageCacheOk()

    def fill(pc, url):
        pc.entries.setdefault(url, url.upper())

    threads = [threading.Thread(target=fill, args=(cache, u)) for u in ("a", "b", "a")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cache


# -- module-global instance whose method is called from thread code ---------------------------


class ClaimsBad:
    def __init__(self):
        self._owners = {}

    def claim(self, job):
        if job in self._owners:  # expect-note: check-then-act
            return False
        self._owners[job] = threading.get_ident()  # expect: check-then-act
        return True


class ClaimsOk:
    def __init__(self):
        self._owners = {}

    def claim(self, job):
        if job in self._owners:
            return False
        me = threading.get_ident()
        return self._owners.setdefault(job, me) == me


claims_bad = ClaimsBad()
claims_ok = ClaimsOk()


def global_instance_bad():
    """Two workers can both claim the same job."""

    def worker(job):
        claims_bad.claim(job)

    threads = [threading.Thread(target=worker, args=("build",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claims_bad


def global_instance_ok():
    """`setdefault` lets exactly one worker win the claim."""

    def worker(job):
        claims_ok.claim(job)

    threads = [threading.Thread(target=worker, args=("build",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claims_ok


# -- hasattr(self, ...), then self.attr = ... --------------------------------------------------

report_lock_ok = threading.Lock()


class ReportBad:
    def add(self, line):
        if not hasattr(self, "lines"):  # expect-note: check-then-act
            self.lines = []  # expect: check-then-act
        self.lines.append(line)


class ReportOk:
    def add(self, line):
        with report_lock_ok:
            if not hasattr(self, "lines"):
                self.lines = []
        self.lines.append(line)


def hasattr_self_bad():
    """A line appended to the first list is lost when a second list replaces it."""
    report = ReportBad()
    threads = [threading.Thread(target=report.add, args=("line %d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return report


def hasattr_self_ok():
    """The attribute is created under a module-level lock."""
    report = ReportOk()
    threads = [threading.Thread(target=report.add, args=("line %d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return report


# -- Thread subclass whose run() touches a module global ---------------------------------------

crawled_pages_bad = {}
crawled_pages_ok = {}


class CrawlerBad(threading.Thread):
    def __init__(self, urls):
        super().__init__()
        self.urls = urls

    def run(self):
        for url in self.urls:
            if url not in crawled_pages_bad:  # expect-note: check-then-act
                crawled_pages_bad[url] = self.name  # expect: check-then-act


class CrawlerOk(threading.Thread):
    def __init__(self, urls):
        super().__init__()
        self.urls = urls

    def run(self):
        for url in self.urls:
            crawled_pages_ok.setdefault(url, self.name)


def thread_subclass_bad():
    """Three crawler threads share the module-level map of crawled pages."""
    crawlers = [CrawlerBad(["a", "b", "c"]) for _ in range(3)]
    for c in crawlers:
        c.start()
    for c in crawlers:
        c.join()
    return crawled_pages_bad


def thread_subclass_ok():
    """`setdefault` records the first crawler of each page."""
    crawlers = [CrawlerOk(["a", "b", "c"]) for _ in range(3)]
    for c in crawlers:
        c.start()
    for c in crawlers:
        c.join()
    return crawled_pages_ok


# -- bound method started once while the starter calls it too ------------------------------------


class InboxBad:
    def __init__(self):
        self.pending = ["m%d" % i for i in range(50)]
        self.handled = []

    def poll(self):
        for _ in range(30):
            if self.pending:  # expect-note: check-then-act
                self.handled.append(self.pending.pop())  # expect: check-then-act


class InboxOk:
    def __init__(self):
        self.pending = ["m%d" % i for i in range(50)]
        self.handled = []

    def poll(self):
        for _ in range(30):
            try:
                self.handled.append(self.pending.pop())
            except IndexError:
                break


def alongside_starter_bad():
    """The starter runs `inbox.poll()` itself between `start()` and `join()`."""
    inbox = InboxBad()
    t = threading.Thread(target=inbox.poll)
    t.start()
    inbox.poll()
    t.join()
    return inbox


def alongside_starter_ok():
    """`pop` with `IndexError` handling cannot take from an empty list."""
    inbox = InboxOk()
    t = threading.Thread(target=inbox.poll)
    t.start()
    inbox.poll()
    t.join()
    return inbox


# -- the store is in a private method reached through self.method() ------------------------------


class SeatsBad:
    def __init__(self):
        self._holders = {}

    def _assign(self, seat):
        self._holders[seat] = threading.get_ident()

    def take(self, seat):
        if seat not in self._holders:  # expect-note: check-then-act
            self._assign(seat)  # expect: check-then-act


class SeatsOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._holders = {}

    def _assign(self, seat):
        self._holders[seat] = threading.get_ident()

    def take(self, seat):
        with self._lock:
            if seat not in self._holders:
                self._assign(seat)


def self_helper_bad():
    """Two threads can both take seat 7."""
    seats = SeatsBad()
    threads = [threading.Thread(target=seats.take, args=(7,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seats


def self_helper_ok():
    """The test and the `self._assign` call share one `with self._lock:` block."""
    seats = SeatsOk()
    threads = [threading.Thread(target=seats.take, args=(7,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seats


# -- the store is in the base class, reached through super().method() -----------------------------

once_store_lock_ok = threading.Lock()


class BaseStoreBad:
    def __init__(self):
        self.data = {}

    def put(self, key, value):
        self.data[key] = value


class OnceStoreBad(BaseStoreBad):
    def put(self, key, value):
        if key not in self.data:  # expect-note: check-then-act
            super().put(key, value)  # expect: check-then-act


class BaseStoreOk:
    def __init__(self):
        self.data = {}

    def put(self, key, value):
        self.data[key] = value


class OnceStoreOk(BaseStoreOk):
    def put(self, key, value):
        with once_store_lock_ok:
            if key not in self.data:
                super().put(key, value)


def super_helper_bad():
    """Write-once is broken: two threads both see the key missing."""
    store = OnceStoreBad()
    threads = [threading.Thread(target=store.put, args=("k", i)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return store


def super_helper_ok():
    """The test and the `super().put` call run under one lock."""
    store = OnceStoreOk()
    threads = [threading.Thread(target=store.put, args=("k", i)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return store


if __name__ == "__main__":
    bound_lazy_conn_bad()
    bound_lazy_conn_ok()
    args_instance_bad()
    args_instance_ok()
    global_instance_bad()
    global_instance_ok()
    hasattr_self_bad()
    hasattr_self_ok()
    thread_subclass_bad()
    thread_subclass_ok()
    alongside_starter_bad()
    alongside_starter_ok()
    self_helper_bad()
    self_helper_ok()
    super_helper_bad()
    super_helper_ok()
