"""`thread-confined` on state that racelint sees used by two concurrent threads.

Scenario: a class or an assignment is annotated `# racelint:
thread-confined`, a promise that only one thread ever uses it, but the
program hands it to two threads that run at the same time (a bound method
started in a loop, a module global read by two targets, an attribute of an
object passed in `args=`). The annotation is broken and is reported on its
own line. Each `_ok` twin keeps the promise: every thread makes its own
object, or one thread alone uses it.
"""

import threading

# -- a thread-confined class whose instance reaches several threads -----------------------------------------------


class ParserStateBad:  # racelint: thread-confined  # expect: invalid-annotation
    def __init__(self):
        self.depth = 0
        self.tokens = []

    def feed(self, text):
        self.tokens.extend(text.split())
        self.depth = len(self.tokens)


class ParserStateOk:  # racelint: thread-confined
    def __init__(self):
        self.depth = 0
        self.tokens = []

    def feed(self, text):
        self.tokens.extend(text.split())
        self.depth = len(self.tokens)


def confined_class_bad():
    """One parser state, its `feed` started on three threads."""
    state = ParserStateBad()
    threads = [threading.Thread(target=state.feed, args=("a b c",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return state.depth


def confined_class_ok():
    """Every thread makes and feeds its own parser state."""
    depths = []

    def parse(text):
        state = ParserStateOk()
        state.feed(text)
        depths.append(state.depth)

    threads = [threading.Thread(target=parse, args=("a b c",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return depths


# -- a thread-confined module global used by two targets ------------------------------------------------------------

scratch_bad = []  # racelint: thread-confined  # expect: invalid-annotation
scratch_ok = []  # racelint: thread-confined


def confined_global_bad():
    """The writer and the cleaner both touch `scratch_bad` at the same time."""

    def writer():
        for i in range(50):
            scratch_bad.append(i)

    def cleaner():
        scratch_bad.clear()

    threads = [threading.Thread(target=writer), threading.Thread(target=cleaner)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return scratch_bad


def confined_global_ok():
    """Only the writer thread touches `scratch_ok`; the starter reads it after `join()`."""

    def writer():
        for i in range(50):
            scratch_ok.append(i)

    threads = [threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(scratch_ok)


# -- a thread-confined attribute of an object passed to two threads ---------------------------------------------------------


class SessionBad:
    def __init__(self):
        self.history = []  # racelint: thread-confined  # expect: invalid-annotation


class SessionOk:
    def __init__(self):
        self.history = []  # racelint: thread-confined


def confined_attribute_bad():
    """The same session is passed in `args=` to two threads that both append."""
    session = SessionBad()

    def browse(s, page):
        s.history.append(page)

    threads = [threading.Thread(target=browse, args=(session, p)) for p in ("/a", "/b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return session.history


def confined_attribute_ok():
    """Every thread browses with a session of its own."""
    histories = []

    def browse(page):
        s = SessionOk()
        s.history.append(page)
        histories.append(s.history)

    threads = [threading.Thread(target=browse, args=(p,)) for p in ("/a", "/b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return histories


if __name__ == "__main__":
    confined_class_bad()
    confined_class_ok()
    confined_global_bad()
    confined_global_ok()
    confined_attribute_bad()
    confined_attribute_ok()
