"""Threads that reach the counters through `import crossmod.metrics as metrics`.

Scenario: `caller_lock_*` calls `metrics.add_bytes_*`, which expects its
caller to hold `metrics.bytes_lock_ok`; `module_attribute_*` updates
`metrics.errors_*` directly from here.
"""

import threading

import crossmod.metrics as metrics


def caller_lock_bad():
    """Nobody holds a lock around `metrics.add_bytes_bad`."""

    def upload(chunks):
        for c in chunks:
            metrics.add_bytes_bad(len(c))

    threads = [threading.Thread(target=upload, args=(["abc", "de"] * 100,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return metrics.bytes_bad


def caller_lock_ok():
    """Every call holds `metrics.bytes_lock_ok`, so the update in `metrics` runs under it."""

    def upload(chunks):
        for c in chunks:
            with metrics.bytes_lock_ok:
                metrics.add_bytes_ok(len(c))

    threads = [threading.Thread(target=upload, args=(["abc", "de"] * 100,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return metrics.bytes_ok


def module_attribute_bad():
    """`metrics.errors_bad += 1` is a read and a write of another module's global."""

    def fail(n):
        for _ in range(n):
            metrics.errors_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=fail, args=(300,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return metrics.errors_bad


def module_attribute_ok():
    """The update holds the lock that `metrics` provides for it."""

    def fail(n):
        for _ in range(n):
            with metrics.errors_lock_ok:
                metrics.errors_ok += 1

    threads = [threading.Thread(target=fail, args=(300,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return metrics.errors_ok


if __name__ == "__main__":
    caller_lock_bad()
    caller_lock_ok()
    module_attribute_bad()
    module_attribute_ok()
