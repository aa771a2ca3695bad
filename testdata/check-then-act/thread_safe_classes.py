"""Library classes that promise thread safety but start no thread themselves.

Scenario: a class that creates a lock in `__init__`, or whose `class` line
carries `# racelint: thread-safe`, tells its users that its public methods
may be called from several threads at once. No thread start is needed:
every public method runs concurrently with every public method, itself
included. Private methods (leading `_`) run with whatever locks their
callers hold. The drivers below only exercise the classes on one thread.
"""

import threading

# -- lock created in __init__, one public method forgets it ---------------------------------------------


class SessionStoreBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._sessions = {}

    def open(self, user):
        if user not in self._sessions:  # expect-note: check-then-act
            self._sessions[user] = []  # expect: check-then-act

    def close(self, user):
        with self._lock:
            self._sessions.pop(user, None)


class SessionStoreOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._sessions = {}

    def open(self, user):
        with self._lock:
            if user not in self._sessions:
                self._sessions[user] = []

    def close(self, user):
        with self._lock:
            self._sessions.pop(user, None)


def lock_in_init_bad():
    """`open` tests and stores without the lock the class created."""
    store = SessionStoreBad()
    store.open("ann")
    store.close("ann")
    return store


def lock_in_init_ok():
    """`open` holds `self._lock` across the test and the store."""
    store = SessionStoreOk()
    store.open("ann")
    store.close("ann")
    return store


# -- class annotated "# racelint: thread-safe", lazy attribute ---------------------------------------------


class TokenCacheBad:  # racelint: thread-safe
    def __init__(self):
        self._token = None

    def token(self):
        if self._token is None:  # expect-note: check-then-act
            self._token = "tok-%d" % threading.get_ident()  # expect: check-then-act
        return self._token


class TokenCacheOk:  # racelint: thread-safe
    _lock = threading.Lock()

    def __init__(self):
        self._token = None

    def token(self):
        with self._lock:
            if self._token is None:
                self._token = "tok-%d" % threading.get_ident()
        return self._token


def annotated_bad():
    """Two callers of `token()` can get two different tokens."""
    cache = TokenCacheBad()
    return cache.token()


def annotated_ok():
    """A class-level lock covers the lazy initialization."""
    cache = TokenCacheOk()
    return cache.token()


# -- public method: truthiness test, then pop(0) --------------------------------------------------------------


class JobBoardBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = []

    def post(self, job):
        with self._lock:
            self._jobs.append(job)

    def next_job(self):
        if self._jobs:  # expect-note: check-then-act
            return self._jobs.pop(0)  # expect: check-then-act
        return None


class JobBoardOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = []

    def post(self, job):
        with self._lock:
            self._jobs.append(job)

    def next_job(self):
        with self._lock:
            if self._jobs:
                return self._jobs.pop(0)
        return None


def pop_next_bad():
    """Two callers of `next_job` can both see the last job."""
    board = JobBoardBad()
    board.post("build")
    return board.next_job()


def pop_next_ok():
    """The test and the `pop(0)` share one `with self._lock:` block."""
    board = JobBoardOk()
    board.post("build")
    return board.next_job()


# -- private helper: every caller but one holds the lock ---------------------------------------------------------


class IndexBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._postings = {}

    def _ensure(self, term):
        if term not in self._postings:  # expect-note: check-then-act
            self._postings[term] = []  # expect: check-then-act

    def add(self, term, doc):
        with self._lock:
            self._ensure(term)
            self._postings[term].append(doc)

    def reserve(self, term):
        self._ensure(term)


class IndexOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._postings = {}

    def _ensure(self, term):
        if term not in self._postings:
            self._postings[term] = []

    def add(self, term, doc):
        with self._lock:
            self._ensure(term)
            self._postings[term].append(doc)

    def reserve(self, term):
        with self._lock:
            self._ensure(term)


def private_helper_bad():
    """`reserve` reaches `_ensure` without the lock that `add` holds."""
    index = IndexBad()
    index.reserve("gil")
    index.add("gil", 1)
    return index


def private_helper_ok():
    """Every public caller of `_ensure` holds `self._lock`."""
    index = IndexOk()
    index.reserve("gil")
    index.add("gil", 1)
    return index


if __name__ == "__main__":
    lock_in_init_bad()
    lock_in_init_ok()
    annotated_bad()
    annotated_ok()
    pop_next_bad()
    pop_next_ok()
    private_helper_bad()
    private_helper_ok()
