"""An unclosed bracket is reported at the bracket, not where parsing gave up."""

import threading

results = [  # expect: syntax-error "was never closed"
    threading.Thread(target=print, args=(i,)) for i in range(3)


def main():
    for t in results:
        t.start()
