"""Cross-module check-then-act: shared state in `store`, threads in `workers` and `jobs`.

Scenario: the shared dicts, their locks and small helpers live in
`crossmod.store`; the thread targets live in other modules and reach the
store through `from .store import ...` and `import crossmod.store as
store`. The package is analyzed as one project, so a test in one module and
a store in another are the same check-then-act.

Run with `python3 -m crossmod.workers` or `python3 -m crossmod.jobs` from
the folder that holds this package.
"""
