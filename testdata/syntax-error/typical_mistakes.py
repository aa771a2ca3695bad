"""Typical beginner mistakes: the error is reported where CPython reports it.

Scenario: a worker function whose `for` header lost its colon. Only the first
error of a file is a finding; the rest of the file is still analyzed.
"""
import threading

counts = {}


def worker_bad(names):
    for name in names  # expect: syntax-error "expected `:`"
        counts[name] = counts.get(name, 0) + 1


def start():
    t = threading.Thread(target=worker_bad, args=(["a", "b"],))
    t.start()
    t.join()
