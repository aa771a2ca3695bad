"""Locale, signal handlers, socket defaults and the time zone changed from a thread.

Scenario: code that runs on a pool thread, a `Timer` or a plain worker
changes a C-library or runtime setting that belongs to the whole process:
`locale.setlocale`, `signal.signal` (which CPython allows only in the main
thread), `socket.setdefaulttimeout`, `time.tzset`. Every other thread's
number formatting, sockets or local times change with it. Each `_ok` twin
makes the change in the main thread before the threads start, or uses the
per-object setting (`sock.settimeout`). `decimal.setcontext` looks like
one of them but sets the context of the calling thread only, and is not
reported.
"""

import decimal
import locale
import os
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# -- locale.setlocale in a pool task ---------------------------------------------------------------------------


def setlocale_bad():
    """Every task switches the process locale while the others format numbers."""
    saved = locale.setlocale(locale.LC_NUMERIC)

    def format_price(value):
        locale.setlocale(locale.LC_NUMERIC, "C")  # expect: process-global-mutation
        return locale.format_string("%.2f", value)

    with ThreadPoolExecutor(max_workers=2) as pool:
        prices = list(pool.map(format_price, [1.5, 2.25]))  # expect-note: process-global-mutation
    locale.setlocale(locale.LC_NUMERIC, saved)
    return prices


def setlocale_ok():
    """The locale is set once, in the main thread, before the pool starts."""
    saved = locale.setlocale(locale.LC_NUMERIC)

    def format_price(value):
        return locale.format_string("%.2f", value)

    locale.setlocale(locale.LC_NUMERIC, "C")
    with ThreadPoolExecutor(max_workers=2) as pool:
        prices = list(pool.map(format_price, [1.5, 2.25]))
    locale.setlocale(locale.LC_NUMERIC, saved)
    return prices


# -- signal.signal in a worker -----------------------------------------------------------------------------------


def _on_usr1(signum, frame):
    return signum


def signal_bad():
    """Installing a handler off the main thread raises `ValueError`, and would change every thread's handler."""
    saved = signal.getsignal(signal.SIGUSR1)
    errors = []

    def install():
        try:
            signal.signal(signal.SIGUSR1, _on_usr1)  # expect: process-global-mutation
        except ValueError as err:
            errors.append(str(err))

    threads = [threading.Thread(target=install)]  # expect-note: process-global-mutation
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    signal.signal(signal.SIGUSR1, saved)
    return errors


def signal_ok():
    """The main thread installs the handler before the worker starts; the worker only checks it."""
    saved = signal.getsignal(signal.SIGUSR1)
    errors = []

    def install():
        if signal.getsignal(signal.SIGUSR1) is not _on_usr1:
            errors.append("handler missing")

    signal.signal(signal.SIGUSR1, _on_usr1)
    threads = [threading.Thread(target=install)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    signal.signal(signal.SIGUSR1, saved)
    return errors


# -- socket.setdefaulttimeout in a worker ---------------------------------------------------------------------------


def default_timeout_bad():
    """One worker's timeout becomes the default for every new socket in the process."""
    made = []

    def probe(timeout):
        socket.setdefaulttimeout(timeout)  # expect: process-global-mutation
        sock = socket.socket()
        made.append(sock.gettimeout())
        sock.close()

    threads = [threading.Thread(target=probe, args=(t,)) for t in (0.5, 5.0)]  # expect-note: process-global-mutation
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    socket.setdefaulttimeout(None)
    return made


def default_timeout_ok():
    """`settimeout` sets the timeout of this one socket."""
    made = []

    def probe(timeout):
        sock = socket.socket()
        sock.settimeout(timeout)
        made.append(sock.gettimeout())
        sock.close()

    threads = [threading.Thread(target=probe, args=(t,)) for t in (0.5, 5.0)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return made


# -- time.tzset in a Timer callback -----------------------------------------------------------------------------------


def tzset_bad():
    """The timer reloads the zone rules for the whole process while others call `localtime`."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    stamps = []

    def refresh_zone():
        time.tzset()  # expect: process-global-mutation
        stamps.append(time.localtime(0).tm_hour)

    timer = threading.Timer(0.01, refresh_zone)  # expect-note: process-global-mutation
    timer.start()
    timer.join()
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()
    return stamps


def tzset_ok():
    """The main thread reloads the zone rules before the timer starts."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    stamps = []

    def refresh_zone():
        stamps.append(time.localtime(0).tm_hour)

    time.tzset()
    timer = threading.Timer(0.01, refresh_zone)
    timer.start()
    timer.join()
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()
    return stamps


# -- a method of a thread-safe class changes the working directory ----------------------------------------------------------


class WorkspaceBad:  # racelint: thread-safe
    def __init__(self, root):
        self.root = root

    def open_file(self, name):
        os.chdir(self.root)  # expect: process-global-mutation
        return open(name).read() if os.path.exists(name) else ""


class WorkspaceOk:  # racelint: thread-safe
    def __init__(self, root):
        self.root = root

    def open_file(self, name):
        path = os.path.join(self.root, name)
        return open(path).read() if os.path.exists(path) else ""


def thread_safe_class_bad():
    """Public methods of a thread-safe class run on callers' threads; `chdir` moves them all."""
    home = os.getcwd()
    text = WorkspaceBad(home).open_file("missing.txt")
    os.chdir(home)
    return text


def thread_safe_class_ok():
    """The method joins its own path instead."""
    return WorkspaceOk(os.getcwd()).open_file("missing.txt")


# -- decimal.setcontext is per thread (not reported) -------------------------------------------------------------------------


def decimal_context_ok():
    """`decimal.setcontext` changes only the calling thread's context."""
    results = []

    def compute(prec):
        decimal.setcontext(decimal.Context(prec=prec))
        results.append(decimal.Decimal(1) / decimal.Decimal(7))

    threads = [threading.Thread(target=compute, args=(p,)) for p in (5, 20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


if __name__ == "__main__":
    setlocale_bad()
    setlocale_ok()
    signal_bad()
    signal_ok()
    default_timeout_bad()
    default_timeout_ok()
    tzset_bad()
    tzset_ok()
    thread_safe_class_bad()
    thread_safe_class_ok()
    decimal_context_ok()
