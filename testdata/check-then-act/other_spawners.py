"""Check-then-act in code started by the other ways of making a thread.

Scenario: the racing function is started by `threading.Timer`,
`_thread.start_new_thread`, a `socketserver.ThreadingMixIn` server (its
handler's `handle` runs on one thread per connection), or
`threading.Thread` reached through a `functools.partial`, a `lambda`, or
an aliased import (`import threading as th`, `from threading import
Thread as T`).
"""

import _thread
import functools
import queue
import socket
import socketserver
import threading
import threading as th
from threading import Thread as T

# -- threading.Timer ------------------------------------------------------------------------------------

leases_bad = {0: "lease-a", 1: "lease-b"}
leases_ok = {0: "lease-a", 1: "lease-b"}


def timer_bad():
    """Two timers expire the same lease; the second `del` raises `KeyError`."""

    def expire(key):
        if key in leases_bad:  # expect-note: check-then-act
            del leases_bad[key]  # expect: check-then-act

    timers = [threading.Timer(0.01, expire, args=(i % 2,)) for i in range(4)]  # expect-note: check-then-act
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    return leases_bad


def timer_ok():
    """`pop` with a default expires the lease once."""

    def expire(key):
        leases_ok.pop(key, None)

    timers = [threading.Timer(0.01, expire, args=(i % 2,)) for i in range(4)]
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    return leases_ok


# -- _thread.start_new_thread -------------------------------------------------------------------------------

audit_log_bad = None
audit_log_ok = None
audit_lock_ok = threading.Lock()


def start_new_thread_bad():
    """Each low-level thread may create its own log list; entries get lost."""

    def work(tag, finished):
        global audit_log_bad
        try:
            if audit_log_bad is None:  # expect-note: check-then-act
                audit_log_bad = []  # expect: check-then-act
            audit_log_bad.append(tag)
        finally:
            finished.put(tag)

    finished = queue.Queue()
    for i in range(3):
        _thread.start_new_thread(work, (i, finished))
    for _ in range(3):
        finished.get()


def start_new_thread_ok():
    """The lazy creation holds a lock."""

    def work(tag, finished):
        global audit_log_ok
        try:
            with audit_lock_ok:
                if audit_log_ok is None:
                    audit_log_ok = []
            audit_log_ok.append(tag)
        finally:
            finished.put(tag)

    finished = queue.Queue()
    for i in range(3):
        _thread.start_new_thread(work, (i, finished))
    for _ in range(3):
        finished.get()


# -- socketserver.ThreadingMixIn: handle() runs once per connection, concurrently ----------------------------

greeted_bad = {}
greeted_ok = {}


class GreetHandlerBad(socketserver.BaseRequestHandler):
    def handle(self):
        name = self.request.recv(64).decode()
        if name not in greeted_bad:  # expect-note: check-then-act
            greeted_bad[name] = threading.get_ident()  # expect: check-then-act
        self.request.sendall(b"hi")


class GreetHandlerOk(socketserver.BaseRequestHandler):
    def handle(self):
        name = self.request.recv(64).decode()
        greeted_ok.setdefault(name, threading.get_ident())
        self.request.sendall(b"hi")


class GreetServerBad(socketserver.ThreadingMixIn, socketserver.TCPServer):
    pass


class GreetServerOk(socketserver.ThreadingMixIn, socketserver.TCPServer):
    pass


def socketserver_bad():
    """Two connections from "ann" are handled on two threads at once."""
    with GreetServerBad(("127.0.0.1", 0), GreetHandlerBad) as server:
        serving = threading.Thread(target=server.serve_forever)
        serving.start()
        for name in ("ann", "bob", "ann"):
            with socket.create_connection(server.server_address) as conn:
                conn.sendall(name.encode())
                conn.recv(16)
        server.shutdown()
        serving.join()
    return greeted_bad


def socketserver_ok():
    """`setdefault` records the first handler thread for each name."""
    with GreetServerOk(("127.0.0.1", 0), GreetHandlerOk) as server:
        serving = threading.Thread(target=server.serve_forever)
        serving.start()
        for name in ("ann", "bob", "ann"):
            with socket.create_connection(server.server_address) as conn:
                conn.sendall(name.encode())
                conn.recv(16)
        server.shutdown()
        serving.join()
    return greeted_ok


# -- Thread(target=functools.partial(f, ...)) ---------------------------------------------------------------------

quotas_bad = {}
quotas_ok = {}


def partial_bad():
    """The target is `fetch` with its first argument bound by `partial`."""

    def fetch(region, key):
        if key not in quotas_bad:  # expect-note: check-then-act
            quotas_bad[key] = region  # expect: check-then-act

    threads = [threading.Thread(target=functools.partial(fetch, "eu"), args=(k,)) for k in "aab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return quotas_bad


def partial_ok():
    """`setdefault` keeps the first quota."""

    def fetch(region, key):
        quotas_ok.setdefault(key, region)

    threads = [threading.Thread(target=functools.partial(fetch, "eu"), args=(k,)) for k in "aab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return quotas_ok


# -- Thread(target=lambda: f(...)) ---------------------------------------------------------------------------------

versions_bad = {}
versions_ok = {}


def lambda_bad():
    """The lambda calls `publish`, so `publish` runs on every thread."""

    def publish(name):
        if name not in versions_bad:  # expect-note: check-then-act
            versions_bad[name] = threading.get_ident()  # expect: check-then-act

    threads = [threading.Thread(target=lambda n=n: publish(n)) for n in ("x", "x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return versions_bad


def lambda_ok():
    """`setdefault` records the first publisher."""

    def publish(name):
        versions_ok.setdefault(name, threading.get_ident())

    threads = [threading.Thread(target=lambda n=n: publish(n)) for n in ("x", "x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return versions_ok


# -- import threading as th ------------------------------------------------------------------------------------------

breaker_bad = None
breaker_ok = None
breaker_lock_ok = th.Lock()


def module_alias_bad():
    """`th.Thread` is `threading.Thread`."""

    def trip():
        global breaker_bad
        if breaker_bad is None:  # expect-note: check-then-act
            breaker_bad = {"tripped_by": th.get_ident()}  # expect: check-then-act

    threads = [th.Thread(target=trip) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return breaker_bad


def module_alias_ok():
    """`th.Lock()` is a `threading.Lock` and guards both steps."""

    def trip():
        global breaker_ok
        with breaker_lock_ok:
            if breaker_ok is None:
                breaker_ok = {"tripped_by": th.get_ident()}

    threads = [th.Thread(target=trip) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return breaker_ok


# -- from threading import Thread as T ---------------------------------------------------------------------------------

votes_bad = {"alice"}
votes_ok = {"alice"}


def class_alias_bad():
    """`T` is `threading.Thread`; two threads can both withdraw the same vote."""

    def withdraw(voter):
        if voter in votes_bad:  # expect-note: check-then-act
            votes_bad.remove(voter)  # expect: check-then-act

    threads = [T(target=withdraw, args=("alice",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return votes_bad


def class_alias_ok():
    """`discard` withdraws the vote once."""

    def withdraw(voter):
        votes_ok.discard(voter)

    threads = [T(target=withdraw, args=("alice",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return votes_ok


if __name__ == "__main__":
    timer_bad()
    timer_ok()
    start_new_thread_bad()
    start_new_thread_ok()
    socketserver_bad()
    socketserver_ok()
    partial_bad()
    partial_ok()
    lambda_bad()
    lambda_ok()
    module_alias_bad()
    module_alias_ok()
    class_alias_bad()
    class_alias_ok()
