"""Known imprecision: races missed and safe code reported.

Scenario: cases outside the analysis model, kept so that a change in
precision shows up as a test failure. Missed races (`known-fn`): an
emptiness test through `Queue.empty()`, a test that reads the state
through a property, and a per-instance lock that guards state shared by
all instances. Safe code reported (`known-fp`): workers that use
disjoint keys of one dict, and an ordering made by `Event.wait()`.
Each is listed under Limitations in docs/rules/check-then-act.md.
"""

import queue
import threading

# -- emptiness test through Queue.empty() (missed) ------------------------------------------------------

inbox_q_bad = queue.Queue()
inbox_q_ok = queue.Queue()


def queue_empty_bad():
    """Two consumers see one message; the second `get_nowait` raises `queue.Empty`."""

    def consume():
        for _ in range(5):
            if not inbox_q_bad.empty():
                msg = inbox_q_bad.get_nowait()  # known-fn: check-then-act -- `Queue.empty()` is not known as a test of the queue's contents; `queue.Queue` methods are only modeled as atomic operations

    for i in range(6):
        inbox_q_bad.put(i)
    threads = [threading.Thread(target=consume) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inbox_q_bad


def queue_empty_ok():
    """`get_nowait` takes a message or raises `queue.Empty`, in one step."""

    def consume():
        for _ in range(5):
            try:
                msg = inbox_q_ok.get_nowait()
            except queue.Empty:
                break

    for i in range(6):
        inbox_q_ok.put(i)
    threads = [threading.Thread(target=consume) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inbox_q_ok


# -- test through a property (missed) --------------------------------------------------------------------


class ChannelBad:
    def __init__(self):
        self._sock = None

    @property
    def sock(self):
        return self._sock

    def send(self, data):
        if self.sock is None:
            self._sock = {"opened_by": threading.get_ident()}  # known-fn: check-then-act -- the test reads `_sock` through the property `sock`; reading a property is not resolved as a call, so the test is not seen
        return data


class ChannelOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._sock = None

    @property
    def sock(self):
        return self._sock

    def send(self, data):
        with self._lock:
            if self.sock is None:
                self._sock = {"opened_by": threading.get_ident()}
        return data


def property_test_bad():
    """`send` runs on three threads; each may open its own socket."""
    channel = ChannelBad()
    threads = [threading.Thread(target=channel.send, args=(b"x",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return channel


def property_test_ok():
    """The property read and the assignment run under the instance's lock."""
    channel = ChannelOk()
    threads = [threading.Thread(target=channel.send, args=(b"x",)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return channel


# -- a lock per instance guarding state shared by all instances (missed) ---------------


class TenantBad:
    registry = {}

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()

    def register(self):
        with self._lock:
            if self.name not in TenantBad.registry:
                TenantBad.registry[self.name] = self  # known-fn: check-then-act -- each instance has its own `_lock`; locks are told apart by field, not by instance, so `self._lock` looks like one lock held across both steps


class TenantOk:
    registry = {}
    _lock = threading.Lock()

    def __init__(self, name):
        self.name = name

    def register(self):
        with TenantOk._lock:
            if self.name not in TenantOk.registry:
                TenantOk.registry[self.name] = self


def instance_lock_bad():
    """Three instances, three locks, one class-level registry: nothing is excluded."""
    tenants = [TenantBad("acme") for _ in range(3)]
    threads = [threading.Thread(target=tenant.register) for tenant in tenants]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return TenantBad.registry


def instance_lock_ok():
    """One lock stored on the class guards the class-level registry."""
    tenants = [TenantOk("acme") for _ in range(3)]
    threads = [threading.Thread(target=tenant.register) for tenant in tenants]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return TenantOk.registry


# -- disjoint keys of one dict (reported, but safe) ------------------------------------------------------

slots_shared_bad = {}
slots_disjoint_ok = {}


def disjoint_keys_bad():
    """Threads 0 and 2 (and 1 and 3) use the same key."""

    def fill(slot):
        if slot not in slots_shared_bad:  # expect-note: check-then-act
            slots_shared_bad[slot] = threading.get_ident()  # expect: check-then-act

    threads = [threading.Thread(target=fill, args=(i % 2,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slots_shared_bad


def disjoint_keys_ok():
    """Every thread has its own key, so no other thread writes the key it tests."""

    def fill(slot):
        if slot not in slots_disjoint_ok:
            slots_disjoint_ok[slot] = threading.get_ident()  # known-fp: check-then-act -- every thread uses its own key; all keys of a dict are one location, so the other threads' stores look like conflicting writes

    threads = [threading.Thread(target=fill, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slots_disjoint_ok


# -- ordering through Event.wait() (reported, but safe) ---------------------------------------------------

user_settings_bad = {}
settings_ready_bad = threading.Event()
user_settings_ok = {}
settings_ready_ok = threading.Event()


def event_order_bad():
    """The default can overwrite the user's value stored a moment later."""

    def load_user_file():
        user_settings_bad["timeout"] = 10
        settings_ready_bad.set()

    def apply_defaults():
        if "timeout" not in user_settings_bad:  # expect-note: check-then-act
            user_settings_bad["timeout"] = 30  # expect: check-then-act

    threads = [threading.Thread(target=load_user_file), threading.Thread(target=apply_defaults)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return user_settings_bad


def event_order_ok():
    """`apply_defaults` waits until the loader is done writing."""

    def load_user_file():
        user_settings_ok["timeout"] = 10
        settings_ready_ok.set()

    def apply_defaults():
        settings_ready_ok.wait()
        if "timeout" not in user_settings_ok:
            user_settings_ok["timeout"] = 30  # known-fp: check-then-act -- `Event.set()`/`wait()` orders the loader's store before the test; that happens-before edge is not modeled

    threads = [threading.Thread(target=load_user_file), threading.Thread(target=apply_defaults)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return user_settings_ok


if __name__ == "__main__":
    queue_empty_bad()
    queue_empty_ok()
    property_test_bad()
    property_test_ok()
    disjoint_keys_bad()
    disjoint_keys_ok()
    event_order_bad()
    event_order_ok()
    instance_lock_bad()
    instance_lock_ok()
