"""Threads that call an update function imported from another module.

Scenario: `from .metrics import ...` brings in the counting functions; the
`+=` they do runs on every thread started here.
"""

import threading

from .metrics import record_request_bad, record_request_ok


def imported_function_bad():
    """Four threads call `record_request_bad`, whose `+=` holds no lock."""

    def serve(n):
        for _ in range(n):
            record_request_bad()

    threads = [threading.Thread(target=serve, args=(300,)) for _ in range(4)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def imported_function_ok():
    """`record_request_ok` takes its module's lock."""

    def serve(n):
        for _ in range(n):
            record_request_ok()

    threads = [threading.Thread(target=serve, args=(300,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    imported_function_bad()
    imported_function_ok()
