# args: --select unused-suppression,syntax-error
"""Suppression comments that no longer suppress anything.

Scenario: a module whose syntax error was fixed, but whose comments still
claim to suppress it; one comment has a typo in the rule id.
"""

import threading

lock = threading.Lock()


def worker_bad():
    return 1  # racelint: ignore[syntax-error]  # expect: unused-suppression "no `syntax-error` finding"


def worker_typo_bad():
    return 2  # racelint: ignore[syntax-eror]  # expect: unused-suppression "unknown rule `syntax-eror`"


def worker_ok(:  # racelint: ignore[syntax-error]
    return 3
