#pragma once

#include "semantic/NamePool.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace racelint {

/// A Ref's attribute path: a view of a list of strings, like
/// `ArrayRef<StringRef>`, in 12 bytes (a 32-bit size, and packed to 4-byte
/// alignment) so that a Ref fits in 32 bytes with its base kind.
#pragma pack(push, 4)
class AttrList {
public:
  AttrList() = default;
  AttrList(llvm::ArrayRef<llvm::StringRef> A)
      : Items(A.data()), Count(static_cast<uint32_t>(A.size())) {}
  operator llvm::ArrayRef<llvm::StringRef>() const { return {Items, Count}; }
  llvm::ArrayRef<llvm::StringRef> list() const { return *this; }

  size_t size() const { return Count; }
  bool empty() const { return Count == 0; }
  const llvm::StringRef *begin() const { return Items; }
  const llvm::StringRef *end() const { return Items + Count; }
  const llvm::StringRef &operator[](size_t I) const { return list()[I]; }
  const llvm::StringRef &back() const { return list().back(); }
  AttrList drop_back(size_t N = 1) const { return list().drop_back(N); }
  AttrList drop_front(size_t N = 1) const { return list().drop_front(N); }
  AttrList take_front(size_t N = 1) const { return list().take_front(N); }
  bool operator==(const AttrList &O) const { return list() == O.list(); }
  bool operator!=(const AttrList &O) const { return !(*this == O); }

private:
  const llvm::StringRef *Items = nullptr;
  uint32_t Count = 0;
};
#pragma pack(pop)

/// A storage place as the source names it: a resolved base and an attribute
/// path (`self.cache.items` is Self(C) + [cache, items]).
struct Ref {
  enum class BaseKind : uint8_t {
    None,
    Global,    ///< Name: "module.name"
    Local,     ///< Name: "<function qualname>::name"
    Self,      ///< Name: qualified class of the method's `self`
    ClassObj,  ///< Name: qualified class (`cls`, or a class body)
    Super,     ///< Name: qualified class whose `super()` this is
    Qualified, ///< Name: dotted name of an imported module or object
  };
  /// Interned (internName), so equal names have one address.
  llvm::StringRef Name;
  /// A list in the module's Lists (or a part of one), of strings in the
  /// NamePool (or string literals, like "[]"). Shortening a Ref is
  /// taking a shorter view; a longer one needs ListKeeper::keep.
  AttrList Attrs;
  BaseKind Base = BaseKind::None;

  bool valid() const { return Base != BaseKind::None; }
  bool operator==(const Ref &O) const {
    return Base == O.Base && Name == O.Name && Attrs == O.Attrs;
  }
  bool operator!=(const Ref &O) const { return !(*this == O); }
  /// `Name.attr1.attr2` for Qualified and Global bases.
  std::string dotted() const;
};

static_assert(sizeof(Ref) <= 32, "a project holds millions of Refs");

/// A value as far as pass 1 can say: a reference, a lambda, a
/// `functools.partial`, a tuple or list of references, or a call's result.
struct Value {
  enum class Kind : uint8_t {
    Other,
    Reference,
    Lambda,
    Partial,
    Sequence,
    Call,
    Generator ///< a generator expression
  };
  Kind K = Kind::Other;
  int Function = -1; ///< Lambda: index of the lambda's function summary
  /// Reference; Partial: its target; Call: the callee; Sequence: the callee
  /// of the constructor calls it holds (its element type), if any.
  Ref R;
  /// Sequence elements; Partial's bound arguments. A list of this value's
  /// own in the module's Lists (ListKeeper::elements), which pass 1 resolves
  /// in place.
  llvm::MutableArrayRef<Ref> Elems;
};

/// How an access uses its place.
enum class AccessKind : uint8_t {
  Read,
  Test,    ///< read inside a condition (if, while, ternary, `and`/`or`)
  Iterate, ///< walked by `for`, a comprehension, `sorted()`, `.items()`...
  Write,   ///< rebinding (`x = ...`) or element store (`x[k] = ...`)
  Delete,  ///< `del x` or `del x[k]`
  MutCall, ///< a mutating container method (`x.append(...)`)
  ReadModifyWrite, ///< `x += 1`, `x = x + 1`, `d[k] = d.get(k, 0) + 1`
};

/// A list of indices kept in one of a FunctionSummary's pools: Size items
/// from Begin.
struct PooledList {
  uint32_t Begin = 0;
  uint32_t Size = 0;
  bool empty() const { return Size == 0; }
};

/// A growable array in 16 bytes where a std::vector takes 24: a summary
/// holds a dozen per function, most of them empty. Its move never throws
/// (it takes the other's buffer; there is no inline storage to copy), and
/// says so, which LLVM 14's SmallVector does not: a std::vector of
/// summaries then moves them when it grows instead of copying them.
template <typename T> class SummaryVector : public llvm::SmallVector<T, 0> {
  using Base = llvm::SmallVector<T, 0>;

public:
  using Base::Base;
  SummaryVector() = default;
  SummaryVector(const SummaryVector &) = default;
  SummaryVector(SummaryVector &&O) noexcept : Base(std::move(O)) {}
  SummaryVector &operator=(const SummaryVector &) = default;
  SummaryVector &operator=(SummaryVector &&O) noexcept {
    Base::operator=(std::move(O));
    return *this;
  }
};

/// Frees what \p V reserved beyond its size.
template <typename T> void shrinkToFit(SummaryVector<T> &V) {
  if (V.capacity() > V.size())
    V = SummaryVector<T>(std::make_move_iterator(V.begin()),
                         std::make_move_iterator(V.end()));
}

/// A keyword argument: its name (interned) and its value.
using KeywordArg = std::pair<llvm::StringRef, Value>;

/// The arguments of one call, as pass 1 saw them: PosCount values from
/// PosBegin in its FunctionSummary's ArgValues, KwCount from KwBegin in its
/// KeywordArgs.
struct CallArgs {
  uint32_t PosBegin = 0, PosCount = 0, KwBegin = 0, KwCount = 0;
};

/// One thing a function does, in source order. What only some kinds carry
/// (a call's arguments, an assigned value) sits in the FunctionSummary's side
/// storage, which its accessors read. A project has about a million events,
/// so the layout is kept tight (72 bytes).
struct Event {
  static constexpr uint32_t NoIndex = UINT32_MAX;
  /// The longest region or guard list an event keeps.
  static constexpr uint32_t MaxListSize = UINT16_MAX;
  enum class Kind : uint8_t { Access, Call, Assign, ScopeExit, Dropped };
  Event()
      : Element(false), InReturn(false), InCondition(false), InLoop(false) {}

  Kind K = Kind::Access;
  AccessKind Access = AccessKind::Read;
  /// Access: the place is an element of Target (`Target[...]`, `.get()`).
  bool Element : 1;
  /// The event sits in a `return` expression (for callers' checks).
  bool InReturn : 1;
  /// Call: it sits inside a condition (its result is tested).
  bool InCondition : 1;
  /// Inside a loop or comprehension of this function.
  bool InLoop : 1;

private:
  uint16_t GuardCount = 0, RegionCount = 0;
  /// method(): an interned name (NUL-terminated), or null.
  const char *MethodText = nullptr;

public:
  /// Access and Assign: the place; Call: the callee; ScopeExit: the variable
  /// whose `with` block ends.
  Ref Target;
  /// Call and MutCall: index into FunctionSummary::CallArguments (a mutating
  /// method's access shares its call's arguments); Assign: index into
  /// FunctionSummary::AssignedValues. Read through FunctionSummary::args(),
  /// kwargs() and assigned(), which look at the kind.
  uint32_t Side = NoIndex;
  /// Byte offsets of the expression, and of the enclosing statement's start.
  uint32_t Begin = 0, End = 0, StmtBegin = 0;

private:
  uint32_t RegionBegin = 0, GuardBegin = 0;

public:
  /// The access is the `for` target walk's first element (`x[0]`) or a
  /// method name for MutCall / Read of `.get()`.
  llvm::StringRef method() const {
    return MethodText ? llvm::StringRef(MethodText) : llvm::StringRef();
  }
  /// \p Pooled must be interned (internName) or empty.
  void setMethod(llvm::StringRef Pooled) {
    MethodText = Pooled.empty() ? nullptr : Pooled.data();
  }
  /// Indices into FunctionSummary::Regions of the lock regions open here
  /// (FunctionSummary::regions()), as a list in RegionPool.
  PooledList regionList() const { return {RegionBegin, RegionCount}; }
  /// Indices into FunctionSummary::Events of the tests this event depends on
  /// (the conditions of the enclosing ifs, an early exit, a `try` body;
  /// FunctionSummary::guards()), as a list in GuardPool.
  PooledList guardList() const { return {GuardBegin, GuardCount}; }
  bool hasGuards() const { return GuardCount != 0; }
  /// Lists longer than MaxListSize are cut to that size.
  void setRegions(PooledList L) {
    RegionBegin = L.Begin;
    RegionCount = static_cast<uint16_t>(std::min(L.Size, MaxListSize));
  }
  void setGuards(PooledList L) {
    GuardBegin = L.Begin;
    GuardCount = static_cast<uint16_t>(std::min(L.Size, MaxListSize));
  }
};
static_assert(std::is_nothrow_move_constructible<Event>::value,
              "growing a vector of events must move them, not copy them");
static_assert(sizeof(Event) <= 72, "an event's layout is kept tight");

/// A stretch of a function in which the lock named by `Lock` may be held:
/// a `with` body or an `acquire()` ... `release()` span.
struct LockRegion {
  Ref Lock;
  uint32_t Begin = 0, End = 0;
  bool FromWith = true;
  // acquire() regions only:
  uint32_t AcquireBegin = 0, AcquireEnd = 0;
  bool Released = false;         ///< a matching release() was seen
  bool ReleaseInFinally = false; ///< ... inside a `finally:` clause
  bool ResultIgnored = false;    ///< `L.acquire(...)` as a statement
  bool NonBlocking = false;      ///< `blocking=False` or `timeout=`
  uint32_t ReleaseBegin = 0;
};

/// A `# racelint: guarded-by=...` or `thread-confined` annotation on an
/// assignment.
struct Annotation {
  enum class Kind : uint8_t { GuardedBy, ThreadConfined } K;
  unsigned Line = 0;
  int Function = 0;
  Ref Target; ///< the place the line assigns
  Ref Lock;   ///< GuardedBy: the lock expression
  std::string LockText;
};

struct FunctionSummary {
  std::string QualName;
  std::string Name;
  int Parent = -1;       ///< enclosing function, -1 for the module body
  std::string ClassQual; ///< the class of a method, else empty
  bool IsModuleBody = false, IsLambda = false, IsStatic = false,
       IsClassMethod = false;
  uint32_t Begin = 0, End = 0, NameBegin = 0;
  SummaryVector<std::string> Params; ///< including self
  SummaryVector<Ref> Decorators;
  SummaryVector<Event> Events;
  /// Side storage of the events: call arguments (each call's in one stretch
  /// of ArgValues and of KeywordArgs), assigned values, and the pools of
  /// their region and guard lists (consecutive events mostly share one list,
  /// stored once).
  SummaryVector<CallArgs> CallArguments;
  SummaryVector<Value> ArgValues;
  SummaryVector<KeywordArg> KeywordArgs;
  SummaryVector<Value> AssignedValues;
  SummaryVector<uint16_t> RegionPool;
  SummaryVector<uint32_t> GuardPool;
  SummaryVector<LockRegion> Regions;
  /// Offsets of `return`, `raise`, `break` and `continue` statements.
  SummaryVector<uint32_t> Exits;
  bool IsGenerator = false;

  /// The positional arguments of a Call or MutCall event (else none).
  llvm::ArrayRef<Value> args(const Event &E) const {
    if (E.Side == Event::NoIndex || E.K == Event::Kind::Assign)
      return {};
    const CallArgs &C = CallArguments[E.Side];
    return llvm::ArrayRef<Value>(ArgValues).slice(C.PosBegin, C.PosCount);
  }
  /// The keyword arguments of a Call or MutCall event (else none).
  llvm::ArrayRef<KeywordArg> kwargs(const Event &E) const {
    if (E.Side == Event::NoIndex || E.K == Event::Kind::Assign)
      return {};
    const CallArgs &C = CallArguments[E.Side];
    return llvm::ArrayRef<KeywordArg>(KeywordArgs).slice(C.KwBegin, C.KwCount);
  }
  /// The value an Assign event assigns (Kind::Other for other events).
  const Value &assigned(const Event &E) const;
  /// The lock regions open at \p E.
  llvm::ArrayRef<uint16_t> regions(const Event &E) const {
    PooledList L = E.regionList();
    return llvm::ArrayRef<uint16_t>(RegionPool).slice(L.Begin, L.Size);
  }
  /// The tests \p E depends on.
  llvm::ArrayRef<uint32_t> guards(const Event &E) const {
    PooledList L = E.guardList();
    return llvm::ArrayRef<uint32_t>(GuardPool).slice(L.Begin, L.Size);
  }
};

static_assert(std::is_nothrow_move_constructible<FunctionSummary>::value,
              "growing a module's list of functions must move them");

struct ClassSummary {
  std::string QualName, Name;
  std::vector<Ref> Bases;
  uint32_t Begin = 0, NameBegin = 0;
  llvm::StringMap<int> Methods; ///< name -> function index
  bool ThreadSafe = false;      ///< `# racelint: thread-safe`
  bool ThreadConfined = false;  ///< `# racelint: thread-confined`
};

/// Pass 1's summary of one module.
struct ModuleSummary {
  std::string Name;
  std::vector<FunctionSummary> Functions; ///< [0] is the module body
  std::vector<ClassSummary> Classes;
  /// Module-level names bound by import: name -> dotted target.
  llvm::StringMap<std::string> Imports;
  /// Module-level names bound by assignment, def or class.
  llvm::StringMap<char> Globals;
  std::vector<Annotation> Annotations;
  /// The references' attribute lists (Ref::Attrs) and the values' element
  /// lists (Value::Elems), through ListKeeper.
  llvm::BumpPtrAllocator Lists;
};

/// Attribute lists by their names' addresses: the names are pooled (one
/// address per text; a literal `[]` beside a pooled one costs a second
/// copy of a list, never a wrong match), so a list's hash and equality
/// never read the text.
struct PooledNamesInfo {
  using List = llvm::ArrayRef<llvm::StringRef>;
  static List getEmptyKey() {
    return List(reinterpret_cast<const llvm::StringRef *>(~uintptr_t(0)),
                size_t(0));
  }
  static List getTombstoneKey() {
    return List(reinterpret_cast<const llvm::StringRef *>(~uintptr_t(1)),
                size_t(0));
  }
  static unsigned getHashValue(List L) {
    uint64_t H = L.size();
    for (llvm::StringRef S : L) // addresses fit in 48 bits
      H = mixHash(H, reinterpret_cast<uintptr_t>(S.data()) ^ uint64_t(S.size())
                                                                 << 48);
    return foldHash(H);
  }
  static bool isEqual(List A, List B) {
    if (B.data() == getEmptyKey().data() ||
        B.data() == getTombstoneKey().data() ||
        A.data() == getEmptyKey().data() ||
        A.data() == getTombstoneKey().data())
      return A.data() == B.data();
    if (A.size() != B.size())
      return false;
    for (size_t I = 0; I < A.size(); ++I)
      if (A[I].data() != B[I].data() || A[I].size() != B[I].size())
        return false;
    return true;
  }
};

/// Keeps attribute and element lists in a ModuleSummary's Lists (each
/// distinct attribute list once); lives while the summary is built or read
/// back from the cache.
class ListKeeper {
public:
  explicit ListKeeper(ModuleSummary &M) : M(M) {}
  llvm::ArrayRef<llvm::StringRef> keep(llvm::ArrayRef<llvm::StringRef> A) {
    if (A.empty())
      return {};
    auto It = Kept.find(A);
    if (It != Kept.end())
      return *It;
    auto *P = M.Lists.Allocate<llvm::StringRef>(A.size());
    std::uninitialized_copy(A.begin(), A.end(), P);
    llvm::ArrayRef<llvm::StringRef> List(P, A.size());
    Kept.insert(List);
    return List;
  }
  /// A copy of \p Elems of its own (pass 1 resolves its references in
  /// place, so element lists are not shared).
  llvm::MutableArrayRef<Ref> elements(llvm::ArrayRef<Ref> Elems) {
    if (Elems.empty())
      return {};
    auto *P = M.Lists.Allocate<Ref>(Elems.size());
    std::uninitialized_copy(Elems.begin(), Elems.end(), P);
    return {P, Elems.size()};
  }

private:
  ModuleSummary &M;
  llvm::DenseSet<llvm::ArrayRef<llvm::StringRef>, PooledNamesInfo> Kept;
};

} // namespace racelint
