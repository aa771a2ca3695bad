"""Known imprecision: a race missed and safe code reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed (`known-fn`): a library call
that walks the container internally (`json.dumps`). Reported but safe
(`known-fp`): a walk ordered after the last mutation by `Event.wait()`.
Each is listed under Limitations in docs/rules/iterate-while-mutate.md.
"""

import json
import threading

# -- json.dumps walks the dict (missed) ---------------------------------------------------------------------

status_bad = {}
status_ok = {}
status_lock_ok = threading.Lock()


def json_dumps_bad():
    """`json.dumps` iterates the dict while agents post to it."""

    def post(agent):
        for step in range(40):
            status_bad["%s-%d" % (agent, step)] = "busy"

    def publish():
        return json.dumps(status_bad)  # known-fn: iterate-while-mutate -- `json.dumps` walks the dict inside the library; only `for`, comprehensions and the listed built-ins are known to iterate

    threads = [threading.Thread(target=post, args=("a%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=publish))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return status_bad


def json_dumps_ok():
    """`json.dumps` runs under the agents' lock."""

    def post(agent):
        for step in range(40):
            with status_lock_ok:
                status_ok["%s-%d" % (agent, step)] = "busy"

    def publish():
        with status_lock_ok:
            return json.dumps(status_ok)

    threads = [threading.Thread(target=post, args=("a%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=publish))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return status_ok


# -- ordering through Event.wait() (reported, but safe) ------------------------------------------------------

loaded_bad = []
loaded_done_bad = threading.Event()
loaded_ok = []
loaded_done_ok = threading.Event()


def event_order_bad():
    """The checker walks the list while the loader is still appending."""

    def load():
        for i in range(100):
            loaded_bad.append(i)  # expect-note: iterate-while-mutate
        loaded_done_bad.set()

    def verify():
        return all(i >= 0 for i in loaded_bad)  # expect: iterate-while-mutate

    threads = [threading.Thread(target=load), threading.Thread(target=verify)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return loaded_bad


def event_order_ok():
    """The checker waits until the loader has appended its last element."""

    def load():
        for i in range(100):
            loaded_ok.append(i)
        loaded_done_ok.set()

    def verify():
        loaded_done_ok.wait()
        return all(i >= 0 for i in loaded_ok)  # known-fp: iterate-while-mutate -- `Event.set()`/`wait()` orders the last append before the walk; that happens-before edge is not modeled

    threads = [threading.Thread(target=load), threading.Thread(target=verify)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return loaded_ok


if __name__ == "__main__":
    json_dumps_bad()
    json_dumps_ok()
    event_order_bad()
    event_order_ok()
