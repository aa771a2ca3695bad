"""Thread targets that test an imported cache and store through an imported helper.

Scenario: `from .store import ...` brings in the cache, its lock and its
store helper. The membership test runs here and the store runs in
`crossmod.store`; the finding is at the call here, where the lock must be
taken.
"""

import threading

from .store import prices_bad, prices_lock_ok, prices_ok, save_price_bad, save_price_ok


def act_in_helper_bad():
    """Two threads miss on "tea" and both call `save_price_bad`."""

    def quote(item):
        if item not in prices_bad:  # expect-note: check-then-act
            save_price_bad(item, len(item))  # expect: check-then-act

    threads = [threading.Thread(target=quote, args=("tea",)) for _ in range(3)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_bad


def act_in_helper_ok():
    """The imported lock is held across the test and the helper call."""

    def quote(item):
        with prices_lock_ok:
            if item not in prices_ok:
                save_price_ok(item, len(item))

    threads = [threading.Thread(target=quote, args=("tea",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_ok


if __name__ == "__main__":
    act_in_helper_bad()
    act_in_helper_ok()
