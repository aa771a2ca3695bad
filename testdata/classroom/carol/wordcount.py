"""Count words in parallel, with a cache of lower-cased words shared by the threads."""

import threading

normalized = {}
counts = {}


def normalize(word):
    if word not in normalized:
        normalized[word] = word.strip(".,;:!?").lower()
    return normalized[word]


def count_chunk(lines):
    for line in lines:
        for word in line.split():
            key = normalize(word)
            if key in counts:
                counts[key] += 1
            else:
                counts[key] = 1


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
    return counts


if __name__ == "__main__":
    print(sorted(main("The cat. the Cat! THE dog\n" * 200).items()))
