"""The bank ledger of bank_ledger.py with every race fixed; silent under every rule.

Scenario: the balance test and the decrement share one `with self._lock:`
block, the transfer releases in `finally:`, the statement copies the
entries under the lock, the rates table is tested again once the lock is
held, and `unfreeze` takes the lock like `freeze`.
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
            self.balance += amount
            self.entries.append(("deposit", amount))

    def withdraw(self, amount):
        with self._lock:
            if self.balance >= amount:
                self.balance -= amount
                return True
        return False

    def transfer(self, kind, amount):
        self._lock.acquire()
        try:
            fee = FEES[kind]
            self.balance -= amount + fee
        finally:
            self._lock.release()
        return fee

    def statement(self):
        with self._lock:
            entries = list(self.entries)
        return ["%s %d" % (kind, amount) for kind, amount in entries]

    def rates(self):
        if self._rates is None:
            with self._lock:
                if self._rates is None:
                    self._rates = {"EUR": 1.0, "USD": 1.08}
        return self._rates

    def freeze(self):
        with self._lock:
            self.frozen = True

    def unfreeze(self):
        with self._lock:
            self.frozen = False


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
