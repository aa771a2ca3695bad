"""Read-modify-write of class attributes.

Scenario: a class counts things in class attributes: instances created,
objects made by a factory class method, calls of a static method, events
per kind. A class attribute is one location for every instance and every
thread, written as `Cls.attr` or `cls.attr`, even when each thread has its
own instance. The `_ok` twins hold a lock stored as a class attribute.
"""

import threading

# -- Cls.opened += 1 in __init__, objects created on several threads ----------------------------------------


class ConnectionBad:
    opened = 0

    def __init__(self, host):
        self.host = host
        ConnectionBad.opened += 1  # expect: unguarded-read-modify-write


class ConnectionOk:
    opened = 0
    _lock = threading.Lock()

    def __init__(self, host):
        self.host = host
        with ConnectionOk._lock:
            ConnectionOk.opened += 1


def init_counter_bad():
    """Each thread makes its own connections; the class-level count is shared."""

    def connect_many(host):
        for _ in range(200):
            ConnectionBad(host)

    threads = [threading.Thread(target=connect_many, args=("db%d" % i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ConnectionBad.opened


def init_counter_ok():
    """The class-level count is updated under a class-level lock."""

    def connect_many(host):
        for _ in range(200):
            ConnectionOk(host)

    threads = [threading.Thread(target=connect_many, args=("db%d" % i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ConnectionOk.opened


# -- cls.created += 1 in a class method -----------------------------------------------------------------------


class WidgetBad:
    created = 0

    @classmethod
    def make(cls):
        cls.created += 1  # expect: unguarded-read-modify-write
        return cls()


class WidgetOk:
    created = 0
    _lock = threading.Lock()

    @classmethod
    def make(cls):
        with cls._lock:
            cls.created += 1
        return cls()


def classmethod_counter_bad():
    """`WidgetBad.make` runs on four threads at once."""

    def build():
        for _ in range(200):
            WidgetBad.make()

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return WidgetBad.created


def classmethod_counter_ok():
    """`with cls._lock:` guards the class-level count."""

    def build():
        for _ in range(200):
            WidgetOk.make()

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return WidgetOk.created


# -- Cls.calls = Cls.calls + 1 in a static method used as the target ---------------------------------------------


class StatsBad:
    calls = 0

    @staticmethod
    def hit():
        for _ in range(300):
            StatsBad.calls = StatsBad.calls + 1  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write


class StatsOk:
    calls = 0
    _lock = threading.RLock()

    @staticmethod
    def hit():
        for _ in range(300):
            with StatsOk._lock:
                StatsOk.calls = StatsOk.calls + 1


def static_method_bad():
    """The static method itself is the thread target, started three times."""
    threads = [threading.Thread(target=StatsBad.hit) for _ in range(3)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return StatsBad.calls


def static_method_ok():
    """The class-level `RLock` guards the update."""
    threads = [threading.Thread(target=StatsOk.hit) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return StatsOk.calls


# -- class-level dict element, one instance per thread ----------------------------------------------------------------


class EventLogBad:
    per_kind = {"click": 0, "scroll": 0}

    def record(self, kind):
        EventLogBad.per_kind[kind] += 1  # expect: unguarded-read-modify-write


class EventLogOk:
    per_kind = {"click": 0, "scroll": 0}
    _lock = threading.Lock()

    def record(self, kind):
        with EventLogOk._lock:
            EventLogOk.per_kind[kind] += 1


def class_dict_bad():
    """Every thread has its own `EventLogBad`, but `per_kind` belongs to the class."""

    def session(kind):
        log = EventLogBad()
        for _ in range(200):
            log.record(kind)

    threads = [threading.Thread(target=session, args=(k,)) for k in ("click", "click", "scroll")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return EventLogBad.per_kind


def class_dict_ok():
    """The element update holds a class-level lock."""

    def session(kind):
        log = EventLogOk()
        for _ in range(200):
            log.record(kind)

    threads = [threading.Thread(target=session, args=(k,)) for k in ("click", "click", "scroll")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return EventLogOk.per_kind


if __name__ == "__main__":
    init_counter_bad()
    init_counter_ok()
    classmethod_counter_bad()
    classmethod_counter_ok()
    static_method_bad()
    static_method_ok()
    class_dict_bad()
    class_dict_ok()
