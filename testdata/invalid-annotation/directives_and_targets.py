"""Annotations with a misspelled directive, or on a line they cannot apply to.

Scenario: a `# racelint:` comment whose directive is not one racelint
knows (`guardedby=`, `threadsafe`, `thread_confined`), a `guarded-by=` on
a line that assigns nothing (a `def`, a call statement), and a
`thread-confined` on something that is neither a class nor an assignment.
racelint would silently check nothing, so the comment is reported on its
own line. Each `_ok` twin spells the directive right and puts it on the
line that first assigns the field, or on the `class` line. Suppressions
(`# racelint: ignore[...]`, `ignore-file[...]`) are validated by
unused-suppression, not here.
"""

import threading

# -- misspelled directive: guardedby= -----------------------------------------------------------------------------


class InboxBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._messages = []  # racelint: guardedby=self._lock  # expect: invalid-annotation

    def post(self, message):
        with self._lock:
            self._messages.append(message)


class InboxOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._messages = []  # racelint: guarded-by=self._lock

    def post(self, message):
        with self._lock:
            self._messages.append(message)


def misspelled_guarded_by_bad():
    """`guardedby=` is not a directive; the field is not checked at all."""
    inbox = InboxBad()
    inbox.post("hi")
    return inbox


def misspelled_guarded_by_ok():
    """`guarded-by=` names the lock that guards `_messages`."""
    inbox = InboxOk()
    inbox.post("hi")
    return inbox


# -- misspelled directive: threadsafe ---------------------------------------------------------------------------------


class CounterBad:  # racelint: threadsafe  # expect: invalid-annotation
    def __init__(self):
        self._total = 0

    def total(self):
        return self._total


class CounterOk:  # racelint: thread-safe
    def __init__(self):
        self._total = 0

    def total(self):
        return self._total


def misspelled_thread_safe_bad():
    """`threadsafe` is not a directive; the class is not treated as called from several threads."""
    return CounterBad().total()


def misspelled_thread_safe_ok():
    """`thread-safe` declares that the public methods run concurrently."""
    return CounterOk().total()


# -- misspelled directive: thread_confined -----------------------------------------------------------------------------


class ScratchBad:  # racelint: thread_confined  # expect: invalid-annotation
    def __init__(self):
        self.lines = []


class ScratchOk:  # racelint: thread-confined
    def __init__(self):
        self.lines = []


def misspelled_thread_confined_bad():
    """`thread_confined` (underscore) is not a directive."""
    scratch = ScratchBad()
    scratch.lines.append("x")
    return scratch


def misspelled_thread_confined_ok():
    """`thread-confined` (hyphen) is."""
    scratch = ScratchOk()
    scratch.lines.append("x")
    return scratch


# -- guarded-by on a def line -----------------------------------------------------------------------------------------------


class QueueBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = []

    def push(self, job):  # racelint: guarded-by=self._lock  # expect: invalid-annotation
        with self._lock:
            self._jobs.append(job)


class QueueOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = []  # racelint: guarded-by=self._lock

    def push(self, job):
        with self._lock:
            self._jobs.append(job)


def guarded_by_on_def_bad():
    """A `def` assigns no field; nothing is guarded."""
    q = QueueBad()
    q.push("job")
    return q


def guarded_by_on_def_ok():
    """The annotation sits on the line that first assigns `_jobs`."""
    q = QueueOk()
    q.push("job")
    return q


# -- guarded-by on a call statement ---------------------------------------------------------------------------------------------


class BasketBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []
        self._items.clear()  # racelint: guarded-by=self._lock  # expect: invalid-annotation

    def add(self, item):
        with self._lock:
            self._items.append(item)


class BasketOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []  # racelint: guarded-by=self._lock
        self._items.clear()

    def add(self, item):
        with self._lock:
            self._items.append(item)


def guarded_by_on_call_bad():
    """`self._items.clear()` calls a method; it does not assign the field."""
    basket = BasketBad()
    basket.add("pear")
    return basket


def guarded_by_on_call_ok():
    """The annotation moves to the assignment on the line above."""
    basket = BasketOk()
    basket.add("pear")
    return basket


# -- thread-confined on a def line and on a for line -------------------------------------------------------------------------------


def render_bad(rows):  # racelint: thread-confined  # expect: invalid-annotation
    """A function is neither a class nor an assignment."""
    out = []
    for row in rows:
        out.append(str(row))
    return out


def render_ok(rows):
    """The annotation sits on the assignment of the object that stays on one thread."""
    out = []  # racelint: thread-confined
    for row in rows:
        out.append(str(row))
    return out


def confined_on_loop_bad(rows):
    """A `for` line binds a loop variable; it is not an assignment statement."""
    total = 0
    for row in rows:  # racelint: thread-confined  # expect: invalid-annotation
        total += len(str(row))
    return total


def confined_on_loop_ok(rows):
    """The annotation sits on the accumulator's assignment."""
    total = 0  # racelint: thread-confined
    for row in rows:
        total += len(str(row))
    return total


# -- a suppression comment is not an annotation ------------------------------------------------------------------------------------


def suppression_comment_ok():
    """`ignore[...]` is checked by unused-suppression; invalid-annotation leaves it alone."""
    value = 1  # racelint: ignore[check-then-act]
    return value


if __name__ == "__main__":
    misspelled_guarded_by_bad()
    misspelled_guarded_by_ok()
    misspelled_thread_safe_bad()
    misspelled_thread_safe_ok()
    misspelled_thread_confined_bad()
    misspelled_thread_confined_ok()
    guarded_by_on_def_bad()
    guarded_by_on_def_ok()
    guarded_by_on_call_bad()
    guarded_by_on_call_ok()
    render_bad([1, 2])
    render_ok([1, 2])
    confined_on_loop_bad([1, 2])
    confined_on_loop_ok([1, 2])
    suppression_comment_ok()
