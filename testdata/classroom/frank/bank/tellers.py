"""Tellers: each thread runs many transfers on the shared accounts."""

import threading

from bank.accounts import balances, transfer


def teller(pairs):
    for source, target in pairs:
        transfer(source, target, 10)


def main():
    work = [("alice", "bob"), ("bob", "carol"), ("carol", "alice")] * 100
    threads = [threading.Thread(target=teller, args=(work,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(balances.values())


if __name__ == "__main__":
    print(main())
