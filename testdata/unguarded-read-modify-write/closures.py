"""Read-modify-write of variables captured from the function that starts the threads.

Scenario: a function keeps a tally in its own local variable and starts
nested workers that update it through their closure (`nonlocal n; n += 1`,
or a dict of the enclosing function updated in place). Every thread running
the worker shares the captured variable, exactly like a module global.
"""

import threading

tally_lock_ok = threading.Lock()
hist_lock_ok = threading.Lock()
level_lock_ok = threading.Lock()


def nonlocal_counter_bad():
    """`nonlocal done; done += 1` on four threads loses increments."""
    done = 0

    def work():
        nonlocal done
        for _ in range(1000):
            done += 1  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=work) for _ in range(4)]  # expect-note: unguarded-read-modify-write
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


def nonlocal_counter_ok():
    """The increment holds a module-level lock."""
    done = 0

    def work():
        nonlocal done
        for _ in range(1000):
            with tally_lock_ok:
                done += 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


def closure_dict_bad():
    """The enclosing function's dict is updated in place by every worker."""
    histogram = {"even": 0, "odd": 0}

    def classify(numbers):
        for n in numbers:
            histogram["odd" if n % 2 else "even"] += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=classify, args=(range(100),)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return histogram


def closure_dict_ok():
    """The element update holds a module-level lock."""
    histogram = {"even": 0, "odd": 0}

    def classify(numbers):
        for n in numbers:
            with hist_lock_ok:
                histogram["odd" if n % 2 else "even"] += 1

    threads = [threading.Thread(target=classify, args=(range(100),)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return histogram


def nonlocal_concat_bad():
    """`found = found + [x]` rebinds the captured list; concurrent additions are lost."""
    found = []

    def search(word):
        nonlocal found
        if "a" in word:
            found = found + [word]  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=search, args=(w,)) for w in ("apple", "kiwi", "banana", "pear")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return found


def nonlocal_concat_ok():
    """`found.append(word)` mutates the one captured list atomically."""
    found = []

    def search(word):
        if "a" in word:
            found.append(word)

    threads = [threading.Thread(target=search, args=(w,)) for w in ("apple", "kiwi", "banana", "pear")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return found


def two_targets_bad():
    """A producer and a consumer adjust the same captured level."""
    level = 0

    def produce():
        nonlocal level
        for _ in range(500):
            level += 1  # expect: unguarded-read-modify-write

    def consume():
        nonlocal level
        for _ in range(500):
            level -= 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return level


def two_targets_ok():
    """Both updates hold the same module-level lock."""
    level = 0

    def produce():
        nonlocal level
        for _ in range(500):
            with level_lock_ok:
                level += 1

    def consume():
        nonlocal level
        for _ in range(500):
            with level_lock_ok:
                level -= 1

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return level


if __name__ == "__main__":
    nonlocal_counter_bad()
    nonlocal_counter_ok()
    closure_dict_bad()
    closure_dict_ok()
    nonlocal_concat_bad()
    nonlocal_concat_ok()
    two_targets_bad()
    two_targets_ok()
