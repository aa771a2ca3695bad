"""Known imprecision: a double check that is missed.

Scenario: a case outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed (`known-fn`): the body of the
fast-path test calls a helper, and the helper takes the lock and
initializes without a second test. Listed under Limitations in
docs/rules/double-checked-locking.md.
"""

import threading

# -- the lock is taken inside a called helper (missed) ------------------------------------------------------

_catalog_bad = None
_catalog_lock_bad = threading.Lock()
_catalog_ok = None
_catalog_lock_ok = threading.Lock()


def _build_catalog_bad():
    global _catalog_bad
    with _catalog_lock_bad:
        _catalog_bad = {"items": threading.get_ident()}


def _build_catalog_ok():
    global _catalog_ok
    with _catalog_lock_ok:
        if _catalog_ok is None:
            _catalog_ok = {"items": threading.get_ident()}


def helper_takes_lock_bad():
    """Every thread that saw `None` calls the helper, which rebuilds the catalog."""

    def catalog():
        if _catalog_bad is None:
            _build_catalog_bad()  # known-fn: double-checked-locking -- the lock is taken inside the called helper; only a `with`/`acquire()` in the body of the test itself is recognized
        return _catalog_bad

    threads = [threading.Thread(target=catalog) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _catalog_bad


def helper_takes_lock_ok():
    """The helper tests again once it holds the lock."""

    def catalog():
        if _catalog_ok is None:
            _build_catalog_ok()
        return _catalog_ok

    threads = [threading.Thread(target=catalog) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _catalog_ok


if __name__ == "__main__":
    helper_takes_lock_bad()
    helper_takes_lock_ok()
