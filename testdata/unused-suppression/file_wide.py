# args: --select unused-suppression,syntax-error
"""A file-wide suppression with nothing to suppress in the file."""
import threading  # racelint: ignore-file[syntax-error]  # expect: unused-suppression "in this file"


def worker_ok():
    return threading.get_ident()
