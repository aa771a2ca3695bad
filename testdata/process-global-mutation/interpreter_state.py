"""Interpreter-wide settings changed from a thread: `sys` limits, streams, path and warnings.

Scenario: a worker adjusts the interpreter for its own job: the recursion
limit, the switch interval, `sys.stdout`/`sys.stderr`, `sys.path`, or the
warnings filters (`warnings.catch_warnings()`, `simplefilter`,
`filterwarnings`, `resetwarnings`). Each of these is one setting for the
whole interpreter: every other thread prints into the worker's buffer,
imports from the worker's path, or loses warnings the worker silenced
(`catch_warnings` restores the filters on exit, racing with every other
thread that changed them meanwhile). Each `_ok` twin passes the value to
the one call that needs it (`print(..., file=buf)`) or makes the change in
the main thread before any thread starts.
"""

import io
import os
import sys
import tempfile
import threading
import warnings


def _run_all(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _deep(n):
    return 0 if n == 0 else 1 + _deep(n - 1)


# -- sys.setrecursionlimit in a worker ------------------------------------------------------------------------------


def recursion_limit_bad():
    """The worker raises the limit for every thread, not only for its own recursion."""
    limit = sys.getrecursionlimit()

    def walk_tree():
        sys.setrecursionlimit(limit)  # expect: process-global-mutation
        return _deep(200)

    threads = [threading.Thread(target=walk_tree) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)


def recursion_limit_ok():
    """The limit is set once, in the main thread, before the workers start."""
    limit = sys.getrecursionlimit()

    def walk_tree():
        return _deep(200)

    sys.setrecursionlimit(limit)
    threads = [threading.Thread(target=walk_tree) for _ in range(2)]
    _run_all(threads)


# -- sys.setswitchinterval in a worker --------------------------------------------------------------------------------


def switch_interval_bad():
    """The worker tunes the scheduler for the whole interpreter."""
    interval = sys.getswitchinterval()

    def latency_sensitive():
        sys.setswitchinterval(interval)  # expect: process-global-mutation
        return sum(range(1000))

    threads = [threading.Thread(target=latency_sensitive)]  # expect-note: process-global-mutation
    _run_all(threads)


def switch_interval_ok():
    """The interval is set in the main thread before the worker starts."""
    interval = sys.getswitchinterval()

    def latency_sensitive():
        return sum(range(1000))

    sys.setswitchinterval(interval)
    threads = [threading.Thread(target=latency_sensitive)]
    _run_all(threads)


# -- sys.stdout = buffer in a worker ------------------------------------------------------------------------------------


def stdout_swap_bad():
    """Other threads' `print` calls land in the worker's buffer."""
    original = sys.stdout
    captured = io.StringIO()

    def render():
        sys.stdout = captured  # expect: process-global-mutation
        print("report body")

    threads = [threading.Thread(target=render) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    sys.stdout = original
    return captured.getvalue()


def stdout_swap_ok():
    """`print(..., file=buf)` writes to the buffer without touching `sys.stdout`."""
    captured = io.StringIO()

    def render():
        print("report body", file=captured)

    threads = [threading.Thread(target=render) for _ in range(2)]
    _run_all(threads)
    return captured.getvalue()


# -- sys.stderr = log in a worker ---------------------------------------------------------------------------------------


def stderr_swap_bad():
    """Every thread's tracebacks now go to this worker's log."""
    original = sys.stderr
    log = io.StringIO()

    def quiet_job():
        sys.stderr = log  # expect: process-global-mutation
        print("warning: slow", file=sys.stderr)

    threads = [threading.Thread(target=quiet_job)]  # expect-note: process-global-mutation
    _run_all(threads)
    sys.stderr = original
    return log.getvalue()


def stderr_swap_ok():
    """The job writes to its log explicitly."""
    log = io.StringIO()

    def quiet_job():
        print("warning: slow", file=log)

    threads = [threading.Thread(target=quiet_job)]
    _run_all(threads)
    return log.getvalue()


# -- sys.path.append / sys.path.insert in a worker ------------------------------------------------------------------------


def path_append_bad():
    """Imports on every thread now search the plugin folder."""
    plugins = tempfile.mkdtemp()

    def load_plugins():
        sys.path.append(plugins)  # expect: process-global-mutation

    threads = [threading.Thread(target=load_plugins)]  # expect-note: process-global-mutation
    _run_all(threads)
    while plugins in sys.path:
        sys.path.remove(plugins)
    os.rmdir(plugins)


def path_append_ok():
    """The main thread extends the path before the loader starts."""
    plugins = tempfile.mkdtemp()

    def load_plugins():
        return plugins in sys.path

    sys.path.append(plugins)
    threads = [threading.Thread(target=load_plugins)]
    _run_all(threads)
    while plugins in sys.path:
        sys.path.remove(plugins)
    os.rmdir(plugins)


def path_insert_bad():
    """`insert(0, ...)` puts the vendored folder first for every import in the process."""
    vendored = tempfile.mkdtemp()

    def use_vendored():
        sys.path.insert(0, vendored)  # expect: process-global-mutation

    threads = [threading.Thread(target=use_vendored)]  # expect-note: process-global-mutation
    _run_all(threads)
    while vendored in sys.path:
        sys.path.remove(vendored)
    os.rmdir(vendored)


def path_insert_ok():
    """The main thread puts the folder first before the worker starts."""
    vendored = tempfile.mkdtemp()

    def use_vendored():
        return sys.path[0] == vendored

    sys.path.insert(0, vendored)
    threads = [threading.Thread(target=use_vendored)]
    _run_all(threads)
    while vendored in sys.path:
        sys.path.remove(vendored)
    os.rmdir(vendored)


# -- warnings.catch_warnings() in a worker -----------------------------------------------------------------------------------


def _noisy():
    warnings.warn("old API", DeprecationWarning)
    return 1


def catch_warnings_bad():
    """The `with` saves and restores the process filters around a concurrent change."""
    seen = []

    def check_api():
        with warnings.catch_warnings(record=True) as caught:  # expect: process-global-mutation
            _noisy()
        seen.extend(str(w.message) for w in caught)

    threads = [threading.Thread(target=check_api) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    return seen


def catch_warnings_ok():
    """The main thread records warnings around the whole threaded run."""
    seen = []

    def check_api():
        _noisy()

    with warnings.catch_warnings(record=True) as caught:
        threads = [threading.Thread(target=check_api) for _ in range(2)]
        _run_all(threads)
    seen.extend(str(w.message) for w in caught)
    return seen


# -- warnings.simplefilter / filterwarnings / resetwarnings in a worker ----------------------------------------------------------


def simplefilter_bad():
    """The worker silences warnings for every thread."""

    def quiet_import():
        warnings.simplefilter("ignore")  # expect: process-global-mutation
        return _noisy()

    with warnings.catch_warnings(record=True):
        threads = [threading.Thread(target=quiet_import)]  # expect-note: process-global-mutation
        _run_all(threads)


def simplefilter_ok():
    """The main thread sets the filter before starting the worker."""

    def quiet_import():
        return _noisy()

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        threads = [threading.Thread(target=quiet_import)]
        _run_all(threads)


def filterwarnings_bad():
    """A filter added by one worker applies to all of them."""

    def legacy_job():
        warnings.filterwarnings("ignore", category=DeprecationWarning)  # expect: process-global-mutation
        return _noisy()

    with warnings.catch_warnings(record=True):
        threads = [threading.Thread(target=legacy_job) for _ in range(2)]  # expect-note: process-global-mutation
        _run_all(threads)


def filterwarnings_ok():
    """The filter is added once, in the main thread, before the workers start."""

    def legacy_job():
        return _noisy()

    with warnings.catch_warnings(record=True):
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        threads = [threading.Thread(target=legacy_job) for _ in range(2)]
        _run_all(threads)


def resetwarnings_bad():
    """`resetwarnings` drops the filters that every other thread relies on."""

    def strict_job():
        warnings.resetwarnings()  # expect: process-global-mutation
        return _noisy()

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        threads = [threading.Thread(target=strict_job)]  # expect-note: process-global-mutation
        _run_all(threads)


def resetwarnings_ok():
    """The main thread resets the filters before the worker starts."""

    def strict_job():
        return _noisy()

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("ignore")
        warnings.resetwarnings()
        threads = [threading.Thread(target=strict_job)]
        _run_all(threads)


if __name__ == "__main__":
    recursion_limit_bad()
    recursion_limit_ok()
    switch_interval_bad()
    switch_interval_ok()
    stdout_swap_bad()
    stdout_swap_ok()
    stderr_swap_bad()
    stderr_swap_ok()
    path_append_bad()
    path_append_ok()
    path_insert_bad()
    path_insert_ok()
    catch_warnings_bad()
    catch_warnings_ok()
    simplefilter_bad()
    simplefilter_ok()
    filterwarnings_bad()
    filterwarnings_ok()
    resetwarnings_bad()
    resetwarnings_ok()
