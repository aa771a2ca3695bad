"""Read-modify-write in functions run by thread pools and executors.

Scenario: the worker is handed to a pool instead of `threading.Thread`:
`ThreadPoolExecutor.submit` in a loop, `ThreadPoolExecutor.map` inside
`with`, `concurrent.futures` imported as a module,
`multiprocessing.pool.ThreadPool.map` and `apply_async`,
`asyncio.to_thread` and `loop.run_in_executor`. A pool runs the function on
several threads at once, so its update races with itself. Code after
`shutdown()`, after the executor's `with` block, or after the pool is
joined runs alone.
"""

import asyncio
import threading
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool

# -- ThreadPoolExecutor.submit in a loop ------------------------------------------------------------------

processed_bad = 0
processed_ok = 0
processed_lock_ok = threading.Lock()


def submit_loop_bad():
    """Every `submit` runs `handle` on a pool thread."""
    global processed_bad

    def handle(n):
        global processed_bad
        processed_bad += n  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write

    pool = ThreadPoolExecutor(max_workers=4)
    for n in range(50):
        pool.submit(handle, n)  # expect-note: unguarded-read-modify-write
    pool.shutdown(wait=True)
    processed_bad += 1000  # after shutdown(): the pool's threads are done
    return processed_bad


def submit_loop_ok():
    """The update holds a lock; after `shutdown()` the starter updates alone."""
    global processed_ok

    def handle(n):
        global processed_ok
        with processed_lock_ok:
            processed_ok += n

    pool = ThreadPoolExecutor(max_workers=4)
    for n in range(50):
        pool.submit(handle, n)
    pool.shutdown(wait=True)
    processed_ok += 1000  # after shutdown(): the pool's threads are done
    return processed_ok


# -- with ThreadPoolExecutor() as ex: ex.map(...) ----------------------------------------------------------

pixels_bad = {"red": 0, "blue": 0}
pixels_ok = {"red": 0, "blue": 0}
pixels_lock_ok = threading.Lock()


def map_with_bad():
    """`map` runs `tally` for every item on the pool's threads."""

    def tally(color):
        pixels_bad[color] += 1  # expect: unguarded-read-modify-write

    with ThreadPoolExecutor(max_workers=4) as ex:
        list(ex.map(tally, ["red", "blue"] * 100))
    pixels_bad["red"] += 1  # after the with block: the pool's threads are done
    return pixels_bad


def map_with_ok():
    """The element update holds a lock; after the `with` block the starter runs alone."""

    def tally(color):
        with pixels_lock_ok:
            pixels_ok[color] += 1

    with ThreadPoolExecutor(max_workers=4) as ex:
        list(ex.map(tally, ["red", "blue"] * 100))
    pixels_ok["red"] += 1  # after the with block: the pool's threads are done
    return pixels_ok


# -- from concurrent import futures ------------------------------------------------------------------------------

downloaded_bad = 0
downloaded_ok = 0
downloaded_lock_ok = threading.Lock()


def futures_alias_bad():
    """`futures.ThreadPoolExecutor` is the same executor under the module's name."""

    def download(size):
        global downloaded_bad
        downloaded_bad = downloaded_bad + size  # expect: unguarded-read-modify-write

    with futures.ThreadPoolExecutor(max_workers=3) as pool:
        fs = [pool.submit(download, s) for s in (10, 20, 30, 40)]
        futures.wait(fs)
    return downloaded_bad


def futures_alias_ok():
    """The update holds a lock."""

    def download(size):
        global downloaded_ok
        with downloaded_lock_ok:
            downloaded_ok = downloaded_ok + size

    with futures.ThreadPoolExecutor(max_workers=3) as pool:
        fs = [pool.submit(download, s) for s in (10, 20, 30, 40)]
        futures.wait(fs)
    return downloaded_ok


# -- multiprocessing.pool.ThreadPool.map ------------------------------------------------------------------------------

checksum_bad = 0
checksum_ok = 0
checksum_lock_ok = threading.Lock()


def threadpool_map_bad():
    """`ThreadPool.map` runs `mix` on the pool's threads."""

    def mix(value):
        global checksum_bad
        checksum_bad ^= value  # expect: unguarded-read-modify-write

    with ThreadPool(4) as pool:
        pool.map(mix, range(100))
    return checksum_bad


def threadpool_map_ok():
    """The `^=` holds a lock."""

    def mix(value):
        global checksum_ok
        with checksum_lock_ok:
            checksum_ok ^= value

    with ThreadPool(4) as pool:
        pool.map(mix, range(100))
    return checksum_ok


# -- multiprocessing.pool.ThreadPool.apply_async --------------------------------------------------------------------------

retries_bad = 0
retries_ok = 0
retries_lock_ok = threading.Lock()


def apply_async_bad():
    """Each `apply_async` runs `attempt` on a pool thread."""

    def attempt(n):
        global retries_bad
        for _ in range(n):
            retries_bad += 1  # expect: unguarded-read-modify-write

    pool = ThreadPool(3)
    results = [pool.apply_async(attempt, (100,)) for _ in range(3)]
    for r in results:
        r.get()
    pool.close()
    pool.join()
    return retries_bad


def apply_async_ok():
    """The update holds a lock."""

    def attempt(n):
        global retries_ok
        for _ in range(n):
            with retries_lock_ok:
                retries_ok += 1

    pool = ThreadPool(3)
    results = [pool.apply_async(attempt, (100,)) for _ in range(3)]
    for r in results:
        r.get()
    pool.close()
    pool.join()
    return retries_ok


# -- asyncio.to_thread ------------------------------------------------------------------------------------------------------

parsed_bad = 0
parsed_ok = 0
parsed_lock_ok = threading.Lock()


def to_thread_bad():
    """`asyncio.to_thread` runs `parse` on the default executor's threads."""

    def parse(lines):
        global parsed_bad
        for _ in range(lines):
            parsed_bad += 1  # expect: unguarded-read-modify-write

    async def main():
        await asyncio.gather(*(asyncio.to_thread(parse, 200) for _ in range(4)))

    asyncio.run(main())
    return parsed_bad


def to_thread_ok():
    """The update holds a lock."""

    def parse(lines):
        global parsed_ok
        for _ in range(lines):
            with parsed_lock_ok:
                parsed_ok += 1

    async def main():
        await asyncio.gather(*(asyncio.to_thread(parse, 200) for _ in range(4)))

    asyncio.run(main())
    return parsed_ok


# -- loop.run_in_executor(None, f, ...) ---------------------------------------------------------------------------------------

latency_bad = {"total_ms": 0}
latency_ok = {"total_ms": 0}
latency_lock_ok = threading.Lock()


def run_in_executor_bad():
    """`run_in_executor(None, ...)` runs `measure` on the default executor."""

    def measure(ms):
        # expect: unguarded-read-modify-write
        latency_bad["total_ms"] = latency_bad.get("total_ms", 0) + ms

    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.gather(*[loop.run_in_executor(None, measure, ms) for ms in range(20)])

    asyncio.run(main())
    return latency_bad


def run_in_executor_ok():
    """The update holds a lock."""

    def measure(ms):
        with latency_lock_ok:
            latency_ok["total_ms"] = latency_ok.get("total_ms", 0) + ms

    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.gather(*[loop.run_in_executor(None, measure, ms) for ms in range(20)])

    asyncio.run(main())
    return latency_ok


if __name__ == "__main__":
    submit_loop_bad()
    submit_loop_ok()
    map_with_bad()
    map_with_ok()
    futures_alias_bad()
    futures_alias_ok()
    threadpool_map_bad()
    threadpool_map_ok()
    apply_async_bad()
    apply_async_ok()
    to_thread_bad()
    to_thread_ok()
    run_in_executor_bad()
    run_in_executor_ok()
