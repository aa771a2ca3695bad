"""One generator or iterator handed to several threads through a global, `args=` or a pool.

Scenario: a module-global generator, a generator expression or an
`iter(...)` object is read by a thread target started in a loop, or one
generator object is passed in `args=`, in a `functools.partial`, or to
`submit`/`map`/`apply_async` of a pool, so several threads call `next()` on
it or loop over it at once. A generator cannot run on two threads at the
same time (`ValueError: generator already executing`), and an iterator
without a lock can hand out one item twice or lose one. Each `_ok` twin
gives every thread its own generator, takes a lock around `next()`, or
materializes a list before the threads start.
"""

import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool


def _counter():
    n = 0
    while True:
        n += 1
        yield n


def _numbers(limit):
    for i in range(limit):
        yield i * i


# -- a module-global generator read by a target started in a loop ----------------------------------------------

ids_bad = _counter()
ids_ok = _counter()
ids_lock_ok = threading.Lock()


def global_next_bad():
    """Every worker calls `next()` on one generator object."""
    taken = []

    def worker():
        for _ in range(50):
            taken.append(next(ids_bad))  # expect: shared-generator

    threads = [threading.Thread(target=worker) for _ in range(4)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return taken


def global_next_ok():
    """`next()` runs under a lock; one thread at a time resumes the generator."""
    taken = []

    def worker():
        for _ in range(50):
            with ids_lock_ok:
                item = next(ids_ok)
            taken.append(item)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return taken


# -- a module-global generator expression consumed by `for` ------------------------------------------------------

TEXT = ["alpha", "beta", "gamma", "delta"] * 25
upper_bad = (word.upper() for word in TEXT)
upper_ok = [word.upper() for word in TEXT]


def global_genexp_bad():
    """Each worker's `for` resumes the same generator expression."""
    lengths = []

    def measure():
        for word in upper_bad:  # expect: shared-generator
            lengths.append(len(word))

    threads = [threading.Thread(target=measure) for _ in range(3)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lengths


def global_genexp_ok():
    """A list built before the threads start; each worker walks it."""
    lengths = []

    def measure():
        for word in upper_ok:
            lengths.append(len(word))

    threads = [threading.Thread(target=measure) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lengths


# -- a module-global iter() over a task list ---------------------------------------------------------------------

TASKS = ["task%d" % i for i in range(40)]
tasks_it_bad = iter(TASKS)
tasks_it_ok = iter(TASKS)
tasks_lock_ok = threading.Lock()


def global_iter_bad():
    """Workers pull tasks from one list iterator without a lock."""
    done = []

    def worker():
        while True:
            task = next(tasks_it_bad, None)  # expect: shared-generator
            if task is None:
                break
            done.append(task)

    threads = [threading.Thread(target=worker) for _ in range(4)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


def global_iter_ok():
    """Workers pull tasks under a lock."""
    done = []

    def worker():
        while True:
            with tasks_lock_ok:
                task = next(tasks_it_ok, None)
            if task is None:
                break
            done.append(task)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


# -- one generator passed in args= to several threads ----------------------------------------------------------------


def _consume(source, out):
    for item in source:  # expect: shared-generator
        out.append(item)


def _consume_own(source, out):
    for item in source:
        out.append(item)


def args_bad():
    """The same generator object is the argument of every thread."""
    out = []
    squares = _numbers(100)
    threads = [threading.Thread(target=_consume, args=(squares, out)) for _ in range(3)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def args_ok():
    """Every thread gets a generator of its own."""
    out = []
    threads = [threading.Thread(target=_consume_own, args=(_numbers(100), out)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


# -- one generator bound with functools.partial ------------------------------------------------------------------------


def _drain(source, out):
    out.extend(list(source))  # expect: shared-generator


def _drain_own(source, out):
    out.extend(list(source))


def partial_bad():
    """`partial` binds the same generator into every target."""
    out = []
    gen = _numbers(200)
    threads = [threading.Thread(target=functools.partial(_drain, gen, out)) for _ in range(3)]  # expect-note: shared-generator
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def partial_ok():
    """`partial` binds a new generator for every target."""
    out = []
    threads = [threading.Thread(target=functools.partial(_drain_own, _numbers(200), out)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


# -- executor.submit(consume, gen) in a loop ----------------------------------------------------------------------------


def _sum_of(source):
    total = 0
    for value in source:  # expect: shared-generator
        total += value
    return total


def _sum_of_list(source):
    total = 0
    for value in source:
        total += value
    return total


def submit_bad():
    """Four pool tasks loop over one generator."""
    gen = _numbers(500)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = []
        for _ in range(4):
            futures.append(pool.submit(_sum_of, gen))  # expect-note: shared-generator
        return [f.result() for f in futures]


def submit_ok():
    """The values are materialized in a list before the tasks are submitted."""
    values = list(_numbers(500))
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = []
        for _ in range(4):
            futures.append(pool.submit(_sum_of_list, values))
        return [f.result() for f in futures]


# -- ThreadPoolExecutor.map over a function that calls next() on a global -------------------------------------------------

serials_bad = _counter()
serials_ok = _counter()
serials_lock_ok = threading.Lock()


def _stamp_bad(item):
    return item, next(serials_bad)  # expect: shared-generator


def _stamp_ok(item):
    with serials_lock_ok:
        serial = next(serials_ok)
    return item, serial


def pool_map_bad():
    """`map` runs `_stamp_bad` on the pool's threads; they share `serials_bad`."""
    with ThreadPoolExecutor(max_workers=4) as ex:
        return list(ex.map(_stamp_bad, range(20)))  # expect-note: shared-generator


def pool_map_ok():
    """The serial is drawn under a lock."""
    with ThreadPoolExecutor(max_workers=4) as ex:
        return list(ex.map(_stamp_ok, range(20)))


# -- multiprocessing.pool.ThreadPool.apply_async with one generator ---------------------------------------------------------


def _first_three(source):
    return [next(source) for _ in range(3)]  # expect: shared-generator


def _first_three_own(source):
    return [next(source) for _ in range(3)]


def apply_async_bad():
    """Every async task receives the same generator."""
    gen = _counter()
    with ThreadPool(3) as pool:
        results = [pool.apply_async(_first_three, (gen,)) for _ in range(3)]  # expect-note: shared-generator
        return [r.get() for r in results]


def apply_async_ok():
    """Every async task receives its own generator."""
    with ThreadPool(3) as pool:
        results = [pool.apply_async(_first_three_own, (_counter(),)) for _ in range(3)]
        return [r.get() for r in results]


if __name__ == "__main__":
    global_next_bad()
    global_next_ok()
    global_genexp_bad()
    global_genexp_ok()
    global_iter_bad()
    global_iter_ok()
    args_bad()
    args_ok()
    partial_bad()
    partial_ok()
    submit_bad()
    submit_ok()
    pool_map_bad()
    pool_map_ok()
    apply_async_bad()
    apply_async_ok()
