"""Known imprecision: a race missed and safe code reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed (`known-fn`): a lock per
instance that guards a class attribute shared by every instance. Reported
but safe (`known-fp`): a read ordered after the last locked write by
`Event.wait()`. Each is listed under Limitations in
docs/rules/inconsistent-lock.md.
"""

import threading

# -- a lock per instance guarding a class attribute (missed) -------------------------------------------------


class PrinterBad:
    active_job = None

    def __init__(self):
        self._lock = threading.Lock()

    def submit(self, job):
        with self._lock:
            PrinterBad.active_job = job

    def status(self):
        with self._lock:
            return PrinterBad.active_job  # known-fn: inconsistent-lock -- each instance has its own `_lock`; locks are told apart by field, not by instance, so `self._lock` looks like the lock held at every access


class PrinterOk:
    active_job = None
    _lock = threading.Lock()

    def submit(self, job):
        with PrinterOk._lock:
            PrinterOk.active_job = job

    def status(self):
        with PrinterOk._lock:
            return PrinterOk.active_job


def instance_lock_bad():
    """Two printers, two locks, one class attribute: nothing is excluded."""
    printers = [PrinterBad(), PrinterBad()]
    threads = [threading.Thread(target=printers[0].submit, args=("a",)), threading.Thread(target=printers[1].status)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return printers


def instance_lock_ok():
    """One lock stored on the class guards the class attribute."""
    printers = [PrinterOk(), PrinterOk()]
    threads = [threading.Thread(target=printers[0].submit, args=("a",)), threading.Thread(target=printers[1].status)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return printers


# -- ordering through Event.wait() (reported, but safe) -------------------------------------------------------

answer_bad = {"value": None}
answer_lock_bad = threading.Lock()
answer_ready_bad = threading.Event()
answer_ok = {"value": None}
answer_lock_ok = threading.Lock()
answer_ready_ok = threading.Event()


def event_order_bad():
    """The reader does not wait: it can read before or during the locked update."""

    def compute():
        with answer_lock_bad:
            answer_bad["value"] = 42  # expect-note: inconsistent-lock
        answer_ready_bad.set()

    def show():
        return answer_bad["value"]  # expect: inconsistent-lock

    threads = [threading.Thread(target=compute), threading.Thread(target=show)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answer_bad


def event_order_ok():
    """The reader waits for the event that is set after the last locked write."""

    def compute():
        with answer_lock_ok:
            answer_ok["value"] = 42
        answer_ready_ok.set()

    def show():
        answer_ready_ok.wait()
        return answer_ok["value"]  # known-fp: inconsistent-lock -- `Event.set()`/`wait()` orders the locked write before this read; that happens-before edge is not modeled

    threads = [threading.Thread(target=compute), threading.Thread(target=show)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answer_ok


if __name__ == "__main__":
    instance_lock_bad()
    instance_lock_ok()
    event_order_bad()
    event_order_ok()
