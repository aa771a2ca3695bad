"""Check and act split across helper functions.

Scenario: worker threads keep a shared module-level cache through small
helpers: the test is in the worker and the store in a helper it calls, the
test is in a helper (`has(k)` returns `k in cache`), or both are. The race
is the same as when both steps are written inline. A finding goes where
the fix goes: in the function that holds both steps, at the call that
leads to the action. Locks held by every caller carry into the helper.
"""

import threading

# -- test in the worker, store in a helper -----------------------------------------------

avatars_bad = {}
avatars_ok = {}
avatars_lock_ok = threading.Lock()


def _store_avatar_bad(user, blob):
    avatars_bad[user] = blob


def _store_avatar_ok(user, blob):
    avatars_ok[user] = blob


def act_in_helper_bad():
    """Two workers miss, both call the helper that stores."""

    def load(user):
        if user not in avatars_bad:  # expect-note: check-then-act
            _store_avatar_bad(user, user.encode())  # expect: check-then-act

    threads = [threading.Thread(target=load, args=("ann",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return avatars_bad


def act_in_helper_ok():
    """The worker holds the lock across the test and the helper call."""

    def load(user):
        with avatars_lock_ok:
            if user not in avatars_ok:
                _store_avatar_ok(user, user.encode())

    threads = [threading.Thread(target=load, args=("ann",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return avatars_ok


# -- test in a helper, store in the worker --------------------------------------------------

thumbs_bad = {}
thumbs_ok = {}
thumbs_lock_ok = threading.Lock()


def _has_thumb_bad(name):
    return name in thumbs_bad


def _has_thumb_ok(name):
    return name in thumbs_ok


def check_in_helper_bad():
    """`_has_thumb_bad` answers for a moment that is already gone."""

    def make(name):
        if not _has_thumb_bad(name):  # expect-note: check-then-act
            thumbs_bad[name] = name[::-1]  # expect: check-then-act

    threads = [threading.Thread(target=make, args=("cat.png",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return thumbs_bad


def check_in_helper_ok():
    """The helper's test and the store run under one lock."""

    def make(name):
        with thumbs_lock_ok:
            if not _has_thumb_ok(name):
                thumbs_ok[name] = name[::-1]

    threads = [threading.Thread(target=make, args=("cat.png",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return thumbs_ok


# -- test and store both in helpers -----------------------------------------------------------

feeds_bad = {}
feeds_ok = {}
feeds_lock_ok = threading.Lock()


def _known_feed_bad(url):
    return url in feeds_bad


def _remember_feed_bad(url, body):
    feeds_bad[url] = body


def _known_feed_ok(url):
    return url in feeds_ok


def _remember_feed_ok(url, body):
    feeds_ok[url] = body


def both_in_helpers_bad():
    """Neither helper is wrong on its own; the sequence of the two calls is."""

    def poll(url):
        if not _known_feed_bad(url):  # expect-note: check-then-act
            _remember_feed_bad(url, "<rss/>")  # expect: check-then-act

    threads = [threading.Thread(target=poll, args=("http://x/feed",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return feeds_bad


def both_in_helpers_ok():
    """One lock covers both helper calls."""

    def poll(url):
        with feeds_lock_ok:
            if not _known_feed_ok(url):
                _remember_feed_ok(url, "<rss/>")

    threads = [threading.Thread(target=poll, args=("http://x/feed",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return feeds_ok


# -- check-then-act inside a helper; one caller forgets the lock --------------------------------

slots_bad = {}
slots_lock_bad = threading.Lock()
slots_ok = {}
slots_lock_ok = threading.Lock()


def _ensure_slot_bad(key):
    if key not in slots_bad:  # expect-note: check-then-act
        slots_bad[key] = []  # expect: check-then-act


def _ensure_slot_ok(key):
    if key not in slots_ok:
        slots_ok[key] = []


def caller_locks_bad():
    """`reserve` calls the helper without the lock that `book` holds."""

    def book(key):
        with slots_lock_bad:
            _ensure_slot_bad(key)
            slots_bad[key].append("booked")

    def reserve(key):
        _ensure_slot_bad(key)

    threads = [threading.Thread(target=book, args=("mon",)) for _ in range(2)]
    threads += [threading.Thread(target=reserve, args=("mon",)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slots_bad


def caller_locks_ok():
    """Every caller holds the lock, so the helper runs under it."""

    def book(key):
        with slots_lock_ok:
            _ensure_slot_ok(key)
            slots_ok[key].append("booked")

    def reserve(key):
        with slots_lock_ok:
            _ensure_slot_ok(key)

    threads = [threading.Thread(target=book, args=("mon",)) for _ in range(2)]
    threads += [threading.Thread(target=reserve, args=("mon",)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slots_ok


# -- the store is two calls deep --------------------------------------------------------------------

scores_bad = {}
scores_ok = {}
scores_lock_ok = threading.Lock()


def _write_score_bad(player, points):
    scores_bad[player] = points


def _record_score_bad(player, points):
    _write_score_bad(player, points)


def _write_score_ok(player, points):
    scores_ok[player] = points


def _record_score_ok(player, points):
    _write_score_ok(player, points)


def two_level_act_bad():
    """The store is reached through `_record_score_bad` -> `_write_score_bad`."""

    def join_game(player):
        if player not in scores_bad:  # expect-note: check-then-act
            _record_score_bad(player, 0)  # expect: check-then-act

    threads = [threading.Thread(target=join_game, args=("p1",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_bad


def two_level_act_ok():
    """The lock is held across the test and the whole call chain."""

    def join_game(player):
        with scores_lock_ok:
            if player not in scores_ok:
                _record_score_ok(player, 0)

    threads = [threading.Thread(target=join_game, args=("p1",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scores_ok


if __name__ == "__main__":
    act_in_helper_bad()
    act_in_helper_ok()
    check_in_helper_bad()
    check_in_helper_ok()
    both_in_helpers_bad()
    both_in_helpers_ok()
    caller_locks_bad()
    caller_locks_ok()
    two_level_act_bad()
    two_level_act_ok()
