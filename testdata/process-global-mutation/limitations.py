"""Known imprecision: a process-wide change missed and a harmless one reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed (`known-fn`):
`contextlib.redirect_stdout` assigns `sys.stdout` inside the library.
Reported but safe (`known-fp`): a setup thread that runs alone, joined
before any other thread starts. Each is listed under Limitations in
docs/rules/process-global-mutation.md.
"""

import contextlib
import io
import os
import threading

# -- contextlib.redirect_stdout in a worker (missed) --------------------------------------------------------------


def redirect_stdout_bad():
    """`redirect_stdout` swaps `sys.stdout` for every thread while the block runs."""
    captured = io.StringIO()

    def render():
        with contextlib.redirect_stdout(captured):  # known-fn: process-global-mutation -- `redirect_stdout` assigns `sys.stdout` inside the library; only the calls and assignments in the process-global table are recognized
            print("report body")

    threads = [threading.Thread(target=render) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return captured.getvalue()


def redirect_stdout_ok():
    """`print(..., file=buf)` writes to the buffer only."""
    captured = io.StringIO()

    def render():
        print("report body", file=captured)

    threads = [threading.Thread(target=render) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return captured.getvalue()


# -- a setup thread that runs alone (reported, but safe) ------------------------------------------------------------


def _job(results):
    results.append(os.environ.get("APP_STAGE"))


def setup_alongside_bad():
    """The setup thread changes the environment while the jobs already read it."""
    results = []

    def setup():
        os.environ["APP_STAGE"] = "ready"  # expect: process-global-mutation

    threads = [threading.Thread(target=setup)]  # expect-note: process-global-mutation
    threads += [threading.Thread(target=_job, args=(results,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.environ.pop("APP_STAGE", None)
    return results


def setup_alongside_ok():
    """The setup thread is joined before the jobs start; nothing runs beside it."""
    results = []

    def setup():
        os.environ["APP_STAGE"] = "ready"  # known-fp: process-global-mutation -- the setup thread runs alone and is joined before any other thread starts; any thread code that changes process-wide state is reported, without asking what runs beside it

    setup_thread = threading.Thread(target=setup)
    setup_thread.start()
    setup_thread.join()
    threads = [threading.Thread(target=_job, args=(results,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.environ.pop("APP_STAGE", None)
    return results


if __name__ == "__main__":
    redirect_stdout_bad()
    redirect_stdout_ok()
    setup_alongside_bad()
    setup_alongside_ok()
