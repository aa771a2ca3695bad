#pragma once

#include "AnalysisContext.h"
#include "semantic/NamePool.h"
#include "semantic/Summary.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/StringSaver.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace racelint {

/// One event of one function of the project.
struct Site {
  uint32_t Fn = 0;
  uint32_t Event = 0;
  bool operator==(const Site &O) const {
    return Fn == O.Fn && Event == O.Event;
  }
};

/// A list per key 0..size()-1, all in one array: built key after key, with
/// push_back() for the items of the current key and endList() after each.
template <typename T> class FlatLists {
public:
  llvm::ArrayRef<T> operator[](size_t Key) const {
    return llvm::makeArrayRef(Items).slice(Begin[Key],
                                           Begin[Key + 1] - Begin[Key]);
  }
  size_t size() const { return Begin.size() - 1; }
  bool empty() const { return size() == 0; }
  size_t items() const { return Items.size(); }
  void push_back(const T &X) { Items.push_back(X); }
  void endList() { Begin.push_back(static_cast<uint32_t>(Items.size())); }
  void clear() {
    Items.clear();
    Begin.assign(1, 0);
  }
  void swap(FlatLists &O) {
    Items.swap(O.Items);
    Begin.swap(O.Begin);
  }
  void reserve(size_t Keys, size_t NItems) {
    Begin.reserve(Keys + 1);
    Items.reserve(NItems);
  }

private:
  std::vector<T> Items;
  std::vector<uint32_t> Begin{0};
};

/// A place code may run on another thread: a thread start, a pool
/// submission, a server handler, or a public method of a thread-safe class.
struct ThreadEntry {
  uint32_t Target = 0; ///< the function the thread runs
  bool HasStart = false;
  Site Start; ///< the call that starts it (HasStart)
  uint32_t StartOffset = 0;
  uint32_t JoinOffset = UINT32_MAX; ///< first join / shutdown after the start
  bool Multi = false;               ///< may run concurrently with itself
  bool SelfPerInstance = false;     ///< each run has its own `self`
  bool SelfOwned = false; ///< `self` is not reachable by other threads
  std::string How;        ///< "`threading.Thread`", "`executor.submit`", ...
};

/// A set of lock locations (sorted, unique).
using LockSet = std::vector<uint32_t>;

/// Pass 2: resolves calls across modules, finds thread entries, computes
/// which functions run on which threads with which locks held, and names the
/// abstract location of every access.
class ProjectFacts {
public:
  ProjectFacts(llvm::ArrayRef<FileAnalysis> Files,
               const ConcurrencyModels &Models);

  // Functions and events.
  uint32_t functionCount() const { return Fns.size(); }
  const FunctionSummary &function(uint32_t Fn) const { return *Fns[Fn]; }
  const FileAnalysis &fileOf(uint32_t Fn) const { return Files[FnFile[Fn]]; }
  const Event &event(Site S) const { return Fns[S.Fn]->Events[S.Event]; }
  /// 1-based line and column of the start of \p S.
  Position position(Site S) const;
  RelatedLocation related(Site S, std::string Message) const;
  /// The source of \p S's expression: its first line, shortened.
  std::string sourceText(Site S) const;
  /// A finding of rule \p Rule at \p S about the shared state \p Loc (0:
  /// none): its file, range, statement line and state name are set.
  Diagnostic diagnosticAt(llvm::StringRef Rule, Site S, uint32_t Loc) const;
  /// The range of \p S, and the first line of its statement.
  SourceRange range(Site S) const;
  unsigned statementLine(Site S) const;

  // Locations.
  /// The abstract location \p S accesses (0: none, e.g. a plain local).
  uint32_t location(Site S) const { return AccessLoc[eventIndex(S)]; }
  /// \p S's index among all events of the project (for per-event arrays).
  uint32_t eventIndex(Site S) const { return EventBase[S.Fn] + S.Event; }
  /// The site of a project-wide event index (eventIndex's inverse).
  Site siteOfEvent(uint32_t Index) const {
    uint32_t Fn = static_cast<uint32_t>(
        std::upper_bound(EventBase.begin(), EventBase.end(), Index) -
        EventBase.begin() - 1);
    return {Fn, Index - EventBase[Fn]};
  }
  /// `module global \`cache\``, `attribute \`self.count\` of \`Agent\``...
  std::string describe(uint32_t Loc) const;
  /// The short spelling of a location for code in messages: `cache`,
  /// `self.count`, `Agent.instances`.
  std::string spell(uint32_t Loc) const;
  /// Every access to \p Loc, in (function, event) order.
  llvm::ArrayRef<Site> accessesTo(uint32_t Loc) const;
  /// The location a test event tests: for a test of a local that holds
  /// `d.get(k)` or `d[k]`, the container `d`.
  uint32_t testedLocation(Site Test) const;
  /// Locations a call's callees (transitively) write or mutate, each with
  /// one site where that happens.
  std::vector<std::pair<uint32_t, Site>> writesThroughCall(Site Call) const;
  /// The same locations only, appended to \p Out.
  void locationsWrittenThroughCall(Site Call,
                                   llvm::SmallVectorImpl<uint32_t> &Out) const;
  /// Locations the callee's return value tests (`return k in cache`).
  std::vector<uint32_t> testsThroughCall(Site Call) const;
  /// Whether a place holds a thread-local or synchronized object.
  bool isSynchronized(uint32_t Loc) const;
  /// Whether a place holds a generator or another consumable iterator.
  bool isIterator(uint32_t Loc) const;
  /// Whether a `# racelint: thread-confined` annotation covers \p Loc.
  bool isConfined(uint32_t Loc) const;
  /// The lock a `# racelint: guarded-by=` annotation names for \p Loc (0:
  /// none), and the annotation's file and line.
  uint32_t annotatedGuard(uint32_t Loc) const;
  /// The library name a reference denotes (`os.environ`, `os.chdir`), or "".
  std::string externalName(const Ref &R) const;
  /// The location of a place named in function \p Fn.
  uint32_t locationIn(uint32_t Fn, const Ref &R) const {
    return canon(locationOf(Fn, R));
  }
  bool isLock(uint32_t Loc) const { return isLockLocation(Loc); }
  /// Whether \p Act sits in a lock region taken after \p Test, while \p
  /// Test holds no lock (the double-checked locking shape).
  bool isDoubleCheck(Site Test, Site Act) const;
  /// Some thread entry that runs \p Fn, or 0.
  int roleRunning(uint32_t Fn) const;
  /// Whether the access \p S can touch state another thread sees: not a
  /// field of an object still private to its creator (`__init__`).
  bool isSharedAccess(Site S) const;
  /// A thread entry that runs \p S with its state shared, or 0.
  int threadRunning(Site S) const;
  /// Where the `guarded-by` annotation of \p Loc is (Line 0: none).
  RelatedLocation annotationOf(uint32_t Loc) const;
  /// Whether \p Loc is a plain local variable of function \p Fn.
  bool isLocalOf(uint32_t Loc, uint32_t Fn) const {
    llvm::StringRef N = LocNames[Loc];
    return N.startswith("l:") &&
           isLocalNameOf(N.drop_front(2), Fns[Fn]->QualName);
  }
  /// Whether a local's pooled name \p Name (`<qualname>::<name>`) is one of
  /// function \p QualName's own (a qualified name holds no `::`).
  static bool isLocalNameOf(llvm::StringRef Name, llvm::StringRef QualName) {
    return Name.startswith(QualName) &&
           Name.drop_front(QualName.size()).startswith("::");
  }
  /// Whether \p Loc is an attribute of instances of \p ClassQual.
  bool isAttributeOf(uint32_t Loc, llvm::StringRef ClassQual) const;
  /// Number of locations.
  uint32_t locationCount() const { return LocNames.size(); }

  // Threads.
  /// Role 0 is the main thread; role R > 0 is entries()[R - 1].
  llvm::ArrayRef<ThreadEntry> entries() const { return Entries; }
  bool runsOnThread(uint32_t Fn) const;
  /// Developer aid: the callers of \p Fn, one line each.
  std::string explainCallers(uint32_t Fn) const;
  /// Whether role \p Role runs \p Fn (with `self` possibly shared).
  bool reaches(int Role, uint32_t Fn) const {
    const FnRole *R = roleOf(Fn, static_cast<uint32_t>(Role));
    return R && R->SharedSelf;
  }
  /// Whether \p A and \p B may run at the same time on different threads;
  /// returns the roles (0 main, else entry index + 1) that make them so.
  std::optional<std::pair<int, int>> concurrent(Site A, Site B) const;
  /// The note that explains why role \p R runs concurrently.
  RelatedLocation entryNote(int Role) const;

  /// A write that another thread may make while \p S runs.
  struct Conflict {
    Site Other;
    int RoleHere = 0, RoleThere = 0;
  };
  /// Whether \p E changes its place (rebinding, element store, `del`, a
  /// non-idempotent mutating call, a read-modify-write).
  bool isWrite(const Event &E) const;
  /// Whether \p E removes or replaces what a check saw (`del`, `pop`,
  /// rebinding).
  bool isRemoval(const Event &E) const;
  /// Which writes can make a check stale.
  enum class WriteFilter { Any, Removals, Rebinds, Structural };
  /// A concurrent write to \p Loc (the one at \p S itself included when its
  /// code runs on several threads) made without any lock of \p Held;
  /// prefers a write at another site.
  std::optional<Conflict> conflictingWrite(Site S, uint32_t Loc,
                                           const LockSet &Held,
                                           WriteFilter Filter) const;

  // Locks.
  LockSet locksAt(Site S) const;
  /// Locks held continuously from \p A to \p B (same function).
  LockSet locksAcross(Site A, Site B) const;
  std::string spellLock(uint32_t Lock) const { return spell(Lock); }
  static bool intersects(const LockSet &A, const LockSet &B);
  /// Whether a lock of \p A (held at \p SA) and of \p B (held at \p SB) is
  /// the same lock object for both.
  bool commonLock(const LockSet &A, Site SA, const LockSet &B, Site SB) const;

private:
  llvm::ArrayRef<FileAnalysis> Files;
  const ConcurrencyModels &Models;
  std::vector<const FunctionSummary *> Fns;
  std::vector<uint32_t> FnFile;
  std::vector<uint32_t> FnBase; ///< first global function id of each file

  // Symbols.
  /// Keyed by the summaries' own QualName strings (not copies).
  llvm::DenseMap<llvm::StringRef, uint32_t, NameInfo> FunctionByName;
  struct ClassInfo {
    const ClassSummary *C;
    uint32_t File;
    std::vector<std::string> Bases; ///< resolved dotted names
  };
  llvm::StringMap<ClassInfo> ClassByName;
  /// ClassByName's entries by a hash of whole words (a StringMap hashes a
  /// byte at a time, and pass 2 asks for classes by name very often).
  llvm::DenseMap<llvm::StringRef, const llvm::StringMapEntry<ClassInfo> *,
                 NameInfo>
      ClassIndex;
  /// The entry of class \p Name (its key, its ClassInfo), or null.
  const llvm::StringMapEntry<ClassInfo> *findClass(llvm::StringRef Name) const {
    auto It = ClassIndex.find(Name);
    return It == ClassIndex.end() ? nullptr : It->second;
  }
  bool isClass(llvm::StringRef Name) const { return ClassIndex.count(Name); }
  llvm::StringMap<uint32_t> ModuleByName;
  llvm::StringMap<std::string> Aliases; ///< "mod.name" -> import target
  llvm::StringMap<std::vector<uint32_t>, llvm::BumpPtrAllocator> MethodsByName;
  llvm::StringMap<std::vector<std::string>> Subclasses; ///< direct ones

  // Locations.
  llvm::StringMap<uint32_t, llvm::BumpPtrAllocator> LocIds;
  std::vector<llvm::StringRef> LocNames; ///< the keys of LocIds, by id
  /// The location of each access, by EventBase[Fn] + event (0: none).
  std::vector<uint32_t> AccessLoc;
  /// The accesses of location L: AccessSites[AccessBegin[L] ..
  /// AccessBegin[L + 1]), in event order.
  std::vector<Site> AccessSites;
  std::vector<uint32_t> AccessBegin;
  /// Type names are StringRefs into ClassByName's keys, DottedCache's
  /// entities or string literals: they live as long as this object.
  llvm::DenseMap<uint32_t, llvm::StringRef> LocType; ///< class or library type
  llvm::DenseMap<uint32_t, llvm::StringRef> LocElemType; ///< class of elements
  /// Follows attributes \p Attrs from location \p L (`[]` is an element).
  uint32_t followAttrs(uint32_t L, llvm::ArrayRef<llvm::StringRef> Attrs) const;
  /// What each location aliases (0: nothing), by location; locations
  /// named after the last round have no alias.
  std::vector<uint32_t> AliasOf;
  /// Locals holding an object made in their function that never escapes to
  /// another thread or a longer-lived place (RacerD's ownership).
  llvm::DenseSet<uint32_t> OwnedLocals;
  llvm::DenseSet<uint32_t> ConfinedLocs;
  llvm::StringSet<> ConfinedClasses;
  llvm::DenseMap<uint32_t, uint32_t> GuardedBy;
  llvm::DenseMap<uint32_t, RelatedLocation> GuardAnnotations;
  void readAnnotations();

  // Calls.
  struct Edge {
    uint32_t Callee;
    uint32_t Event;
    bool SelfCall = false;      ///< `self.m()`: same receiver as the caller
    bool FreshReceiver = false; ///< constructor, or a fresh local's method
  };
  FlatLists<Edge> Calls; ///< per caller
  /// Per callee: (caller, event) of each edge to it.
  FlatLists<std::pair<uint32_t, uint32_t>> Callers;
  std::vector<ThreadEntry> Entries;
  llvm::DenseMap<uint64_t, uint32_t> StartsAt; ///< call site -> entry

  // Reachability: per function, the roles that run it and whether `self`
  // may be shared there.
  /// A role that runs a function, and whether the function's `self` may be
  /// shared with other threads in it.
  struct FnRole {
    uint32_t Role;
    bool SharedSelf;
  };
  /// Per function: the roles that run it, in increasing order (a project
  /// has hundreds of roles and tens of thousands of functions, but each
  /// function runs in few roles).
  FlatLists<FnRole> RolesOf;
  const FnRole *roleOf(uint32_t Fn, uint32_t Role) const {
    llvm::ArrayRef<FnRole> L = RolesOf[Fn];
    auto It = std::lower_bound(
        L.begin(), L.end(), Role,
        [](const FnRole &R, uint32_t Want) { return R.Role < Want; });
    return It != L.end() && It->Role == Role ? It : nullptr;
  }
  /// Per entry with a start and a join: the functions the starter calls
  /// between them, and what those call, sorted.
  std::vector<std::vector<uint32_t>> Window;
  std::vector<bool> IsStarter; ///< the function starts a thread
  /// Pass 2 and the rules run on one thread: conflicts already answered.
  mutable std::map<std::string, std::optional<Conflict>> ConflictCache;
  std::vector<LockSet> Inherited;
  std::vector<bool> InheritedKnown;
  /// Per function: (location, eventIndex) of the writes it makes, itself or
  /// through its callees.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> WritesTransitive;
  /// Calls \p Visit with each (location, event index) of WritesTransitive
  /// for the callees of \p Call.
  template <typename Fn>
  void forEachWriteThroughCall(Site Call, Fn &&Visit) const;

  uint32_t intern(const std::string &Loc);
  /// Two pooled strings by address and length: a cache key that never
  /// hashes or compares text. A pooled text has one address, so equal keys
  /// mean equal texts (different addresses only cost a second entry).
  using PooledPair = std::pair<std::pair<const char *, const char *>,
                               std::pair<uint32_t, uint32_t>>;
  static PooledPair pooledPair(llvm::StringRef A, llvm::StringRef B) {
    return {{A.data(), B.data()},
            {static_cast<uint32_t>(A.size()), static_cast<uint32_t>(B.size())}};
  }
  /// Hashes a PooledPair's words in one go (DenseMap's own hash of nested
  /// pairs combines three hashes, and compares through calls).
  struct PooledPairInfo {
    static PooledPair special(uintptr_t Tag) {
      return {{reinterpret_cast<const char *>(Tag), nullptr}, {0, 0}};
    }
    static PooledPair getEmptyKey() { return special(~uintptr_t(0)); }
    static PooledPair getTombstoneKey() { return special(~uintptr_t(1)); }
    static unsigned getHashValue(const PooledPair &K) {
      uint64_t H = mixHash(reinterpret_cast<uintptr_t>(K.first.first),
                           reinterpret_cast<uintptr_t>(K.first.second));
      return foldHash(
          mixHash(H, uint64_t(K.second.first) << 32 | K.second.second));
    }
    static bool isEqual(const PooledPair &A, const PooledPair &B) {
      return A == B;
    }
  };
  /// A local's pooled name `f::x` as the qualified name `f.x` a nested
  /// definition has; cached by the name's address.
  llvm::StringRef localQualName(llvm::StringRef Name) const;
  mutable llvm::DenseMap<const char *, llvm::StringRef> LocalQualNames;
  /// The location of attribute \p Attr of an instance of \p Class (named
  /// after the class that assigns it); cached by the two strings' addresses.
  uint32_t attributeLocation(llvm::StringRef Class, llvm::StringRef Attr) const;
  mutable llvm::DenseMap<PooledPair, uint32_t, PooledPairInfo> AttrLocs;
  /// Resolves a dotted name through aliases to what it names.
  struct Entity {
    enum Kind { None, Function, Class, Global, Module, External } K = None;
    std::string Name; ///< canonical dotted name
    /// Trailing attributes not resolved (their strings live in Saver).
    std::vector<llvm::StringRef> Rest;
  };
  /// The reference stays valid for the life of this object.
  const Entity &resolveDotted(llvm::StringRef D) const;
  /// resolveDotted of a Global or Qualified reference's dotted name (of ""
  /// for other bases), without building the name on the heap.
  const Entity &resolveRef(const Ref &R) const;
  /// resolveRef's answers for references with at most one attribute, by the
  /// pooled strings' addresses and lengths.
  mutable llvm::DenseMap<PooledPair, const Entity *, PooledPairInfo>
      RefEntities;
  Entity resolveDottedUncached(std::string D) const;
  /// Pass 2 is single-threaded: resolving the same dotted name again is
  /// answered from here (the symbol tables never change after buildSymbols).
  mutable llvm::StringMap<Entity, llvm::BumpPtrAllocator> DottedCache;
  mutable llvm::BumpPtrAllocator Alloc;
  mutable llvm::StringSaver Saver{Alloc}; ///< Entity::Rest's strings
  /// Where a reference starts: its base location (before aliases) and the
  /// attributes still to follow. Neither changes between resolution rounds.
  struct BaseLocation {
    uint32_t Loc = 0;
    llvm::ArrayRef<llvm::StringRef> Rest;
  };
  BaseLocation baseLocation(const Ref &R) const;
  /// \p DropLast: of R without that many trailing attributes.
  uint32_t locationOf(uint32_t Fn, const Ref &R, size_t DropLast = 0) const;
  /// Locations of the Refs that are part of summaries (never of copies):
  /// the base of each is computed once and kept in a slot, the event's for
  /// targets and a map by address for references in arguments and assigned
  /// values. \p DropLast leaves out that many trailing attributes (the
  /// receiver of `a.b.m()`).
  uint32_t targetLocation(Site S, size_t DropLast = 0) const;
  uint32_t storedLocation(const Ref &R, size_t DropLast = 0) const;
  /// The base of an event's target, before aliases.
  uint32_t targetBase(Site S) const;
  static constexpr uint32_t NotYet = UINT32_MAX, NotKept = UINT32_MAX - 1;
  uint32_t &targetSlot(Site S) const;
  uint32_t &valueSlot(const Ref &R) const;
  BaseLocation baseFromSlot(uint32_t &Slot, const Ref &R) const;
  uint32_t locationVia(uint32_t &Slot, const Ref &R, size_t DropLast) const;
  /// By eventIndex; indexAccesses turns it into AccessLoc, so targetSlot,
  /// targetLocation and targetBase are for pass 2 only.
  mutable std::vector<uint32_t> TargetSlots;
  std::vector<uint32_t> EventBase;
  /// Stored values' slots (see storedLocation); for the rounds only.
  mutable llvm::DenseMap<const Ref *, uint32_t> ValueSlots;
  /// The location of each local by its pooled name (Ref::Name's data); a
  /// cache of intern("l:" + name), emptied before the rules.
  llvm::DenseMap<const char *, uint32_t> LocalLocs;
  /// A global's location by its resolved entity (DottedCache keeps those).
  llvm::DenseMap<const Entity *, uint32_t> GlobalLocs;
  uint32_t canon(uint32_t Loc) const;
  llvm::StringRef typeOf(uint32_t Loc) const;
  /// \p Stored: V is part of a summary (see storedLocation).
  llvm::StringRef typeOfValue(uint32_t Fn, const Value &V,
                              bool Stored = false) const;
  /// The type of what \p R without its last \p DropLast attributes holds;
  /// \p Slot: R's slot when it is part of a summary (see targetLocation).
  llvm::StringRef typeOfReference(uint32_t Fn, const Ref &R, size_t DropLast,
                                  uint32_t *Slot) const;
  llvm::StringRef classOfLocation(uint32_t Loc) const;
  int lookupMethod(llvm::StringRef Class, llvm::StringRef Method) const;
  /// What `self.Method()` in a method of \p Class may run: the method it
  /// finds, then the subclasses' overrides when there are at most three.
  /// Both names are pooled; cached by their addresses until the rounds end.
  llvm::ArrayRef<int> selfDispatch(llvm::StringRef Class,
                                   llvm::StringRef Method) const;
  mutable llvm::DenseMap<PooledPair, std::vector<int>, PooledPairInfo>
      SelfDispatch;
  /// The most basic class in \p Class's project ancestry whose methods
  /// assign `self.Attr` (else \p Class).
  llvm::StringRef attributeOwner(llvm::StringRef Class,
                                 llvm::StringRef Attr) const;
  llvm::StringMap<llvm::StringSet<>> AssignedAttrs;
  bool isSubclassOf(llvm::StringRef Class, llvm::StringRef Base,
                    bool Models) const;
  /// The call's callees, into \p Out. \p DependsOnTypes is set when the answer
  /// may change once more types are known (a method of a typed receiver);
  /// otherwise it stays the same in every resolution round.
  void resolveCall(uint32_t Fn, uint32_t EventIdx, std::vector<Edge> &Out,
                   bool &DependsOnTypes) const;
  /// The calls whose callees depend on types (see resolveCall), by
  /// EventBase[Fn] + event; filled in the first round.
  llvm::BitVector TypedCalls;
  /// Per function, the indices of its call events; filled in the first
  /// round, freed after the last.
  FlatLists<uint32_t> CallEvents;
  /// The events whose targets get types or aliases in each round:
  /// assignments, writes, deletions and mutating calls; filled in the first.
  std::vector<Site> TypingSites;
  /// Per function, the locations of its parameters (0: not yet interned);
  /// freed after the resolution rounds.
  std::vector<std::vector<uint32_t>> ParamLocs;
  uint32_t paramLocation(uint32_t Fn, size_t Param);
  /// Round-invariant inputs of findEntries: the calls that may start a
  /// thread, and the entries of library classes.
  std::vector<Site> SpawnSites;
  bool SpawnSitesKnown = false;
  std::vector<ThreadEntry> LibraryEntries;
  bool LibraryEntriesKnown = false;
  /// Round-invariant inputs of computeOwnership: references that escape
  /// when they name a local (event targets by their base, the others whole).
  std::vector<Site> EscapingBases;
  std::vector<const Ref *> EscapingRefs;
  /// Assignments that make a local owned (true: a fresh project object) or
  /// escaped (false: a `Thread` subclass, or not a reference).
  std::vector<std::pair<Site, bool>> AssignedLocals;
  bool EscapesKnown = false;
  /// The one project method named \p Method (for a receiver of unknown
  /// type in \p Fn): the only one in the project, or the only one in the
  /// caller's top-level package; -1 if none or several.
  int methodByUniqueName(uint32_t Fn, llvm::StringRef Method) const;
  int functionOfValue(uint32_t Fn, const Value &V, bool &SelfBound,
                      bool &FreshInstance) const;
  bool isLockLocation(uint32_t Loc) const;
  /// The lock a region holds (0: not a lock): the lock itself, or the lock
  /// an object's `acquire()` / `__enter__` takes and keeps.
  uint32_t regionLock(uint32_t Fn, const LockRegion &R, int Depth = 0) const;
  bool isSelfBased(Site S) const;

  void buildSymbols();
  void resolveTypesAndCalls();
  void findEntries();
  void computeOwnership();
  void computeReach();
  void computeLocks();
  void computeWrites();
  void indexAccesses();
};

/// testedLocation for the tests of one function at a time, each worked out
/// once: a test guards every event of its block, and the rules ask per
/// guarded event.
class TestedLocations {
public:
  explicit TestedLocations(const ProjectFacts &PF) : PF(PF) {}
  uint32_t at(Site T) {
    if (T.Fn != Fn) {
      Fn = T.Fn;
      Memo.clear();
    }
    auto Ins = Memo.try_emplace(T.Event, 0);
    if (Ins.second)
      Ins.first->second = PF.testedLocation(T);
    return Ins.first->second;
  }

private:
  const ProjectFacts &PF;
  uint32_t Fn = UINT32_MAX;
  llvm::DenseMap<uint32_t, uint32_t> Memo;
};

} // namespace racelint
