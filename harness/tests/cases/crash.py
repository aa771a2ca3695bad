"""Exits 3 after a worker thread died of a KeyError; leaves a background process behind."""
import os
import subprocess
import sys
import threading

table = {}


def worker():
    return table["missing"]  # LOOKUP


t = threading.Thread(target=worker, name="worker")
t.start()
t.join()
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1000)"])
with open(os.environ["RACELINT_TEST_PIDFILE"], "w") as f:
    f.write("%d %d\n" % (os.getpid(), child.pid))
print("invariant broken: table is empty", file=sys.stderr)
sys.exit(3)
