"""The LRU cache of lru_cache.py with every race fixed; silent under every rule.

Scenario: every method that touches the table or the hit counters holds
`self._lock`: `get` reads and counts under it, `load` tests and stores in
one `with` block, `keys` copies the table under it, and `evict` uses
`with` and `pop` so that a missing key neither raises nor leaks the lock.
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
            self._data[key] = value
            self._data.move_to_end(key)
            if len(self._data) > self.capacity:
                self._data.popitem(last=False)

    def get(self, key):
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
            return value

    def load(self, key, loader):
        with self._lock:
            if key in self._data:
                return False
            self._data[key] = loader(key)
            return True

    def keys(self):
        with self._lock:
            return list(self._data)

    def evict(self, key):
        with self._lock:
            self._data.pop(key, None)

    def stats(self):
        with self._lock:
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
