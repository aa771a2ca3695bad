"""Count words in parallel: workers return their counts, the main thread merges them."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor


def count_chunk(lines):
    local = Counter()
    for line in lines:
        local.update(line.split())
    return local


def main(text, workers=4):
    lines = text.splitlines()
    chunks = [lines[i::workers] for i in range(workers)]
    total = Counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(count_chunk, chunks):
            total.update(part)
    return total


if __name__ == "__main__":
    print(main("x y z\n" * 300).most_common(2))
