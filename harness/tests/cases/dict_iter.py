"""A dict iterated by one thread while another inserts into it."""
import threading
import time

shared = {i: i for i in range(20)}
done = threading.Event()


def writer():
    key = 1000
    while not done.is_set():
        shared[key] = key  # MUTATE
        key += 1
        time.sleep(0.001)


def reader():
    try:
        total = 0
        for key in shared:  # ITERATE
            total += shared[key]
    finally:
        done.set()


w = threading.Thread(target=writer, name="writer")
r = threading.Thread(target=reader, name="reader")
w.start()
time.sleep(0.01)
r.start()
r.join()
w.join()
