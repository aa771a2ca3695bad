"""Read-modify-write in code started by the other ways of making a thread.

Scenario: the updating function is started by `threading.Timer`,
`_thread.start_new_thread`, a `socketserver.ThreadingTCPServer` (a
`ThreadingMixIn` server: its handler's `handle` runs on one thread per
connection), or `threading.Thread` reached through a `functools.partial`,
a `lambda`, or an aliased import (`import threading as th`, `from
threading import Thread as T`).
"""

import _thread
import functools
import queue
import socket
import socketserver
import threading
import threading as th
from threading import Thread as T

# -- threading.Timer ----------------------------------------------------------------------------------------------

heartbeats_bad = 0
heartbeats_ok = 0
heartbeats_lock_ok = threading.Lock()


def timer_bad():
    """Four timers fire `beat` at about the same moment."""

    def beat():
        global heartbeats_bad
        for _ in range(200):
            heartbeats_bad += 1  # expect: unguarded-read-modify-write

    timers = [threading.Timer(0.01, beat) for _ in range(4)]  # expect-note: unguarded-read-modify-write
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    return heartbeats_bad


def timer_ok():
    """The update holds a lock."""

    def beat():
        global heartbeats_ok
        for _ in range(200):
            with heartbeats_lock_ok:
                heartbeats_ok += 1

    timers = [threading.Timer(0.01, beat) for _ in range(4)]
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    return heartbeats_ok


# -- _thread.start_new_thread ------------------------------------------------------------------------------------------

crc_bad = 0
crc_ok = 0
crc_lock_ok = threading.Lock()


def start_new_thread_bad():
    """Three low-level threads add into one global."""

    def work(n, finished):
        global crc_bad
        try:
            for i in range(n):
                crc_bad += i  # expect: unguarded-read-modify-write
        finally:
            finished.put(n)

    finished = queue.Queue()
    for _ in range(3):
        _thread.start_new_thread(work, (200, finished))
    for _ in range(3):
        finished.get()


def start_new_thread_ok():
    """The update holds a lock."""

    def work(n, finished):
        global crc_ok
        try:
            for i in range(n):
                with crc_lock_ok:
                    crc_ok += i
        finally:
            finished.put(n)

    finished = queue.Queue()
    for _ in range(3):
        _thread.start_new_thread(work, (200, finished))
    for _ in range(3):
        finished.get()


# -- socketserver.ThreadingTCPServer: handle() runs once per connection, concurrently -----------------------------------

served_bad = 0
served_ok = 0
served_lock_ok = threading.Lock()


class CountingHandlerBad(socketserver.BaseRequestHandler):
    def handle(self):
        global served_bad
        self.request.recv(16)
        served_bad += 1  # expect: unguarded-read-modify-write
        self.request.sendall(b"ok")


class CountingHandlerOk(socketserver.BaseRequestHandler):
    def handle(self):
        global served_ok
        self.request.recv(16)
        with served_lock_ok:
            served_ok += 1
        self.request.sendall(b"ok")


def socketserver_bad():
    """Connections are handled on one thread each, side by side."""
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), CountingHandlerBad) as server:
        serving = threading.Thread(target=server.serve_forever)
        serving.start()
        for _ in range(3):
            with socket.create_connection(server.server_address) as conn:
                conn.sendall(b"hello")
                conn.recv(16)
        server.shutdown()
        serving.join()
    return served_bad


def socketserver_ok():
    """The handler's update holds a lock."""
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), CountingHandlerOk) as server:
        serving = threading.Thread(target=server.serve_forever)
        serving.start()
        for _ in range(3):
            with socket.create_connection(server.server_address) as conn:
                conn.sendall(b"hello")
                conn.recv(16)
        server.shutdown()
        serving.join()
    return served_ok


# -- Thread(target=functools.partial(f, ...)) --------------------------------------------------------------------------------

quota_used_bad = {"eu": 0}
quota_used_ok = {"eu": 0}
quota_lock_ok = threading.Lock()


def partial_bad():
    """The target is `spend` with its region bound by `partial`."""

    def spend(region, units):
        for _ in range(units):
            quota_used_bad[region] += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=functools.partial(spend, "eu"), args=(200,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return quota_used_bad


def partial_ok():
    """The element update holds a lock."""

    def spend(region, units):
        for _ in range(units):
            with quota_lock_ok:
                quota_used_ok[region] += 1

    threads = [threading.Thread(target=functools.partial(spend, "eu"), args=(200,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return quota_used_ok


# -- Thread(target=lambda: f(...)) ----------------------------------------------------------------------------------------------

frames_drawn_bad = 0
frames_drawn_ok = 0
frames_lock_ok = threading.Lock()


def lambda_bad():
    """The lambda calls `draw`, so `draw` runs on every thread."""

    def draw(n):
        global frames_drawn_bad
        for _ in range(n):
            frames_drawn_bad += 1  # expect: unguarded-read-modify-write

    threads = [threading.Thread(target=lambda: draw(200)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return frames_drawn_bad


def lambda_ok():
    """The update holds a lock."""

    def draw(n):
        global frames_drawn_ok
        for _ in range(n):
            with frames_lock_ok:
                frames_drawn_ok += 1

    threads = [threading.Thread(target=lambda: draw(200)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return frames_drawn_ok


# -- import threading as th --------------------------------------------------------------------------------------------------------

uploads_bad = 0
uploads_ok = 0
uploads_lock_ok = th.Lock()


def module_alias_bad():
    """`th.Thread` is `threading.Thread`."""

    def upload():
        global uploads_bad
        for _ in range(200):
            uploads_bad += 1  # expect: unguarded-read-modify-write

    threads = [th.Thread(target=upload) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return uploads_bad


def module_alias_ok():
    """`th.Lock()` is a `threading.Lock`."""

    def upload():
        global uploads_ok
        for _ in range(200):
            with uploads_lock_ok:
                uploads_ok += 1

    threads = [th.Thread(target=upload) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return uploads_ok


# -- from threading import Thread as T ------------------------------------------------------------------------------------------------

votes_bad = {"yes": 0}
votes_ok = {"yes": 0}
votes_lock_ok = threading.Lock()


def class_alias_bad():
    """`T` is `threading.Thread`."""

    def vote(n):
        for _ in range(n):
            votes_bad["yes"] = votes_bad["yes"] + 1  # expect: unguarded-read-modify-write

    threads = [T(target=vote, args=(200,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return votes_bad


def class_alias_ok():
    """The update holds a lock."""

    def vote(n):
        for _ in range(n):
            with votes_lock_ok:
                votes_ok["yes"] = votes_ok["yes"] + 1

    threads = [T(target=vote, args=(200,)) for _ in range(3)]
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
