"""Check-then-act on variables of the function that starts the threads.

Scenario: a function creates some state in its own locals, defines a nested
worker that reaches that state through its closure (`nonlocal` for a
rebinding, or a dict mutated in place), and starts the worker on several
threads. The closure variable is shared by every thread running the
worker, exactly like a module global.
"""

import threading

client_lock_ok = threading.Lock()


def nonlocal_lazy_bad():
    """Two workers both see `client is None` and both create a client."""
    client = None

    def work():
        nonlocal client
        if client is None:  # expect-note: check-then-act
            client = {"opened_by": threading.get_ident()}  # expect: check-then-act

    threads = [threading.Thread(target=work) for _ in range(4)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return client


def nonlocal_lazy_ok():
    """The `is None` test and the assignment run under a module-level lock."""
    client = None

    def work():
        nonlocal client
        with client_lock_ok:
            if client is None:
                client = {"opened_by": threading.get_ident()}

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return client


def closure_dict_bad():
    """The enclosing function's dict is shared by all workers."""
    totals = {}

    def add(key, value):
        if key not in totals:  # expect-note: check-then-act
            totals[key] = []  # expect: check-then-act
        totals[key].append(value)

    threads = [threading.Thread(target=add, args=(i % 2, i)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals


def closure_dict_ok():
    """`setdefault` on the closure dict is one step."""
    totals = {}

    def add(key, value):
        totals.setdefault(key, []).append(value)

    threads = [threading.Thread(target=add, args=(i % 2, i)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals


def closure_reader_remover_bad():
    """Two different nested workers share `cfg`; one removes what the other read-checks."""
    cfg = {"mode": "fast"}

    def reader():
        for _ in range(200):
            if "mode" in cfg:  # expect-note: check-then-act
                mode = cfg["mode"]  # expect: check-then-act

    def toggler():
        for _ in range(200):
            cfg.pop("mode", None)  # expect-note: check-then-act
            cfg["mode"] = "slow"

    threads = [threading.Thread(target=reader), threading.Thread(target=toggler)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cfg


def closure_reader_remover_ok():
    """`get` reads the closure dict in one step."""
    cfg = {"mode": "fast"}

    def reader():
        for _ in range(200):
            mode = cfg.get("mode")

    def toggler():
        for _ in range(200):
            cfg.pop("mode", None)
            cfg["mode"] = "slow"

    threads = [threading.Thread(target=reader), threading.Thread(target=toggler)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return cfg


if __name__ == "__main__":
    nonlocal_lazy_bad()
    nonlocal_lazy_ok()
    closure_dict_bad()
    closure_dict_ok()
    closure_reader_remover_bad()
    closure_reader_remover_ok()
