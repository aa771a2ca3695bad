"""Never ends: a sleeping grandchild process and a thread blocked forever."""
import os
import subprocess
import sys
import threading

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1000)"])
with open(os.environ["RACELINT_TEST_PIDFILE"], "w") as f:
    f.write("%d %d\n" % (os.getpid(), child.pid))
threading.Event().wait()
