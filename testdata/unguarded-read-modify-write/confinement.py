"""Updates that look shared but are confined to one thread at a time.

Scenario: each `_ok` case keeps the update of its `_bad` twin but makes the
state unshared or the update atomic: a `threading.local()` attribute, a
per-thread local tally summed after `join()`, an object created inside the
thread and never published, a thread started only once that nobody else
touches, a `Thread` subclass's fields updated by the starter only after
`join()`, a `queue.Queue` hand-off to a single consumer, an
`itertools.count()` ticket counter, or an update done after `join()`.
"""

import itertools
import queue
import threading

# -- threading.local() attribute vs. an ordinary shared object ---------------------------------------------


class _TallyHolderBad:
    """An ordinary object: its attributes are seen by every thread."""


tally_holder_bad = _TallyHolderBad()
tally_holder_ok = threading.local()


def thread_local_bad():
    """One `n` for all threads: increments are lost."""

    def work():
        if not hasattr(tally_holder_bad, "n"):
            tally_holder_bad.n = 0
        for _ in range(300):
            tally_holder_bad.n += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally_holder_bad


def thread_local_ok():
    """`threading.local()` gives every thread its own `n`."""

    def work():
        if not hasattr(tally_holder_ok, "n"):
            tally_holder_ok.n = 0
        for _ in range(300):
            tally_holder_ok.n += 1

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally_holder_ok


# -- the starter's update before vs. after join() ---------------------------------------------------------------

progress_bad = 0
progress_ok = 0


def after_join_bad():
    """The starter's `+=` runs while the loader may store into the same global."""
    global progress_bad

    def load():
        global progress_bad
        progress_bad = 50  # expect-note: unguarded-read-modify-write

    loader = threading.Thread(target=load)
    loader.start()
    progress_bad += 1  # expect: unguarded-read-modify-write
    loader.join()
    return progress_bad


def after_join_ok():
    """The starter updates only after `join()`."""
    global progress_ok

    def load():
        global progress_ok
        progress_ok = 50

    loader = threading.Thread(target=load)
    loader.start()
    loader.join()
    progress_ok += 1
    return progress_ok


# -- shared total vs. per-thread local tally summed after join() ----------------------------------------------------

words_total_bad = 0
partials_ok = []


def per_thread_tally_bad():
    """Every worker adds straight into the shared total."""

    def count(lines):
        global words_total_bad
        for line in lines:
            words_total_bad += len(line.split())  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=count, args=(["a b", "c d e"] * 50,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return words_total_bad


def per_thread_tally_ok():
    """Each worker counts in a local and publishes it with `append`; the sum is taken after `join()`."""

    def count(lines):
        local_total = 0
        for line in lines:
            local_total += len(line.split())
        partials_ok.append(local_total)

    threads = [threading.Thread(target=count, args=(["a b", "c d e"] * 50,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(partials_ok)


# -- published object vs. object created inside the thread -----------------------------------------------------------


class AccumulatorBad:
    def __init__(self):
        self.total = 0


class AccumulatorOk:
    def __init__(self):
        self.total = 0


shared_acc_bad = AccumulatorBad()
acc_results_ok = []


def unpublished_object_bad():
    """The accumulator is a module global, so every worker updates the same one."""

    def work(values):
        for v in values:
            shared_acc_bad.total += v  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=work, args=(range(100),)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shared_acc_bad.total


def unpublished_object_ok():
    """Each worker creates its own accumulator and publishes only the number."""

    def work(values):
        acc = AccumulatorOk()
        for v in values:
            acc.total += v
        acc_results_ok.append(acc.total)

    threads = [threading.Thread(target=work, args=(range(100),)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(acc_results_ok)


# -- target started twice vs. started once and touched by nobody else ----------------------------------------------------

polls_bad = 0
polls_ok = 0


def single_thread_bad():
    """Two threads run `poll`."""

    def poll():
        global polls_bad
        for _ in range(500):
            polls_bad += 1  # expect: unguarded-read-modify-write

    first = threading.Thread(target=poll)
    second = threading.Thread(target=poll)
    first.start()
    second.start()
    first.join()
    second.join()
    return polls_bad


def single_thread_ok():
    """One thread runs `poll`; the starter reads the count only after `join()`."""

    def poll():
        global polls_ok
        for _ in range(500):
            polls_ok += 1

    first = threading.Thread(target=poll)
    first.start()
    first.join()
    return polls_ok


# -- Thread subclass fields: updated by run() and by the starter before vs. after join() ------------------------------------


class ScannerBad(threading.Thread):
    def __init__(self):
        super().__init__()
        self.found = 0

    def run(self):
        for i in range(500):
            if i % 7 == 0:
                self.found += 1  # expect: unguarded-read-modify-write

    def add_manual(self, n):
        self.found += n  # expect: unguarded-read-modify-write


class ScannerOk(threading.Thread):
    def __init__(self):
        super().__init__()
        self.found = 0

    def run(self):
        for i in range(500):
            if i % 7 == 0:
                self.found += 1

    def add_manual(self, n):
        self.found += n


def subclass_fields_bad():
    """The starter calls `add_manual` while `run` is still counting."""
    scanner = ScannerBad()
    scanner.start()
    scanner.add_manual(5)
    scanner.join()
    return scanner.found


def subclass_fields_ok():
    """The starter calls `add_manual` after `join()`; until then only `run` touches `found`."""
    scanner = ScannerOk()
    scanner.start()
    scanner.join()
    scanner.add_manual(5)
    return scanner.found


# -- producers update the total vs. hand sizes to one consumer through a queue ---------------------------------------------

bytes_total_bad = 0
bytes_total_ok = 0
sizes_ok = queue.Queue()


def queue_handoff_bad():
    """Three producers add their sizes into the total themselves."""

    def produce(sizes):
        global bytes_total_bad
        for s in sizes:
            bytes_total_bad += s  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=produce, args=([10, 20, 30] * 50,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return bytes_total_bad


def queue_handoff_ok():
    """Producers `put` sizes on a `queue.Queue`; one consumer thread owns the total."""

    def produce(sizes):
        for s in sizes:
            sizes_ok.put(s)

    def consume(expected):
        global bytes_total_ok
        for _ in range(expected):
            bytes_total_ok += sizes_ok.get()

    consumer = threading.Thread(target=consume, args=(3 * 150,))
    consumer.start()
    producers = [threading.Thread(target=produce, args=([10, 20, 30] * 50,)) for _ in range(3)]
    for t in producers:
        t.start()
    for t in producers:
        t.join()
    consumer.join()
    return bytes_total_ok


# -- ticket numbers from += vs. from itertools.count() -----------------------------------------------------------------------

next_ticket_bad = 0
issued_bad = []
ticket_counter_ok = itertools.count(1)
issued_ok = []


def itertools_count_bad():
    """Two threads can draw the same ticket number."""

    def issue():
        global next_ticket_bad
        for _ in range(100):
            next_ticket_bad += 1  # expect: unguarded-read-modify-write
            issued_bad.append(next_ticket_bad)

    threads = [threading.Thread(target=issue) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(set(issued_bad))


def itertools_count_ok():
    """`next()` on an `itertools.count()` hands out each number once."""

    def issue():
        for _ in range(100):
            issued_ok.append(next(ticket_counter_ok))

    threads = [threading.Thread(target=issue) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(set(issued_ok))


if __name__ == "__main__":
    thread_local_bad()
    thread_local_ok()
    after_join_bad()
    after_join_ok()
    per_thread_tally_bad()
    per_thread_tally_ok()
    unpublished_object_bad()
    unpublished_object_ok()
    single_thread_bad()
    single_thread_ok()
    subclass_fields_bad()
    subclass_fields_ok()
    queue_handoff_bad()
    queue_handoff_ok()
    itertools_count_bad()
    itertools_count_ok()
