"""The fixed cache: one lock held across the check and the act."""
import threading

cache = {}
computed = []
lock = threading.Lock()


def compute(key):
    computed.append(key)
    return key * key


def get(key):
    with lock:
        if key not in cache:  # CHECK
            cache[key] = compute(key)  # ACT
        return cache[key]


def worker():
    for key in range(5):
        get(key)


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(computed) == len(set(computed)) == 5
