"""Fields and globals that declare their lock with `# racelint: guarded-by=`.

Scenario: the line that first assigns a field or a module global says
which lock protects it (`self._items = []  # racelint: guarded-by=self._lock`,
`CACHE = {}  # racelint: guarded-by=CACHE_LOCK`). From then on every access
without that lock in code that runs on a thread is reported, even when no
other access takes the lock. Accesses in `__init__` (before the object is
published) and after `join()` are exempt. Each `_ok` twin honours the
annotation.
"""

import threading

# -- an annotated field that no method locks ----------------------------------------------------------------


class OutboxBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []  # racelint: guarded-by=self._lock  # expect-note: inconsistent-lock

    def add(self, item):
        self._items.append(item)  # expect: inconsistent-lock


class OutboxOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []  # racelint: guarded-by=self._lock

    def add(self, item):
        with self._lock:
            self._items.append(item)


def field_annotation_bad():
    """The annotation promises `self._lock`; `add` never takes it."""
    box = OutboxBad()
    box.add("mail")
    return box


def field_annotation_ok():
    """`add` holds the lock the annotation names."""
    box = OutboxOk()
    box.add("mail")
    return box


# -- an annotated module global stored into from a thread --------------------------------------------------------

CACHE_LOCK_BAD = threading.Lock()
CACHE_BAD = {}  # racelint: guarded-by=CACHE_LOCK_BAD
CACHE_LOCK_OK = threading.Lock()
CACHE_OK = {}  # racelint: guarded-by=CACHE_LOCK_OK


def global_annotation_bad():
    """Fetchers store pages without the lock the annotation names."""

    def fetch(url):
        CACHE_BAD[url] = "<html>%s</html>" % url  # expect: inconsistent-lock

    threads = [threading.Thread(target=fetch, args=("/p%d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(CACHE_BAD)


def global_annotation_ok():
    """Fetchers store under the lock; the starter reads after `join()` without it."""

    def fetch(url):
        with CACHE_LOCK_OK:
            CACHE_OK[url] = "<html>%s</html>" % url

    threads = [threading.Thread(target=fetch, args=("/p%d" % i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(CACHE_OK)


# -- an annotated global rebound in a thread --------------------------------------------------------------------

SEEN_LOCK_BAD = threading.Lock()
LAST_SEEN_BAD = None  # racelint: guarded-by=SEEN_LOCK_BAD
SEEN_LOCK_OK = threading.Lock()
LAST_SEEN_OK = None  # racelint: guarded-by=SEEN_LOCK_OK


def global_rebind_bad():
    """Each heartbeat rebinds the global without its declared lock."""

    def heartbeat(node):
        global LAST_SEEN_BAD
        LAST_SEEN_BAD = node  # expect: inconsistent-lock

    threads = [threading.Thread(target=heartbeat, args=("node%d" % i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LAST_SEEN_BAD


def global_rebind_ok():
    """Each heartbeat rebinds the global under its declared lock."""

    def heartbeat(node):
        global LAST_SEEN_OK
        with SEEN_LOCK_OK:
            LAST_SEEN_OK = node

    threads = [threading.Thread(target=heartbeat, args=("node%d" % i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LAST_SEEN_OK


# -- a field guarded by a Condition, read without it ------------------------------------------------------------------


class ConnectionBad:
    def __init__(self):
        self._cv = threading.Condition()
        self._state = "idle"  # racelint: guarded-by=self._cv

    def open(self):
        with self._cv:
            self._state = "open"
            self._cv.notify_all()

    def state(self):
        return self._state  # expect: inconsistent-lock


class ConnectionOk:
    def __init__(self):
        self._cv = threading.Condition()
        self._state = "idle"  # racelint: guarded-by=self._cv

    def open(self):
        with self._cv:
            self._state = "open"
            self._cv.notify_all()

    def state(self):
        with self._cv:
            return self._state


def condition_annotation_bad():
    """`state` reads the field without the condition the annotation names."""
    conn = ConnectionBad()
    conn.open()
    return conn.state()


def condition_annotation_ok():
    """Every access after `__init__` holds `self._cv`."""
    conn = ConnectionOk()
    conn.open()
    return conn.state()


# -- an annotated field accessed under the wrong lock --------------------------------------------------------------------


class PeerTableBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._peers_lock = threading.Lock()
        self._peers = {}  # racelint: guarded-by=self._peers_lock

    def add_peer(self, name, addr):
        with self._lock:
            self._peers[name] = addr  # expect: inconsistent-lock


class PeerTableOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._peers_lock = threading.Lock()
        self._peers = {}  # racelint: guarded-by=self._peers_lock

    def add_peer(self, name, addr):
        with self._peers_lock:
            self._peers[name] = addr


def wrong_lock_annotation_bad():
    """`add_peer` holds a lock, but not the one the annotation names."""
    table = PeerTableBad()
    table.add_peer("a", "10.0.0.1")
    return table


def wrong_lock_annotation_ok():
    """`add_peer` holds `self._peers_lock`."""
    table = PeerTableOk()
    table.add_peer("a", "10.0.0.1")
    return table


# -- an annotated global written by a Timer callback ---------------------------------------------------------------------

QUOTA_LOCK_BAD = threading.Lock()
QUOTA_BAD = {"left": 10}  # racelint: guarded-by=QUOTA_LOCK_BAD
QUOTA_LOCK_OK = threading.Lock()
QUOTA_OK = {"left": 10}  # racelint: guarded-by=QUOTA_LOCK_OK


def timer_annotation_bad():
    """The refill timer resets the quota without the declared lock."""

    def refill():
        QUOTA_BAD["left"] = 10  # expect: inconsistent-lock

    timer = threading.Timer(0.01, refill)
    timer.start()
    timer.join()
    return QUOTA_BAD


def timer_annotation_ok():
    """The refill timer resets the quota under the declared lock."""

    def refill():
        with QUOTA_LOCK_OK:
            QUOTA_OK["left"] = 10

    timer = threading.Timer(0.01, refill)
    timer.start()
    timer.join()
    return QUOTA_OK


if __name__ == "__main__":
    field_annotation_bad()
    field_annotation_ok()
    global_annotation_bad()
    global_annotation_ok()
    global_rebind_bad()
    global_rebind_ok()
    condition_annotation_bad()
    condition_annotation_ok()
    wrong_lock_annotation_bad()
    wrong_lock_annotation_ok()
    timer_annotation_bad()
    timer_annotation_ok()
