"""Threads that run `note` on a sink passed in (its type is not known here)."""

import threading


def drive(sink):
    threads = [threading.Thread(target=sink.note) for _ in range(4)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()
