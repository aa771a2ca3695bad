"""The metrics aggregator of metrics_aggregator.py with every race fixed; silent under every rule.

Scenario: counters are updated and copied under `COUNTER_LOCK`, the timer
lists are created with `setdefault`, the warnings filter is set by the
main thread before any thread starts, the probe reads `LAST_FLUSH` under
the lock its annotation names, and the gauges' annotation names the lock
that exists.
"""

import threading
import time
import warnings

COUNTER_LOCK = threading.Lock()
COUNTERS = {}  # racelint: guarded-by=COUNTER_LOCK
TIMERS = {}
GAUGE_LOCK = threading.Lock()
GAUGES = {}  # racelint: guarded-by=GAUGE_LOCK
FLUSH_LOCK = threading.Lock()
LAST_FLUSH = None  # racelint: guarded-by=FLUSH_LOCK
EXPORTED = []


def record(name):
    with COUNTER_LOCK:
        COUNTERS[name] = COUNTERS.get(name, 0) + 1


def observe(name, elapsed):
    TIMERS.setdefault(name, []).append(elapsed)


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
    for _ in range(5):
        with COUNTER_LOCK:
            batch = list(COUNTERS.items())
        EXPORTED.append(batch)
        with FLUSH_LOCK:
            LAST_FLUSH = time.monotonic()


def health():
    with FLUSH_LOCK:
        return {"last_flush": LAST_FLUSH}


def main():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        threads = [threading.Thread(target=recorder, args=(w,)) for w in range(4)]
        threads.append(threading.Thread(target=flusher))
        threads.append(threading.Thread(target=health))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return COUNTERS, GAUGES, len(EXPORTED)


if __name__ == "__main__":
    main()
