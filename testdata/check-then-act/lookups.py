"""Lookups that test for absence in other ways than `in`.

Scenario: worker threads fill a shared registry lazily. The `_bad` workers
find out that an entry is missing through `KeyError`, through `dict.get`
returning `None` (also with the walrus operator), or through `hasattr`, and
then store the entry in a second step. The `_ok` twins store with
`setdefault`, or hold one lock across the test and the store.
"""

import threading

# -- try: d[k] / except KeyError: d[k] = ... -------------------------------------

conn_pool_bad = {}
conn_pool_ok = {}


def try_keyerror_bad():
    """Two workers both get `KeyError` and both open a connection."""

    def connect(host):
        try:
            conn = conn_pool_bad[host]  # expect-note: check-then-act
        except KeyError:
            # expect: check-then-act
            conn = conn_pool_bad[host] = {"host": host, "opened_by": threading.get_ident()}
        return conn

    threads = [threading.Thread(target=connect, args=("db",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return conn_pool_bad


def try_keyerror_ok():
    """`setdefault` keeps the first connection stored and returns it."""

    def connect(host):
        try:
            conn = conn_pool_ok[host]
        except KeyError:
            conn = conn_pool_ok.setdefault(host, {"host": host, "opened_by": threading.get_ident()})
        return conn

    threads = [threading.Thread(target=connect, args=("db",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return conn_pool_ok


# -- v = d.get(k); if v is None: d[k] = ... --------------------------------------

positions_bad = {}
positions_ok = {}


def get_then_store_bad():
    """Two workers both get `None`; one position list is lost."""

    def record(word, pos):
        found = positions_bad.get(word)
        if found is None:  # expect-note: check-then-act
            positions_bad[word] = [pos]  # expect: check-then-act
        else:
            found.append(pos)

    threads = [threading.Thread(target=record, args=("w%d" % (i % 2), i)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return positions_bad


def get_then_store_ok():
    """`setdefault` returns the one list every worker appends to."""

    def record(word, pos):
        found = positions_ok.setdefault(word, [])
        found.append(pos)

    threads = [threading.Thread(target=record, args=("w%d" % (i % 2), i)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return positions_ok


# -- walrus: if (v := d.get(k)) is None: d[k] = ... -------------------------------

handlers_bad = {}
handlers_ok = {}


def walrus_get_bad():
    """The walrus form is the same two steps as `get` followed by a store."""

    def dispatch(name):
        if (handler := handlers_bad.get(name)) is None:  # expect-note: check-then-act
            handlers_bad[name] = handler = [name]  # expect: check-then-act
        handler.append(threading.get_ident())

    threads = [threading.Thread(target=dispatch, args=("ping",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return handlers_bad


def walrus_get_ok():
    """`setdefault` makes the lookup and the insertion one step."""

    def dispatch(name):
        handler = handlers_ok.setdefault(name, [name])
        handler.append(threading.get_ident())

    threads = [threading.Thread(target=dispatch, args=("ping",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return handlers_ok


# -- hasattr, then setattr ----------------------------------------------------------


class DefaultsBad:
    """Settings class whose attributes are filled in by the first thread to ask."""


class DefaultsOk:
    """Settings class whose attributes are filled in by the first thread to ask."""


defaults_lock_ok = threading.Lock()


def hasattr_setattr_bad():
    """Two workers both see no `timeout`; the later `setattr` wins."""

    def configure(value):
        if not hasattr(DefaultsBad, "timeout"):  # expect-note: check-then-act
            setattr(DefaultsBad, "timeout", value)  # expect: check-then-act

    threads = [threading.Thread(target=configure, args=(v,)) for v in (10, 20, 30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return DefaultsBad


def hasattr_setattr_ok():
    """The `hasattr` test and the `setattr` run under one lock."""

    def configure(value):
        with defaults_lock_ok:
            if not hasattr(DefaultsOk, "timeout"):
                setattr(DefaultsOk, "timeout", value)

    threads = [threading.Thread(target=configure, args=(v,)) for v in (10, 20, 30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return DefaultsOk


if __name__ == "__main__":
    try_keyerror_bad()
    try_keyerror_ok()
    get_then_store_bad()
    get_then_store_ok()
    walrus_get_bad()
    walrus_get_ok()
    hasattr_setattr_bad()
    hasattr_setattr_ok()
