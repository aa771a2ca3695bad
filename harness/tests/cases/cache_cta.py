"""Check-then-act on a shared cache: two threads may both miss and both compute."""
import threading

cache = {}
computed = []


def compute(key):
    computed.append(key)
    return key * key


def get(key):
    if key not in cache:  # CHECK
        cache[key] = compute(key)  # ACT
    return cache[key]


def never_called():
    return "unused"  # NEVER


def worker():
    for key in range(5):
        get(key)


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
twice = len(computed) - len(set(computed))
assert twice == 0, "lost %d cache entries: computed twice" % twice
