"""Shared state and helpers used by the thread targets in `workers` and `jobs`.

Scenario: a price cache with a store helper (the test is done by the
caller in `workers`), a stock table with a membership helper (the store is
done by the caller in `jobs`), and a lazily created client whose
check-then-act is entirely in this module but runs on threads started in
`jobs`.
"""

import threading

# -- used by workers.act_in_helper_bad / _ok ----------------------------------------------------------

prices_bad = {}
prices_ok = {}
prices_lock_ok = threading.Lock()


def save_price_bad(item, price):
    prices_bad[item] = price


def save_price_ok(item, price):
    prices_ok[item] = price


# -- used by jobs.check_in_helper_bad / _ok -------------------------------------------------------------

stock_bad = {}
stock_ok = {}
stock_lock_ok = threading.Lock()


def in_stock_bad(item):
    return item in stock_bad


def in_stock_ok(item):
    return item in stock_ok


# -- used by jobs.lazy_client_bad / _ok -------------------------------------------------------------------

_client_bad = None
_client_ok = None
_client_lock_ok = threading.Lock()


def client_bad():
    """Two threads calling this at once can both create a client."""
    global _client_bad
    if _client_bad is None:  # expect-note: check-then-act
        _client_bad = {"created_by": threading.get_ident()}  # expect: check-then-act
    return _client_bad


def client_ok():
    """The lazy creation holds a module-level lock."""
    global _client_ok
    with _client_lock_ok:
        if _client_ok is None:
            _client_ok = {"created_by": threading.get_ident()}
    return _client_ok
