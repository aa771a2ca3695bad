"""A bank account ledger whose methods are called from teller threads.

Scenario: `Account` creates a lock, so its public methods may run at the
same time; teller threads deposit, withdraw and transfer while an auditor
prints the statement and looks up exchange rates. The mistakes: a balance
test followed by a decrement outside the lock (check-then-act, and the
`-=` is an unguarded-read-modify-write; because that write takes no lock,
the locked updates of `balance` are unprotected against it too), a
transfer between `acquire()` and `release()` with no `finally:`
(lock-not-released), the statement built over the live entry list while
deposits append (iterate-while-mutate), the rates table created under the
lock without a second test (double-checked-locking), and the `frozen` flag
cleared without the lock that guards it (inconsistent-lock).
bank_ledger_fixed.py is the same ledger with every mistake fixed.
"""

import threading

FEES = {"wire": 2, "internal": 0}


class Account:
    def __init__(self, owner, balance):
        self._lock = threading.Lock()
        self.owner = owner
        self.balance = balance
        self.entries = []
        self.frozen = False
        self._rates = None

    def deposit(self, amount):
        with self._lock:
            self.balance += amount  # expect: unguarded-read-modify-write
            self.entries.append(("deposit", amount))  # expect-note: iterate-while-mutate

    def withdraw(self, amount):
        if self.balance >= amount:  # expect-note: check-then-act
            self.balance -= amount  # expect: check-then-act  # expect: unguarded-read-modify-write
            return True
        return False

    def transfer(self, kind, amount):
        self._lock.acquire()  # expect: lock-not-released
        fee = FEES[kind]
        self.balance -= amount + fee  # expect: unguarded-read-modify-write
        self._lock.release()  # expect-note: lock-not-released
        return fee

    def statement(self):
        return ["%s %d" % (kind, amount) for kind, amount in self.entries]  # expect: iterate-while-mutate

    def rates(self):
        if self._rates is None:  # expect-note: double-checked-locking
            with self._lock:
                self._rates = {"EUR": 1.0, "USD": 1.08}  # expect: double-checked-locking
        return self._rates

    def freeze(self):
        with self._lock:
            self.frozen = True  # expect-note: inconsistent-lock

    def unfreeze(self):
        self.frozen = False  # expect: inconsistent-lock


def run_bank():
    account = Account("ann", 100)
    threads = [threading.Thread(target=account.withdraw, args=(60,)) for _ in range(2)]
    threads.append(threading.Thread(target=account.deposit, args=(25,)))
    threads.append(threading.Thread(target=account.transfer, args=("wire", 10)))
    threads.append(threading.Thread(target=account.statement))
    threads.append(threading.Thread(target=account.rates))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    account.freeze()
    account.unfreeze()
    return account.balance


if __name__ == "__main__":
    run_bank()
