"""`for` loops over shared containers that other threads change in place.

Scenario: worker threads add, remove or replace entries of a module-level
dict, list, set or deque while another thread (a monitor, a reporter, the
starter itself) walks over the same container with a `for` loop. Each
`_bad` loop can see the container change size under it (`RuntimeError:
dictionary changed size during iteration`, skipped or repeated list
elements). Each `_ok` twin walks a snapshot taken under the lock that the
writers hold, holds that lock for the whole loop, or walks after `join()`.
"""

import collections
import threading

# -- monitor thread iterating a blackboard dict while agents post ------------------------------------------

board_bad = {}
board_ok = {}
board_lock_ok = threading.Lock()


def blackboard_monitor_bad():
    """The monitor walks `board_bad.items()` while agents insert new keys."""

    def agent(name):
        for step in range(50):
            board_bad["%s-%d" % (name, step)] = step * step  # expect-note: iterate-while-mutate

    def monitor():
        for _ in range(20):
            for key, value in board_bad.items():  # expect: iterate-while-mutate
                assert value >= 0, key

    threads = [threading.Thread(target=agent, args=("agent%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=monitor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return board_bad


def blackboard_monitor_ok():
    """The monitor copies the items under the agents' lock and walks the copy."""

    def agent(name):
        for step in range(50):
            with board_lock_ok:
                board_ok["%s-%d" % (name, step)] = step * step

    def monitor():
        for _ in range(20):
            with board_lock_ok:
                snapshot = list(board_ok.items())
            for key, value in snapshot:
                assert value >= 0, key

    threads = [threading.Thread(target=agent, args=("agent%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=monitor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return board_ok


# -- iterating a shared list while workers append --------------------------------------------------------------

events_bad = []
events_ok = []
events_lock_ok = threading.Lock()


def list_append_bad():
    """The reporter can skip or repeat events appended while it walks the list."""

    def record(worker):
        for i in range(100):
            events_bad.append((worker, i))  # expect-note: iterate-while-mutate

    def report():
        seen = 0
        for _ in range(10):
            for event in events_bad:  # expect: iterate-while-mutate
                seen += 1
        return seen

    threads = [threading.Thread(target=record, args=(w,)) for w in range(3)]
    threads.append(threading.Thread(target=report))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return events_bad


def list_append_ok():
    """The reporter holds the writers' lock for the whole loop."""

    def record(worker):
        for i in range(100):
            with events_lock_ok:
                events_ok.append((worker, i))

    def report():
        seen = 0
        for _ in range(10):
            with events_lock_ok:
                for event in events_ok:
                    seen += 1
        return seen

    threads = [threading.Thread(target=record, args=(w,)) for w in range(3)]
    threads.append(threading.Thread(target=report))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return events_ok


# -- iterating a shared set while workers add -----------------------------------------------------------------

visited_bad = set()
visited_ok = set()
visited_lock_ok = threading.Lock()


def set_add_bad():
    """`Set changed size during iteration` when a crawler adds a URL mid-loop."""

    def crawl(site):
        for page in range(60):
            visited_bad.add("%s/%d" % (site, page))  # expect-note: iterate-while-mutate

    def count_sites():
        hosts = 0
        for _ in range(10):
            for url in visited_bad:  # expect: iterate-while-mutate
                hosts += url.startswith("a")
        return hosts

    threads = [threading.Thread(target=crawl, args=(s,)) for s in ("a.org", "b.org")]
    threads.append(threading.Thread(target=count_sites))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visited_bad


def set_add_ok():
    """The counter walks a copy made under the crawlers' lock."""

    def crawl(site):
        for page in range(60):
            with visited_lock_ok:
                visited_ok.add("%s/%d" % (site, page))

    def count_sites():
        hosts = 0
        for _ in range(10):
            with visited_lock_ok:
                snapshot = list(visited_ok)
            for url in snapshot:
                hosts += url.startswith("a")
        return hosts

    threads = [threading.Thread(target=crawl, args=(s,)) for s in ("a.org", "b.org")]
    threads.append(threading.Thread(target=count_sites))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visited_ok


# -- `.keys()` in a for loop while another thread deletes ----------------------------------------------------------

leases_bad = {i: "lease%d" % i for i in range(200)}
leases_ok = {i: "lease%d" % i for i in range(200)}
leases_lock_ok = threading.Lock()


def keys_del_bad():
    """The auditor walks the keys while the reaper deletes expired leases."""

    def reap():
        for key in range(0, 200, 2):
            del leases_bad[key]  # expect-note: iterate-while-mutate

    def audit():
        names = []
        for key in leases_bad.keys():  # expect: iterate-while-mutate
            names.append(key)
        return names

    threads = [threading.Thread(target=reap), threading.Thread(target=audit)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return leases_bad


def keys_del_ok():
    """The reaper and the auditor hold one lock; the auditor walks a snapshot."""

    def reap():
        for key in range(0, 200, 2):
            with leases_lock_ok:
                del leases_ok[key]

    def audit():
        names = []
        with leases_lock_ok:
            snapshot = list(leases_ok.keys())
        for key in snapshot:
            names.append(key)
        return names

    threads = [threading.Thread(target=reap), threading.Thread(target=audit)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return leases_ok


# -- `.values()` in a for loop while another thread calls update() --------------------------------------------------

stock_bad = {"tea": 3}
stock_ok = {"tea": 3}


def values_update_bad():
    """`update` can add keys while the valuation walks the values."""

    def restock(batch):
        for i in range(50):
            stock_bad.update({"%s%d" % (batch, i): i})  # expect-note: iterate-while-mutate

    def value_of_stock():
        total = 0
        for count in stock_bad.values():  # expect: iterate-while-mutate
            total += count
        return total

    threads = [threading.Thread(target=restock, args=(b,)) for b in ("x", "y")]
    threads.append(threading.Thread(target=value_of_stock))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stock_bad


def values_update_ok():
    """`copy()` is one atomic call; the valuation walks the private copy."""

    def restock(batch):
        for i in range(50):
            stock_ok.update({"%s%d" % (batch, i): i})

    def value_of_stock():
        total = 0
        for count in stock_ok.copy().values():
            total += count
        return total

    threads = [threading.Thread(target=restock, args=(b,)) for b in ("x", "y")]
    threads.append(threading.Thread(target=value_of_stock))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stock_ok


# -- iterating a shared list while another thread removes --------------------------------------------------------

queue_bad = list(range(300))
queue_ok = list(range(300))
queue_lock_ok = threading.Lock()


def list_remove_bad():
    """`remove` shifts the elements the scanner has not reached yet: some are skipped."""

    def cancel():
        for job in range(0, 300, 3):
            queue_bad.remove(job)  # expect-note: iterate-while-mutate

    def scan():
        urgent = []
        for job in queue_bad:  # expect: iterate-while-mutate
            if job % 7 == 0:
                urgent.append(job)
        return urgent

    threads = [threading.Thread(target=cancel), threading.Thread(target=scan)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return queue_bad


def list_remove_ok():
    """The scanner holds the lock that `cancel` holds, for the whole loop."""

    def cancel():
        for job in range(0, 300, 3):
            with queue_lock_ok:
                queue_ok.remove(job)

    def scan():
        urgent = []
        with queue_lock_ok:
            for job in queue_ok:
                if job % 7 == 0:
                    urgent.append(job)
        return urgent

    threads = [threading.Thread(target=cancel), threading.Thread(target=scan)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return queue_ok


# -- iterating a deque while a producer appends ----------------------------------------------------------------------

recent_bad = collections.deque(maxlen=50)
recent_ok = collections.deque(maxlen=50)
recent_lock_ok = threading.Lock()


def deque_append_bad():
    """`deque mutated during iteration` when the producer appends mid-loop."""

    def produce():
        for i in range(500):
            recent_bad.append(i)  # expect-note: iterate-while-mutate

    def summarize():
        total = 0
        for _ in range(20):
            for item in recent_bad:  # expect: iterate-while-mutate
                total += item
        return total

    threads = [threading.Thread(target=produce), threading.Thread(target=summarize)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recent_bad


def deque_append_ok():
    """The summary copies the deque under the producer's lock."""

    def produce():
        for i in range(500):
            with recent_lock_ok:
                recent_ok.append(i)

    def summarize():
        total = 0
        for _ in range(20):
            with recent_lock_ok:
                snapshot = list(recent_ok)
            for item in snapshot:
                total += item
        return total

    threads = [threading.Thread(target=produce), threading.Thread(target=summarize)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recent_ok


# -- the starter iterates before join() vs. after join() ------------------------------------------------------------

results_bad = {}
results_ok = {}


def iterate_before_join_bad():
    """The starter prints results while the workers are still storing them."""

    def solve(n):
        results_bad[n] = n * n  # expect-note: iterate-while-mutate

    threads = [threading.Thread(target=solve, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    lines = []
    for n, square in results_bad.items():  # expect: iterate-while-mutate
        lines.append("%d -> %d" % (n, square))
    for t in threads:
        t.join()
    return lines


def iterate_before_join_ok():
    """The starter reads the results after every worker has been joined."""

    def solve(n):
        results_ok[n] = n * n

    threads = [threading.Thread(target=solve, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = []
    for n, square in results_ok.items():
        lines.append("%d -> %d" % (n, square))
    return lines


# -- a mutation by pop()/popitem()/clear() in another thread ---------------------------------------------------------

pending_bad = {i: i for i in range(100)}
pending_ok = {i: i for i in range(100)}


def popitem_bad():
    """`popitem` shrinks the dict while the checker walks it."""

    def drain():
        for _ in range(50):
            pending_bad.popitem()  # expect-note: iterate-while-mutate

    def check():
        odd = 0
        for key in pending_bad:  # expect: iterate-while-mutate
            odd += key % 2
        return odd

    threads = [threading.Thread(target=drain), threading.Thread(target=check)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return pending_bad


def popitem_ok():
    """The checker walks `copy()`, taken in one atomic call."""

    def drain():
        for _ in range(50):
            pending_ok.popitem()

    def check():
        odd = 0
        for key in pending_ok.copy():
            odd += key % 2
        return odd

    threads = [threading.Thread(target=drain), threading.Thread(target=check)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return pending_ok


if __name__ == "__main__":
    blackboard_monitor_bad()
    blackboard_monitor_ok()
    list_append_bad()
    list_append_ok()
    set_add_bad()
    set_add_ok()
    keys_del_bad()
    keys_del_ok()
    values_update_bad()
    values_update_ok()
    list_remove_bad()
    list_remove_ok()
    deque_append_bad()
    deque_append_ok()
    iterate_before_join_bad()
    iterate_before_join_ok()
    popitem_bad()
    popitem_ok()
