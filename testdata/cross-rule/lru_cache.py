"""An LRU cache class used by several client threads.

Scenario: `LRUCache` creates a lock, so its public methods may run at the
same time; `put` keeps the recency order under the lock, and the other
methods were written in a hurry. The mistakes: `get` reads the table
without the lock that orders it (inconsistent-lock) and counts hits and
misses with `+= 1` (unguarded-read-modify-write), `load` tests for a key
and stores it in two steps (check-then-act), `keys` copies the live table
while `put` inserts (iterate-while-mutate), and `evict` deletes between
`acquire()` and `release()` with no `finally:` (lock-not-released).
lru_cache_fixed.py is the same cache with every mistake fixed.
"""

import collections
import threading


class LRUCache:
    def __init__(self, capacity):
        self._lock = threading.Lock()
        self._data = collections.OrderedDict()
        self.capacity = capacity
        self.hits = 0
        self.misses = 0

    def put(self, key, value):
        with self._lock:
            self._data[key] = value  # expect-note: inconsistent-lock  # expect-note: iterate-while-mutate
            self._data.move_to_end(key)
            if len(self._data) > self.capacity:
                self._data.popitem(last=False)

    def get(self, key):
        value = self._data.get(key)  # expect: inconsistent-lock
        if value is None:
            self.misses += 1  # expect: unguarded-read-modify-write
            return None
        self.hits += 1  # expect: unguarded-read-modify-write
        return value

    def load(self, key, loader):
        if key in self._data:  # expect-note: check-then-act
            return False
        self._data[key] = loader(key)  # expect: check-then-act
        return True

    def keys(self):
        return [key for key in self._data]  # expect: iterate-while-mutate

    def evict(self, key):
        self._lock.acquire()  # expect: lock-not-released
        del self._data[key]
        self._lock.release()  # expect-note: lock-not-released

    def stats(self):
        return {"hits": self.hits, "misses": self.misses}


def client(cache, worker):
    for i in range(30):
        key = "k%d" % (i % 7)
        if cache.get(key) is None:
            cache.put(key, worker * 100 + i)
    cache.load("config", str.upper)


def run_cache():
    cache = LRUCache(capacity=5)
    threads = [threading.Thread(target=client, args=(cache, w)) for w in range(4)]
    threads.append(threading.Thread(target=cache.keys))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cache.put("config", "CONFIG")
    cache.evict("config")
    return cache.stats(), cache.keys()


if __name__ == "__main__":
    run_cache()
