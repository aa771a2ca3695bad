"""Membership and comparison tests on module-global containers and values.

Scenario: several worker threads share a module-level dict, set or number
(also when a worker reaches it through a local alias).
Each `_bad` worker tests the shared state and then acts on what the test
said, in two separate steps, so another worker can change the state in
between. Each `_ok` twin does the same work with one atomic operation, or
with the test and the action under one lock.
"""

import threading

# -- membership test, then store a fresh container ---------------------------

groups_bad = {}
groups_ok = {}


def group_by_bad():
    """Two workers can both find `key` missing; one list replaces the other."""

    def add(key, item):
        if key not in groups_bad:  # expect-note: check-then-act
            groups_bad[key] = []  # expect: check-then-act "module global `groups_bad`"
        groups_bad[key].append(item)

    threads = [threading.Thread(target=add, args=(i % 3, i)) for i in range(9)]  # expect-note: check-then-act
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return groups_bad


def group_by_ok():
    """`setdefault` inserts the list only if no other worker did first."""

    def add(key, item):
        groups_ok.setdefault(key, []).append(item)

    threads = [threading.Thread(target=add, args=(i % 3, i)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return groups_ok


# -- membership test, then store a computed value (memoization) --------------

squares_bad = {}
squares_ok = {}
squares_lock_ok = threading.Lock()


def memo_bad():
    """Two workers that miss together both compute and both store."""

    def square(n):
        if n not in squares_bad:  # expect-note: check-then-act
            squares_bad[n] = n * n  # expect: check-then-act
        return n

    threads = [threading.Thread(target=square, args=(i % 2,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return squares_bad


def memo_ok():
    """The test and the store run under one lock."""

    def square(n):
        with squares_lock_ok:
            if n not in squares_ok:
                squares_ok[n] = n * n
        return n

    threads = [threading.Thread(target=square, args=(i % 2,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return squares_ok


# -- membership test, then read, while another thread removes the key --------

prices_bad = {"tea": 3, "cake": 5}
prices_ok = {"tea": 3, "cake": 5}


def lookup_after_check_bad():
    """`withdraw` can remove the key between the test and the read: `KeyError`."""

    def quote(item):
        for _ in range(200):
            if item in prices_bad:  # expect-note: check-then-act
                last = prices_bad[item]  # expect: check-then-act
        return item

    def withdraw(item):
        for _ in range(200):
            prices_bad.pop(item, None)  # expect-note: check-then-act
            prices_bad[item] = 4

    threads = [
        threading.Thread(target=quote, args=("tea",)),
        threading.Thread(target=withdraw, args=("tea",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_bad


def lookup_after_check_ok():
    """`get` tests and reads in one step."""

    def quote(item):
        for _ in range(200):
            last = prices_ok.get(item)
        return item

    def withdraw(item):
        for _ in range(200):
            prices_ok.pop(item, None)
            prices_ok[item] = 4

    threads = [
        threading.Thread(target=quote, args=("tea",)),
        threading.Thread(target=withdraw, args=("tea",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_ok


# -- membership test, then delete ---------------------------------------------

sessions_bad = {i: "user%d" % i for i in range(5)}
sessions_ok = {i: "user%d" % i for i in range(5)}


def delete_after_check_bad():
    """Two workers both see the session and both delete it: `KeyError`."""

    def logout(sid):
        if sid in sessions_bad:  # expect-note: check-then-act
            del sessions_bad[sid]  # expect: check-then-act

    threads = [threading.Thread(target=logout, args=(i % 5,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sessions_bad


def delete_after_check_ok():
    """`pop` with a default removes the key if present, in one step."""

    def logout(sid):
        sessions_ok.pop(sid, None)

    threads = [threading.Thread(target=logout, args=(i % 5,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sessions_ok


# -- set membership, then remove -----------------------------------------------

tokens_bad = {"t%d" % i for i in range(4)}
tokens_ok = {"t%d" % i for i in range(4)}


def set_remove_bad():
    """Two workers redeem the same token; the second `remove` raises `KeyError`."""

    def redeem(tok):
        if tok in tokens_bad:  # expect-note: check-then-act
            tokens_bad.remove(tok)  # expect: check-then-act

    threads = [threading.Thread(target=redeem, args=("t%d" % (i % 4),)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tokens_bad


def set_remove_ok():
    """`discard` removes the token if present, in one step."""

    def redeem(tok):
        tokens_ok.discard(tok)

    threads = [threading.Thread(target=redeem, args=("t%d" % (i % 4),)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tokens_ok


# -- conditional expression: test and read on one line -------------------------

labels_bad = {"a": "alpha", "b": "beta"}
labels_ok = {"a": "alpha", "b": "beta"}


def conditional_expression_bad():
    """The key can vanish between `in` and the subscript of the same expression."""

    def show(key):
        for _ in range(200):
            text = labels_bad[key] if key in labels_bad else "?"  # expect: check-then-act  # expect-note: check-then-act
        return key

    def relabel(key):
        for _ in range(200):
            labels_bad.pop(key, None)
            labels_bad[key] = "again"

    threads = [
        threading.Thread(target=show, args=("a",)),
        threading.Thread(target=relabel, args=("a",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return labels_bad


def conditional_expression_ok():
    """`get` with a default is one lookup."""

    def show(key):
        for _ in range(200):
            text = labels_ok.get(key, "?")
        return key

    def relabel(key):
        for _ in range(200):
            labels_ok.pop(key, None)
            labels_ok[key] = "again"

    threads = [
        threading.Thread(target=show, args=("a",)),
        threading.Thread(target=relabel, args=("a",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return labels_ok


# -- early exit on a hit, store after the `if` ----------------------------------

pages_bad = {}
pages_ok = {}


def early_exit_bad():
    """Both renderers miss, both store; callers get different page objects."""

    def render(name):
        if name in pages_bad:  # expect-note: check-then-act
            return pages_bad[name]
        html = "<h1>%s</h1>" % name
        pages_bad[name] = html  # expect: check-then-act
        return html

    threads = [threading.Thread(target=render, args=(n,)) for n in ("a", "b", "a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return pages_bad


def early_exit_ok():
    """`setdefault` keeps the first page stored and returns it to everyone."""

    def render(name):
        if name in pages_ok:
            return pages_ok[name]
        html = "<h1>%s</h1>" % name
        return pages_ok.setdefault(name, html)

    threads = [threading.Thread(target=render, args=(n,)) for n in ("a", "b", "a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return pages_ok


# -- comparison, then store (running maximum) -----------------------------------

best_bad = 0
best_ok = 0
best_lock_ok = threading.Lock()


def running_max_bad():
    """A smaller value can overwrite a larger one stored after the comparison."""

    def offer(value):
        global best_bad
        if value > best_bad:  # expect-note: check-then-act
            best_bad = value  # expect: check-then-act "module global `best_bad`"

    threads = [threading.Thread(target=offer, args=(v,)) for v in (3, 9, 5, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return best_bad


def running_max_ok():
    """The comparison and the store run under one lock."""

    def offer(value):
        global best_ok
        with best_lock_ok:
            if value > best_ok:
                best_ok = value

    threads = [threading.Thread(target=offer, args=(v,)) for v in (3, 9, 5, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return best_ok



# -- membership test and store through a local alias ------------------------------------

routes_bad = {}
routes_ok = {}


def local_alias_bad():
    """`table` is the module-level dict under another name; the race is the same."""

    def add(path):
        table = routes_bad
        if path not in table:  # expect-note: check-then-act
            table[path] = path.upper()  # expect: check-then-act

    threads = [threading.Thread(target=add, args=("/a",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_bad


def local_alias_ok():
    """`setdefault` through the alias is one step."""

    def add(path):
        table = routes_ok
        table.setdefault(path, path.upper())

    threads = [threading.Thread(target=add, args=("/a",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_ok


if __name__ == "__main__":
    group_by_bad()
    group_by_ok()
    memo_bad()
    memo_ok()
    lookup_after_check_bad()
    lookup_after_check_ok()
    delete_after_check_bad()
    delete_after_check_ok()
    set_remove_bad()
    set_remove_ok()
    conditional_expression_bad()
    conditional_expression_ok()
    early_exit_bad()
    early_exit_ok()
    running_max_bad()
    running_max_ok()
    local_alias_bad()
    local_alias_ok()
