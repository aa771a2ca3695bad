"""Shared account balances and a transfer that two tellers may run at once."""

balances = {"alice": 100, "bob": 100, "carol": 100}
transfers = 0


def transfer(source, target, amount):
    global transfers
    if balances[source] >= amount:
        balances[source] -= amount
        balances[target] += amount
        transfers += 1
