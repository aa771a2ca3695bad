"""Cross-module read-modify-write: counters in `metrics`, threads in `workers` and `jobs`.

Scenario: the counters, their locks and the functions that update them
live in `crossmod.metrics`; the thread targets live in other modules and
reach them through `from .metrics import ...` and `import crossmod.metrics
as metrics`. The package is analyzed as one project, so an update in one
module races with threads started in another, and a lock taken by a
caller in one module protects an update in another.

Run with `python3 -m crossmod.workers` or `python3 -m crossmod.jobs` from
the folder that holds this package.
"""
