"""Lost update: `count += 1` from several threads without a lock."""
import threading

THREADS, STEPS = 4, 500
count = 0


def work():
    global count
    for _ in range(STEPS):
        count += 1  # RMW


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert count == THREADS * STEPS, "lost %d updates" % (THREADS * STEPS - count)
