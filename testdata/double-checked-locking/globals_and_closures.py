"""Double-checked locking on module globals and closure variables.

Scenario: a fast path tests shared state without the lock (`if x is None:`,
`if key not in cache:`, `if not _loaded:`); only when the test fails does
the body take the lock and initialize. Several threads can pass the outer
test together; they then queue on the lock and each one initializes again,
replacing what the first one made. Each `_bad` body acts without testing
again once it holds the lock; each `_ok` twin repeats the test inside the
lock (the outer test stays as a fast path).
"""

import functools
import threading

# -- a lazily created global ---------------------------------------------------------------------------

_engine_bad = None
_engine_lock_bad = threading.Lock()
_engine_ok = None
_engine_lock_ok = threading.Lock()


def lazy_global_bad():
    """Every thread that saw `None` builds its own engine in turn."""

    def get_engine():
        global _engine_bad
        if _engine_bad is None:  # expect-note: double-checked-locking
            with _engine_lock_bad:
                _engine_bad = {"built_by": threading.get_ident()}  # expect: double-checked-locking
        return _engine_bad

    threads = [threading.Thread(target=get_engine) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _engine_bad


def lazy_global_ok():
    """The thread that gets the lock second sees the engine and leaves it."""

    def get_engine():
        global _engine_ok
        if _engine_ok is None:
            with _engine_lock_ok:
                if _engine_ok is None:
                    _engine_ok = {"built_by": threading.get_ident()}
        return _engine_ok

    threads = [threading.Thread(target=get_engine) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _engine_ok


# -- a singleton accessor ---------------------------------------------------------------------------------


class Service:
    def __init__(self):
        self.owner = threading.get_ident()


_instance_bad = None
_instance_lock_bad = threading.RLock()
_instance_ok = None
_instance_lock_ok = threading.RLock()


def get_instance_bad():
    global _instance_bad
    if _instance_bad is None:  # expect-note: double-checked-locking
        with _instance_lock_bad:
            _instance_bad = Service()  # expect: double-checked-locking
    return _instance_bad


def get_instance_ok():
    global _instance_ok
    if _instance_ok is None:
        with _instance_lock_ok:
            if _instance_ok is None:
                _instance_ok = Service()
    return _instance_ok


def singleton_bad():
    """Callers on different threads can get different `Service` objects."""
    threads = [threading.Thread(target=get_instance_bad) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _instance_bad


def singleton_ok():
    """The second test inside the lock makes the first `Service` the only one."""
    threads = [threading.Thread(target=get_instance_ok) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _instance_ok


# -- a registry dict: membership test outside, store inside ---------------------------------------------------

REGISTRY_BAD = {}
REGISTRY_LOCK_BAD = threading.Lock()
REGISTRY_OK = {}
REGISTRY_LOCK_OK = threading.Lock()


def registry_bad():
    """Two loaders of one plugin both store; the first plugin object is replaced."""

    def load(name):
        if name not in REGISTRY_BAD:  # expect-note: double-checked-locking
            with REGISTRY_LOCK_BAD:
                REGISTRY_BAD[name] = {"plugin": name, "loader": threading.get_ident()}  # expect: double-checked-locking

    threads = [threading.Thread(target=load, args=("csv",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return REGISTRY_BAD


def registry_ok():
    """The loader that gets the lock second finds the plugin and keeps it."""

    def load(name):
        if name not in REGISTRY_OK:
            with REGISTRY_LOCK_OK:
                if name not in REGISTRY_OK:
                    REGISTRY_OK[name] = {"plugin": name, "loader": threading.get_ident()}

    threads = [threading.Thread(target=load, args=("csv",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return REGISTRY_OK


# -- a functools-style memoizing decorator ------------------------------------------------------------------


def memoize_bad(fn):
    cache = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(*args):
        if args not in cache:  # expect-note: double-checked-locking
            with lock:
                cache[args] = fn(*args)  # expect: double-checked-locking
        return cache.get(args)

    return wrapper


def memoize_ok(fn):
    cache = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(*args):
        if args not in cache:
            with lock:
                if args not in cache:
                    cache[args] = fn(*args)
        return cache.get(args)

    return wrapper


@memoize_bad
def slow_square_bad(n):
    return n * n


@memoize_ok
def slow_square_ok(n):
    return n * n


def memoize_decorator_bad():
    """Threads that miss together all call `fn` and store in turn."""
    threads = [threading.Thread(target=slow_square_bad, args=(7,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slow_square_bad(7)


def memoize_decorator_ok():
    """`fn` runs once per argument tuple: the lock holder tests again."""
    threads = [threading.Thread(target=slow_square_ok, args=(7,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slow_square_ok(7)


# -- the lock taken with acquire() in try/finally ---------------------------------------------------------------

_pool_bad = None
_pool_lock_bad = threading.Lock()
_pool_ok = None
_pool_lock_ok = threading.Lock()


def acquire_finally_bad():
    """`acquire()`/`release()` is as much a lock as `with`; the test is still missing."""

    def get_pool():
        global _pool_bad
        if _pool_bad is None:  # expect-note: double-checked-locking
            _pool_lock_bad.acquire()
            try:
                _pool_bad = ["conn%d" % i for i in range(3)]  # expect: double-checked-locking
            finally:
                _pool_lock_bad.release()
        return _pool_bad

    threads = [threading.Thread(target=get_pool) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _pool_bad


def acquire_finally_ok():
    """The test is repeated between `acquire()` and the assignment."""

    def get_pool():
        global _pool_ok
        if _pool_ok is None:
            _pool_lock_ok.acquire()
            try:
                if _pool_ok is None:
                    _pool_ok = ["conn%d" % i for i in range(3)]
            finally:
                _pool_lock_ok.release()
        return _pool_ok

    threads = [threading.Thread(target=get_pool) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _pool_ok


# -- a closure variable of a nested accessor ------------------------------------------------------------------


def nested_function_bad():
    """The nested `get` is the thread target; `data` is its closure variable."""
    data = None
    lock = threading.Lock()

    def get():
        nonlocal data
        if data is None:  # expect-note: double-checked-locking
            with lock:
                data = [threading.get_ident()]  # expect: double-checked-locking
        return data

    threads = [threading.Thread(target=get) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return data


def nested_function_ok():
    """The nested `get` tests `data` again once it holds the lock."""
    data = None
    lock = threading.Lock()

    def get():
        nonlocal data
        if data is None:
            with lock:
                if data is None:
                    data = [threading.get_ident()]
        return data

    threads = [threading.Thread(target=get) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return data


# -- a loaded flag; the action is a call that loads and sets the flag ---------------------------------------------

_loaded_bad = False
_table_bad = {}
_load_lock_bad = threading.Lock()
_loaded_ok = False
_table_ok = {}
_load_lock_ok = threading.Lock()


def _load_all_bad():
    global _loaded_bad
    _table_bad.update({"k%d" % i: i for i in range(10)})
    _loaded_bad = True


def _load_all_ok():
    global _loaded_ok
    _table_ok.update({"k%d" % i: i for i in range(10)})
    _loaded_ok = True


def loaded_flag_bad():
    """Every thread that saw `not _loaded` loads the table again."""

    def lookup(key):
        if not _loaded_bad:  # expect-note: double-checked-locking
            with _load_lock_bad:
                _load_all_bad()  # expect: double-checked-locking
        return _table_bad.get(key)

    threads = [threading.Thread(target=lookup, args=("k1",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _table_bad


def loaded_flag_ok():
    """The flag is tested again under the lock before loading."""

    def lookup(key):
        if not _loaded_ok:
            with _load_lock_ok:
                if not _loaded_ok:
                    _load_all_ok()
        return _table_ok.get(key)

    threads = [threading.Thread(target=lookup, args=("k1",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _table_ok


# -- a lookup with get(), then `is None` -------------------------------------------------------------------------

CONNECTIONS_BAD = {}
CONNECTIONS_LOCK_BAD = threading.Lock()
CONNECTIONS_OK = {}
CONNECTIONS_LOCK_OK = threading.Lock()


def get_then_store_bad():
    """Two threads miss the same host and both open a connection."""

    def connect(host):
        conn = CONNECTIONS_BAD.get(host)
        if conn is None:  # expect-note: double-checked-locking
            with CONNECTIONS_LOCK_BAD:
                CONNECTIONS_BAD[host] = {"host": host, "by": threading.get_ident()}  # expect: double-checked-locking

    threads = [threading.Thread(target=connect, args=("db",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return CONNECTIONS_BAD


def get_then_store_ok():
    """The lookup is repeated under the lock before storing."""

    def connect(host):
        conn = CONNECTIONS_OK.get(host)
        if conn is None:
            with CONNECTIONS_LOCK_OK:
                if CONNECTIONS_OK.get(host) is None:
                    CONNECTIONS_OK[host] = {"host": host, "by": threading.get_ident()}

    threads = [threading.Thread(target=connect, args=("db",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return CONNECTIONS_OK


if __name__ == "__main__":
    lazy_global_bad()
    lazy_global_ok()
    singleton_bad()
    singleton_ok()
    registry_bad()
    registry_ok()
    memoize_decorator_bad()
    memoize_decorator_ok()
    acquire_finally_bad()
    acquire_finally_ok()
    nested_function_bad()
    nested_function_ok()
    loaded_flag_bad()
    loaded_flag_ok()
    get_then_store_bad()
    get_then_store_ok()
