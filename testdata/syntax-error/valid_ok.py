"""Valid Python in every form the token scan must not mistake for an error."""

import threading


def f(a, /, b, *, c=1, **kw):
    return [*a, b], {**kw}, -c


xs = [x for x in range(10)
      if x % 2]
table = {1: "a",
         2: "b"}
lock = threading.Lock()
value = not xs or -1 + -2 * +3
sliced = xs[1:2], xs[::2]
callback = lambda: -1
text = """
if this were code
    it would not parse
"""
name = f"{value!r:>10}"


class Counter:
    def __init__(self):
        self.n = 0

    def add(self):
        with lock:
            self.n += 1


if (value and
        table):
    pass
else:
	pass
