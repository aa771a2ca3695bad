"""Count words in parallel: each thread counts a chunk, one lock guards the totals."""

import threading
from collections import Counter

totals = Counter()
totals_lock = threading.Lock()


def count_chunk(lines):
    local = Counter()
    for line in lines:
        local.update(line.split())
    with totals_lock:
        totals.update(local)


def main(text, workers=4):
    lines = text.splitlines()
    size = max(1, len(lines) // workers)
    threads = [
        threading.Thread(target=count_chunk, args=(lines[i:i + size],))
        for i in range(0, len(lines), size)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return totals


if __name__ == "__main__":
    print(main("a b c\nb c d\nc d e\n" * 100).most_common(3))
