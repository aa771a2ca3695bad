"""Module-level counters updated from threads started in `workers` and `jobs`.

Scenario: `record_request_*` updates a counter by itself; `add_bytes_*`
relies on its callers to hold `bytes_lock_*`; `errors_*` are updated
directly by code in `jobs` as `metrics.errors_* += 1`.
"""

import threading

# -- used by workers.imported_function_bad / _ok ----------------------------------------------------------

requests_bad = 0
requests_ok = 0
_requests_lock_ok = threading.Lock()


def record_request_bad():
    global requests_bad
    requests_bad += 1  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write


def record_request_ok():
    global requests_ok
    with _requests_lock_ok:
        requests_ok += 1


# -- used by jobs.caller_lock_bad / _ok: the caller must hold the lock ---------------------------------------

bytes_bad = 0
bytes_ok = 0
bytes_lock_ok = threading.Lock()


def add_bytes_bad(n):
    global bytes_bad
    bytes_bad += n  # expect: unguarded-read-modify-write


def add_bytes_ok(n):
    global bytes_ok
    bytes_ok += n


# -- used by jobs.module_attribute_bad / _ok ------------------------------------------------------------------

errors_bad = 0
errors_ok = 0
errors_lock_ok = threading.Lock()
