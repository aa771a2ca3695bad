"""Count words in parallel (does not run: the `for` header has no colon)."""

import threading

counts = {}
lock = threading.Lock()


def count_chunk(lines):
    for line in lines
        with lock:
            for word in line.split():
                counts[word] = counts.get(word, 0) + 1


def main(text):
    t = threading.Thread(target=count_chunk, args=(text.splitlines(),))
    t.start()
    t.join()
    return counts
