"""The multi-agent system as a first attempt would write it: it has races.

Four agents share a blackboard, a results cache, progress counters and a task
list without enough locking.  With the GIL the program almost always passes
its own invariant checks; once the GIL is gone the same code loses updates,
computes things twice and crashes.  ``capstone.fixed`` is the repaired version.

Run: ``python3 -m capstone.racy [--size small|medium]``
"""
