"""Emptiness tests on shared lists and deques before taking an element.

Scenario: several consumer threads take work from one module-level list or
deque. The `_bad` consumers test that the sequence is not empty (`len`,
truthiness, a `while` condition) and then `pop` or index it; another
consumer can take the last element in between, and the `pop` raises
`IndexError`. The `_ok` twins just try to take an element and handle
`IndexError`, which is one atomic step. A length test before an `append`
to a bounded buffer is the same race in the other direction; its `_ok`
twin holds a lock across both steps.
"""

import threading
from collections import deque

# -- len(x) > 0, then x.pop() -------------------------------------------------------

jobs_bad = list(range(20))
jobs_ok = list(range(20))


def len_then_pop_bad():
    """Two consumers see one job left; the second `pop` raises `IndexError`."""

    def consume():
        for _ in range(8):
            if len(jobs_bad) > 0:  # expect-note: check-then-act
                jobs_bad.pop()  # expect: check-then-act

    threads = [threading.Thread(target=consume) for _ in range(4)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return jobs_bad


def len_then_pop_ok():
    """`pop` either takes a job or raises; nothing can happen in between."""

    def consume():
        for _ in range(8):
            try:
                jobs_ok.pop()
            except IndexError:
                break

    threads = [threading.Thread(target=consume) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return jobs_ok


# -- truthiness, then x.pop(0) --------------------------------------------------------

tasks_bad = ["task%d" % i for i in range(10)]
tasks_ok = ["task%d" % i for i in range(10)]


def truthy_pop_front_bad():
    """`if tasks:` is stale by the time `pop(0)` runs."""

    def consume():
        for _ in range(5):
            if tasks_bad:  # expect-note: check-then-act
                tasks_bad.pop(0)  # expect: check-then-act

    threads = [threading.Thread(target=consume) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tasks_bad


def truthy_pop_front_ok():
    """Take the first task and handle the empty list in one step."""

    def consume():
        for _ in range(5):
            try:
                tasks_ok.pop(0)
            except IndexError:
                break

    threads = [threading.Thread(target=consume) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tasks_ok


# -- while x: item = x.pop() --------------------------------------------------------------

work_bad = list(range(30))
done_bad = []
work_ok = list(range(30))
done_ok = []


def while_pop_bad():
    """The `while` test passes for two consumers when one item is left."""

    def drain():
        while work_bad:  # expect-note: check-then-act
            item = work_bad.pop()  # expect: check-then-act
            done_bad.append(item)

    threads = [threading.Thread(target=drain) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done_bad


def while_pop_ok():
    """Loop until `pop` itself reports the list is empty."""

    def drain():
        while True:
            try:
                item = work_ok.pop()
            except IndexError:
                break
            done_ok.append(item)

    threads = [threading.Thread(target=drain) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done_ok


# -- deque: if dq: dq.popleft() --------------------------------------------------------------

orders_bad = deque(range(12))
orders_ok = deque(range(12))


def deque_popleft_bad():
    """`deque.popleft` is atomic, but the test before it is a separate step."""

    def ship():
        for _ in range(5):
            if orders_bad:  # expect-note: check-then-act
                orders_bad.popleft()  # expect: check-then-act

    threads = [threading.Thread(target=ship) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return orders_bad


def deque_popleft_ok():
    """Call `popleft` and handle `IndexError`."""

    def ship():
        for _ in range(5):
            try:
                orders_ok.popleft()
            except IndexError:
                break

    threads = [threading.Thread(target=ship) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return orders_ok


# -- if x: first = x[0], while another thread clears the list ---------------------------------

window_bad = [1, 2, 3]
window_ok = [1, 2, 3]


def peek_first_bad():
    """`reset` can empty the list between the test and the subscript."""

    def peek():
        for _ in range(200):
            if window_bad:  # expect-note: check-then-act
                oldest = window_bad[0]  # expect: check-then-act

    def reset():
        for _ in range(200):
            window_bad.clear()  # expect-note: check-then-act
            window_bad.extend((1, 2, 3))

    threads = [threading.Thread(target=peek), threading.Thread(target=reset)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return window_bad


def peek_first_ok():
    """Index the list and handle `IndexError`."""

    def peek():
        for _ in range(200):
            try:
                oldest = window_ok[0]
            except IndexError:
                pass

    def reset():
        for _ in range(200):
            window_ok.clear()
            window_ok.extend((1, 2, 3))

    threads = [threading.Thread(target=peek), threading.Thread(target=reset)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return window_ok



# -- len(x) < limit, then x.append(...) (bounded buffer) -----------------------------------------

recent_bad = []
recent_ok = []
recent_lock_ok = threading.Lock()


def bounded_append_bad():
    """Several producers see room for one more entry; the buffer grows past its limit."""

    def remember(item):
        if len(recent_bad) < 3:  # expect-note: check-then-act
            recent_bad.append(item)  # expect: check-then-act

    threads = [threading.Thread(target=remember, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recent_bad


def bounded_append_ok():
    """The length test and the append run under one lock."""

    def remember(item):
        with recent_lock_ok:
            if len(recent_ok) < 3:
                recent_ok.append(item)

    threads = [threading.Thread(target=remember, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recent_ok


if __name__ == "__main__":
    len_then_pop_bad()
    len_then_pop_ok()
    truthy_pop_front_bad()
    truthy_pop_front_ok()
    while_pop_bad()
    while_pop_ok()
    deque_popleft_bad()
    deque_popleft_ok()
    peek_first_bad()
    peek_first_ok()
    bounded_append_bad()
    bounded_append_ok()
