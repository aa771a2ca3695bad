"""A metrics aggregator: recorder threads, a flusher thread and a health probe.

Scenario: four recorder threads count events, time operations and set
gauges in module-level tables; a flusher thread exports the counters and
stamps the time of the last flush; a health probe reports that stamp. The
mistakes: counters updated with `get() + 1` (unguarded-read-modify-write),
a timer list created with a membership test and a store (check-then-act),
the flusher walking the live counter dict (iterate-while-mutate) and
silencing warnings for the whole process (process-global-mutation), the
probe reading `LAST_FLUSH` without the lock its annotation names
(inconsistent-lock), and a `guarded-by=` annotation that names a lock that
does not exist (invalid-annotation).
metrics_aggregator_fixed.py is the same aggregator with every mistake fixed.
"""

import threading
import time
import warnings

COUNTERS = {}
TIMERS = {}
GAUGE_LOCK = threading.Lock()
GAUGES = {}  # racelint: guarded-by=GAUGE_LCK  # expect: invalid-annotation
FLUSH_LOCK = threading.Lock()
LAST_FLUSH = None  # racelint: guarded-by=FLUSH_LOCK  # expect-note: inconsistent-lock
EXPORTED = []


def record(name):
    COUNTERS[name] = COUNTERS.get(name, 0) + 1  # expect: unguarded-read-modify-write  # expect-note: iterate-while-mutate


def observe(name, elapsed):
    if name not in TIMERS:  # expect-note: check-then-act
        TIMERS[name] = []  # expect: check-then-act
    TIMERS[name].append(elapsed)


def set_gauge(name, value):
    with GAUGE_LOCK:
        GAUGES[name] = value


def recorder(worker):
    for i in range(50):
        start = time.perf_counter()
        record("requests")
        observe("latency", time.perf_counter() - start)
        set_gauge("worker%d" % worker, i)


def flusher():
    global LAST_FLUSH
    warnings.simplefilter("ignore")  # expect: process-global-mutation
    for _ in range(5):
        batch = [(name, value) for name, value in COUNTERS.items()]  # expect: iterate-while-mutate
        EXPORTED.append(batch)
        with FLUSH_LOCK:
            LAST_FLUSH = time.monotonic()


def health():
    return {"last_flush": LAST_FLUSH}  # expect: inconsistent-lock


def main():
    with warnings.catch_warnings():
        threads = [threading.Thread(target=recorder, args=(w,)) for w in range(4)]
        threads.append(threading.Thread(target=flusher))  # expect-note: process-global-mutation
        threads.append(threading.Thread(target=health))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return COUNTERS, GAUGES, len(EXPORTED)


if __name__ == "__main__":
    main()
