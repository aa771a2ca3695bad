# args: --select double-checked-locking,check-then-act
"""Which rule reports a lazy initialization: double-checked locking or check-then-act.

Scenario: the same lazy cache written four ways, with both rules on. A
test outside the lock whose body takes the lock and acts without testing
again is the double-checked-locking shape and is reported by that rule
only. A test and an action with no lock at all, or with the lock around
the test alone, are check-then-act. A double check with the second test
inside the lock is silent under both rules, and so is one lock held across
the test and the action.
"""

import threading

# -- test outside, lock in the body, no second test: double-checked-locking only ---------------------------

_parser_bad = None
_parser_lock_bad = threading.Lock()
_parser_ok = None
_parser_lock_ok = threading.Lock()


def double_check_missing_bad():
    """Reported once, by double-checked-locking, at the assignment."""

    def parser():
        global _parser_bad
        if _parser_bad is None:  # expect-note: double-checked-locking
            with _parser_lock_bad:
                _parser_bad = {"grammar": threading.get_ident()}  # expect: double-checked-locking
        return _parser_bad

    threads = [threading.Thread(target=parser) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _parser_bad


def double_check_missing_ok():
    """The second test inside the lock: silent under both rules."""

    def parser():
        global _parser_ok
        if _parser_ok is None:
            with _parser_lock_ok:
                if _parser_ok is None:
                    _parser_ok = {"grammar": threading.get_ident()}
        return _parser_ok

    threads = [threading.Thread(target=parser) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _parser_ok


# -- no lock at all: check-then-act only --------------------------------------------------------------------

_lexer_bad = None
_lexer_ok = None
_lexer_lock_ok = threading.Lock()


def no_lock_bad():
    """No lock anywhere: this is a plain check-then-act."""

    def lexer():
        global _lexer_bad
        if _lexer_bad is None:  # expect-note: check-then-act
            _lexer_bad = {"tokens": threading.get_ident()}  # expect: check-then-act
        return _lexer_bad

    threads = [threading.Thread(target=lexer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _lexer_bad


def no_lock_ok():
    """One lock across the test and the assignment, no fast path: silent under both rules."""

    def lexer():
        global _lexer_ok
        with _lexer_lock_ok:
            if _lexer_ok is None:
                _lexer_ok = {"tokens": threading.get_ident()}
        return _lexer_ok

    threads = [threading.Thread(target=lexer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _lexer_ok


# -- the lock around the test only: check-then-act only ---------------------------------------------------------

symbols_bad = {}
symbols_lock_bad = threading.Lock()
symbols_ok = {}
symbols_lock_ok = threading.Lock()


def lock_around_test_only_bad():
    """The lock is released between the test and the store: check-then-act."""

    def intern(name):
        with symbols_lock_bad:
            if name in symbols_bad:  # expect-note: check-then-act
                return
        symbols_bad[name] = len(name)  # expect: check-then-act

    threads = [threading.Thread(target=intern, args=("sym",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return symbols_bad


def lock_around_test_only_ok():
    """The test and the store share one `with` block."""

    def intern(name):
        with symbols_lock_ok:
            if name in symbols_ok:
                return
            symbols_ok[name] = len(name)

    threads = [threading.Thread(target=intern, args=("sym",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return symbols_ok


if __name__ == "__main__":
    double_check_missing_bad()
    double_check_missing_ok()
    no_lock_bad()
    no_lock_ok()
    lock_around_test_only_bad()
    lock_around_test_only_ok()
