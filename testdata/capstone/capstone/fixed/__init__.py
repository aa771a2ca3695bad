"""The multi-agent system, made correct.

Same agents, same blackboard, same coordinator and invariant checks as
``capstone.racy``, with every shared sequence of operations made atomic:

* results cache: ``dict.setdefault`` with a Future, so exactly one agent
  computes each job and the others never start it;
* lazy registry: one lock held across the ``is None`` check and the creation;
* task list: a ``queue.Queue`` read with ``get_nowait()`` / ``queue.Empty``;
* counters and per-kind stats: updated together under one lock;
* blackboard: posts under the blackboard's lock, and readers iterate a
  snapshot taken under that lock.

Run: ``python3 -m capstone.fixed [--size small|medium]``
"""
