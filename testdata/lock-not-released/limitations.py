"""Known imprecision: a correct release reported.

Scenario: a case outside the analysis model, kept so that a change in
precision shows up as a test failure. Reported but safe (`known-fp`): the
`finally:` releases the lock through a helper function. Listed under
Limitations in docs/rules/lock-not-released.md.
"""

import threading

# -- the release done by a helper in finally: (reported, but safe) ---------------------------------------------

report_lock_bad = threading.Lock()
report_lock_ok = threading.Lock()
report_bad = []
report_ok = []


def _unlock_report_ok():
    report_lock_ok.release()


def release_in_helper_bad(line):
    """No `finally:`: a failing `strip()` leaves the lock held."""
    report_lock_bad.acquire()  # expect: lock-not-released
    report_bad.append(line.strip())
    report_lock_bad.release()  # expect-note: lock-not-released


def release_in_helper_ok(line):
    """`finally:` calls a helper that releases the lock."""
    report_lock_ok.acquire()  # known-fp: lock-not-released -- the release happens in the called helper `_unlock_report_ok`; releases are looked for in the function that acquires only
    try:
        report_ok.append(line.strip())
    finally:
        _unlock_report_ok()


if __name__ == "__main__":
    release_in_helper_bad(" a ")
    release_in_helper_ok(" a ")
