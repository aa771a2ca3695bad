"""Check-then-act in functions run by thread pools and executors.

Scenario: the worker is not started with `threading.Thread` but handed to a
pool: `ThreadPoolExecutor.submit` in a loop, `ThreadPoolExecutor.map`
(inside `with`), `concurrent.futures` imported as a module,
`multiprocessing.pool.ThreadPool.map` and `apply_async`,
`asyncio.to_thread` and `loop.run_in_executor`. A pool runs the function on
several threads at once, so it races with itself.
"""

import asyncio
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool

# -- ThreadPoolExecutor.submit in a loop, then shutdown() ----------------------------------------------

thumbnails_bad = {}
thumbnails_ok = {}


def submit_loop_bad():
    """Each `submit` runs `render` on a pool thread; they run side by side."""

    def render(name):
        if name not in thumbnails_bad:  # expect-note: check-then-act
            thumbnails_bad[name] = name.upper()  # expect: check-then-act

    pool = ThreadPoolExecutor(max_workers=4)
    for name in ("a.png", "b.png", "a.png", "a.png"):
        pool.submit(render, name)  # expect-note: check-then-act
    pool.shutdown(wait=True)
    return thumbnails_bad


def submit_loop_ok():
    """`setdefault` makes the store one step."""

    def render(name):
        thumbnails_ok.setdefault(name, name.upper())

    pool = ThreadPoolExecutor(max_workers=4)
    for name in ("a.png", "b.png", "a.png", "a.png"):
        pool.submit(render, name)
    pool.shutdown(wait=True)
    return thumbnails_ok


# -- with ThreadPoolExecutor() as ex: ex.map(...) --------------------------------------------------------

queue_bad = list(range(10))
queue_ok = list(range(10))


def map_with_bad():
    """`map` runs `take` for every item on the pool's threads."""

    def take(_):
        if queue_bad:  # expect-note: check-then-act
            return queue_bad.pop()  # expect: check-then-act
        return None

    with ThreadPoolExecutor(max_workers=4) as ex:
        taken = list(ex.map(take, range(12)))
    return taken


def map_with_ok():
    """Take an element and handle `IndexError` in one step."""

    def take(_):
        try:
            return queue_ok.pop()
        except IndexError:
            return None

    with ThreadPoolExecutor(max_workers=4) as ex:
        taken = list(ex.map(take, range(12)))
    return taken


# -- from concurrent import futures; futures.ThreadPoolExecutor ------------------------------------------

leaders_bad = {}
leaders_ok = {}


def futures_alias_bad():
    """The executor is reached through the `futures` module name."""

    def elect(group, member):
        leader = leaders_bad.get(group)
        if leader is None:  # expect-note: check-then-act
            leaders_bad[group] = member  # expect: check-then-act

    with futures.ThreadPoolExecutor(max_workers=3) as pool:
        fs = [pool.submit(elect, "g", m) for m in ("ann", "bob", "cid")]
        futures.wait(fs)
    return leaders_bad


def futures_alias_ok():
    """`setdefault` elects exactly one leader."""

    def elect(group, member):
        leader = leaders_ok.setdefault(group, member)

    with futures.ThreadPoolExecutor(max_workers=3) as pool:
        fs = [pool.submit(elect, "g", m) for m in ("ann", "bob", "cid")]
        futures.wait(fs)
    return leaders_ok


# -- multiprocessing.pool.ThreadPool.map --------------------------------------------------------------------

spool_bad = {i: "doc%d" % i for i in range(4)}
spool_ok = {i: "doc%d" % i for i in range(4)}


def threadpool_map_bad():
    """Two pool threads print the same document and both delete it."""

    def print_doc(doc_id):
        if doc_id in spool_bad:  # expect-note: check-then-act
            del spool_bad[doc_id]  # expect: check-then-act

    with ThreadPool(4) as pool:
        pool.map(print_doc, [0, 1, 0, 1, 2, 2])
    return spool_bad


def threadpool_map_ok():
    """`pop` with a default removes the document once."""

    def print_doc(doc_id):
        spool_ok.pop(doc_id, None)

    with ThreadPool(4) as pool:
        pool.map(print_doc, [0, 1, 0, 1, 2, 2])
    return spool_ok


# -- multiprocessing.pool.ThreadPool.apply_async -------------------------------------------------------------

nicknames_bad = {}
nicknames_ok = {}


def apply_async_bad():
    """Each `apply_async` call runs `pick` on a pool thread."""

    def pick(user, nick):
        if nick not in nicknames_bad:  # expect-note: check-then-act
            nicknames_bad[nick] = user  # expect: check-then-act

    pool = ThreadPool(3)
    results = [pool.apply_async(pick, (u, "neo")) for u in ("ann", "bob", "cid")]
    for r in results:
        r.get()
    pool.close()
    pool.join()
    return nicknames_bad


def apply_async_ok():
    """`setdefault` gives the nickname to one user."""

    def pick(user, nick):
        nicknames_ok.setdefault(nick, user)

    pool = ThreadPool(3)
    results = [pool.apply_async(pick, (u, "neo")) for u in ("ann", "bob", "cid")]
    for r in results:
        r.get()
    pool.close()
    pool.join()
    return nicknames_ok


# -- asyncio.to_thread ------------------------------------------------------------------------------------------

loaded_models_bad = {}
loaded_models_ok = {}


def to_thread_bad():
    """`asyncio.to_thread` runs `load` on the default executor's threads."""

    def load(name):
        if name not in loaded_models_bad:  # expect-note: check-then-act
            loaded_models_bad[name] = [name] * 3  # expect: check-then-act

    async def main():
        await asyncio.gather(*(asyncio.to_thread(load, "m") for _ in range(4)))

    asyncio.run(main())
    return loaded_models_bad


def to_thread_ok():
    """`setdefault` keeps the first loaded model."""

    def load(name):
        loaded_models_ok.setdefault(name, [name] * 3)

    async def main():
        await asyncio.gather(*(asyncio.to_thread(load, "m") for _ in range(4)))

    asyncio.run(main())
    return loaded_models_ok


# -- loop.run_in_executor(None, f, ...) --------------------------------------------------------------------------

shards_bad = {"s1": "ready", "s2": "ready"}
shards_ok = {"s1": "ready", "s2": "ready"}


def run_in_executor_bad():
    """Two executor threads retire the same shard; one `pop(key)` raises."""

    def retire(shard):
        if shard in shards_bad:  # expect-note: check-then-act
            shards_bad.pop(shard)  # expect: check-then-act

    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.gather(*[loop.run_in_executor(None, retire, s) for s in ("s1", "s1", "s2")])

    asyncio.run(main())
    return shards_bad


def run_in_executor_ok():
    """`pop` with a default retires the shard once."""

    def retire(shard):
        shards_ok.pop(shard, None)

    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.gather(*[loop.run_in_executor(None, retire, s) for s in ("s1", "s1", "s2")])

    asyncio.run(main())
    return shards_ok


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
