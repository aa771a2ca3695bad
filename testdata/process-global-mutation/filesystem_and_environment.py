"""The working directory, the environment and the umask changed from a thread.

Scenario: worker threads run jobs that each need their own directory,
environment variable or file mode, and get it by changing the process:
`os.chdir`, `os.environ[...] = ...`, `os.environ.update/pop`,
`del os.environ[...]`, `os.putenv`/`os.unsetenv`, `os.umask`, also
through `import os as o`, `from os import chdir` and `from os import
environ`. There is one working directory, one environment and one umask
per process, so every other thread (the main thread included) sees the
change in the middle of its own work. Each `_ok` twin passes the value to
the one call that needs it (`open(os.path.join(base, name))`,
`subprocess.run(..., cwd=..., env=...)`, `os.open(..., mode)`), or sets it
in the main thread before any thread starts.
"""

import os
import os as o
import shutil
import subprocess
import sys
import tempfile
import threading
from os import chdir, environ


def _run_child(cwd=None, env=None):
    subprocess.run([sys.executable, "-c", "pass"], cwd=cwd, env=env, check=True)


def _run_all(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# -- os.chdir in a worker -------------------------------------------------------------------------------------


def chdir_bad():
    """Every worker moves the whole process; relative paths elsewhere now point somewhere else."""
    base = tempfile.mkdtemp()
    home = os.getcwd()

    def write_report(name):
        os.chdir(base)  # expect: process-global-mutation
        with open(name, "w") as out:
            out.write(name)

    threads = [threading.Thread(target=write_report, args=("r%d.txt" % i,)) for i in range(3)]  # expect-note: process-global-mutation
    _run_all(threads)
    os.chdir(home)
    shutil.rmtree(base)


def chdir_ok():
    """Every worker joins the directory into its own path."""
    base = tempfile.mkdtemp()

    def write_report(name):
        with open(os.path.join(base, name), "w") as out:
            out.write(name)

    threads = [threading.Thread(target=write_report, args=("r%d.txt" % i,)) for i in range(3)]
    _run_all(threads)
    shutil.rmtree(base)


# -- os.chdir before starting a child process ------------------------------------------------------------------


def chdir_for_child_bad():
    """The worker changes directory so that the child starts there."""
    base = tempfile.mkdtemp()
    home = os.getcwd()

    def build():
        os.chdir(base)  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=build) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    os.chdir(home)
    shutil.rmtree(base)


def chdir_for_child_ok():
    """`cwd=` sets the child's directory and leaves the process alone."""
    base = tempfile.mkdtemp()

    def build():
        _run_child(cwd=base)

    threads = [threading.Thread(target=build) for _ in range(2)]
    _run_all(threads)
    shutil.rmtree(base)


# -- os.environ[key] = value in a worker -----------------------------------------------------------------------------


def environ_store_bad():
    """Two workers set `APP_MODE` for their child; each child may see the other's value."""

    def launch(mode):
        os.environ["APP_MODE"] = mode  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch, args=(m,)) for m in ("fast", "safe")]  # expect-note: process-global-mutation
    _run_all(threads)
    os.environ.pop("APP_MODE", None)


def environ_store_ok():
    """Every child gets its own environment through `env=`."""

    def launch(mode):
        _run_child(env=dict(os.environ, APP_MODE=mode))

    threads = [threading.Thread(target=launch, args=(m,)) for m in ("fast", "safe")]
    _run_all(threads)


# -- os.environ.update in a worker -----------------------------------------------------------------------------------


def environ_update_bad():
    """`update` writes several variables into the shared environment."""

    def launch(region):
        os.environ.update({"APP_REGION": region, "APP_ZONE": region + "-a"})  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch, args=(r,)) for r in ("eu", "us")]  # expect-note: process-global-mutation
    _run_all(threads)
    os.environ.pop("APP_REGION", None)
    os.environ.pop("APP_ZONE", None)


def environ_update_ok():
    """The variables go into the child's `env=` only."""

    def launch(region):
        _run_child(env=dict(os.environ, APP_REGION=region, APP_ZONE=region + "-a"))

    threads = [threading.Thread(target=launch, args=(r,)) for r in ("eu", "us")]
    _run_all(threads)


# -- del os.environ[key] in a worker -------------------------------------------------------------------------------------


def environ_del_bad():
    """Deleting a variable removes it for every thread, mid-flight."""
    os.environ["APP_DEBUG"] = "1"

    def launch_quiet():
        del os.environ["APP_DEBUG"]  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch_quiet)]  # expect-note: process-global-mutation
    _run_all(threads)
    os.environ.pop("APP_DEBUG", None)


def environ_del_ok():
    """The child gets a copy of the environment without the variable."""
    os.environ["APP_DEBUG"] = "1"

    def launch_quiet():
        env = {k: v for k, v in os.environ.items() if k != "APP_DEBUG"}
        _run_child(env=env)

    threads = [threading.Thread(target=launch_quiet)]
    _run_all(threads)
    os.environ.pop("APP_DEBUG", None)


# -- os.environ.pop in a worker -------------------------------------------------------------------------------------------


def environ_pop_bad():
    """`pop` takes the token away from the process, not from one job."""
    os.environ["APP_TOKEN"] = "secret"

    def anonymous_job():
        os.environ.pop("APP_TOKEN", None)  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=anonymous_job)]  # expect-note: process-global-mutation
    _run_all(threads)
    os.environ.pop("APP_TOKEN", None)


def environ_pop_ok():
    """The job's child gets an environment without the token."""
    os.environ["APP_TOKEN"] = "secret"

    def anonymous_job():
        env = dict(os.environ)
        env.pop("APP_TOKEN", None)
        _run_child(env=env)

    threads = [threading.Thread(target=anonymous_job)]
    _run_all(threads)
    os.environ.pop("APP_TOKEN", None)


# -- os.putenv / os.unsetenv in a worker ------------------------------------------------------------------------------------


def putenv_bad():
    """`putenv` changes the C environment that every later child inherits."""

    def launch(level):
        os.putenv("APP_LEVEL", level)  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch, args=(lv,)) for lv in ("1", "2")]  # expect-note: process-global-mutation
    _run_all(threads)
    os.unsetenv("APP_LEVEL")


def putenv_ok():
    """The level goes into the child's `env=` only."""

    def launch(level):
        _run_child(env=dict(os.environ, APP_LEVEL=level))

    threads = [threading.Thread(target=launch, args=(lv,)) for lv in ("1", "2")]
    _run_all(threads)


def unsetenv_bad():
    """`unsetenv` removes the variable for children of every thread."""
    os.putenv("APP_TRACE", "1")

    def launch_untraced():
        os.unsetenv("APP_TRACE")  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch_untraced)]  # expect-note: process-global-mutation
    _run_all(threads)


def unsetenv_ok():
    """The variable is removed once, in the main thread, before the worker starts."""
    os.putenv("APP_TRACE", "1")

    def launch_untraced():
        _run_child()

    os.unsetenv("APP_TRACE")
    threads = [threading.Thread(target=launch_untraced)]
    _run_all(threads)


# -- os.umask in a worker -----------------------------------------------------------------------------------------------------


def umask_bad():
    """Other threads create files with the worker's mask while it is set."""
    base = tempfile.mkdtemp()
    saved = os.umask(0o022)
    os.umask(saved)

    def write_secret(name):
        os.umask(0o077)  # expect: process-global-mutation
        with open(os.path.join(base, name), "w") as out:
            out.write("secret")

    threads = [threading.Thread(target=write_secret, args=("s%d" % i,)) for i in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    os.umask(saved)
    shutil.rmtree(base)


def umask_ok():
    """`os.open` takes the file mode for this one file."""
    base = tempfile.mkdtemp()

    def write_secret(name):
        fd = os.open(os.path.join(base, name), os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write("secret")

    threads = [threading.Thread(target=write_secret, args=("s%d" % i,)) for i in range(2)]
    _run_all(threads)
    shutil.rmtree(base)


# -- the same calls through import aliases ---------------------------------------------------------------------------------------


def module_alias_bad():
    """`o` is `os`: `o.chdir` moves the process."""
    base = tempfile.mkdtemp()
    home = o.getcwd()

    def unpack():
        o.chdir(base)  # expect: process-global-mutation
        with open("unpacked.txt", "w") as out:
            out.write("x")

    threads = [threading.Thread(target=unpack) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    o.chdir(home)
    shutil.rmtree(base)


def module_alias_ok():
    """The path is joined, not changed into."""
    base = tempfile.mkdtemp()

    def unpack():
        with open(o.path.join(base, "unpacked.txt"), "w") as out:
            out.write("x")

    threads = [threading.Thread(target=unpack) for _ in range(2)]
    _run_all(threads)
    shutil.rmtree(base)


def from_import_chdir_bad():
    """`chdir` imported from `os` is the same process-wide call."""
    base = tempfile.mkdtemp()
    home = os.getcwd()

    def index():
        chdir(base)  # expect: process-global-mutation
        return sorted(os.listdir("."))

    threads = [threading.Thread(target=index) for _ in range(2)]  # expect-note: process-global-mutation
    _run_all(threads)
    chdir(home)
    shutil.rmtree(base)


def from_import_chdir_ok():
    """`os.listdir` takes the directory as an argument."""
    base = tempfile.mkdtemp()

    def index():
        return sorted(os.listdir(base))

    threads = [threading.Thread(target=index) for _ in range(2)]
    _run_all(threads)
    shutil.rmtree(base)


def from_import_environ_bad():
    """`environ` imported from `os` is the process environment."""

    def launch(user):
        environ["APP_USER"] = user  # expect: process-global-mutation
        _run_child()

    threads = [threading.Thread(target=launch, args=(u,)) for u in ("ann", "bob")]  # expect-note: process-global-mutation
    _run_all(threads)
    environ.pop("APP_USER", None)


def from_import_environ_ok():
    """Every child gets the user through its own `env=`."""

    def launch(user):
        _run_child(env=dict(environ, APP_USER=user))

    threads = [threading.Thread(target=launch, args=(u,)) for u in ("ann", "bob")]
    _run_all(threads)


if __name__ == "__main__":
    chdir_bad()
    chdir_ok()
    chdir_for_child_bad()
    chdir_for_child_ok()
    environ_store_bad()
    environ_store_ok()
    environ_update_bad()
    environ_update_ok()
    environ_del_bad()
    environ_del_ok()
    environ_pop_bad()
    environ_pop_ok()
    putenv_bad()
    putenv_ok()
    unsetenv_bad()
    unsetenv_ok()
    umask_bad()
    umask_ok()
    module_alias_bad()
    module_alias_ok()
    from_import_chdir_bad()
    from_import_chdir_ok()
    from_import_environ_bad()
    from_import_environ_ok()
