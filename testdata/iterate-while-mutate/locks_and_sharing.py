"""Which lock, which object, which thread: when iteration really races.

Scenario: the iteration and the mutation are in different functions,
classes or pools. A lock protects the loop only if the mutating thread
holds the same lock; a loop over a list the thread built for itself, or
over a variable that other threads only rebind to a new object, is not
shared with anyone. Classes that create a lock, or say
`# racelint: thread-safe`, promise that their public methods may run at
the same time.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

# -- iteration under lock A, mutation under lock B -----------------------------------------------------------

orders_bad = {}
orders_read_lock_bad = threading.Lock()
orders_write_lock_bad = threading.Lock()
orders_ok = {}
orders_lock_ok = threading.Lock()


def two_locks_bad():
    """The reader and the writer each hold a lock, but not the same one."""

    def place(i):
        for j in range(30):
            with orders_write_lock_bad:
                orders_bad[(i, j)] = "open"  # expect-note: iterate-while-mutate

    def open_orders():
        with orders_read_lock_bad:
            return [key for key, state in orders_bad.items() if state == "open"]  # expect: iterate-while-mutate

    threads = [threading.Thread(target=place, args=(i,)) for i in range(3)]
    threads.append(threading.Thread(target=open_orders))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return orders_bad


def two_locks_ok():
    """The reader and the writer hold the same lock."""

    def place(i):
        for j in range(30):
            with orders_lock_ok:
                orders_ok[(i, j)] = "open"

    def open_orders():
        with orders_lock_ok:
            return [key for key, state in orders_ok.items() if state == "open"]

    threads = [threading.Thread(target=place, args=(i,)) for i in range(3)]
    threads.append(threading.Thread(target=open_orders))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return orders_ok


# -- a class with a lock whose snapshot() forgets it -----------------------------------------------------------


class RegistryBad:
    def __init__(self):
        self._lock = threading.Lock()
        self._members = {}

    def add(self, name, info):
        with self._lock:
            self._members[name] = info  # expect-note: iterate-while-mutate

    def snapshot(self):
        return {name: info for name, info in self._members.items()}  # expect: iterate-while-mutate


class RegistryOk:
    def __init__(self):
        self._lock = threading.Lock()
        self._members = {}

    def add(self, name, info):
        with self._lock:
            self._members[name] = info

    def snapshot(self):
        with self._lock:
            return {name: info for name, info in self._members.items()}


def thread_safe_class_bad():
    """`add` and `snapshot` may run at once: the class created a lock."""
    registry = RegistryBad()
    registry.add("ann", 1)
    return registry.snapshot()


def thread_safe_class_ok():
    """`snapshot` builds its copy under the same lock that `add` holds."""
    registry = RegistryOk()
    registry.add("ann", 1)
    return registry.snapshot()


# -- a class annotated thread-safe: sorted() over a set ----------------------------------------------------------


class TagSetBad:  # racelint: thread-safe
    def __init__(self):
        self._tags = set()

    def tag(self, name):
        self._tags.add(name)  # expect-note: iterate-while-mutate

    def listing(self):
        return sorted(self._tags)  # expect: iterate-while-mutate


class TagSetOk:  # racelint: thread-safe
    def __init__(self):
        self._tags = set()

    def tag(self, name):
        self._tags.add(name)

    def listing(self):
        return sorted(self._tags.copy())


def annotated_class_bad():
    """`sorted` walks the set while another caller of `tag` adds to it."""
    tags = TagSetBad()
    tags.tag("gil")
    return tags.listing()


def annotated_class_ok():
    """`copy()` takes the set in one atomic call; `sorted` walks the copy."""
    tags = TagSetOk()
    tags.tag("gil")
    return tags.listing()


# -- a shared list vs. a list the thread builds for itself -------------------------------------------------------

batch_bad = []


def shared_scratch_bad():
    """Every worker appends to one list and then walks it: the others keep appending."""

    def work(n):
        for i in range(20):
            batch_bad.append(n * i)  # expect-note: iterate-while-mutate
        return sum(x for x in batch_bad)  # expect: iterate-while-mutate

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return batch_bad


def shared_scratch_ok():
    """Every worker builds and walks its own local list; nothing is shared."""

    def work(n):
        batch = []
        for i in range(20):
            batch.append(n * i)
        return sum(x for x in batch)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return None


# -- update in place vs. rebinding to a new object ----------------------------------------------------------------

routes_bad = {"/": "index"}
routes_ok = {"/": "index"}


def rebind_bad():
    """The reloader adds routes to the dict the router is walking."""

    def reload_routes(version):
        routes_bad.update({"/v%d/%d" % (version, i): "page" for i in range(30)})  # expect-note: iterate-while-mutate

    def route_table():
        return [path for path in routes_bad]  # expect: iterate-while-mutate

    threads = [threading.Thread(target=reload_routes, args=(v,)) for v in range(3)]
    threads.append(threading.Thread(target=route_table))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_bad


def rebind_ok():
    """The reloader builds a new table and rebinds the name; the walked dict never changes."""

    def reload_routes(version):
        global routes_ok
        routes_ok = {"/v%d/%d" % (version, i): "page" for i in range(30)}

    def route_table():
        return [path for path in routes_ok]

    threads = [threading.Thread(target=reload_routes, args=(v,)) for v in range(3)]
    threads.append(threading.Thread(target=route_table))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return routes_ok


# -- the mutation inside a helper that the worker calls -------------------------------------------------------------

index_bad = {}
index_ok = {}
index_lock_ok = threading.Lock()


def _file_under_bad(word, doc):
    index_bad.setdefault(word, []).append(doc)  # expect-note: iterate-while-mutate


def _file_under_ok(word, doc):
    with index_lock_ok:
        index_ok.setdefault(word, []).append(doc)


def helper_mutation_bad():
    """`setdefault` in the helper inserts words while the lister walks the index."""

    def index_doc(doc, text):
        for word in text.split():
            _file_under_bad(word, doc)

    def vocabulary():
        words = []
        for word in index_bad:  # expect: iterate-while-mutate
            words.append(word)
        return words

    threads = [threading.Thread(target=index_doc, args=(d, "w%d x%d" % (d, d))) for d in range(20)]
    threads.append(threading.Thread(target=vocabulary))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return index_bad


def helper_mutation_ok():
    """The helper and the lister hold one lock."""

    def index_doc(doc, text):
        for word in text.split():
            _file_under_ok(word, doc)

    def vocabulary():
        words = []
        with index_lock_ok:
            for word in index_ok:
                words.append(word)
        return words

    threads = [threading.Thread(target=index_doc, args=(d, "w%d x%d" % (d, d))) for d in range(20)]
    threads.append(threading.Thread(target=vocabulary))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return index_ok


# -- a pool fills a dict; the starter walks it inside vs. after the `with` ---------------------------------------------

thumbs_bad = {}
thumbs_ok = {}


def pool_before_shutdown_bad():
    """Inside the executor's `with`, pool threads may still be storing thumbnails."""

    def render(name):
        thumbs_bad[name] = name.upper()  # expect-note: iterate-while-mutate

    with ThreadPoolExecutor(max_workers=4) as pool:
        for i in range(20):
            pool.submit(render, "img%d" % i)
        done = [name for name in thumbs_bad]  # expect: iterate-while-mutate
    return done


def pool_before_shutdown_ok():
    """Leaving the `with` waits for the pool; the walk comes after."""

    def render(name):
        thumbs_ok[name] = name.upper()

    with ThreadPoolExecutor(max_workers=4) as pool:
        for i in range(20):
            pool.submit(render, "img%d" % i)
    done = [name for name in thumbs_ok]
    return done


# -- an object passed to the threads in args= ------------------------------------------------------------------------


class InventoryBad:
    def __init__(self):
        self.items = {}


class InventoryOk:
    def __init__(self):
        self.items = {}


inventory_lock_ok = threading.Lock()


def passed_object_bad():
    """The stocker and the counter get the same `Inventory` in `args=`."""
    inv = InventoryBad()

    def stock(store, n):
        for i in range(n):
            store.items["sku%d" % i] = i  # expect-note: iterate-while-mutate

    def count(store):
        return len([sku for sku in store.items])  # expect: iterate-while-mutate

    threads = [threading.Thread(target=stock, args=(inv, 50)), threading.Thread(target=count, args=(inv,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inv


def passed_object_ok():
    """The stocker and the counter hold one lock around their access."""
    inv = InventoryOk()

    def stock(store, n):
        for i in range(n):
            with inventory_lock_ok:
                store.items["sku%d" % i] = i

    def count(store):
        with inventory_lock_ok:
            return len([sku for sku in store.items])

    threads = [threading.Thread(target=stock, args=(inv, 50)), threading.Thread(target=count, args=(inv,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return inv


if __name__ == "__main__":
    two_locks_bad()
    two_locks_ok()
    thread_safe_class_bad()
    thread_safe_class_ok()
    annotated_class_bad()
    annotated_class_ok()
    shared_scratch_bad()
    shared_scratch_ok()
    rebind_bad()
    rebind_ok()
    helper_mutation_bad()
    helper_mutation_ok()
    pool_before_shutdown_bad()
    pool_before_shutdown_ok()
    passed_object_bad()
    passed_object_ok()
