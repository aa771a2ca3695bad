"""Thread targets that reach the shared store through `import crossmod.store as store`.

Scenario: `check_in_helper_*` tests membership through `store.in_stock_*`
and stores into `store.stock_*` here; `lazy_client_*` calls
`store.client_*` from several threads, so the check-then-act inside
`crossmod.store` runs concurrently with itself.
"""

import threading

import crossmod.store as store


def check_in_helper_bad():
    """`store.in_stock_bad` answers for a moment that is already gone."""

    def restock(item):
        if not store.in_stock_bad(item):  # expect-note: check-then-act
            store.stock_bad[item] = 10  # expect: check-then-act

    threads = [threading.Thread(target=restock, args=("pen",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return store.stock_bad


def check_in_helper_ok():
    """The store module's lock covers the helper's test and the store."""

    def restock(item):
        with store.stock_lock_ok:
            if not store.in_stock_ok(item):
                store.stock_ok[item] = 10

    threads = [threading.Thread(target=restock, args=("pen",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return store.stock_ok


def lazy_client_bad():
    """Three threads call `store.client_bad()` at once."""

    def use_client():
        client = store.client_bad()

    threads = [threading.Thread(target=use_client) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def lazy_client_ok():
    """`store.client_ok()` creates the client under a lock."""

    def use_client():
        client = store.client_ok()

    threads = [threading.Thread(target=use_client) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    check_in_helper_bad()
    check_in_helper_ok()
    lazy_client_bad()
    lazy_client_ok()
