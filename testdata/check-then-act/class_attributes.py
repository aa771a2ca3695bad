"""Check-then-act on class attributes.

Scenario: a class keeps process-wide state in class attributes (a
singleton, a plugin registry, a free list) and threads call its static and
class methods. A class attribute is one location for every instance and
every thread, whether it is written as `Cls.attr`, `cls.attr` or through a
`Cls.method()` call. The `_ok` twins use a lock stored as a class
attribute, `setdefault`, or `pop` with `IndexError` handling.
"""

import threading

# -- Cls._instance singleton in a static method, called as Cls.get() -----------------------------


class ConfigBad:
    _instance = None

    @staticmethod
    def get():
        if ConfigBad._instance is None:  # expect-note: check-then-act
            ConfigBad._instance = ConfigBad()  # expect: check-then-act
        return ConfigBad._instance


class ConfigOk:
    _instance = None
    _lock = threading.Lock()

    @staticmethod
    def get():
        with ConfigOk._lock:
            if ConfigOk._instance is None:
                ConfigOk._instance = ConfigOk()
        return ConfigOk._instance


def static_singleton_bad():
    """Two threads can each build a `ConfigBad` and return different ones."""

    def worker():
        ConfigBad.get()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ConfigBad._instance


def static_singleton_ok():
    """The class-level lock covers the test and the assignment."""

    def worker():
        ConfigOk.get()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ConfigOk._instance


# -- cls._shared in a class method --------------------------------------------------------------------


class MetricsBad:
    _shared = None

    @classmethod
    def shared(cls):
        if cls._shared is None:  # expect-note: check-then-act
            cls._shared = cls()  # expect: check-then-act
        return cls._shared


class MetricsOk:
    _shared = None
    _lock = threading.RLock()

    @classmethod
    def shared(cls):
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
        return cls._shared


def classmethod_singleton_bad():
    """`cls._shared` is the class attribute; every thread sees the same one."""
    threads = [threading.Thread(target=MetricsBad.shared) for _ in range(4)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return MetricsBad._shared


def classmethod_singleton_ok():
    """`with cls._lock:` holds the class-level `RLock` across both steps."""
    threads = [threading.Thread(target=MetricsOk.shared) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return MetricsOk._shared


# -- class-level registry dict -------------------------------------------------------------------------


class PluginsBad:
    registry = {}

    @classmethod
    def register(cls, name, factory):
        if name in cls.registry:  # expect-note: check-then-act
            return False
        cls.registry[name] = factory  # expect: check-then-act
        return True


class PluginsOk:
    registry = {}

    @classmethod
    def register(cls, name, factory):
        if name in cls.registry:
            return False
        return cls.registry.setdefault(name, factory) is factory


def plugin_registry_bad():
    """Two plugins both register as "csv"; both are told they won."""
    threads = [
        threading.Thread(target=PluginsBad.register, args=("csv", factory))
        for factory in (list, tuple, set)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return PluginsBad.registry


def plugin_registry_ok():
    """`setdefault` keeps the first factory and tells the others they lost."""
    threads = [
        threading.Thread(target=PluginsOk.register, args=("csv", factory))
        for factory in (list, tuple, set)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return PluginsOk.registry


# -- class-level free list ---------------------------------------------------------------------------------


class BufferPoolBad:
    free = [bytearray(8), bytearray(8)]

    @staticmethod
    def take():
        if BufferPoolBad.free:  # expect-note: check-then-act
            return BufferPoolBad.free.pop()  # expect: check-then-act
        return bytearray(8)


class BufferPoolOk:
    free = [bytearray(8), bytearray(8)]

    @staticmethod
    def take():
        try:
            return BufferPoolOk.free.pop()
        except IndexError:
            return bytearray(8)


def free_list_bad():
    """Two threads see one free buffer; the second `pop` raises `IndexError`."""

    def worker():
        for _ in range(3):
            buf = BufferPoolBad.take()
            buf[0] = 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return BufferPoolBad.free


def free_list_ok():
    """`pop` and `IndexError` handling replace the emptiness test."""

    def worker():
        for _ in range(3):
            buf = BufferPoolOk.take()
            buf[0] = 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return BufferPoolOk.free


if __name__ == "__main__":
    static_singleton_bad()
    static_singleton_ok()
    classmethod_singleton_bad()
    classmethod_singleton_ok()
    plugin_registry_bad()
    plugin_registry_ok()
    free_list_bad()
    free_list_ok()
