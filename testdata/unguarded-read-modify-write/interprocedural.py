"""Read-modify-write in helpers, protected or not by the callers' locks.

Scenario: the update sits in a helper function and the lock is taken by
its callers. A helper runs under the locks that every one of its callers
holds at the call (the intersection over all call sites, carried through
call chains and recursion). One unlocked caller, or two callers holding
different locks, leaves the update unprotected; the finding is at the
update in the helper.
"""

import threading

# -- helper called with the lock from one thread, without it from another -----------------------------------

requests_bad = 0
requests_lock_bad = threading.Lock()
requests_ok = 0
requests_lock_ok = threading.Lock()


def _count_request_bad():
    global requests_bad
    requests_bad += 1  # expect: unguarded-read-modify-write


def _count_request_ok():
    global requests_ok
    requests_ok += 1


def caller_locks_bad():
    """`serve` holds the lock around the call; `health_check` does not."""

    def serve():
        for _ in range(200):
            with requests_lock_bad:
                _count_request_bad()

    def health_check():
        for _ in range(200):
            _count_request_bad()

    threads = [threading.Thread(target=serve), threading.Thread(target=health_check)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return requests_bad


def caller_locks_ok():
    """Both callers hold the lock, so the helper always runs under it."""

    def serve():
        for _ in range(200):
            with requests_lock_ok:
                _count_request_ok()

    def health_check():
        for _ in range(200):
            with requests_lock_ok:
                _count_request_ok()

    threads = [threading.Thread(target=serve), threading.Thread(target=health_check)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return requests_ok


# -- update two calls below the worker --------------------------------------------------------------------------

bytes_sent_bad = 0
bytes_sent_ok = 0
bytes_lock_ok = threading.Lock()


def _account_bytes_bad(n):
    global bytes_sent_bad
    bytes_sent_bad += n  # expect: unguarded-read-modify-write


def _send_packet_bad(payload):
    _account_bytes_bad(len(payload))


def _account_bytes_ok(n):
    global bytes_sent_ok
    bytes_sent_ok += n


def _send_packet_ok(payload):
    _account_bytes_ok(len(payload))


def call_chain_bad():
    """`upload` -> `_send_packet_bad` -> `_account_bytes_bad`, with no lock anywhere."""

    def upload(chunks):
        for c in chunks:
            _send_packet_bad(c)

    threads = [threading.Thread(target=upload, args=(["ab", "cde"] * 50,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return bytes_sent_bad


def call_chain_ok():
    """The worker's lock is held through both calls."""

    def upload(chunks):
        for c in chunks:
            with bytes_lock_ok:
                _send_packet_ok(c)

    threads = [threading.Thread(target=upload, args=(["ab", "cde"] * 50,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return bytes_sent_ok


# -- recursive helper ----------------------------------------------------------------------------------------------

nodes_seen_bad = 0
nodes_seen_ok = 0
nodes_lock_ok = threading.Lock()


def _walk_bad(node):
    global nodes_seen_bad
    nodes_seen_bad += 1  # expect: unguarded-read-modify-write
    for child in node:
        _walk_bad(child)


def _walk_ok(node):
    global nodes_seen_ok
    nodes_seen_ok += 1
    for child in node:
        _walk_ok(child)


def recursion_bad():
    """Three threads walk trees and count nodes in one global."""
    tree = [[[], []], [[]]]
    threads = [threading.Thread(target=_walk_bad, args=(tree,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return nodes_seen_bad


def recursion_ok():
    """The lock taken around the outer call is held in every recursive call."""
    tree = [[[], []], [[]]]

    def walk_locked(root):
        with nodes_lock_ok:
            _walk_ok(root)

    threads = [threading.Thread(target=walk_locked, args=(tree,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return nodes_seen_ok


# -- two callers, two different locks ------------------------------------------------------------------------------

queued_bad = 0
producer_lock_bad = threading.Lock()
consumer_lock_bad = threading.Lock()
queued_ok = 0
queued_lock_ok = threading.Lock()


def _adjust_queued_bad(delta):
    global queued_bad
    queued_bad += delta  # expect: unguarded-read-modify-write


def _adjust_queued_ok(delta):
    global queued_ok
    queued_ok += delta


def callsite_locks_differ_bad():
    """Each caller holds a lock, but the intersection of the two is empty."""

    def produce():
        for _ in range(300):
            with producer_lock_bad:
                _adjust_queued_bad(1)

    def consume():
        for _ in range(300):
            with consumer_lock_bad:
                _adjust_queued_bad(-1)

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return queued_bad


def callsite_locks_differ_ok():
    """Both callers hold the same lock."""

    def produce():
        for _ in range(300):
            with queued_lock_ok:
                _adjust_queued_ok(1)

    def consume():
        for _ in range(300):
            with queued_lock_ok:
                _adjust_queued_ok(-1)

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return queued_ok


if __name__ == "__main__":
    caller_locks_bad()
    caller_locks_ok()
    call_chain_bad()
    call_chain_ok()
    recursion_bad()
    recursion_ok()
    callsite_locks_differ_bad()
    callsite_locks_differ_ok()
