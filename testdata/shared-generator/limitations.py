"""Known imprecision: a shared generator missed and a safe hand-over reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed (`known-fn`): the generator is
stored in a dict and every thread fetches it from there. Reported but safe
(`known-fp`): the second thread waits on an `Event` that the first sets
after its last `next()`. Each is listed under Limitations in
docs/rules/shared-generator.md.
"""

import threading


def _ticks():
    n = 0
    while True:
        n += 1
        yield n


# -- a generator kept in a dict (missed) -------------------------------------------------------------------------

FEEDS_BAD = {"ticks": _ticks()}
FEEDS_OK = {"ticks": _ticks()}
FEEDS_LOCK_OK = threading.Lock()


def container_bad():
    """Every worker resumes the generator stored under `"ticks"`."""
    seen = []

    def worker():
        for _ in range(20):
            seen.append(next(FEEDS_BAD["ticks"]))  # known-fn: shared-generator -- the generator is an element of a dict; container elements are not tracked as generator objects

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen


def container_ok():
    """`next()` runs under a lock."""
    seen = []

    def worker():
        for _ in range(20):
            with FEEDS_LOCK_OK:
                tick = next(FEEDS_OK["ticks"])
            seen.append(tick)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen


# -- a hand-over ordered by Event.wait() (reported, but safe) ----------------------------------------------------

relay_bad = _ticks()
relay_ok = _ticks()
relay_done_ok = threading.Event()


def event_handover_bad():
    """Both legs run at once and resume the generator together."""
    legs = []

    def first_leg():
        legs.append([next(relay_bad) for _ in range(10)])  # expect: shared-generator

    def second_leg():
        legs.append([next(relay_bad) for _ in range(10)])  # expect: shared-generator

    threads = [threading.Thread(target=first_leg), threading.Thread(target=second_leg)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return legs


def event_handover_ok():
    """The second leg starts consuming only after the first leg has finished."""
    legs = []

    def first_leg():
        legs.append([next(relay_ok) for _ in range(10)])  # known-fp: shared-generator -- `Event.set()`/`wait()` orders the two legs; that happens-before edge is not modeled
        relay_done_ok.set()

    def second_leg():
        relay_done_ok.wait()
        legs.append([next(relay_ok) for _ in range(10)])  # known-fp: shared-generator -- `Event.set()`/`wait()` orders the two legs; that happens-before edge is not modeled

    threads = [threading.Thread(target=first_leg), threading.Thread(target=second_leg)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return legs


if __name__ == "__main__":
    container_bad()
    container_ok()
    event_handover_bad()
    event_handover_ok()
