# args: --select unused-suppression
"""A suppression of a rule that did not run is not judged.

Scenario: only `unused-suppression` runs, so the comment about
`syntax-error` cannot be known to be stale; analyzer directives are never
suppressions.
"""

import threading

lock = threading.Lock()
total = 0  # racelint: guarded-by=lock


def worker_ok():
    return 1  # racelint: ignore[syntax-error]
