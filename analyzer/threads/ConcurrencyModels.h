#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>
#include <vector>

namespace racelint {

/// How a callable starts code on another thread.
struct SpawnerModel {
  /// Positional index and keyword of the callable run on the thread.
  int TargetIndex = 0;
  std::string TargetKeyword;
  /// Positional index and keyword of the argument tuple; -1 when the rest of
  /// the positional arguments after the target are passed instead.
  int ArgsIndex = -1;
  std::string ArgsKeyword;
  /// A pool or server: the target runs concurrently with itself.
  bool Pool = false;
  /// The target's arguments are iterables whose elements are passed (map).
  bool MapsIterables = false;
};

/// A library API whose effect reaches every thread of the process.
struct ProcessGlobalModel {
  std::string What; ///< "changes the working directory of the process"
  std::string Fix;  ///< the per-call or per-thread alternative
};

/// All library knowledge racelint has about threads, locks and containers:
/// tables, never consulted by string comparisons in rules.
class ConcurrencyModels {
public:
  /// The standard library's models.
  static ConcurrencyModels defaults();

  /// Constructors and functions that start a thread: `threading.Thread`,
  /// `_thread.start_new_thread`, ...; keyed by qualified name.
  const SpawnerModel *spawnerFunction(llvm::StringRef QualName) const;
  /// Methods of executor and pool types that start work on their threads.
  const SpawnerModel *executorMethod(llvm::StringRef Method) const;
  /// `loop.run_in_executor`-like methods that start work whatever the
  /// receiver's type.
  const SpawnerModel *anyReceiverSpawner(llvm::StringRef Method) const;
  bool isExecutorType(llvm::StringRef QualName) const;
  /// Base classes whose subclasses' `run` runs on a new thread.
  bool isThreadBaseClass(llvm::StringRef QualName) const;
  /// Server classes that run their request handler on a thread per request,
  /// and the positional index of the handler class argument.
  bool isThreadingServer(llvm::StringRef QualName) const;
  /// Methods of a threading server's handler that run on its threads.
  llvm::ArrayRef<std::string> handlerMethods() const { return HandlerMethods; }
  bool isLockConstructor(llvm::StringRef QualName) const;
  bool isThreadLocalConstructor(llvm::StringRef QualName) const;
  bool isSynchronizedType(llvm::StringRef QualName) const;

  /// Container methods that change the container.
  bool isMutatingMethod(llvm::StringRef Method) const;
  /// Mutating methods that remove or replace what a check saw.
  bool isRemovingMethod(llvm::StringRef Method) const;
  /// Mutating methods that are safe to repeat after a stale check.
  bool isIdempotentMethod(llvm::StringRef Method) const;
  /// Methods that walk the container (`items`, `keys`, ...).
  bool isIteratingMethod(llvm::StringRef Method) const;
  /// Builtins that walk their argument (`sorted`, `sum`, ...).
  bool isIteratingBuiltin(llvm::StringRef Name) const;
  /// Builtins that copy a container in one atomic call on free-threaded
  /// CPython (`list(d)`, `dict(d)`, `set(d)`).
  bool isSnapshotBuiltin(llvm::StringRef Name) const;
  /// A method that waits for a thread or pool to finish (`join`,
  /// `shutdown`).
  bool isJoinMethod(llvm::StringRef Method) const;
  /// A name that, with no known binding, still denotes a lock (`lock`,
  /// `self._mutex`); racelint uses it only when the binding is unknown.
  bool looksLikeLockName(llvm::StringRef Name) const;

  /// Functions that change process-wide state (`os.chdir`, ...).
  const ProcessGlobalModel *processGlobalCall(llvm::StringRef QualName) const;
  /// Objects whose mutation changes process-wide state (`os.environ`,
  /// `sys.path`) and attributes whose rebinding does (`sys.stdout`).
  const ProcessGlobalModel *processGlobalObject(llvm::StringRef QualName) const;
  /// Constructors of objects whose iteration consumes them (`iter`, `open`).
  bool isIteratorConstructor(llvm::StringRef QualName) const;

  /// Configuration: another spawner function or constructor.
  void addSpawner(llvm::StringRef QualName, SpawnerModel M);
  /// Configuration: another lock constructor.
  void addLockType(llvm::StringRef QualName);
  /// Configuration: a class (qualified, e.g. `pkg.mod.Cache`) whose public
  /// methods may run on several threads at once.
  void addThreadSafeClass(llvm::StringRef QualName);
  bool isThreadSafeClass(llvm::StringRef QualName) const;

private:
  /// A few dozen names at most, asked about for nearly every call and type
  /// in a project, mostly in vain: a mask of the names' lengths turns most
  /// of those away before the map hashes the name.
  template <typename T> class NameTable {
  public:
    T &operator[](llvm::StringRef Name) {
      Lengths |= lengthBit(Name);
      return Map[Name];
    }
    void insert(llvm::StringRef Name) { (*this)[Name]; }
    const T *find(llvm::StringRef Name) const {
      if (!(Lengths & lengthBit(Name)))
        return nullptr;
      auto It = Map.find(Name);
      return It == Map.end() ? nullptr : &It->second;
    }
    bool contains(llvm::StringRef Name) const { return find(Name); }

  private:
    static uint64_t lengthBit(llvm::StringRef Name) {
      return uint64_t(1) << (Name.size() % 64);
    }
    uint64_t Lengths = 0;
    llvm::StringMap<T> Map;
  };
  using NameSet = NameTable<char>;
  template <typename T>
  friend void addAll(NameTable<T> &S, std::initializer_list<const char *>);

  NameTable<SpawnerModel> Spawners;
  NameTable<SpawnerModel> ExecutorMethods;
  NameTable<SpawnerModel> AnyReceiverSpawners;
  NameSet ExecutorTypes, ThreadBases, ThreadingServers, Locks, ThreadLocals,
      SynchronizedTypes, Mutating, Removing, Idempotent, IteratingMethods,
      IteratingBuiltins, JoinMethods;
  std::vector<std::string> HandlerMethods;
  NameTable<ProcessGlobalModel> ProcessGlobalCalls, ProcessGlobalObjects;
  NameSet IteratorConstructors, ThreadSafeClasses, SnapshotBuiltins;
};

} // namespace racelint
