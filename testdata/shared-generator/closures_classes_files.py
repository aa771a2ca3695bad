"""Generators reached through a closure, an attribute or a file object.

Scenario: a generator captured by a nested thread target that is started
in a loop, a generator attribute of a class whose public methods run on
several threads, a coroutine-style generator fed with `send()`, `list()`
of one generator on two threads, a file object shared by line readers,
and a generator consumed by a worker while a second worker runs. Each
`_ok` twin gives every thread its own generator or file, locks around the
consumption, feeds a `queue.Queue` from a single producer thread, or
consumes only after `join()`.
"""

import os
import queue
import tempfile
import threading

# -- a generator captured by a closure target started in a loop ------------------------------------------------------


def _rows(n):
    for i in range(n):
        yield {"id": i}


def closure_bad():
    """All workers loop over the `rows` generator of the enclosing function."""
    rows = _rows(200)
    seen = []

    def work():
        for row in rows:  # expect: shared-generator
            seen.append(row["id"])

    threads = [threading.Thread(target=work) for _ in range(3)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen


def closure_ok():
    """One producer thread drains the generator into a `queue.Queue`; workers take from it."""
    rows = _rows(200)
    seen = []
    handoff = queue.Queue()

    def produce():
        for row in rows:
            handoff.put(row)
        for _ in range(3):
            handoff.put(None)

    def work():
        while True:
            row = handoff.get()
            if row is None:
                break
            seen.append(row["id"])

    threads = [threading.Thread(target=produce)]
    threads += [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen


# -- a generator attribute of a thread-safe class --------------------------------------------------------------------


class TicketMachineBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._tickets = ("T%04d" % i for i in range(10000))
        self.issued = 0

    def issue(self):
        ticket = next(self._tickets)  # expect: shared-generator
        with self._lock:
            self.issued += 1
        return ticket


class TicketMachineOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._tickets = ("T%04d" % i for i in range(10000))
        self.issued = 0

    def issue(self):
        with self._lock:
            ticket = next(self._tickets)
            self.issued += 1
        return ticket


def thread_safe_class_bad():
    """`issue` may run on several threads; the generator is resumed without the lock."""
    machine = TicketMachineBad()
    return machine.issue()


def thread_safe_class_ok():
    """`next()` runs under the lock the class created."""
    machine = TicketMachineOk()
    return machine.issue()


# -- a coroutine-style generator fed with send() ------------------------------------------------------------------------


def _averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


avg_bad = _averager()
next(avg_bad)
avg_ok = _averager()
next(avg_ok)
avg_lock_ok = threading.Lock()


def send_bad():
    """Sensors on several threads `send` into one running average."""

    def sensor(base):
        for i in range(30):
            avg_bad.send(base + i)  # expect: shared-generator

    threads = [threading.Thread(target=sensor, args=(b,)) for b in (10, 20, 30)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return avg_bad


def send_ok():
    """`send` runs under a lock."""

    def sensor(base):
        for i in range(30):
            with avg_lock_ok:
                avg_ok.send(base + i)

    threads = [threading.Thread(target=sensor, args=(b,)) for b in (10, 20, 30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return avg_ok


# -- list(gen) on several threads ---------------------------------------------------------------------------------------


def _batch(n):
    for i in range(n):
        yield i


def list_of_generator_bad():
    """Each thread's `list()` gets an unpredictable part of the batch."""
    batch = _batch(1000)
    parts = []

    def collect():
        parts.append(list(batch))  # expect: shared-generator

    threads = [threading.Thread(target=collect) for _ in range(2)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return parts


def list_of_generator_ok():
    """The batch is materialized once, before the threads start."""
    batch = list(_batch(1000))
    parts = []

    def collect():
        parts.append(list(batch))

    threads = [threading.Thread(target=collect) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return parts


# -- a file object shared by line readers ---------------------------------------------------------------------------------


def _write_sample():
    fd, path = tempfile.mkstemp(suffix=".log")
    with os.fdopen(fd, "w") as out:
        out.writelines("line %d\n" % i for i in range(300))
    return path


def shared_file_bad():
    """Readers iterate one file object; lines are split between them unpredictably."""
    path = _write_sample()
    counts = []
    fh = open(path)

    def read_lines():
        n = 0
        for line in fh:  # expect: shared-generator
            n += 1
        counts.append(n)

    threads = [threading.Thread(target=read_lines) for _ in range(3)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fh.close()
    os.remove(path)
    return counts


def shared_file_ok():
    """Every reader opens the file itself."""
    path = _write_sample()
    counts = []

    def read_lines():
        n = 0
        with open(path) as fh:
            for line in fh:
                n += 1
        counts.append(n)

    threads = [threading.Thread(target=read_lines) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.remove(path)
    return counts


# -- two workers vs. one worker and the starter after join() ---------------------------------------------------------------


def _chunks(n):
    for i in range(0, n, 10):
        yield list(range(i, i + 10))


def after_join_bad():
    """Two workers take chunks from one generator at the same time."""
    chunks = _chunks(400)
    first = []

    def head():
        for _ in range(10):
            first.append(next(chunks))  # expect: shared-generator

    threads = [threading.Thread(target=head), threading.Thread(target=head)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rest = list(chunks)
    return first, rest


def after_join_ok():
    """One worker takes chunks; the starter takes the rest after `join()`."""
    chunks = _chunks(400)
    first = []

    def head():
        for _ in range(10):
            first.append(next(chunks))

    threads = [threading.Thread(target=head)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rest = list(chunks)
    return first, rest


if __name__ == "__main__":
    closure_bad()
    closure_ok()
    thread_safe_class_bad()
    thread_safe_class_ok()
    send_bad()
    send_ok()
    list_of_generator_bad()
    list_of_generator_ok()
    shared_file_bad()
    shared_file_ok()
    after_join_bad()
    after_join_ok()
