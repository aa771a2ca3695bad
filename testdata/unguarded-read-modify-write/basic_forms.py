"""Read-modify-write of module globals and module-level containers.

Scenario: several worker threads update one module-level counter, string,
bit set or dict. Each `_bad` update reads the old value and writes back a
new one in separate steps (`+=`, `x = x + ...`, `d[k] = d.get(k, 0) + 1`,
`x = max(x, v)`), so two workers can read the same old value and one
update is lost. Each `_ok` twin holds one lock around the update, or uses
an operation that is atomic on its own (`list.append`).
"""

import multiprocessing
import threading

# -- global counter: += -----------------------------------------------------------------------------

hits_bad = 0
hits_ok = 0
hits_lock_ok = threading.Lock()


def augmented_global_bad():
    """Four threads add 1000 each; the total can come out below 4000."""

    def work():
        global hits_bad
        for _ in range(1000):
            hits_bad += 1  # expect: unguarded-read-modify-write "module global `hits_bad`"  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=work) for _ in range(4)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return hits_bad


def augmented_global_ok():
    """The increment holds a lock."""

    def work():
        global hits_ok
        for _ in range(1000):
            with hits_lock_ok:
                hits_ok += 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return hits_ok


# -- global counter: x = x + n --------------------------------------------------------------------------

total_bad = 0
total_ok = 0
total_lock_ok = threading.Lock()


def rebind_global_bad():
    """`total = total + n` is a read, an add and a write."""

    def add(n):
        global total_bad
        total_bad = total_bad + n  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=add, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total_bad


def rebind_global_ok():
    """The read and the write-back are under one lock."""

    def add(n):
        global total_ok
        with total_lock_ok:
            total_ok = total_ok + n

    threads = [threading.Thread(target=add, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total_ok


# -- module-level dict element: d[k] += 1 ---------------------------------------------------------------------

word_counts_bad = {"gil": 0, "free": 0}
word_counts_ok = {"gil": 0, "free": 0}
word_counts_lock_ok = threading.Lock()


def dict_element_bad():
    """`d[k] += 1` is a `__getitem__` and a `__setitem__`; each is atomic, the pair is not."""

    def count(words):
        for w in words:
            word_counts_bad[w] += 1  # expect: unguarded-read-modify-write "module global `word_counts_bad`"

    threads = [threading.Thread(target=count, args=(["gil", "free"] * 100,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return word_counts_bad


def dict_element_ok():
    """The element update holds a lock."""

    def count(words):
        for w in words:
            with word_counts_lock_ok:
                word_counts_ok[w] += 1

    threads = [threading.Thread(target=count, args=(["gil", "free"] * 100,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return word_counts_ok


# -- d[k] = d.get(k, 0) + 1 -----------------------------------------------------------------------------------------

visits_bad = {}
visits_ok = {}
visits_lock_ok = multiprocessing.Lock()


def dict_get_add_bad():
    """`get` and the store are two steps; a visit can be lost."""

    def visit(page):
        for _ in range(100):
            visits_bad[page] = visits_bad.get(page, 0) + 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=visit, args=("/home",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visits_bad


def dict_get_add_ok():
    """A `multiprocessing.Lock` works between threads too and guards the update."""

    def visit(page):
        for _ in range(100):
            with visits_lock_ok:
                visits_ok[page] = visits_ok.get(page, 0) + 1

    threads = [threading.Thread(target=visit, args=("/home",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visits_ok


# -- lst = lst + [x] ---------------------------------------------------------------------------------------------------

log_lines_bad = []
log_lines_ok = []


def list_concat_bad():
    """Each thread builds a new list from the old one; lines appended meanwhile are lost."""

    def log(line):
        global log_lines_bad
        log_lines_bad = log_lines_bad + [line]  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=log, args=("line %d" % i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return log_lines_bad


def list_concat_ok():
    """`list.append` mutates the one list in a single atomic step."""

    def log(line):
        log_lines_ok.append(line)

    threads = [threading.Thread(target=log, args=("line %d" % i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return log_lines_ok


# -- string concatenation: s += chunk -----------------------------------------------------------------------------------

transcript_bad = ""
transcript_ok = ""
transcript_lock_ok = threading.Semaphore(1)


def string_concat_bad():
    """Strings are immutable: `+=` reads the old string and binds a new one."""

    def say(chunk):
        global transcript_bad
        transcript_bad += chunk  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=say, args=(c,)) for c in "abcdef"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return transcript_bad


def string_concat_ok():
    """A `Semaphore(1)` used as a mutex guards the concatenation."""

    def say(chunk):
        global transcript_ok
        with transcript_lock_ok:
            transcript_ok += chunk

    threads = [threading.Thread(target=say, args=(c,)) for c in "abcdef"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return transcript_ok


# -- bit set: flags |= bit ------------------------------------------------------------------------------------------------

seen_flags_bad = 0
seen_flags_ok = 0
seen_flags_lock_ok = threading.Lock()


def bitflags_bad():
    """Two threads setting different bits can lose one of them."""

    def mark(bit):
        global seen_flags_bad
        seen_flags_bad |= 1 << bit  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=mark, args=(b,)) for b in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen_flags_bad


def bitflags_ok():
    """The `|=` holds a lock."""

    def mark(bit):
        global seen_flags_ok
        with seen_flags_lock_ok:
            seen_flags_ok |= 1 << bit

    threads = [threading.Thread(target=mark, args=(b,)) for b in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen_flags_ok


# -- element rebind: d[k] = d[k] + n ----------------------------------------------------------------------------------------

scores_bad = {"p1": 0}
scores_ok = {"p1": 0}
scores_lock_ok = threading.Lock()


def element_rebind_bad():
    """The same lost update as `+=`, written out."""

    def score(points):
        scores_bad["p1"] = scores_bad["p1"] + points  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=score, args=(p,)) for p in (1, 2, 3, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_bad


def element_rebind_ok():
    """The read and the write-back are under one lock."""

    def score(points):
        with scores_lock_ok:
            scores_ok["p1"] = scores_ok["p1"] + points

    threads = [threading.Thread(target=score, args=(p,)) for p in (1, 2, 3, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_ok


# -- x = max(x, v) ------------------------------------------------------------------------------------------------------------

peak_bad = 0
peak_ok = 0
peak_lock_ok = threading.Lock()


def max_rebind_bad():
    """A thread holding an old `peak` can write back a smaller maximum."""

    def observe(value):
        global peak_bad
        peak_bad = max(peak_bad, value)  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=observe, args=(v,)) for v in (5, 9, 2, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return peak_bad


def max_rebind_ok():
    """The read and the write-back are under one lock."""

    def observe(value):
        global peak_ok
        with peak_lock_ok:
            peak_ok = max(peak_ok, value)

    threads = [threading.Thread(target=observe, args=(v,)) for v in (5, 9, 2, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return peak_ok


if __name__ == "__main__":
    augmented_global_bad()
    augmented_global_ok()
    rebind_global_bad()
    rebind_global_ok()
    dict_element_bad()
    dict_element_ok()
    dict_get_add_bad()
    dict_get_add_ok()
    list_concat_bad()
    list_concat_ok()
    string_concat_bad()
    string_concat_ok()
    bitflags_bad()
    bitflags_ok()
    element_rebind_bad()
    element_rebind_ok()
    max_rebind_bad()
    max_rebind_ok()
