"""State that looks shared but is confined to one thread at a time.

Scenario: each `_ok` case keeps the same check-then-act as its `_bad` twin
but makes the state unshared: a `threading.local()` attribute, a local
variable, an object created inside the thread and never published, a
`queue.Queue` hand-off, a thread started only once that nobody else
touches, fields of a `Thread` subclass used by its own `run` and read by
the starter only after `join()`, or work done after `join()`. The `_bad`
twin shares the state between running threads.
"""

import queue
import threading

# -- threading.local() attribute vs. an ordinary shared object ---------------------------------------------


class _ConnSlotBad:
    """An ordinary object: its attributes are seen by every thread."""


conn_slot_bad = _ConnSlotBad()
conn_slot_ok = threading.local()


def thread_local_bad():
    """One attribute for all threads: two workers can both create a connection."""

    def work():
        if not hasattr(conn_slot_bad, "conn"):  # expect-note: check-then-act
            conn_slot_bad.conn = {"owner": threading.get_ident()}  # expect: check-then-act

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return conn_slot_bad


def thread_local_ok():
    """`threading.local()` gives every thread its own `conn` attribute."""

    def work():
        if not hasattr(conn_slot_ok, "conn"):
            conn_slot_ok.conn = {"owner": threading.get_ident()}

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return conn_slot_ok


# -- filling defaults before vs. after join() ----------------------------------------------------------------

results_bad = {}
results_ok = {}


def after_join_bad():
    """The starter fills defaults while workers still store real results."""
    keys = ["a", "b", "c"]

    def compute(key):
        results_bad[key] = key * 3

    threads = [threading.Thread(target=compute, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for key in keys:
        if key not in results_bad:  # expect-note: check-then-act
            results_bad[key] = ""  # expect: check-then-act
    for t in threads:
        t.join()
    return results_bad


def after_join_ok():
    """Defaults are filled after every worker has been joined."""
    keys = ["a", "b", "c"]

    def compute(key):
        results_ok[key] = key * 3

    threads = [threading.Thread(target=compute, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for key in keys:
        if key not in results_ok:
            results_ok[key] = ""
    return results_ok


# -- list hand-off vs. queue.Queue hand-off --------------------------------------------------------------------

mailbox_bad = []
mailbox_ok = queue.Queue()


def queue_handoff_bad():
    """Two consumers poll one list; both can see the last message."""

    def produce():
        for i in range(20):
            mailbox_bad.append(i)

    def consume():
        for _ in range(20):
            if mailbox_bad:  # expect-note: check-then-act
                msg = mailbox_bad.pop(0)  # expect: check-then-act

    threads = [threading.Thread(target=produce)]
    threads += [threading.Thread(target=consume) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return mailbox_bad


def queue_handoff_ok():
    """`Queue.get` waits for a message and takes it in one step."""

    def produce():
        for i in range(20):
            mailbox_ok.put(i)
        mailbox_ok.put(None)
        mailbox_ok.put(None)

    def consume():
        while True:
            msg = mailbox_ok.get()
            if msg is None:
                break

    threads = [threading.Thread(target=produce)]
    threads += [threading.Thread(target=consume) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return mailbox_ok


# -- module-global dict vs. local dict -------------------------------------------------------------------------

first_seen_bad = {}


def local_dict_bad():
    """Every worker updates the one module-level dict."""

    def scan(words):
        for w in words:
            if w not in first_seen_bad:  # expect-note: check-then-act
                first_seen_bad[w] = threading.get_ident()  # expect: check-then-act

    threads = [threading.Thread(target=scan, args=(["x", "y", "x"],)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return first_seen_bad


def local_dict_ok():
    """Each call of `scan` makes its own dict; no other thread can see it."""

    def scan(words):
        first_seen = {}
        for w in words:
            if w not in first_seen:
                first_seen[w] = threading.get_ident()

    threads = [threading.Thread(target=scan, args=(["x", "y", "x"],)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# -- published object vs. object created inside the thread ------------------------------------------------------


class BoxBad:
    def __init__(self):
        self.item = None


class BoxOk:
    def __init__(self):
        self.item = None


shared_box_bad = BoxBad()


def unpublished_object_bad():
    """The box is a module global, so every worker fills the same one."""

    def fill():
        if shared_box_bad.item is None:  # expect-note: check-then-act
            shared_box_bad.item = threading.get_ident()  # expect: check-then-act

    threads = [threading.Thread(target=fill) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return shared_box_bad


def unpublished_object_ok():
    """Each worker creates its own box and never stores it where others look."""

    def fill():
        box = BoxOk()
        if box.item is None:
            box.item = threading.get_ident()

    threads = [threading.Thread(target=fill) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# -- target started twice vs. started once and touched by nobody else -------------------------------------------

motd_bad = None
motd_ok = None


def single_thread_bad():
    """Two threads run `warm`; both can see `None`."""

    def warm():
        global motd_bad
        if motd_bad is None:  # expect-note: check-then-act
            motd_bad = "welcome"  # expect: check-then-act

    first = threading.Thread(target=warm)
    second = threading.Thread(target=warm)
    first.start()
    second.start()
    first.join()
    second.join()
    return motd_bad


def single_thread_ok():
    """One thread runs `warm`; the starter reads the result only after `join()`."""

    def warm():
        global motd_ok
        if motd_ok is None:
            motd_ok = "welcome"

    first = threading.Thread(target=warm)
    first.start()
    first.join()
    return motd_ok


# -- Thread subclass fields: used by run() and by the starter before vs. after join() ---------------------------


class SummaryThreadBad(threading.Thread):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers
        self.summary = None

    def run(self):
        self.ensure_summary()

    def ensure_summary(self):
        if self.summary is None:  # expect-note: check-then-act
            self.summary = sum(self.numbers)  # expect: check-then-act
        return self.summary


class SummaryThreadOk(threading.Thread):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers
        self.summary = None

    def run(self):
        self.ensure_summary()

    def ensure_summary(self):
        if self.summary is None:
            self.summary = sum(self.numbers)
        return self.summary


def subclass_fields_bad():
    """The starter calls `ensure_summary` while `run` may be doing the same."""
    worker = SummaryThreadBad([1, 2, 3])
    worker.start()
    total = worker.ensure_summary()
    worker.join()
    return total


def subclass_fields_ok():
    """The starter calls `ensure_summary` only after `join()`."""
    worker = SummaryThreadOk([1, 2, 3])
    worker.start()
    worker.join()
    total = worker.ensure_summary()
    return total


if __name__ == "__main__":
    thread_local_bad()
    thread_local_ok()
    after_join_bad()
    after_join_ok()
    queue_handoff_bad()
    queue_handoff_ok()
    local_dict_bad()
    local_dict_ok()
    unpublished_object_bad()
    unpublished_object_ok()
    single_thread_bad()
    single_thread_ok()
    subclass_fields_bad()
    subclass_fields_ok()
