"""Double-checked locking on instance and class attributes.

Scenario: a class creates a connection, a schema, a cache entry or its
single instance lazily: a fast-path test of an attribute outside the lock
(`if self._conn is None:`, `if not hasattr(self, "_schema"):`,
`if cls._instance is None:`, `if not self._ready:`), then the lock, then
the initialization with no second test. Callers that pass the fast path
together initialize one after another. Each `_ok` twin tests again once it
holds the lock.
"""

import threading

# -- a lazy connection attribute ----------------------------------------------------------------------


class ClientBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._conn = None

    def conn(self):
        if self._conn is None:  # expect-note: double-checked-locking
            with self._lock:
                self._conn = {"socket": threading.get_ident()}  # expect: double-checked-locking
        return self._conn


class ClientOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._conn = None

    def conn(self):
        if self._conn is None:
            with self._lock:
                if self._conn is None:
                    self._conn = {"socket": threading.get_ident()}
        return self._conn


def lazy_attribute_bad():
    """Two callers of `conn()` can each open a socket; one is leaked."""
    client = ClientBad()
    threads = [threading.Thread(target=client.conn) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return client.conn()


def lazy_attribute_ok():
    """The second test keeps the first socket."""
    client = ClientOk()
    threads = [threading.Thread(target=client.conn) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return client.conn()


# -- the fast-path test through hasattr() -------------------------------------------------------------------


class SchemaBad:
    def __init__(self):
        self._lock = threading.Lock()

    def schema(self):
        if not hasattr(self, "_schema"):  # expect-note: double-checked-locking
            with self._lock:
                self._schema = {"fields": ["id", "name"]}  # expect: double-checked-locking
        return self._schema


class SchemaOk:
    def __init__(self):
        self._lock = threading.Lock()

    def schema(self):
        if not hasattr(self, "_schema"):
            with self._lock:
                if not hasattr(self, "_schema"):
                    self._schema = {"fields": ["id", "name"]}
        return self._schema


def hasattr_bad():
    """`hasattr` outside the lock; every caller that missed sets `_schema`."""
    return SchemaBad().schema()


def hasattr_ok():
    """`hasattr` again inside the lock."""
    return SchemaOk().schema()


# -- a classmethod singleton ------------------------------------------------------------------------------------


class SettingsBad:
    _instance = None
    _lock = threading.Lock()

    @classmethod
    def instance(cls):
        if cls._instance is None:  # expect-note: double-checked-locking
            with cls._lock:
                cls._instance = cls()  # expect: double-checked-locking
        return cls._instance


class SettingsOk:
    _instance = None
    _lock = threading.Lock()

    @classmethod
    def instance(cls):
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance


def classmethod_bad():
    """Threads that see no instance each make one; callers keep different objects."""
    threads = [threading.Thread(target=SettingsBad.instance) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return SettingsBad._instance


def classmethod_ok():
    """The classmethod tests `cls._instance` again under `cls._lock`."""
    threads = [threading.Thread(target=SettingsOk.instance) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return SettingsOk._instance


# -- a staticmethod singleton named through the class -----------------------------------------------------------------


class LoggerBad:
    _instance = None
    _lock = threading.Lock()

    @staticmethod
    def get():
        if LoggerBad._instance is None:  # expect-note: double-checked-locking
            with LoggerBad._lock:
                LoggerBad._instance = LoggerBad()  # expect: double-checked-locking
        return LoggerBad._instance


class LoggerOk:
    _instance = None
    _lock = threading.Lock()

    @staticmethod
    def get():
        if LoggerOk._instance is None:
            with LoggerOk._lock:
                if LoggerOk._instance is None:
                    LoggerOk._instance = LoggerOk()
        return LoggerOk._instance


def staticmethod_bad():
    """`LoggerBad._instance` can be assigned once per thread that missed."""
    threads = [threading.Thread(target=LoggerBad.get) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LoggerBad._instance


def staticmethod_ok():
    """`LoggerOk._instance` is tested again under the class lock."""
    threads = [threading.Thread(target=LoggerOk.get) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LoggerOk._instance


# -- a ready flag; the action is a private method that warms up and sets the flag ------------------------------------


class ModelBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = False
        self._weights = []

    def _warm_up(self):
        self._weights = [0.1 * i for i in range(10)]
        self._ready = True

    def predict(self, x):
        if not self._ready:  # expect-note: double-checked-locking
            with self._lock:
                self._warm_up()  # expect: double-checked-locking
        return sum(w * x for w in self._weights)


class ModelOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = False
        self._weights = []

    def _warm_up(self):
        self._weights = [0.1 * i for i in range(10)]
        self._ready = True

    def predict(self, x):
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self._warm_up()
        return sum(w * x for w in self._weights)


def ready_flag_bad():
    """Callers that saw `not _ready` warm the model up again, one after another."""
    return ModelBad().predict(2.0)


def ready_flag_ok():
    """The flag is tested again under the lock."""
    return ModelOk().predict(2.0)


# -- a lazy property ------------------------------------------------------------------------------------------------------


class StoreBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._client = None

    @property
    def client(self):
        if self._client is None:  # expect-note: double-checked-locking
            with self._lock:
                self._client = {"pool": threading.get_ident()}  # expect: double-checked-locking
        return self._client


class StoreOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._client = None

    @property
    def client(self):
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = {"pool": threading.get_ident()}
        return self._client


def lazy_property_bad():
    """Readers of `store.client` can get different clients."""
    return StoreBad().client


def lazy_property_ok():
    """The property tests `_client` again under the lock."""
    return StoreOk().client


# -- a per-key cache in an attribute dict --------------------------------------------------------------------------------


class TemplateCacheBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._compiled = {}

    def get(self, name):
        if name not in self._compiled:  # expect-note: double-checked-locking
            with self._lock:
                self._compiled[name] = "compiled:" + name  # expect: double-checked-locking
        return self._compiled.get(name)


class TemplateCacheOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._compiled = {}

    def get(self, name):
        if name not in self._compiled:
            with self._lock:
                if name not in self._compiled:
                    self._compiled[name] = "compiled:" + name
        return self._compiled.get(name)


def attribute_dict_bad():
    """Two callers compile the same template; the later store replaces the first."""
    return TemplateCacheBad().get("index.html")


def attribute_dict_ok():
    """The membership test is repeated under the lock."""
    return TemplateCacheOk().get("index.html")


# -- the lock taken with acquire()/release() -------------------------------------------------------------------------------


class IndexBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._index = None

    def index(self):
        if self._index is None:  # expect-note: double-checked-locking
            self._lock.acquire()
            try:
                self._index = {w: i for i, w in enumerate(["a", "b"])}  # expect: double-checked-locking
            finally:
                self._lock.release()
        return self._index


class IndexOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._index = None

    def index(self):
        if self._index is None:
            self._lock.acquire()
            try:
                if self._index is None:
                    self._index = {w: i for i, w in enumerate(["a", "b"])}
            finally:
                self._lock.release()
        return self._index


def acquire_release_bad():
    """An `acquire()` region without the second test rebuilds the index."""
    return IndexBad().index()


def acquire_release_ok():
    """The second test sits right after `acquire()`."""
    return IndexOk().index()


if __name__ == "__main__":
    lazy_attribute_bad()
    lazy_attribute_ok()
    hasattr_bad()
    hasattr_ok()
    classmethod_bad()
    classmethod_ok()
    staticmethod_bad()
    staticmethod_ok()
    ready_flag_bad()
    ready_flag_ok()
    lazy_property_bad()
    lazy_property_ok()
    attribute_dict_bad()
    attribute_dict_ok()
    acquire_release_bad()
    acquire_release_ok()
