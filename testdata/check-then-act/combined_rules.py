# args: --select check-then-act,unguarded-read-modify-write
"""Code that is a check-then-act and a read-modify-write at the same time.

Scenario: a bank withdrawal tests the balance and then decrements it, and a
word counter initializes a missing key and then increments it. Both rules
apply, each to its own defect: the test before the action
(`check-then-act`), and the `-=`/`+=` that can lose an update
(`unguarded-read-modify-write`). One lock held across the test and the
update fixes both.
"""

import threading

# -- balance test, then decrement --------------------------------------------------------------------------


class AccountBad:
    def __init__(self, balance):
        self.balance = balance


class AccountOk:
    def __init__(self, balance):
        self.balance = balance


account_lock_ok = threading.Lock()


def withdraw_bad():
    """Both withdrawals of 60 pass the test on a balance of 100."""
    account = AccountBad(100)

    def withdraw(acct, amount):
        if acct.balance >= amount:  # expect-note: check-then-act
            acct.balance -= amount  # expect: check-then-act  # expect: unguarded-read-modify-write  # expect-note: unguarded-read-modify-write

    threads = [threading.Thread(target=withdraw, args=(account, 60)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return account.balance


def withdraw_ok():
    """The test and the decrement run under one lock."""
    account = AccountOk(100)

    def withdraw(acct, amount):
        with account_lock_ok:
            if acct.balance >= amount:
                acct.balance -= amount

    threads = [threading.Thread(target=withdraw, args=(account, 60)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return account.balance


# -- missing key initialized, then incremented ---------------------------------------------------------------

freq_bad = {}
freq_ok = {}
freq_lock_ok = threading.Lock()


def word_count_bad():
    """A second `= 0` can erase counts, and two `+= 1` can collapse into one."""

    def count(words):
        for w in words:
            if w not in freq_bad:  # expect-note: check-then-act
                freq_bad[w] = 0  # expect: check-then-act
            freq_bad[w] += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=count, args=(["gil", "free", "gil"],)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return freq_bad


def word_count_ok():
    """One lock covers the initialization and the increment."""

    def count(words):
        for w in words:
            with freq_lock_ok:
                if w not in freq_ok:
                    freq_ok[w] = 0
                freq_ok[w] += 1

    threads = [threading.Thread(target=count, args=(["gil", "free", "gil"],)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return freq_ok


if __name__ == "__main__":
    withdraw_bad()
    withdraw_ok()
    word_count_bad()
    word_count_ok()
