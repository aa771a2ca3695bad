"""Progress messages from the workers go through a queue to one printer thread."""

import queue
import threading

messages = queue.Queue()


def printer():
    while True:
        line = messages.get()
        if line is None:
            break
        print(line)


def start_printer():
    t = threading.Thread(target=printer)
    t.start()
    return t
