"""Count words in parallel: every thread adds to global counters."""

import threading

word_count = 0
line_count = 0


def count_chunk(lines):
    global word_count, line_count
    for line in lines:
        word_count += len(line.split())
        line_count += 1


def main(text, workers=4):
    lines = text.splitlines()
    threads = [
        threading.Thread(target=count_chunk, args=(lines[i::workers],))
        for i in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return word_count, line_count


if __name__ == "__main__":
    print(main("one two three\n" * 1000))
