"""A counter class; the other package has a class with the same method name.

Scenario: `note` is called on a receiver of unknown type. Two project
classes define `note`, one per top-level package; the call resolves to the
one in the caller's own package.
"""


class Sink:
    def __init__(self):
        self.count = 0

    def note(self):
        self.count += 1  # expect: unguarded-read-modify-write
