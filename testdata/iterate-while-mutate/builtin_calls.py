"""Iteration hidden in a comprehension or a built-in call.

Scenario: a reporting thread summarizes a shared container with a
comprehension, `sorted()`, `dict()`, `sum()`, `max()`, `any()`, `zip()`,
`enumerate()` or `", ".join()`, each of which walks the whole container,
while worker threads change it in place. The walk is as unsafe as a `for` loop. Each
`_ok` twin hands the built-in a snapshot taken under the writers' lock, or a
`copy()` (one atomic call, not an iteration).
"""

import threading

# -- list comprehension over a dict ------------------------------------------------------------------------

scores_bad = {}
scores_ok = {}
scores_lock_ok = threading.Lock()


def comprehension_bad():
    """The comprehension walks `scores_bad` while players post scores."""

    def post(player):
        for round_no in range(40):
            scores_bad["%s-%d" % (player, round_no)] = round_no  # expect-note: iterate-while-mutate

    def leaders():
        for _ in range(10):
            top = [name for name, score in scores_bad.items() if score > 30]  # expect: iterate-while-mutate
        return top

    threads = [threading.Thread(target=post, args=(p,)) for p in ("ann", "bob")]
    threads.append(threading.Thread(target=leaders))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_bad


def comprehension_ok():
    """The comprehension walks items copied under the players' lock."""

    def post(player):
        for round_no in range(40):
            with scores_lock_ok:
                scores_ok["%s-%d" % (player, round_no)] = round_no

    def leaders():
        for _ in range(10):
            with scores_lock_ok:
                items = list(scores_ok.items())
            top = [name for name, score in items if score > 30]
        return top

    threads = [threading.Thread(target=post, args=(p,)) for p in ("ann", "bob")]
    threads.append(threading.Thread(target=leaders))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_ok


# -- sorted() over a list -----------------------------------------------------------------------------------

latencies_bad = []
latencies_ok = []
latencies_lock_ok = threading.Lock()


def sorted_bad():
    """`sorted` copies the list element by element while requests append."""

    def request(i):
        for j in range(50):
            latencies_bad.append(i * 100 + j)  # expect-note: iterate-while-mutate

    def percentile():
        ordered = sorted(latencies_bad)  # expect: iterate-while-mutate
        return ordered[len(ordered) // 2] if ordered else None

    threads = [threading.Thread(target=request, args=(i,)) for i in range(3)]
    threads.append(threading.Thread(target=percentile))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies_bad


def sorted_ok():
    """`sorted` runs under the lock the requests hold."""

    def request(i):
        for j in range(50):
            with latencies_lock_ok:
                latencies_ok.append(i * 100 + j)

    def percentile():
        with latencies_lock_ok:
            ordered = sorted(latencies_ok)
        return ordered[len(ordered) // 2] if ordered else None

    threads = [threading.Thread(target=request, args=(i,)) for i in range(3)]
    threads.append(threading.Thread(target=percentile))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies_ok


# -- ", ".join() over a set ------------------------------------------------------------------------------------

online_bad = set()
online_ok = set()
online_lock_ok = threading.Lock()


def join_bad():
    """The status line joins the set while users open sessions."""

    def session(user):
        for i in range(30):
            online_bad.add("%s#%d" % (user, i))  # expect-note: iterate-while-mutate

    def status():
        for _ in range(30):
            line = ", ".join(online_bad)  # expect: iterate-while-mutate
        return line

    threads = [threading.Thread(target=session, args=("u%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=status))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return online_bad


def join_ok():
    """The join and the sessions' changes hold one lock."""

    def session(user):
        for i in range(30):
            with online_lock_ok:
                online_ok.add("%s#%d" % (user, i))

    def status():
        for _ in range(30):
            with online_lock_ok:
                line = ", ".join(online_ok)
        return line

    threads = [threading.Thread(target=session, args=("u%d" % i,)) for i in range(3)]
    threads.append(threading.Thread(target=status))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return online_ok


# -- sum() over .values() ----------------------------------------------------------------------------------------

carts_bad = {}
carts_ok = {}


def sum_values_bad():
    """`sum` walks the values while shoppers add carts."""

    def shop(who):
        for i in range(40):
            carts_bad[(who, i)] = i  # expect-note: iterate-while-mutate

    def revenue():
        return sum(carts_bad.values())  # expect: iterate-while-mutate

    threads = [threading.Thread(target=shop, args=(w,)) for w in ("ann", "bob")]
    threads.append(threading.Thread(target=revenue))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return carts_bad


def sum_values_ok():
    """`sum` walks the values of a `copy()`."""

    def shop(who):
        for i in range(40):
            carts_ok[(who, i)] = i

    def revenue():
        return sum(carts_ok.copy().values())

    threads = [threading.Thread(target=shop, args=(w,)) for w in ("ann", "bob")]
    threads.append(threading.Thread(target=revenue))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return carts_ok


# -- max() over a list ------------------------------------------------------------------------------------------

readings_bad = [0]
readings_ok = [0]
readings_lock_ok = threading.Lock()


def max_bad():
    """`max` walks the list while a sensor inserts at the front."""

    def sense():
        for i in range(100):
            readings_bad.insert(0, i)  # expect-note: iterate-while-mutate

    def peak():
        return max(readings_bad)  # expect: iterate-while-mutate

    threads = [threading.Thread(target=sense), threading.Thread(target=peak)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return readings_bad


def max_ok():
    """`max` and `insert` run under one lock."""

    def sense():
        for i in range(100):
            with readings_lock_ok:
                readings_ok.insert(0, i)

    def peak():
        with readings_lock_ok:
            return max(readings_ok)

    threads = [threading.Thread(target=sense), threading.Thread(target=peak)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return readings_ok


# -- any() over a generator expression on a shared list ------------------------------------------------------------

alerts_bad = []
alerts_ok = []
alerts_lock_ok = threading.Lock()


def any_bad():
    """The generator expression inside `any` walks the list while it grows."""

    def raise_alert(level):
        for _ in range(50):
            alerts_bad.extend([level, level])  # expect-note: iterate-while-mutate

    def critical():
        return any(level == "critical" for level in alerts_bad)  # expect: iterate-while-mutate

    threads = [threading.Thread(target=raise_alert, args=(lv,)) for lv in ("info", "critical")]
    threads.append(threading.Thread(target=critical))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return alerts_bad


def any_ok():
    """`any` walks a snapshot taken under the alerting threads' lock."""

    def raise_alert(level):
        for _ in range(50):
            with alerts_lock_ok:
                alerts_ok.extend([level, level])

    def critical():
        with alerts_lock_ok:
            snapshot = list(alerts_ok)
        return any(level == "critical" for level in snapshot)

    threads = [threading.Thread(target=raise_alert, args=(lv,)) for lv in ("info", "critical")]
    threads.append(threading.Thread(target=critical))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return alerts_ok


# -- tuple(x): a "copy" that iterates ---------------------------------------------------------------------------------

settings_bad = {"mode": "fast"}
settings_ok = {"mode": "fast"}


def tuple_ctor_bad():
    """`tuple(x)` walks `x` key by key; a writer can change its size mid-copy.

    (`list(x)`, `dict(x)` and `set(x)` copy a dict in one atomic call on
    free-threaded CPython 3.13; `tuple(x)` does not: measured.)
    """

    def tune(i):
        for j in range(40):
            settings_bad["opt%d_%d" % (i, j)] = j  # expect-note: iterate-while-mutate

    def save():
        return tuple(settings_bad)  # expect: iterate-while-mutate

    threads = [threading.Thread(target=tune, args=(i,)) for i in range(2)]
    threads.append(threading.Thread(target=save))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return settings_bad


def tuple_ctor_ok():
    """`x.copy()` copies the dict in one atomic call."""

    def tune(i):
        for j in range(40):
            settings_ok["opt%d_%d" % (i, j)] = j

    def save():
        return settings_ok.copy()

    threads = [threading.Thread(target=tune, args=(i,)) for i in range(2)]
    threads.append(threading.Thread(target=save))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return settings_ok


# -- zip() and enumerate() over shared lists ---------------------------------------------------------------------------

names_bad = ["n%d" % i for i in range(100)]
names_ok = ["n%d" % i for i in range(100)]
names_lock_ok = threading.Lock()


def enumerate_bad():
    """`enumerate` walks the list while another thread clears it."""

    def reset():
        names_bad.clear()  # expect-note: iterate-while-mutate

    def numbered():
        return [(i, n) for i, n in enumerate(names_bad)]  # expect: iterate-while-mutate

    threads = [threading.Thread(target=reset), threading.Thread(target=numbered)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return names_bad


def enumerate_ok():
    """The reset and the numbering hold one lock."""

    def reset():
        with names_lock_ok:
            names_ok.clear()

    def numbered():
        with names_lock_ok:
            return [(i, n) for i, n in enumerate(names_ok)]

    threads = [threading.Thread(target=reset), threading.Thread(target=numbered)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return names_ok


prices_bad = [float(i) for i in range(60)]
prices_ok = [float(i) for i in range(60)]
prices_lock_ok = threading.Lock()
WEIGHTS = (0.5, 0.3, 0.2)


def zip_bad():
    """`zip` walks `prices_bad` while the feed pops its oldest price."""

    def feed():
        for _ in range(50):
            prices_bad.pop(0)  # expect-note: iterate-while-mutate

    def weighted():
        return sum(w * p for w, p in zip(WEIGHTS, prices_bad))  # expect: iterate-while-mutate

    threads = [threading.Thread(target=feed), threading.Thread(target=weighted)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_bad


def zip_ok():
    """`zip` walks a tuple made under the feed's lock."""

    def feed():
        for _ in range(50):
            with prices_lock_ok:
                prices_ok.pop(0)

    def weighted():
        with prices_lock_ok:
            snapshot = tuple(prices_ok)
        return sum(w * p for w, p in zip(WEIGHTS, snapshot))

    threads = [threading.Thread(target=feed), threading.Thread(target=weighted)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return prices_ok


if __name__ == "__main__":
    comprehension_bad()
    comprehension_ok()
    sorted_bad()
    sorted_ok()
    join_bad()
    join_ok()
    sum_values_bad()
    sum_values_ok()
    max_bad()
    max_ok()
    any_bad()
    any_ok()
    tuple_ctor_bad()
    tuple_ctor_ok()
    enumerate_bad()
    enumerate_ok()
    zip_bad()
    zip_ok()
