#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/StringExtras.h"

namespace racelint {

namespace {

SpawnerModel spawner(int Target, llvm::StringRef TargetKw, int Args,
                     llvm::StringRef ArgsKw, bool Pool = false,
                     bool Maps = false) {
  SpawnerModel M;
  M.TargetIndex = Target;
  M.TargetKeyword = TargetKw.str();
  M.ArgsIndex = Args;
  M.ArgsKeyword = ArgsKw.str();
  M.Pool = Pool;
  M.MapsIterables = Maps;
  return M;
}

} // namespace

template <typename T>
void addAll(ConcurrencyModels::NameTable<T> &S,
            std::initializer_list<const char *> Names) {
  for (const char *N : Names)
    S.insert(N);
}

ConcurrencyModels ConcurrencyModels::defaults() {
  ConcurrencyModels M;
  // Functions and constructors that start a thread.
  M.Spawners["threading.Thread"] = spawner(1, "target", 3, "args");
  M.Spawners["threading.Timer"] = spawner(1, "function", 2, "args");
  M.Spawners["_thread.start_new_thread"] = spawner(0, "function", 1, "args");
  M.Spawners["_thread.start_new"] = spawner(0, "function", 1, "args");
  M.Spawners["asyncio.to_thread"] = spawner(0, "func", -1, "");
  M.Spawners["asyncio.threads.to_thread"] = spawner(0, "func", -1, "");

  // Executors and thread pools: every method below runs its target on one of
  // the pool's threads, concurrently with the other submissions.
  addAll(M.ExecutorTypes,
         {"concurrent.futures.ThreadPoolExecutor",
          "concurrent.futures.thread.ThreadPoolExecutor",
          "multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"});
  M.ExecutorMethods["submit"] = spawner(0, "fn", -1, "", true);
  M.ExecutorMethods["map"] = spawner(0, "func", -1, "", true, true);
  M.ExecutorMethods["apply"] = spawner(0, "func", 1, "args", true);
  M.ExecutorMethods["apply_async"] = spawner(0, "func", 1, "args", true);
  for (const char *Map :
       {"map_async", "imap", "imap_unordered", "starmap", "starmap_async"})
    M.ExecutorMethods[Map] = spawner(0, "func", -1, "", true, true);
  M.AnyReceiverSpawners["run_in_executor"] = spawner(1, "func", -1, "", true);

  addAll(M.ThreadBases, {"threading.Thread"});
  addAll(M.ThreadingServers,
         {"socketserver.ThreadingMixIn", "socketserver.ThreadingTCPServer",
          "socketserver.ThreadingUDPServer",
          "socketserver.ThreadingUnixStreamServer",
          "socketserver.ThreadingUnixDatagramServer",
          "http.server.ThreadingHTTPServer",
          "xmlrpc.server.SimpleXMLRPCServer"});
  M.HandlerMethods = {"handle",  "setup",  "finish",    "do_GET",
                      "do_POST", "do_PUT", "do_DELETE", "do_HEAD"};

  addAll(M.Locks,
         {"threading.Lock", "threading.RLock", "threading.Condition",
          "threading.Semaphore", "threading.BoundedSemaphore",
          "threading._RLock", "threading._CRLock", "_thread.allocate_lock",
          "_thread.LockType", "_thread.RLock", "multiprocessing.Lock",
          "multiprocessing.RLock", "multiprocessing.Condition",
          "multiprocessing.Semaphore", "multiprocessing.BoundedSemaphore",
          "multiprocessing.synchronize.Lock",
          "multiprocessing.synchronize.RLock"});
  addAll(M.ThreadLocals, {"threading.local", "_threading_local.local"});
  addAll(M.SynchronizedTypes,
         {"queue.Queue", "queue.LifoQueue", "queue.PriorityQueue",
          "queue.SimpleQueue", "multiprocessing.Queue", "threading.Event",
          "threading.Barrier", "itertools.count"});

  // Containers: which single calls change them. Each is atomic on
  // free-threaded CPython; the rules reason about sequences of them.
  addAll(M.Mutating, {"append",
                      "extend",
                      "insert",
                      "pop",
                      "popitem",
                      "remove",
                      "clear",
                      "update",
                      "setdefault",
                      "add",
                      "discard",
                      "sort",
                      "reverse",
                      "appendleft",
                      "popleft",
                      "extendleft",
                      "rotate",
                      "difference_update",
                      "intersection_update",
                      "symmetric_difference_update",
                      "__setitem__",
                      "__delitem__"});
  addAll(M.Removing, {"pop", "popitem", "remove", "clear", "popleft", "discard",
                      "__delitem__"});
  addAll(M.Idempotent, {"add", "discard", "setdefault", "update"});
  addAll(M.IteratingMethods, {"items", "keys", "values"});
  addAll(M.IteratingBuiltins,
         {"sorted", "list", "tuple", "set", "frozenset", "sum", "min", "max",
          "any", "all", "zip", "enumerate", "dict", "map", "filter"});
  addAll(M.JoinMethods, {"join", "shutdown"});
  // Measured on 3.13t under concurrent inserts: `tuple(d)` and `for` loops
  // raise "changed size during iteration", these never do.
  addAll(M.SnapshotBuiltins, {"list", "dict", "set"});
  addAll(M.IteratorConstructors,
         {"iter", "open", "io.open", "builtins.iter", "builtins.open",
          "csv.reader", "csv.DictReader", "itertools.cycle", "itertools.chain",
          "itertools.islice"});

  // Process-wide state: one call changes it for every thread.
  auto Call = [&](const char *Name, const char *What, const char *Fix) {
    M.ProcessGlobalCalls[Name] = ProcessGlobalModel{What, Fix};
  };
  auto Object = [&](const char *Name, const char *What, const char *Fix) {
    M.ProcessGlobalObjects[Name] = ProcessGlobalModel{What, Fix};
  };
  Call("os.chdir", "changes the working directory of the whole process",
       "pass absolute paths, or `cwd=` to `subprocess`, instead of changing "
       "directory");
  Call("os.fchdir", "changes the working directory of the whole process",
       "pass absolute paths, or `cwd=` to `subprocess`");
  Call("os.putenv", "changes the environment of the whole process",
       "pass `env=` to `subprocess` instead");
  Call("os.unsetenv", "changes the environment of the whole process",
       "pass `env=` to `subprocess` instead");
  Call("os.umask", "changes the file creation mask of the whole process",
       "pass `mode=` to `os.open`/`os.makedirs` instead");
  Call("sys.setrecursionlimit", "changes the recursion limit of every thread",
       "set it once at startup, before starting threads");
  Call("sys.setswitchinterval", "changes thread switching for the process",
       "set it once at startup, before starting threads");
  Call("warnings.catch_warnings",
       "swaps the process-wide warning filters (not thread-safe before "
       "Python 3.14)",
       "configure warning filters once at startup, or use "
       "`warnings.catch_warnings(context_aware=True)` on 3.14+");
  Call("warnings.simplefilter", "changes the process-wide warning filters",
       "configure warning filters once at startup");
  Call("warnings.filterwarnings", "changes the process-wide warning filters",
       "configure warning filters once at startup");
  Call("warnings.resetwarnings", "changes the process-wide warning filters",
       "configure warning filters once at startup");
  Call("locale.setlocale", "changes the locale of the whole process",
       "set the locale once at startup; format with explicit settings");
  Call("signal.signal",
       "installs a signal handler, which only the main thread may do",
       "install signal handlers from the main thread before starting "
       "threads");
  Call("socket.setdefaulttimeout",
       "changes the default timeout of every new socket in the process",
       "pass `timeout=` per connection or call `sock.settimeout()`");
  Call("time.tzset", "changes the time zone of the whole process",
       "use `zoneinfo.ZoneInfo` objects instead of the process time zone");
  Object("os.environ", "changes the environment of the whole process",
         "pass `env=` to `subprocess` instead of changing `os.environ`");
  Object("sys.path", "changes the import path of the whole process",
         "set up `sys.path` once at startup");
  Object("sys.stdout", "replaces standard output for every thread",
         "pass `file=` to `print()`, or write to a buffer you own");
  Object("sys.stderr", "replaces standard error for every thread",
         "pass `file=` to `print()`, or write to a buffer you own");
  Object("sys.stdin", "replaces standard input for every thread",
         "read from a stream you pass in");
  return M;
}

const SpawnerModel *
ConcurrencyModels::spawnerFunction(llvm::StringRef QualName) const {
  return Spawners.find(QualName);
}
const SpawnerModel *
ConcurrencyModels::executorMethod(llvm::StringRef Method) const {
  return ExecutorMethods.find(Method);
}
const SpawnerModel *
ConcurrencyModels::anyReceiverSpawner(llvm::StringRef Method) const {
  return AnyReceiverSpawners.find(Method);
}
bool ConcurrencyModels::isExecutorType(llvm::StringRef Q) const {
  return ExecutorTypes.contains(Q);
}
bool ConcurrencyModels::isThreadBaseClass(llvm::StringRef Q) const {
  return ThreadBases.contains(Q);
}
bool ConcurrencyModels::isThreadingServer(llvm::StringRef Q) const {
  return ThreadingServers.contains(Q);
}
bool ConcurrencyModels::isLockConstructor(llvm::StringRef Q) const {
  return Locks.contains(Q);
}
bool ConcurrencyModels::isThreadLocalConstructor(llvm::StringRef Q) const {
  return ThreadLocals.contains(Q);
}
bool ConcurrencyModels::isSynchronizedType(llvm::StringRef Q) const {
  return SynchronizedTypes.contains(Q);
}
bool ConcurrencyModels::isMutatingMethod(llvm::StringRef M) const {
  return Mutating.contains(M);
}
bool ConcurrencyModels::isRemovingMethod(llvm::StringRef M) const {
  return Removing.contains(M);
}
bool ConcurrencyModels::isIdempotentMethod(llvm::StringRef M) const {
  return Idempotent.contains(M);
}
bool ConcurrencyModels::isIteratingMethod(llvm::StringRef M) const {
  return IteratingMethods.contains(M);
}
bool ConcurrencyModels::isIteratingBuiltin(llvm::StringRef N) const {
  return IteratingBuiltins.contains(N);
}
bool ConcurrencyModels::isSnapshotBuiltin(llvm::StringRef N) const {
  return SnapshotBuiltins.contains(N);
}
bool ConcurrencyModels::isJoinMethod(llvm::StringRef M) const {
  return JoinMethods.contains(M);
}
bool ConcurrencyModels::looksLikeLockName(llvm::StringRef Name) const {
  return Name.contains_insensitive("lock") ||
         Name.contains_insensitive("mutex") ||
         Name.endswith_insensitive("_cond") ||
         Name.equals_insensitive("cond") ||
         Name.endswith_insensitive("condition");
}

const ProcessGlobalModel *
ConcurrencyModels::processGlobalCall(llvm::StringRef Q) const {
  return ProcessGlobalCalls.find(Q);
}
const ProcessGlobalModel *
ConcurrencyModels::processGlobalObject(llvm::StringRef Q) const {
  return ProcessGlobalObjects.find(Q);
}
bool ConcurrencyModels::isIteratorConstructor(llvm::StringRef Q) const {
  return IteratorConstructors.contains(Q);
}

void ConcurrencyModels::addSpawner(llvm::StringRef QualName, SpawnerModel M) {
  Spawners[QualName] = std::move(M);
}
void ConcurrencyModels::addLockType(llvm::StringRef QualName) {
  Locks.insert(QualName);
}
void ConcurrencyModels::addThreadSafeClass(llvm::StringRef QualName) {
  ThreadSafeClasses.insert(QualName);
}
bool ConcurrencyModels::isThreadSafeClass(llvm::StringRef QualName) const {
  return ThreadSafeClasses.contains(QualName);
}

} // namespace racelint
