#include "semantic/SummaryIO.h"

#include "semantic/NamePool.h"
#include "semantic/Summary.h"

#include "llvm/ADT/DenseMap.h"

#include <type_traits>

namespace racelint {

namespace {

// One description of each structure, `transfer`, serves both directions:
// with a Writer it appends the fields, with a Reader it fills them. The
// Writer only reads (fields kept behind setters, an event's flags, method
// and lists, go through copies that only a Reader stores back).

class Writer {
public:
  std::string Out;
  /// The entry's distinct names, in order of first use: the body refers to
  /// them by number (1-based; 0 is the empty name), so a reader interns
  /// each once instead of once per use.
  std::vector<llvm::StringRef> Names;

  void num(uint64_t V) {
    while (V >= 0x80) {
      Out.push_back(static_cast<char>(V | 0x80));
      V >>= 7;
    }
    Out.push_back(static_cast<char>(V));
  }
  template <typename T> void scalar(T &V) {
    if constexpr (std::is_enum<T>::value)
      num(static_cast<uint64_t>(V));
    else if constexpr (std::is_signed<T>::value)
      num(static_cast<uint64_t>(static_cast<int64_t>(V) + 1)); // -1 is common
    else
      num(static_cast<uint64_t>(V));
  }
  /// A text: its size, then its bytes.
  void text(llvm::StringRef S) {
    num(S.size());
    Out += S;
  }
  void str(std::string &S) { text(S); }
  /// An interned name (NamePool), by its number in the name table.
  void pooled(llvm::StringRef &S) {
    if (S.empty()) {
      num(0);
      return;
    }
    auto Ins = Numbers.try_emplace(S, Names.size() + 1);
    if (Ins.second)
      Names.push_back(S);
    num(Ins.first->second);
  }
  template <typename Vec, typename Fn> void list(Vec &V, Fn &&Item) {
    num(V.size());
    for (auto &X : V)
      Item(X);
  }
  /// An attribute or element list: the Writer has written \p Read already.
  void attrs(AttrList &, llvm::ArrayRef<llvm::StringRef> Read) { (void)Read; }
  void elements(llvm::MutableArrayRef<Ref> &, llvm::ArrayRef<Ref> Read) {
    (void)Read;
  }
  template <typename Map, typename Fn> void map(Map &M, Fn &&Value) {
    num(M.size());
    // StringMap order is a hash order; any order reads back the same map.
    for (auto &KV : M) {
      std::string Key = KV.getKey().str();
      str(Key);
      Value(KV.getValue());
    }
  }

private:
  llvm::DenseMap<llvm::StringRef, uint32_t, NameInfo> Numbers;
};

class Reader {
public:
  /// Reads \p In into \p Module: names are interned, attribute
  /// and element lists to its Lists.
  Reader(llvm::StringRef In, ModuleSummary &Module) : In(In), Lists(Module) {}
  bool Failed = false;

  bool atEnd() const { return In.empty(); }
  /// The name table that precedes the body.
  void names() {
    uint64_t N = count();
    Names.reserve(N);
    for (uint64_t I = 0; I < N && !Failed; ++I) {
      llvm::StringRef Name = text();
      if (Name.empty()) // the empty name has no number in the table
        fail();
      else
        Names.push_back(internName(Name));
    }
  }
  uint64_t num() {
    // Most numbers fit in one byte.
    if (!In.empty() && !(static_cast<uint8_t>(In.front()) & 0x80)) {
      uint64_t V = static_cast<uint8_t>(In.front());
      In = In.drop_front();
      return V;
    }
    uint64_t V = 0;
    for (unsigned Shift = 0; Shift < 64; Shift += 7) {
      if (In.empty())
        return fail();
      uint8_t B = In.front();
      In = In.drop_front();
      V |= static_cast<uint64_t>(B & 0x7f) << Shift;
      if (!(B & 0x80))
        return V;
    }
    return fail();
  }
  template <typename T> void scalar(T &V) {
    uint64_t N = num();
    if constexpr (std::is_enum<T>::value)
      V = static_cast<T>(N);
    else if constexpr (std::is_signed<T>::value)
      V = static_cast<T>(static_cast<int64_t>(N) - 1);
    else
      V = static_cast<T>(N);
  }
  /// What Writer::text wrote (empty if the bytes run out).
  llvm::StringRef text() {
    uint64_t N = num();
    if (N > In.size()) {
      fail();
      return {};
    }
    llvm::StringRef S = In.take_front(N);
    In = In.drop_front(N);
    return S;
  }
  void str(std::string &S) { S = text().str(); }
  void pooled(llvm::StringRef &S) {
    uint64_t N = num();
    if (N > Names.size()) {
      fail();
      return;
    }
    S = N ? Names[N - 1] : llvm::StringRef();
  }
  template <typename Vec, typename Fn> void list(Vec &V, Fn &&Item) {
    uint64_t N = count();
    V.clear();
    V.resize(N);
    for (auto &X : V) {
      if (Failed)
        return;
      Item(X);
    }
  }
  /// An attribute list read into \p Read, kept in the module.
  void attrs(AttrList &Out, llvm::ArrayRef<llvm::StringRef> Read) {
    Out = Lists.keep(Read);
  }
  /// An element list read into \p Read, kept in the module.
  void elements(llvm::MutableArrayRef<Ref> &Out, llvm::ArrayRef<Ref> Read) {
    Out = Lists.elements(Read);
  }
  template <typename Map, typename Fn> void map(Map &M, Fn &&Value) {
    uint64_t N = count();
    M.clear();
    for (uint64_t I = 0; I < N && !Failed; ++I) {
      std::string Key;
      str(Key);
      Value(M[Key]);
    }
  }

private:
  llvm::StringRef In;
  ListKeeper Lists;
  std::vector<llvm::StringRef> Names;
  /// A number of items; each takes a byte at least, so a larger count than
  /// the bytes left is corrupt (and reads as 0).
  uint64_t count() {
    uint64_t N = num();
    return N > In.size() ? fail() : N;
  }
  uint64_t fail() {
    Failed = true;
    In = {};
    return 0;
  }
};

template <typename S> void transfer(S &St, std::string &Str) { St.str(Str); }

template <typename S> void transfer(S &St, Ref &R) {
  St.scalar(R.Base);
  St.pooled(R.Name);
  llvm::SmallVector<llvm::StringRef, 4> Attrs(R.Attrs.begin(), R.Attrs.end());
  St.list(Attrs, [&](llvm::StringRef &A) { St.pooled(A); });
  St.attrs(R.Attrs, Attrs);
}

template <typename S> void transfer(S &St, Value &V) {
  St.scalar(V.K);
  transfer(St, V.R);
  St.scalar(V.Function);
  llvm::SmallVector<Ref, 4> Elems(V.Elems.begin(), V.Elems.end());
  St.list(Elems, [&](Ref &R) { transfer(St, R); });
  St.elements(V.Elems, Elems);
}

template <typename S> void transfer(S &St, PooledList &L) {
  St.scalar(L.Begin);
  St.scalar(L.Size);
}

template <typename S> void transfer(S &St, CallArgs &A) {
  St.scalar(A.PosBegin);
  St.scalar(A.PosCount);
  St.scalar(A.KwBegin);
  St.scalar(A.KwCount);
}

template <typename S> void transfer(S &St, Event &E) {
  // The Writer must not store into the event, not even the same values:
  // another thread may be reading it (pass 2 beside a cache write).
  constexpr bool Reading = std::is_same<S, Reader>::value;
  St.scalar(E.K);
  St.scalar(E.Access);
  // One byte of flags (the event keeps them as bit-fields).
  uint8_t Flags =
      E.Element | E.InReturn << 1 | E.InCondition << 2 | E.InLoop << 3;
  St.scalar(Flags);
  if (Reading) {
    E.Element = Flags & 1;
    E.InReturn = Flags & 2;
    E.InCondition = Flags & 4;
    E.InLoop = Flags & 8;
  }
  llvm::StringRef Method = E.method();
  St.pooled(Method);
  if (Reading)
    E.setMethod(Method);
  transfer(St, E.Target);
  St.scalar(E.Side);
  St.scalar(E.Begin);
  St.scalar(E.End);
  St.scalar(E.StmtBegin);
  PooledList Regions = E.regionList(), Guards = E.guardList();
  transfer(St, Regions);
  transfer(St, Guards);
  if (Reading) {
    E.setRegions(Regions);
    E.setGuards(Guards);
  }
}

template <typename S> void transfer(S &St, LockRegion &R) {
  transfer(St, R.Lock);
  St.scalar(R.Begin);
  St.scalar(R.End);
  St.scalar(R.FromWith);
  St.scalar(R.AcquireBegin);
  St.scalar(R.AcquireEnd);
  St.scalar(R.Released);
  St.scalar(R.ReleaseInFinally);
  St.scalar(R.ResultIgnored);
  St.scalar(R.NonBlocking);
  St.scalar(R.ReleaseBegin);
}

template <typename S> void transfer(S &St, FunctionSummary &F) {
  St.str(F.QualName);
  St.str(F.Name);
  St.scalar(F.Parent);
  St.str(F.ClassQual);
  St.scalar(F.IsModuleBody);
  St.scalar(F.IsLambda);
  St.scalar(F.IsStatic);
  St.scalar(F.IsClassMethod);
  St.scalar(F.Begin);
  St.scalar(F.End);
  St.scalar(F.NameBegin);
  St.list(F.Params, [&](std::string &P) { St.str(P); });
  St.list(F.Decorators, [&](Ref &R) { transfer(St, R); });
  St.list(F.Events, [&](Event &E) { transfer(St, E); });
  St.list(F.CallArguments, [&](CallArgs &A) { transfer(St, A); });
  St.list(F.ArgValues, [&](Value &V) { transfer(St, V); });
  St.list(F.KeywordArgs, [&](KeywordArg &KV) {
    St.pooled(KV.first);
    transfer(St, KV.second);
  });
  St.list(F.AssignedValues, [&](Value &V) { transfer(St, V); });
  St.list(F.RegionPool, [&](uint16_t &R) { St.scalar(R); });
  St.list(F.GuardPool, [&](uint32_t &G) { St.scalar(G); });
  St.list(F.Regions, [&](LockRegion &R) { transfer(St, R); });
  St.list(F.Exits, [&](uint32_t &X) { St.scalar(X); });
  St.scalar(F.IsGenerator);
}

template <typename S> void transfer(S &St, ClassSummary &C) {
  St.str(C.QualName);
  St.str(C.Name);
  St.list(C.Bases, [&](Ref &R) { transfer(St, R); });
  St.scalar(C.Begin);
  St.scalar(C.NameBegin);
  St.map(C.Methods, [&](int &I) { St.scalar(I); });
  St.scalar(C.ThreadSafe);
  St.scalar(C.ThreadConfined);
}

template <typename S> void transfer(S &St, Annotation &A) {
  St.scalar(A.K);
  St.scalar(A.Line);
  St.scalar(A.Function);
  transfer(St, A.Target);
  transfer(St, A.Lock);
  St.str(A.LockText);
}

template <typename S> void transfer(S &St, ModuleSummary &M) {
  St.str(M.Name);
  St.list(M.Functions, [&](FunctionSummary &F) { transfer(St, F); });
  St.list(M.Classes, [&](ClassSummary &C) { transfer(St, C); });
  St.map(M.Imports, [&](std::string &T) { St.str(T); });
  St.map(M.Globals, [&](char &C) { St.scalar(C); });
  St.list(M.Annotations, [&](Annotation &A) { transfer(St, A); });
}

template <typename S> void transfer(S &St, Position &P) {
  St.scalar(P.Line);
  St.scalar(P.Column);
}

template <typename S> void transfer(S &St, FileAnalysis &FA) {
  St.str(FA.ModuleName);
  St.list(FA.SyntaxErrors, [&](SyntaxErrorFact &E) {
    transfer(St, E.Pos);
    transfer(St, E.End);
    St.str(E.Message);
  });
  St.list(FA.Directives, [&](DirectiveComment &D) {
    St.scalar(D.Line);
    St.scalar(D.Column);
    St.str(D.Text);
  });
  transfer(St, *FA.Summary);
}

/// Whether every index in \p M points at something of \p M: pass 2 and the
/// rules trust them, so an entry that reads well but was damaged on disk
/// must not get that far.
bool indicesInRange(const ModuleSummary &M) {
  size_t NFns = M.Functions.size();
  if (NFns == 0)
    return false;
  auto FunctionOk = [&](int I, bool NoneOk) {
    return (NoneOk && I == -1) || (I >= 0 && static_cast<size_t>(I) < NFns);
  };
  auto ValueOk = [&](const Value &V) { return FunctionOk(V.Function, true); };
  auto ListOk = [](PooledList L, size_t PoolSize) {
    return static_cast<uint64_t>(L.Begin) + L.Size <= PoolSize;
  };
  for (const FunctionSummary &F : M.Functions) {
    if (!FunctionOk(F.Parent, true))
      return false;
    for (const Event &E : F.Events) {
      if (E.Side != Event::NoIndex &&
          E.Side >= (E.K == Event::Kind::Assign ? F.AssignedValues.size()
                                                : F.CallArguments.size()))
        return false;
      if (!ListOk(E.regionList(), F.RegionPool.size()) ||
          !ListOk(E.guardList(), F.GuardPool.size()))
        return false;
    }
    for (uint16_t R : F.RegionPool)
      if (R >= F.Regions.size())
        return false;
    for (uint32_t G : F.GuardPool)
      if (G >= F.Events.size())
        return false;
    for (const Value &V : F.AssignedValues)
      if (!ValueOk(V))
        return false;
    for (const CallArgs &A : F.CallArguments)
      if (!ListOk({A.PosBegin, A.PosCount}, F.ArgValues.size()) ||
          !ListOk({A.KwBegin, A.KwCount}, F.KeywordArgs.size()))
        return false;
    for (const Value &V : F.ArgValues)
      if (!ValueOk(V))
        return false;
    for (const KeywordArg &KV : F.KeywordArgs)
      if (!ValueOk(KV.second))
        return false;
  }
  for (const ClassSummary &C : M.Classes)
    for (const auto &KV : C.Methods)
      if (!FunctionOk(KV.getValue(), false))
        return false;
  for (const Annotation &A : M.Annotations)
    if (!FunctionOk(A.Function, false))
      return false;
  return true;
}

} // namespace

std::string serializeFileFacts(const FileAnalysis &FA) {
  Writer W;
  // The writer only reads; transfer's one signature takes references.
  transfer(W, const_cast<FileAnalysis &>(FA));
  // The name table goes first, so the reader has it before the body.
  Writer Table;
  Table.num(W.Names.size());
  for (llvm::StringRef N : W.Names)
    Table.text(N);
  return Table.Out + W.Out;
}

bool deserializeFileFacts(llvm::StringRef Bytes, FileAnalysis &FA) {
  FileAnalysis Read;
  Read.Summary = std::make_unique<ModuleSummary>();
  Reader R(Bytes, *Read.Summary);
  R.names();
  transfer(R, Read);
  if (R.Failed || !R.atEnd() || !indicesInRange(*Read.Summary))
    return false;
  FA.ModuleName = std::move(Read.ModuleName);
  FA.SyntaxErrors = std::move(Read.SyntaxErrors);
  FA.Directives = std::move(Read.Directives);
  FA.Summary = std::move(Read.Summary);
  return true;
}

} // namespace racelint
