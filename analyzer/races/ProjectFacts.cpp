#include "races/ProjectFacts.h"

#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cassert>
#include <deque>

namespace racelint {

namespace {

constexpr int Rounds = 3;

uint64_t siteKey(Site S) { return (uint64_t(S.Fn) << 32) | S.Event; }

llvm::StringRef lastComponent(llvm::StringRef S) {
  size_t P = S.find_last_of(".:");
  return P == llvm::StringRef::npos ? S : S.drop_front(P + 1);
}

/// Method names too common to resolve by name alone when the receiver's
/// type is unknown.
bool tooCommonToGuess(llvm::StringRef M) {
  static const llvm::StringLiteral Names[] = {
      "get",     "put",    "set",     "close",      "open",   "read",
      "write",   "start",  "join",    "send",       "recv",   "update",
      "append",  "pop",    "items",   "keys",       "values", "copy",
      "format",  "split",  "strip",   "encode",     "decode", "acquire",
      "release", "wait",   "notify",  "notify_all", "submit", "map",
      "result",  "cancel", "run",     "add",        "remove", "clear",
      "flush",   "reset",  "next",    "sort",       "insert", "extend",
      "lower",   "upper",  "replace", "find",       "count",  "index"};
  if (M.startswith("__"))
    return true;
  for (llvm::StringRef N : Names)
    if (M == N)
      return true;
  return false;
}

} // namespace

namespace {
/// Empties \p V and frees its storage.
template <typename T> void releaseMemory(std::vector<T> &V) {
  std::vector<T>().swap(V);
}
} // namespace

ProjectFacts::ProjectFacts(llvm::ArrayRef<FileAnalysis> FilesIn,
                           const ConcurrencyModels &Models)
    : Files(FilesIn), Models(Models) {
  LocNames.push_back(""); // location 0: none
  uint32_t NEvents = 0;
  for (uint32_t FI = 0; FI < Files.size(); ++FI) {
    FnBase.push_back(Fns.size());
    if (!Files[FI].Summary)
      continue;
    for (const FunctionSummary &F : Files[FI].Summary->Functions) {
      Fns.push_back(&F);
      FnFile.push_back(FI);
      EventBase.push_back(NEvents);
      NEvents += F.Events.size();
    }
  }
  TargetSlots.assign(NEvents, NotYet);
  buildSymbols();
  resolveTypesAndCalls();
  // What only the resolution rounds look at goes before the rest grows.
  releaseMemory(TypingSites);
  CallEvents = {};
  releaseMemory(AssignedLocals);
  releaseMemory(EscapingBases);
  releaseMemory(EscapingRefs);
  releaseMemory(ParamLocs);
  TypedCalls = llvm::BitVector();
  SelfDispatch = decltype(SelfDispatch)();
  // The stored values' slots are read in the rounds only.
  ValueSlots = decltype(ValueSlots)();
  computeReach();
  computeLocks();
  computeWrites();
  indexAccesses(); // turns TargetSlots into AccessLoc
  // The rules name few locals again; intern() finds them on demand.
  LocalLocs = decltype(LocalLocs)();
  readAnnotations();
}

void ProjectFacts::readAnnotations() {
  for (uint32_t FI = 0; FI < Files.size(); ++FI) {
    const ModuleSummary *M = Files[FI].Summary.get();
    if (!M)
      continue;
    for (const ClassSummary &C : M->Classes)
      if (C.ThreadConfined)
        ConfinedClasses.insert(C.QualName);
    for (const Annotation &A : M->Annotations) {
      uint32_t Fn = FnBase[FI] + A.Function;
      uint32_t T = canon(locationOf(Fn, A.Target));
      if (!T)
        continue;
      if (A.K == Annotation::Kind::ThreadConfined)
        ConfinedLocs.insert(T);
      else if (uint32_t L = canon(locationOf(Fn, A.Lock))) {
        GuardedBy[T] = L;
        GuardAnnotations[T] = {Files[FI].Source->path().str(), A.Line, 1,
                               "`" + spell(T) + "` is declared `guarded-by=" +
                                   A.LockText + "` here"};
      }
    }
  }
}

bool ProjectFacts::isConfined(uint32_t Loc) const {
  if (ConfinedLocs.count(Loc))
    return true;
  llvm::StringRef N = LocNames[Loc];
  if (ConfinedClasses.empty() || !N.startswith("a:"))
    return false;
  return ConfinedClasses.contains(N.drop_front(2).rsplit(':').first);
}

uint32_t ProjectFacts::annotatedGuard(uint32_t Loc) const {
  auto It = GuardedBy.find(Loc);
  return It == GuardedBy.end() ? 0 : It->second;
}

std::string ProjectFacts::externalName(const Ref &R) const {
  if (R.Base != Ref::BaseKind::Global && R.Base != Ref::BaseKind::Qualified)
    return {};
  const Entity &E = resolveRef(R);
  return E.K == Entity::External ? E.Name : std::string();
}

bool ProjectFacts::isIterator(uint32_t Loc) const {
  llvm::StringRef T = typeOf(Loc);
  return T == "<generator>" || Models.isIteratorConstructor(T);
}

bool ProjectFacts::isDoubleCheck(Site Test, Site Act) const {
  if (Test.Fn != Act.Fn || !Inherited[Test.Fn].empty())
    return false;
  const FunctionSummary &F = *Fns[Test.Fn];
  const Event &T = event(Test), &A = event(Act);
  for (uint16_t RI : F.regions(T))
    if (regionLock(Test.Fn, F.Regions[RI]))
      return false;
  for (uint16_t RI : F.regions(A))
    if (F.Regions[RI].Begin > T.End && regionLock(Act.Fn, F.Regions[RI]))
      return true;
  return false;
}

bool ProjectFacts::isSharedAccess(Site S) const {
  if (!isSelfBased(S))
    return true;
  for (const FnRole &R : RolesOf[S.Fn])
    if (R.SharedSelf)
      return true;
  return false;
}

int ProjectFacts::threadRunning(Site S) const {
  bool Self = isSelfBased(S);
  for (const FnRole &R : RolesOf[S.Fn])
    if (R.Role > 0 && (!Self || R.SharedSelf))
      return static_cast<int>(R.Role);
  return 0;
}

RelatedLocation ProjectFacts::annotationOf(uint32_t Loc) const {
  auto It = GuardAnnotations.find(Loc);
  return It == GuardAnnotations.end() ? RelatedLocation() : It->second;
}

bool ProjectFacts::isAttributeOf(uint32_t Loc,
                                 llvm::StringRef ClassQual) const {
  llvm::StringRef N = LocNames[Loc];
  return N.startswith("a:") && N.drop_front(2).rsplit(':').first == ClassQual;
}

int ProjectFacts::roleRunning(uint32_t Fn) const {
  for (const FnRole &R : RolesOf[Fn])
    if (R.Role > 0)
      return static_cast<int>(R.Role);
  return 0;
}

uint32_t ProjectFacts::intern(const std::string &Loc) {
  auto It = LocIds.try_emplace(Loc, LocNames.size());
  if (It.second)
    LocNames.push_back(It.first->getKey());
  return It.first->second;
}

const ProjectFacts::Entity &ProjectFacts::resolveRef(const Ref &R) const {
  if (R.Base != Ref::BaseKind::Global && R.Base != Ref::BaseKind::Qualified)
    return resolveDotted("");
  if (R.Attrs.size() <= 1) {
    // The name and the attribute are pooled: their addresses and lengths
    // identify the dotted name (no attribute is not an empty one, as in
    // `getattr(x, "")`).
    llvm::StringRef A = R.Attrs.empty() ? llvm::StringRef() : R.Attrs[0];
    PooledPair Key = pooledPair(R.Name, A);
    if (R.Attrs.empty())
      Key.second.second = UINT32_MAX;
    auto Ins = RefEntities.try_emplace(Key, nullptr);
    if (Ins.second) {
      llvm::SmallString<128> D(R.Name);
      if (!R.Attrs.empty()) {
        D += '.';
        D += A;
      }
      Ins.first->second = &resolveDotted(D);
    }
    return *Ins.first->second;
  }
  llvm::SmallString<128> D(R.Name);
  for (llvm::StringRef A : R.Attrs) {
    D += '.';
    D += A;
  }
  return resolveDotted(D);
}

llvm::StringRef ProjectFacts::localQualName(llvm::StringRef Name) const {
  auto Ins = LocalQualNames.try_emplace(Name.data());
  if (Ins.second) {
    size_t P = Name.find("::");
    Ins.first->second =
        P == llvm::StringRef::npos
            ? Name
            : Saver.save(Name.substr(0, P) + "." + Name.substr(P + 2));
  }
  return Ins.first->second;
}

void ProjectFacts::buildSymbols() {
  for (uint32_t FI = 0; FI < Files.size(); ++FI) {
    const ModuleSummary *M = Files[FI].Summary.get();
    if (!M)
      continue;
    ModuleByName.try_emplace(M->Name, FI);
    for (const auto &I : M->Imports)
      Aliases.try_emplace(M->Name + "." + I.getKey().str(), I.getValue());
    for (uint32_t I = 1; I < M->Functions.size(); ++I) {
      const FunctionSummary &F = M->Functions[I];
      if (F.QualName.empty())
        continue;
      FunctionByName.try_emplace(F.QualName, FnBase[FI] + I);
      if (!F.ClassQual.empty())
        MethodsByName[F.Name].push_back(FnBase[FI] + I);
    }
    for (const ClassSummary &C : M->Classes)
      ClassByName.try_emplace(C.QualName, ClassInfo{&C, FI, {}});
  }
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    const FunctionSummary &F = *Fns[Fn];
    if (F.ClassQual.empty())
      continue;
    for (const Event &E : F.Events)
      if (E.K == Event::Kind::Access && E.Target.Base == Ref::BaseKind::Self &&
          E.Target.Attrs.size() == 1 && !E.Element &&
          (E.Access == AccessKind::Write ||
           E.Access == AccessKind::ReadModifyWrite))
        AssignedAttrs[E.Target.Name].insert(E.Target.Attrs[0]);
  }
  ClassIndex.reserve(ClassByName.size());
  for (const auto &KV : ClassByName)
    ClassIndex.try_emplace(KV.getKey(), &KV);
  for (auto &KV : ClassByName)
    for (const Ref &B : KV.getValue().C->Bases) {
      const Entity &E = resolveRef(B);
      if (E.K == Entity::Class || E.K == Entity::External)
        KV.getValue().Bases.push_back(E.Name);
      if (E.K == Entity::Class)
        Subclasses[E.Name].push_back(KV.getKey().str());
    }
}

const ProjectFacts::Entity &
ProjectFacts::resolveDotted(llvm::StringRef D) const {
  auto It = DottedCache.find(D);
  if (It != DottedCache.end())
    return It->second;
  return DottedCache.try_emplace(D, resolveDottedUncached(D.str()))
      .first->second;
}

ProjectFacts::Entity ProjectFacts::resolveDottedUncached(std::string D) const {
  Entity E;
  if (D.empty())
    return E;
  for (int Step = 0; Step < 8; ++Step) {
    if (FunctionByName.count(D)) {
      E.K = Entity::Function;
      E.Name = D;
      return E;
    }
    if (isClass(D)) {
      E.K = Entity::Class;
      E.Name = D;
      return E;
    }
    auto A = Aliases.find(D);
    if (A != Aliases.end()) {
      D = A->getValue();
      continue;
    }
    // `mod.x` where mod is a project module and x one of its globals.
    size_t Dot = D.rfind('.');
    if (Dot != std::string::npos) {
      auto M = ModuleByName.find(llvm::StringRef(D).take_front(Dot));
      if (M != ModuleByName.end() &&
          Files[M->getValue()].Summary->Globals.count(
              llvm::StringRef(D).drop_front(Dot + 1))) {
        E.K = Entity::Global;
        E.Name = D;
        return E;
      }
    }
    if (ModuleByName.count(D)) {
      E.K = Entity::Module;
      E.Name = D;
      return E;
    }
    // Resolve the longest known prefix and keep the rest as attributes.
    bool Rewrote = false;
    for (size_t P = D.rfind('.'); P != std::string::npos && P > 0;
         P = D.rfind('.', P - 1)) {
      llvm::StringRef Prefix = llvm::StringRef(D).take_front(P);
      llvm::StringRef Rest = llvm::StringRef(D).drop_front(P + 1);
      auto PA = Aliases.find(Prefix);
      if (PA != Aliases.end()) {
        D = PA->getValue() + "." + Rest.str();
        Rewrote = true;
        break;
      }
      Entity Head;
      if (isClass(Prefix))
        Head.K = Entity::Class;
      else if (FunctionByName.count(Prefix))
        Head.K = Entity::Function;
      else {
        size_t Dot2 = Prefix.rfind('.');
        if (Dot2 != llvm::StringRef::npos) {
          auto M = ModuleByName.find(Prefix.take_front(Dot2));
          if (M != ModuleByName.end() &&
              Files[M->getValue()].Summary->Globals.count(
                  Prefix.drop_front(Dot2 + 1)))
            Head.K = Entity::Global;
        }
      }
      if (Head.K != Entity::None) {
        Head.Name = Prefix.str();
        llvm::SmallVector<llvm::StringRef, 4> Parts;
        Rest.split(Parts, '.');
        for (llvm::StringRef Part : Parts)
          Head.Rest.push_back(Saver.save(Part));
        return Head;
      }
      if (ModuleByName.count(Prefix))
        return Entity(); // an unknown member of a project module
    }
    if (!Rewrote)
      break;
  }
  if (llvm::StringRef(D).startswith("builtins.")) {
    E.K = Entity::External;
    E.Name = D.substr(9);
    return E;
  }
  E.K = Entity::External;
  E.Name = D;
  return E;
}

uint32_t ProjectFacts::canon(uint32_t Loc) const {
  for (int I = 0; I < 8 && Loc < AliasOf.size() && AliasOf[Loc]; ++I)
    Loc = AliasOf[Loc];
  return Loc;
}

llvm::StringRef ProjectFacts::typeOf(uint32_t Loc) const {
  auto It = LocType.find(canon(Loc));
  return It == LocType.end() ? llvm::StringRef() : It->second;
}

llvm::StringRef ProjectFacts::classOfLocation(uint32_t Loc) const {
  llvm::StringRef T = typeOf(Loc);
  return isClass(T) ? T : llvm::StringRef();
}

int ProjectFacts::lookupMethod(llvm::StringRef Class,
                               llvm::StringRef Method) const {
  llvm::SmallVector<llvm::StringRef, 8> Work{Class};
  for (size_t I = 0; I < Work.size() && I < 32; ++I) {
    const auto *It = findClass(Work[I]);
    if (!It)
      continue;
    const ClassInfo &CI = It->getValue();
    auto M = CI.C->Methods.find(Method);
    if (M != CI.C->Methods.end())
      return static_cast<int>(FnBase[CI.File] + M->getValue());
    for (const std::string &B : CI.Bases)
      Work.push_back(B);
  }
  return -1;
}

llvm::StringRef ProjectFacts::attributeOwner(llvm::StringRef Class,
                                             llvm::StringRef Attr) const {
  llvm::StringRef Owner = Class;
  llvm::SmallVector<llvm::StringRef, 8> Work{Class};
  for (size_t I = 0; I < Work.size() && I < 32; ++I) {
    const auto *It = findClass(Work[I]);
    if (!It)
      continue;
    auto A = AssignedAttrs.find(Work[I]);
    if (A != AssignedAttrs.end() && A->getValue().contains(Attr))
      Owner = It->getKey();
    for (const std::string &B : It->getValue().Bases)
      Work.push_back(B);
  }
  return Owner;
}

bool ProjectFacts::isSubclassOf(llvm::StringRef Class, llvm::StringRef Base,
                                bool ThreadingServer) const {
  llvm::SmallVector<llvm::StringRef, 8> Work{Class};
  for (size_t I = 0; I < Work.size() && I < 32; ++I) {
    if (!Base.empty() && Work[I] == Base)
      return true;
    if (Base.empty() && (ThreadingServer ? Models.isThreadingServer(Work[I])
                                         : Models.isThreadBaseClass(Work[I])))
      return true;
    const auto *It = findClass(Work[I]);
    if (!It)
      continue;
    for (const std::string &B : It->getValue().Bases)
      Work.push_back(B);
  }
  return false;
}

/// Attribute locations are named after the most basic project class whose
/// methods assign the attribute, so a base class and its subclasses agree.
ProjectFacts::BaseLocation ProjectFacts::baseLocation(const Ref &R) const {
  auto *Self = const_cast<ProjectFacts *>(this);
  BaseLocation B;
  switch (R.Base) {
  case Ref::BaseKind::None:
  case Ref::BaseKind::Super:
    return B;
  case Ref::BaseKind::Global:
  case Ref::BaseKind::Qualified: {
    const Entity &E = resolveRef(R);
    if (E.K == Entity::Global) {
      uint32_t &Loc = Self->GlobalLocs[&E];
      if (!Loc)
        Loc = Self->intern("g:" + E.Name);
      B.Loc = Loc;
      B.Rest = E.Rest;
    } else if (E.K == Entity::Class && !E.Rest.empty()) {
      B.Loc = Self->intern("c:" + E.Name + ":" + E.Rest[0].str());
      B.Rest = llvm::makeArrayRef(E.Rest).drop_front();
    }
    return B;
  }
  case Ref::BaseKind::Local: {
    // Names are interned: one pointer, one local.
    uint32_t &Loc = Self->LocalLocs[R.Name.data()];
    if (!Loc)
      Loc = Self->intern("l:" + R.Name.str());
    B.Loc = Loc;
    B.Rest = R.Attrs;
    return B;
  }
  case Ref::BaseKind::Self:
    if (R.Attrs.empty())
      return B;
    B.Loc = attributeLocation(R.Name, R.Attrs[0]);
    B.Rest = R.Attrs.list().drop_front();
    return B;
  case Ref::BaseKind::ClassObj:
    if (R.Attrs.empty())
      return B;
    B.Loc = Self->intern("c:" + R.Name.str() + ":" + R.Attrs[0].str());
    B.Rest = R.Attrs.list().drop_front();
    return B;
  }
  return B;
}

uint32_t ProjectFacts::locationOf(uint32_t Fn, const Ref &R,
                                  size_t DropLast) const {
  (void)Fn;
  if (DropLast) {
    // A shorter dotted name may resolve to something else altogether, so
    // the prefix is resolved on its own.
    Ref Prefix = R;
    Prefix.Attrs = Prefix.Attrs.drop_back(std::min(DropLast, R.Attrs.size()));
    return locationOf(Fn, Prefix);
  }
  BaseLocation B = baseLocation(R);
  return B.Loc ? followAttrs(canon(B.Loc), B.Rest) : 0;
}

ProjectFacts::BaseLocation ProjectFacts::baseFromSlot(uint32_t &Slot,
                                                      const Ref &R) const {
  if (Slot == NotYet) {
    BaseLocation B = baseLocation(R);
    // Attributes left over after a global are kept only with the resolved
    // name, so such a base is not kept (they are rare).
    bool Global =
        R.Base == Ref::BaseKind::Global || R.Base == Ref::BaseKind::Qualified;
    Slot = Global && !B.Rest.empty() ? NotKept : B.Loc;
    return B;
  }
  if (Slot == NotKept)
    return baseLocation(R);
  BaseLocation B;
  B.Loc = Slot;
  if (B.Loc && R.Base == Ref::BaseKind::Local)
    B.Rest = R.Attrs;
  else if (B.Loc &&
           (R.Base == Ref::BaseKind::Self || R.Base == Ref::BaseKind::ClassObj))
    B.Rest = R.Attrs.list().drop_front();
  return B;
}

uint32_t ProjectFacts::locationVia(uint32_t &Slot, const Ref &R,
                                   size_t DropLast) const {
  BaseLocation B = baseFromSlot(Slot, R);
  if (DropLast > B.Rest.size() ||
      (DropLast &&
       (R.Base == Ref::BaseKind::Global || R.Base == Ref::BaseKind::Qualified)))
    return locationOf(0, R, DropLast);
  return B.Loc ? followAttrs(canon(B.Loc), B.Rest.drop_back(DropLast)) : 0;
}

uint32_t &ProjectFacts::targetSlot(Site S) const {
  assert(eventIndex(S) < TargetSlots.size() &&
         "target slots are gone once indexAccesses has run");
  return TargetSlots[eventIndex(S)];
}

uint32_t ProjectFacts::targetLocation(Site S, size_t DropLast) const {
  return locationVia(targetSlot(S), event(S).Target, DropLast);
}

uint32_t ProjectFacts::targetBase(Site S) const {
  return baseFromSlot(targetSlot(S), event(S).Target).Loc;
}

uint32_t &ProjectFacts::valueSlot(const Ref &R) const {
  return ValueSlots.try_emplace(&R, NotYet).first->second;
}

uint32_t ProjectFacts::storedLocation(const Ref &R, size_t DropLast) const {
  return locationVia(valueSlot(R), R, DropLast);
}

uint32_t ProjectFacts::attributeLocation(llvm::StringRef Class,
                                         llvm::StringRef Attr) const {
  auto Ins = AttrLocs.try_emplace(pooledPair(Class, Attr), 0);
  if (Ins.second)
    Ins.first->second = const_cast<ProjectFacts *>(this)->intern(
        "a:" + attributeOwner(Class, Attr).str() + ":" + Attr.str());
  return Ins.first->second;
}

uint32_t
ProjectFacts::followAttrs(uint32_t L,
                          llvm::ArrayRef<llvm::StringRef> Attrs) const {
  llvm::StringRef ElemClass;
  for (llvm::StringRef A : Attrs) {
    if (A == "[]") {
      auto It = L ? LocElemType.find(canon(L)) : LocElemType.end();
      if (It == LocElemType.end() || !isClass(It->second))
        return 0;
      ElemClass = It->second;
      L = 0; // an element has no location of its own
      continue;
    }
    llvm::StringRef T = L ? classOfLocation(L) : ElemClass;
    if (T.empty())
      return 0;
    L = canon(attributeLocation(T, A));
    ElemClass = {};
  }
  return L;
}

llvm::StringRef ProjectFacts::typeOfValue(uint32_t Fn, const Value &V,
                                          bool Stored) const {
  if (V.K == Value::Kind::Call) {
    if (V.R.Base == Ref::BaseKind::Local && V.R.Attrs.empty()) {
      const auto *It = findClass(localQualName(V.R.Name));
      return It ? It->getKey() : llvm::StringRef();
    }
    const Entity &E = resolveRef(V.R);
    if (E.K == Entity::Class && E.Rest.empty())
      return E.Name;
    if (E.K == Entity::Function && E.Rest.empty() &&
        Fns[FunctionByName.lookup(E.Name)]->IsGenerator)
      return "<generator>";
    if (E.K == Entity::External)
      return E.Name;
    return {};
  }
  if (V.K == Value::Kind::Reference) {
    return typeOfReference(Fn, V.R, 0, Stored ? &valueSlot(V.R) : nullptr);
  }
  if (V.K == Value::Kind::Generator)
    return "<generator>";
  return {};
}

llvm::StringRef ProjectFacts::typeOfReference(uint32_t Fn, const Ref &R,
                                              size_t DropLast,
                                              uint32_t *Slot) const {
  auto Location = [&](size_t Drop) {
    return Slot ? locationVia(*Slot, R, Drop) : locationOf(Fn, R, Drop);
  };
  size_t N = R.Attrs.size() - std::min(DropLast, R.Attrs.size());
  if (N && R.Attrs[N - 1] == "[]") {
    auto It = LocElemType.find(canon(Location(DropLast + 1)));
    return It == LocElemType.end() ? llvm::StringRef() : It->second;
  }
  return typeOf(Location(DropLast));
}

int ProjectFacts::functionOfValue(uint32_t Fn, const Value &V, bool &SelfBound,
                                  bool &FreshInstance) const {
  SelfBound = FreshInstance = false;
  if (V.K == Value::Kind::Lambda && V.Function >= 0)
    return static_cast<int>(FnBase[FnFile[Fn]] + V.Function);
  Ref R;
  if (V.K == Value::Kind::Reference) {
    R = V.R;
  } else if (V.K == Value::Kind::Call) {
    const Entity &E = resolveRef(V.R);
    if (E.K != Entity::External || E.Name != "functools.partial")
      return -1;
    if (V.Function >= 0)
      return static_cast<int>(FnBase[FnFile[Fn]] + V.Function);
    if (V.Elems.empty() || !V.Elems[0].valid())
      return -1;
    R = V.Elems[0];
  } else {
    return -1;
  }
  if (R.Attrs.empty()) {
    if (R.Base == Ref::BaseKind::Local) {
      auto It = FunctionByName.find(localQualName(R.Name));
      return It == FunctionByName.end() ? -1 : static_cast<int>(It->second);
    }
    const Entity &E = resolveRef(R);
    if (E.K == Entity::Function && E.Rest.empty())
      return static_cast<int>(FunctionByName.lookup(E.Name));
    return -1;
  }
  if (R.Base == Ref::BaseKind::Global || R.Base == Ref::BaseKind::Qualified) {
    const Entity &E = resolveRef(R);
    if (E.K == Entity::Function && E.Rest.empty())
      return static_cast<int>(FunctionByName.lookup(E.Name));
    if (E.K == Entity::Class && E.Rest.size() == 1)
      return lookupMethod(E.Name, E.Rest[0]);
  }
  Ref Recv = R;
  llvm::StringRef Method = Recv.Attrs.back();
  Recv.Attrs = Recv.Attrs.drop_back();
  if ((Recv.Base == Ref::BaseKind::Self ||
       Recv.Base == Ref::BaseKind::ClassObj) &&
      Recv.Attrs.empty()) {
    SelfBound = true;
    return lookupMethod(Recv.Name, Method);
  }
  Value RV;
  RV.K = Value::Kind::Reference;
  RV.R = Recv;
  llvm::StringRef T = typeOfValue(Fn, RV);
  if (!isClass(T))
    return methodByUniqueName(Fn, Method); // an untyped receiver
  SelfBound = true;
  // A local made by a constructor in this very function: each start gets
  // its own instance when the start sits in the same loop.
  if (Recv.Base == Ref::BaseKind::Local && Recv.Attrs.empty())
    for (const Event &E : Fns[Fn]->Events)
      if (E.K == Event::Kind::Assign && E.Target == Recv &&
          Fns[Fn]->assigned(E).K == Value::Kind::Call && E.InLoop)
        FreshInstance = true;
  return lookupMethod(T, Method);
}

int ProjectFacts::methodByUniqueName(uint32_t Fn,
                                     llvm::StringRef Method) const {
  auto It = MethodsByName.find(Method);
  if (It == MethodsByName.end())
    return -1;
  llvm::ArrayRef<uint32_t> All = It->getValue();
  if (All.size() == 1)
    return static_cast<int>(All.front());
  // Code in a package calls its own package's methods: unique there is
  // enough (and a copy of the package elsewhere changes nothing).
  llvm::StringRef Caller = Files[FnFile[Fn]].ModuleName;
  if (!Caller.contains('.'))
    return -1;
  llvm::StringRef Top = Caller.split('.').first;
  int Found = -1;
  for (uint32_t M : All)
    if (llvm::StringRef(Files[FnFile[M]].ModuleName).split('.').first == Top) {
      if (Found >= 0)
        return -1;
      Found = static_cast<int>(M);
    }
  return Found;
}

uint32_t ProjectFacts::paramLocation(uint32_t Fn, size_t Param) {
  std::vector<uint32_t> &Locs = ParamLocs[Fn];
  if (Locs.empty())
    Locs.assign(Fns[Fn]->Params.size(), 0);
  if (!Locs[Param])
    Locs[Param] =
        intern("l:" + Fns[Fn]->QualName + "::" + Fns[Fn]->Params[Param]);
  return Locs[Param];
}

llvm::ArrayRef<int> ProjectFacts::selfDispatch(llvm::StringRef Class,
                                               llvm::StringRef Method) const {
  auto Ins = SelfDispatch.try_emplace(pooledPair(Class, Method));
  std::vector<int> &Out = Ins.first->second;
  if (!Ins.second)
    return Out;
  Out.push_back(lookupMethod(Class, Method));
  // `self.m()` may run a subclass's override; a method overridden by many
  // subclasses is a framework hook, where dispatching to every override
  // mostly adds code that never runs on this object.
  std::vector<int> Overrides;
  llvm::SmallVector<llvm::StringRef, 8> Work{Class};
  for (size_t I = 0; I < Work.size() && I < 64; ++I) {
    auto Sub = Subclasses.find(Work[I]);
    if (Sub == Subclasses.end())
      continue;
    for (const std::string &D : Sub->getValue()) {
      const auto *It = findClass(D);
      auto M = It->getValue().C->Methods.find(Method);
      if (M != It->getValue().C->Methods.end())
        Overrides.push_back(
            static_cast<int>(FnBase[It->getValue().File] + M->getValue()));
      Work.push_back(D);
    }
  }
  if (Overrides.size() <= 3)
    Out.insert(Out.end(), Overrides.begin(), Overrides.end());
  return Out;
}

void ProjectFacts::resolveCall(uint32_t Fn, uint32_t EventIdx,
                               std::vector<Edge> &Out,
                               bool &DependsOnTypes) const {
  DependsOnTypes = false;
  Out.clear();
  const Event &E = Fns[Fn]->Events[EventIdx];
  const Ref &C = E.Target;
  llvm::ArrayRef<Value> Args = Fns[Fn]->args(E);
  auto Add = [&](int Callee, bool SelfCall, bool Fresh) {
    if (Callee >= 0)
      Out.push_back({static_cast<uint32_t>(Callee), EventIdx, SelfCall, Fresh});
  };
  if (C.Base == Ref::BaseKind::Super) {
    const auto *It = findClass(Fns[Fn]->ClassQual);
    if (It && !C.Attrs.empty())
      for (const std::string &B : It->getValue().Bases)
        Add(lookupMethod(B, C.Attrs.back()), true, false);
    return;
  }
  if (C.Attrs.empty()) {
    if (C.Base == Ref::BaseKind::Local) {
      llvm::StringRef Q = localQualName(C.Name);
      auto It = FunctionByName.find(Q);
      if (It != FunctionByName.end())
        Add(It->second, false, false);
      else if (isClass(Q))
        Add(lookupMethod(Q, "__init__"), false, true);
      return;
    }
    const Entity &En = resolveRef(C);
    if (En.K == Entity::Function && En.Rest.empty())
      Add(FunctionByName.lookup(En.Name), false, false);
    else if (En.K == Entity::Class && En.Rest.empty())
      Add(lookupMethod(En.Name, "__init__"), false, true);
    return;
  }
  // `Base.method(self, ...)` runs on the caller's own `self`.
  bool OnSelf = !Args.empty() && Args[0].K == Value::Kind::Reference &&
                Args[0].R.Base == Ref::BaseKind::Self &&
                Args[0].R.Attrs.empty();
  if (C.Base == Ref::BaseKind::Global || C.Base == Ref::BaseKind::Qualified) {
    const Entity &En = resolveRef(C);
    if (En.K == Entity::Function && En.Rest.empty()) {
      uint32_t Callee = FunctionByName.lookup(En.Name);
      Add(Callee, OnSelf && !Fns[Callee]->ClassQual.empty(), false);
      return;
    }
    if (En.K == Entity::Class && En.Rest.empty()) {
      Add(lookupMethod(En.Name, "__init__"), false, true);
      return;
    }
    if (En.K == Entity::Class && En.Rest.size() == 1) {
      Add(lookupMethod(En.Name, En.Rest[0]), OnSelf, false);
      return;
    }
    if (En.K == Entity::External)
      return; // library code
  }
  // The receiver is C without its last attribute, the method.
  llvm::StringRef Method = C.Attrs.back();
  if ((C.Base == Ref::BaseKind::Self || C.Base == Ref::BaseKind::ClassObj) &&
      C.Attrs.size() == 1) {
    for (int Callee : selfDispatch(C.Name, Method))
      Add(Callee, true, false);
    return;
  }
  DependsOnTypes = true;
  uint32_t L = targetLocation({Fn, EventIdx}, 1);
  llvm::StringRef T = typeOfReference(Fn, C, 1, &targetSlot({Fn, EventIdx}));
  if (isClass(T)) {
    Add(lookupMethod(T, Method), false, OwnedLocals.count(canon(L)) > 0);
    return;
  }
  if (!T.empty() || tooCommonToGuess(Method))
    return;
  Add(methodByUniqueName(Fn, Method), false, false);
  return;
}

void ProjectFacts::resolveTypesAndCalls() {
  for (int Round = 0; Round < Rounds; ++Round) {
    // Types and value aliases from assignments, then parameter bindings
    // from resolved calls and thread starts.
    struct Candidate {
      uint32_t Src = 0;
      bool Conflict = false;
    };
    llvm::DenseMap<uint32_t, Candidate> Cands;
    llvm::DenseMap<uint32_t, llvm::StringRef> Types, ElemTypes;
    auto Offer = [&](uint32_t Target, uint32_t Src) {
      if (!Target)
        return;
      auto Ins = Cands.try_emplace(Target, Candidate{Src, Src == 0});
      if (!Ins.second && Ins.first->second.Src != Src)
        Ins.first->second.Conflict = true;
    };
    if (Round == 0) {
      // The events the loop below looks at: the same in every round.
      for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
        const FunctionSummary &F = *Fns[Fn];
        const auto &Ev = F.Events;
        for (uint32_t EI = 0; EI < Ev.size(); ++EI) {
          const Event &E = Ev[EI];
          if (E.K == Event::Kind::Assign ||
              (E.K == Event::Kind::Access &&
               ((!E.Element && (E.Access == AccessKind::ReadModifyWrite ||
                                E.Access == AccessKind::Delete ||
                                E.Access == AccessKind::Write)) ||
                E.Access == AccessKind::MutCall)))
            TypingSites.push_back({Fn, EI});
        }
      }
    }
    for (Site S : TypingSites) {
      uint32_t Fn = S.Fn, EI = S.Event;
      const FunctionSummary &F = *Fns[Fn];
      const auto &Ev = F.Events;
      const Event &E = Ev[EI];
      // A place that is updated or unpacked into holds a value, not an
      // alias of another place's object.
      if (E.K == Event::Kind::Access && !E.Element &&
          (E.Access == AccessKind::ReadModifyWrite ||
           E.Access == AccessKind::Delete ||
           (E.Access == AccessKind::Write &&
            (EI + 1 >= Ev.size() || Ev[EI + 1].K != Event::Kind::Assign ||
             Ev[EI + 1].Target != E.Target)))) {
        Offer(targetLocation({Fn, EI}), 0);
        continue;
      }
      // `agents.append(Agent(...))` tells what `agents` holds.
      llvm::ArrayRef<Value> Args = F.args(E);
      if (E.K == Event::Kind::Access && E.Access == AccessKind::MutCall &&
          !Args.empty() && Args.back().K == Value::Kind::Call) {
        llvm::StringRef Ty = typeOfValue(Fn, Args.back(), true);
        uint32_t T = targetLocation({Fn, EI});
        if (T && isClass(Ty))
          ElemTypes.try_emplace(T, Ty);
      }
      if (E.K != Event::Kind::Assign)
        continue;
      uint32_t T = targetLocation({Fn, EI});
      if (!T)
        continue;
      const Value &V = F.assigned(E);
      if (V.K == Value::Kind::Sequence && V.R.valid()) {
        Value C;
        C.K = Value::Kind::Call;
        C.R = V.R;
        llvm::StringRef Ty = typeOfValue(Fn, C);
        if (!Ty.empty())
          ElemTypes.try_emplace(T, Ty);
      }
      if (V.K == Value::Kind::Reference) {
        llvm::StringRef Ty = typeOfValue(Fn, V, true);
        if (!Ty.empty())
          Types.try_emplace(T, Ty);
      }
      if (V.K == Value::Kind::Reference) {
        Offer(T, storedLocation(V.R));
        continue;
      }
      Offer(T, 0);
      llvm::StringRef Ty = typeOfValue(Fn, V, true);
      if (!Ty.empty())
        Types.try_emplace(T, Ty);
      // threading.Condition(lock) shares the lock it wraps.
      if (V.K == Value::Kind::Call && Models.isLockConstructor(Ty) &&
          !V.Elems.empty() && V.Elems[0].valid()) {
        uint32_t Inner = storedLocation(V.Elems[0]);
        if (Inner)
          Cands[T] = Candidate{Inner, false};
      }
    }
    // Calls, with parameters bound to their arguments. Calls that do not
    // depend on types keep the callees the first round found.
    FlatLists<Edge> Previous;
    Previous.swap(Calls);
    Calls.clear();
    Calls.reserve(Fns.size(), Previous.items());
    if (Round == 0) {
      TypedCalls.resize(TargetSlots.size());
      ParamLocs.assign(Fns.size(), {});
      for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
        const auto &Ev = Fns[Fn]->Events;
        for (uint32_t EI = 0; EI < Ev.size(); ++EI)
          if (Ev[EI].K == Event::Kind::Call)
            CallEvents.push_back(EI);
        CallEvents.endList();
      }
    }
    std::vector<Edge> Found;
    for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
      const auto &Ev = Fns[Fn]->Events;
      const Edge *Prev = Previous.empty() ? nullptr : Previous[Fn].data();
      const Edge *PrevEnd = Prev ? Prev + Previous[Fn].size() : nullptr;
      for (uint32_t EI : CallEvents[Fn]) {
        while (Prev != PrevEnd && Prev->Event < EI)
          ++Prev;
        Found.clear();
        if (Round == 0 || TypedCalls.test(eventIndex({Fn, EI}))) {
          bool Typed = false;
          resolveCall(Fn, EI, Found, Typed);
          if (Round == 0 && Typed)
            TypedCalls.set(eventIndex({Fn, EI}));
        } else {
          for (; Prev != PrevEnd && Prev->Event == EI; ++Prev)
            Found.push_back(*Prev);
        }
        for (const Edge &Ed : Found) {
          Calls.push_back(Ed);
          const FunctionSummary &Callee = *Fns[Ed.Callee];
          const Event &E = Ev[EI];
          bool Bound =
              !Callee.ClassQual.empty() && !Callee.IsStatic &&
              (Ed.FreshReceiver || Ed.SelfCall || E.Target.Attrs.size() > 0);
          llvm::ArrayRef<Value> Args = Fns[Fn]->args(E);
          for (size_t A = 0; A < Args.size(); ++A) {
            size_t P = A + (Bound ? 1 : 0);
            if (P >= Callee.Params.size())
              break;
            uint32_t PL = paramLocation(Ed.Callee, P);
            Offer(PL, Args[A].K == Value::Kind::Reference
                          ? storedLocation(Args[A].R)
                          : 0);
            llvm::StringRef Ty = typeOfValue(Fn, Args[A], true);
            if (!Ty.empty())
              Types.try_emplace(PL, Ty);
          }
          for (const auto &KV : Fns[Fn]->kwargs(E)) {
            auto P =
                std::find(Callee.Params.begin(), Callee.Params.end(), KV.first);
            if (P != Callee.Params.end())
              Offer(paramLocation(Ed.Callee, P - Callee.Params.begin()),
                    KV.second.K == Value::Kind::Reference
                        ? storedLocation(KV.second.R)
                        : 0);
          }
        }
      }
      Calls.endList();
    }
    findEntries();
    // Thread starts bind the target's parameters to `args=`.
    for (const ThreadEntry &TE : Entries) {
      if (!TE.HasStart)
        continue;
      const Event &E = event(TE.Start);
      llvm::ArrayRef<Value> Args = Fns[TE.Start.Fn]->args(E);
      llvm::ArrayRef<KeywordArg> Kwargs = Fns[TE.Start.Fn]->kwargs(E);
      const FunctionSummary &Target = *Fns[TE.Target];
      std::vector<Ref> Bound;
      auto Collect = [&](const Value &V) {
        if (V.K == Value::Kind::Sequence)
          for (const Ref &R : V.Elems)
            Bound.push_back(R);
        else if (V.K == Value::Kind::Reference)
          Bound.push_back(V.R);
        else
          Bound.push_back(Ref());
      };
      // functools.partial(f, a, ...) binds a, ... first.
      auto Partial = [&](const Value &A) {
        if (A.K == Value::Kind::Call && A.Elems.size() > 1 &&
            resolveRef(A.R).Name == "functools.partial")
          for (size_t I = 1; I < A.Elems.size(); ++I)
            Bound.push_back(A.Elems[I]);
      };
      for (const Value &A : Args)
        Partial(A);
      for (const auto &KV : Kwargs)
        Partial(KV.second);
      for (const auto &KV : Kwargs)
        if (KV.first == "args")
          Collect(KV.second);
      bool HasArgsKeyword = false;
      for (const auto &KV : Kwargs)
        HasArgsKeyword |= KV.first == "args";
      if (!HasArgsKeyword && Bound.empty()) {
        // Positional arguments after the target (submit, to_thread, ...).
        bool AfterTarget = false;
        for (const Value &A : Args) {
          bool SB, Fr;
          if (!AfterTarget) {
            AfterTarget = functionOfValue(TE.Start.Fn, A, SB, Fr) ==
                          static_cast<int>(TE.Target);
            continue;
          }
          if (A.K == Value::Kind::Sequence)
            Collect(A);
          else if (A.K == Value::Kind::Reference && !TE.Multi)
            Bound.push_back(A.R);
          else if (A.K == Value::Kind::Reference)
            Bound.push_back(A.R);
        }
      }
      size_t Skip = (!Target.ClassQual.empty() && !Target.IsStatic) ? 1 : 0;
      for (size_t I = 0; I < Bound.size(); ++I) {
        if (I + Skip >= Target.Params.size())
          break;
        uint32_t PL = paramLocation(TE.Target, I + Skip);
        Offer(PL, Bound[I].valid() ? locationOf(TE.Start.Fn, Bound[I]) : 0);
        if (Bound[I].valid()) {
          Value V;
          V.K = Value::Kind::Reference;
          V.R = Bound[I];
          llvm::StringRef Ty = typeOfValue(TE.Start.Fn, V);
          if (!Ty.empty())
            Types.try_emplace(PL, Ty);
        }
      }
    }
    llvm::DenseMap<uint32_t, uint32_t> LocAlias;
    for (auto &KV : Cands)
      if (!KV.second.Conflict && KV.second.Src && KV.second.Src != KV.first)
        LocAlias[KV.first] = KV.second.Src;
    // Break alias cycles.
    for (auto &KV : LocAlias) {
      uint32_t L = KV.second;
      for (int I = 0; I < 8; ++I) {
        auto It = LocAlias.find(L);
        if (It == LocAlias.end())
          break;
        if (It->second == KV.first) {
          KV.second = KV.first;
          break;
        }
        L = It->second;
      }
    }
    for (auto It = LocAlias.begin(); It != LocAlias.end();) {
      auto Cur = It++;
      if (Cur->second == Cur->first)
        LocAlias.erase(Cur);
    }
    AliasOf.assign(LocNames.size(), 0);
    for (const auto &KV : LocAlias)
      AliasOf[KV.first] = KV.second;
    LocType.clear();
    for (auto &KV : Types)
      LocType.try_emplace(canon(KV.first), KV.second);
    LocElemType.clear();
    for (auto &KV : ElemTypes)
      LocElemType.try_emplace(canon(KV.first), KV.second);
    computeOwnership();
  }
  // Callers by callee, each list in the order of the callers' edges.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> By(Fns.size());
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn)
    for (const Edge &E : Calls[Fn])
      By[E.Callee].push_back({Fn, E.Event});
  Callers.clear();
  Callers.reserve(Fns.size(), Calls.items());
  for (const auto &List : By) {
    for (const auto &C : List)
      Callers.push_back(C);
    Callers.endList();
  }
}

void ProjectFacts::computeOwnership() {
  OwnedLocals.clear();
  if (!EscapesKnown) {
    EscapesKnown = true;
    for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
      const FunctionSummary &F = *Fns[Fn];
      for (uint32_t EI = 0; EI < F.Events.size(); ++EI) {
        const Event &E = F.Events[EI];
        if (E.K == Event::Kind::Assign) {
          // What the assigned value makes of a local target: its type does
          // not change between rounds, the target's location may.
          const Value &V = F.assigned(E);
          llvm::StringRef Ty = V.K == Value::Kind::Call
                                   ? typeOfValue(Fn, V, true)
                                   : llvm::StringRef();
          // A `Thread` subclass instance is shared with the thread it
          // starts; a value that is not a reference holds something else.
          if (isClass(Ty))
            AssignedLocals.push_back({{Fn, EI}, !isSubclassOf(Ty, "", false)});
          else if (V.K != Value::Kind::Reference)
            AssignedLocals.push_back({{Fn, EI}, false});
        }
        // Used by a nested function (a closure, perhaps a thread target).
        if (E.Target.Base == Ref::BaseKind::Local &&
            !isLocalNameOf(E.Target.Name, F.QualName))
          EscapingBases.push_back({Fn, EI});
        // Stored in an attribute or a global: other code can reach it.
        if (E.K == Event::Kind::Assign &&
            F.assigned(E).K == Value::Kind::Reference &&
            E.Target.Base != Ref::BaseKind::Local)
          EscapingRefs.push_back(&F.assigned(E).R);
        // Put into a container.
        if (E.K == Event::Kind::Call && !E.Target.Attrs.empty() &&
            Models.isMutatingMethod(E.Target.Attrs.back()))
          for (const Value &A : F.args(E))
            if (A.K == Value::Kind::Reference)
              EscapingRefs.push_back(&A.R);
      }
    }
  }
  llvm::DenseSet<uint32_t> Escaped;
  for (const auto &[S, Owned] : AssignedLocals) {
    uint32_t T = targetLocation(S);
    if (!T || !llvm::StringRef(LocNames[T]).startswith("l:"))
      continue;
    if (Owned)
      OwnedLocals.insert(T);
    else
      Escaped.insert(T);
  }
  for (Site S : EscapingBases)
    Escaped.insert(canon(targetLocation(S, event(S).Target.Attrs.size())));
  for (const Ref *R : EscapingRefs)
    Escaped.insert(canon(storedLocation(*R)));
  for (const ThreadEntry &TE : Entries) {
    if (!TE.HasStart)
      continue;
    const Event &E = event(TE.Start);
    auto Escape = [&](const Value &V) {
      if (V.K == Value::Kind::Reference) {
        Ref Base = V.R;
        Base.Attrs = {};
        Escaped.insert(canon(locationOf(TE.Start.Fn, Base)));
      }
      for (const Ref &R : V.Elems)
        Escaped.insert(canon(locationOf(TE.Start.Fn, R)));
    };
    for (const Value &A : Fns[TE.Start.Fn]->args(E))
      Escape(A);
    for (const auto &KV : Fns[TE.Start.Fn]->kwargs(E))
      Escape(KV.second);
  }
  for (uint32_t L : Escaped)
    OwnedLocals.erase(L);
}

void ProjectFacts::findEntries() {
  Entries.clear();
  StartsAt.clear();
  auto JoinAfter = [&](uint32_t Fn, uint32_t EventIdx, const Ref &Recv,
                       bool Executor) -> uint32_t {
    const auto &Ev = Fns[Fn]->Events;
    for (uint32_t I = EventIdx + 1; I < Ev.size(); ++I) {
      const Event &E = Ev[I];
      if (Executor && E.K == Event::Kind::ScopeExit && Recv.valid() &&
          E.Target == Recv)
        return E.Begin;
      if (E.K != Event::Kind::Call || E.Target.Attrs.empty())
        continue;
      llvm::StringRef M = E.Target.Attrs.back();
      if (!Models.isJoinMethod(M))
        continue;
      if (E.Target.Base == Ref::BaseKind::Qualified)
        continue; // os.path.join and friends
      llvm::ArrayRef<Value> Args = Fns[Fn]->args(E);
      bool JoinsIterable = Args.size() > 1 || (Args.size() == 1 &&
                                               Args[0].K != Value::Kind::Other);
      if (M == "join" && JoinsIterable)
        continue; // str.join(iterable)
      return E.Begin;
    }
    return UINT32_MAX;
  };
  auto AddEntry = [&](uint32_t Fn, uint32_t EI, int Target, bool Multi,
                      bool PerInstance, bool Owned, uint32_t Join,
                      std::string How) {
    if (Target < 0)
      return;
    ThreadEntry TE;
    TE.Target = static_cast<uint32_t>(Target);
    TE.HasStart = true;
    TE.Start = {Fn, EI};
    TE.StartOffset = Fns[Fn]->Events[EI].Begin;
    // A thread object runs from its `start()`, not its construction.
    if (!Multi || How.find("pool") == std::string::npos) {
      const auto &Ev = Fns[Fn]->Events;
      for (uint32_t I = EI + 1; I < Ev.size() && I < Join; ++I)
        if (Ev[I].K == Event::Kind::Call && !Ev[I].Target.Attrs.empty() &&
            Ev[I].Target.Attrs.back() == "start") {
          TE.StartOffset = Ev[I].Begin;
          break;
        }
    }
    TE.JoinOffset = Join;
    TE.Multi = Multi;
    TE.SelfPerInstance = PerInstance;
    TE.SelfOwned = Owned;
    TE.How = std::move(How);
    StartsAt[siteKey({Fn, EI})] = Entries.size();
    Entries.push_back(std::move(TE));
  };

  // The first round keeps the calls that can start a thread at all (by the
  // callee's name, which later rounds do not change); later rounds look at
  // those only.
  bool First = !SpawnSitesKnown;
  std::vector<Site> AllCalls;
  if (First) {
    SpawnSitesKnown = true;
    for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn)
      for (uint32_t EI = 0; EI < Fns[Fn]->Events.size(); ++EI)
        if (Fns[Fn]->Events[EI].K == Event::Kind::Call)
          AllCalls.push_back({Fn, EI});
  }
  for (Site S : First ? AllCalls : SpawnSites) {
    uint32_t Fn = S.Fn, EI = S.Event;
    const Event &E = event(S);
    auto Keep = [&] {
      if (First)
        SpawnSites.push_back(S);
    };
    const Ref &C = E.Target;
    llvm::ArrayRef<Value> Args = Fns[Fn]->args(E);
    llvm::ArrayRef<KeywordArg> Kwargs = Fns[Fn]->kwargs(E);
    const SpawnerModel *Model = nullptr;
    bool Executor = false;
    Ref Recv;
    std::string How;
    Entity En;
    if (C.Base == Ref::BaseKind::Global || C.Base == Ref::BaseKind::Qualified ||
        (C.Base == Ref::BaseKind::Local && C.Attrs.empty()))
      En = C.Base == Ref::BaseKind::Local ? resolveDotted("") : resolveRef(C);
    if (C.Base == Ref::BaseKind::Local && C.Attrs.empty()) {
      llvm::StringRef Q = localQualName(C.Name);
      if (isClass(Q)) {
        En.K = Entity::Class;
        En.Name = Q.str();
      }
    }
    if (En.K == Entity::External && En.Rest.empty())
      Model = Models.spawnerFunction(En.Name);
    if (Model) {
      Keep();
      How = "`" + En.Name + "`";
    } else if ((En.K == Entity::Class && En.Rest.empty()) ||
               (En.K == Entity::External &&
                Models.isThreadingServer(En.Name))) {
      Keep();
      bool IsClass = En.K == Entity::Class;
      if (IsClass && isSubclassOf(En.Name, "", false)) {
        int Run = lookupMethod(En.Name, "run");
        if (Run >= 0 && !Fns[Run]->ClassQual.empty())
          AddEntry(Fn, EI, Run, E.InLoop, true, false,
                   JoinAfter(Fn, EI, Ref(), false),
                   "`" + lastComponent(En.Name).str() +
                       "` (a `Thread` subclass)");
        continue;
      }
      if (!IsClass || isSubclassOf(En.Name, "", true)) {
        // A threading server: its handler class runs per request.
        const Value *H = Args.size() > 1 ? &Args[1] : nullptr;
        for (const auto &KV : Kwargs)
          if (KV.first == "RequestHandlerClass")
            H = &KV.second;
        if (!H || H->K != Value::Kind::Reference)
          continue;
        const Entity &HE = resolveRef(H->R);
        if (HE.K != Entity::Class)
          continue;
        for (const std::string &M : Models.handlerMethods()) {
          int Target = lookupMethod(HE.Name, M);
          if (Target >= 0)
            AddEntry(Fn, EI, Target, true, true, false, UINT32_MAX,
                     "a threading server (one thread per request)");
        }
      }
      continue;
    } else if (!C.Attrs.empty() && C.Base != Ref::BaseKind::Super) {
      Recv = C;
      llvm::StringRef Method = Recv.Attrs.back();
      Recv.Attrs = Recv.Attrs.drop_back();
      if ((Model = Models.anyReceiverSpawner(Method))) {
        Keep();
        How = "`" + Method.str() + "`";
      } else if ((Model = Models.executorMethod(Method))) {
        Keep();
        llvm::StringRef T = typeOf(locationOf(Fn, Recv));
        std::string Name =
            Recv.Attrs.empty()
                ? llvm::StringRef(Recv.Name).rsplit("::").second.lower()
                : llvm::StringRef(Recv.Attrs.back()).lower();
        if (Name.empty())
          Name = llvm::StringRef(Recv.Name).lower();
        bool Named = llvm::StringRef(Name).contains("pool") ||
                     llvm::StringRef(Name).contains("executor") ||
                     Name == "ex" || Name == "exe";
        if (Models.isExecutorType(T) ||
            (T.empty() && Recv.Base != Ref::BaseKind::Qualified &&
             (Named || (Method != "map" && Method != "apply")))) {
          Executor = true;
          How = "`" + Method.str() + "` on a thread pool";
        } else {
          Model = nullptr;
        }
      }
    }
    if (!Model)
      continue;
    const Value *Target = nullptr;
    for (const auto &KV : Kwargs)
      if (KV.first == Model->TargetKeyword)
        Target = &KV.second;
    if (!Target && Model->TargetIndex >= 0 &&
        static_cast<size_t>(Model->TargetIndex) < Args.size())
      Target = &Args[Model->TargetIndex];
    if (!Target)
      continue;
    bool SelfBound = false, Fresh = false;
    int TargetFn = functionOfValue(Fn, *Target, SelfBound, Fresh);
    bool Multi = Model->Pool || E.InLoop;
    AddEntry(Fn, EI, TargetFn, Multi, Fresh && E.InLoop, false,
             JoinAfter(Fn, EI, Recv, Executor), How);
  }

  // Library classes: a lock or a `thread-safe` annotation declares that the
  // public methods may run on several threads at once.
  // (The same in every round.)
  if (!LibraryEntriesKnown) {
    LibraryEntriesKnown = true;
    for (auto &KV : ClassByName) {
      const ClassSummary &C = *KV.getValue().C;
      uint32_t Base = FnBase[KV.getValue().File];
      bool Configured = Models.isThreadSafeClass(C.QualName);
      bool HasLock = C.ThreadSafe || Configured;
      std::string Reason = C.ThreadSafe ? "annotated `# racelint: thread-safe`"
                           : Configured ? "listed in `thread-safe-classes`"
                                        : "";
      // In source order: a StringMap's order depends on how it was filled
      // (a summary read from the cache fills it in another order).
      std::vector<std::pair<int, llvm::StringRef>> Methods;
      for (const auto &M : C.Methods)
        Methods.push_back({M.getValue(), M.getKey()});
      llvm::sort(Methods);
      for (const auto &M : Methods) {
        if (HasLock)
          break;
        const FunctionSummary &F = *Fns[Base + M.first];
        for (const Event &E : F.Events)
          if (E.K == Event::Kind::Assign &&
              E.Target.Base == Ref::BaseKind::Self &&
              F.assigned(E).K == Value::Kind::Call &&
              Models.isLockConstructor(resolveRef(F.assigned(E).R).Name)) {
            HasLock = true;
            Reason = "holds a lock (`self." + E.Target.Attrs[0].str() + "`)";
            break;
          }
      }
      if (!HasLock)
        continue;
      for (const auto &M : Methods) {
        llvm::StringRef Name = M.second;
        if (Name.startswith("_"))
          continue;
        ThreadEntry TE;
        TE.Target = Base + M.first;
        TE.Multi = true;
        TE.How = "`" + C.Name + "` " + Reason +
                 ", so its public methods may be called from several threads "
                 "at once";
        LibraryEntries.push_back(std::move(TE));
      }
    }
  }
  Entries.insert(Entries.end(), LibraryEntries.begin(), LibraryEntries.end());
}

void ProjectFacts::computeReach() {
  // Reached[Fn] == Role + 1: the current role runs Fn; Shared[Fn] likewise
  // with `self` shared. (Fn, role, shared) of each, in role order.
  std::vector<uint32_t> Reached(Fns.size(), 0), Shared(Fns.size(), 0);
  std::vector<std::pair<uint32_t, FnRole>> Found;
  llvm::BitVector IsTarget(Fns.size());
  for (const ThreadEntry &TE : Entries)
    IsTarget.set(TE.Target);

  // A thread-safe class's public methods are entries for the class's own
  // state (RacerD's contract): they follow only calls on `self`.
  auto Propagate = [&](size_t Role, std::vector<std::pair<uint32_t, bool>> Work,
                       bool SelfCallsOnly) {
    uint32_t Stamp = static_cast<uint32_t>(Role) + 1;
    std::vector<uint32_t> Visited;
    while (!Work.empty()) {
      auto [Fn, SelfShared] = Work.back();
      Work.pop_back();
      bool Seen = Reached[Fn] == Stamp && (!SelfShared || Shared[Fn] == Stamp);
      if (Seen)
        continue;
      if (Reached[Fn] != Stamp) {
        Reached[Fn] = Stamp;
        Visited.push_back(Fn);
      }
      if (SelfShared)
        Shared[Fn] = Stamp;
      for (const Edge &E : Calls[Fn]) {
        if (SelfCallsOnly && !E.SelfCall)
          continue;
        bool Next = E.SelfCall ? SelfShared : !E.FreshReceiver;
        Work.push_back({E.Callee, Next});
      }
      // Nested functions defined here run where they are called; lambdas
      // and nested defs that are never called are treated as run here.
    }
    for (uint32_t Fn : Visited)
      Found.push_back(
          {Fn, FnRole{static_cast<uint32_t>(Role), Shared[Fn] == Stamp}});
  };
  // Main: module bodies and every function nobody in the project calls.
  std::vector<std::pair<uint32_t, bool>> Roots;
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    const FunctionSummary &F = *Fns[Fn];
    if (!F.IsModuleBody && (!Callers[Fn].empty() || IsTarget.test(Fn) ||
                            F.IsLambda || F.QualName.empty()))
      continue;
    // An uncalled public method may be called by users on a shared object;
    // an uncalled private one, or a constructor, is assumed not to be.
    llvm::StringRef Name = F.Name;
    bool Private =
        Name.startswith("_") && !(Name.startswith("__") && Name.endswith("__"));
    bool Ctor = Name == "__init__" || Name == "__new__";
    Roots.push_back({Fn, F.ClassQual.empty() || !(Private || Ctor)});
  }
  Propagate(0, std::move(Roots), false);
  for (size_t I = 0; I < Entries.size(); ++I)
    Propagate(I + 1, {{Entries[I].Target, !Entries[I].SelfOwned}},
              !Entries[I].HasStart);

  // Per entry: the main-thread functions that run between start and join.
  Window.assign(Entries.size(), {});
  std::vector<uint32_t> InWindow(Fns.size(), 0);
  for (size_t I = 0; I < Entries.size(); ++I) {
    const ThreadEntry &TE = Entries[I];
    if (!TE.HasStart || TE.JoinOffset == UINT32_MAX)
      continue;
    uint32_t Stamp = static_cast<uint32_t>(I) + 1;
    std::vector<uint32_t> W;
    std::vector<uint32_t> Work;
    for (const Edge &E : Calls[TE.Start.Fn]) {
      uint32_t At = Fns[TE.Start.Fn]->Events[E.Event].Begin;
      if (At > TE.StartOffset && At < TE.JoinOffset)
        Work.push_back(E.Callee);
    }
    while (!Work.empty()) {
      uint32_t Fn = Work.back();
      Work.pop_back();
      if (InWindow[Fn] == Stamp)
        continue;
      InWindow[Fn] = Stamp;
      W.push_back(Fn);
      for (const Edge &E : Calls[Fn])
        Work.push_back(E.Callee);
    }
    llvm::sort(W);
    Window[I] = std::move(W);
  }
  // The roles of each function, in role order (a stable sort by function).
  std::stable_sort(
      Found.begin(), Found.end(),
      [](const auto &A, const auto &B) { return A.first < B.first; });
  RolesOf.clear();
  RolesOf.reserve(Fns.size(), Found.size());
  size_t Next = 0;
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    for (; Next < Found.size() && Found[Next].first == Fn; ++Next)
      RolesOf.push_back(Found[Next].second);
    RolesOf.endList();
  }
  IsStarter.assign(Fns.size(), false);
  for (const ThreadEntry &TE : Entries)
    if (TE.HasStart)
      IsStarter[TE.Start.Fn] = true;
}

bool ProjectFacts::runsOnThread(uint32_t Fn) const {
  return roleRunning(Fn) != 0;
}

bool ProjectFacts::isSelfBased(Site S) const {
  const Event &E = event(S);
  return E.Target.Base == Ref::BaseKind::Self && E.Target.Attrs.size() == 1;
}

std::optional<std::pair<int, int>> ProjectFacts::concurrent(Site A,
                                                            Site B) const {
  // A local of F is a new object per call of F: only threads that this call
  // of F starts can share it (closures and `args=`).
  uint32_t Loc = location(A);
  llvm::StringRef Owner;
  if (Loc && llvm::StringRef(LocNames[Loc]).startswith("l:")) {
    Owner = llvm::StringRef(LocNames[Loc]).drop_front(2).split("::").first;
    if (Fns[A.Fn]->QualName == Owner && Fns[B.Fn]->QualName == Owner)
      return std::nullopt;
  }
  auto StartedByOwner = [&](size_t Role) {
    if (Owner.empty())
      return true;
    if (Role == 0)
      return false;
    const ThreadEntry &TE = Entries[Role - 1];
    return TE.HasStart && Fns[TE.Start.Fn]->QualName == Owner;
  };
  auto InWindow = [&](Site M, size_t EntryIdx) {
    const ThreadEntry &TE = Entries[EntryIdx];
    uint32_t At = event(M).Begin;
    if (TE.HasStart && M.Fn == TE.Start.Fn)
      return At > TE.StartOffset && At < TE.JoinOffset;
    // Import-time code runs before any thread its module does not start.
    if (Fns[M.Fn]->IsModuleBody)
      return false;
    if (!TE.HasStart || TE.JoinOffset == UINT32_MAX)
      return true;
    return std::binary_search(Window[EntryIdx].begin(), Window[EntryIdx].end(),
                              M.Fn);
  };
  bool SelfA = isSelfBased(A), SelfB = isSelfBased(B);
  for (const FnRole &FA : RolesOf[A.Fn]) {
    uint32_t RA = FA.Role;
    if (SelfA && !FA.SharedSelf)
      continue;
    for (const FnRole &FB : RolesOf[B.Fn]) {
      uint32_t RB = FB.Role;
      if (SelfB && !FB.SharedSelf)
        continue;
      if (!StartedByOwner(RA) && !StartedByOwner(RB))
        continue;
      // A thread-safe class promises concurrency among its own methods:
      // code outside them (a field read after `join()`) is not covered.
      auto ClassEntry = [&](size_t R) {
        return R > 0 && !Entries[R - 1].HasStart;
      };
      if ((ClassEntry(RA) && !SelfB && RB == 0) ||
          (ClassEntry(RB) && !SelfA && RA == 0))
        continue;
      bool Conc = false;
      if (RA == 0 && RB == 0)
        Conc = false;
      else if (RA == 0)
        Conc = InWindow(A, RB - 1);
      else if (RB == 0)
        Conc = InWindow(B, RA - 1);
      else if (RA == RB) {
        const ThreadEntry &TE = Entries[RA - 1];
        Conc = TE.Multi && !(TE.SelfPerInstance && SelfA && SelfB);
      } else {
        const ThreadEntry &E1 = Entries[RA - 1], &E2 = Entries[RB - 1];
        Conc = true;
        if (E1.HasStart && E2.HasStart && E1.Start.Fn == E2.Start.Fn &&
            (E1.JoinOffset <= E2.StartOffset ||
             E2.JoinOffset <= E1.StartOffset))
          Conc = false;
        if (E1.SelfPerInstance && E2.SelfPerInstance && SelfA && SelfB &&
            E1.Start == E2.Start)
          Conc = false;
      }
      if (Conc)
        return std::make_pair(static_cast<int>(RA), static_cast<int>(RB));
    }
  }
  return std::nullopt;
}

bool ProjectFacts::isWrite(const Event &E) const {
  if (E.K != Event::Kind::Access)
    return false;
  switch (E.Access) {
  case AccessKind::Write:
  case AccessKind::Delete:
  case AccessKind::ReadModifyWrite:
    return true;
  case AccessKind::MutCall:
    return !Models.isIdempotentMethod(E.method());
  default:
    return false;
  }
}

bool ProjectFacts::isRemoval(const Event &E) const {
  if (E.K != Event::Kind::Access)
    return false;
  if (E.Access == AccessKind::Delete)
    return true;
  if (E.Access == AccessKind::Write && !E.Element)
    return true;
  return E.Access == AccessKind::MutCall && Models.isRemovingMethod(E.method());
}

std::optional<ProjectFacts::Conflict>
ProjectFacts::conflictingWrite(Site S, uint32_t Loc, const LockSet &Held,
                               WriteFilter Filter) const {
  std::optional<Conflict> Same;
  if (isConfined(Loc))
    return Same;
  // Sites of one function with the same locks have the same conflicts,
  // unless the function starts threads (then the start/join window depends
  // on where the site is): answering them once keeps a location with many
  // accesses linear instead of quadratic.
  std::string Key;
  if (!IsStarter[S.Fn]) {
    Key = std::to_string(S.Fn) + ":" + std::to_string(Loc) + ":" +
          std::to_string(static_cast<int>(Filter));
    for (uint32_t L : Held)
      Key += "," + std::to_string(L);
    Key += isSelfBased(S) ? "s" : "o";
    // Same function, roles and locks: the write found for the first site
    // conflicts with this one too (a site's own write found for it is a
    // write of a concurrent run of this very function).
    auto It = ConflictCache.find(Key);
    if (It != ConflictCache.end())
      return It->second;
  }
  auto Remember = [&](std::optional<Conflict> C) {
    if (!Key.empty())
      ConflictCache[Key] = C;
    return C;
  };
  for (Site B : accessesTo(Loc)) {
    const Event &E = event(B);
    bool Counts = false;
    switch (Filter) {
    case WriteFilter::Any:
      Counts = isWrite(E);
      break;
    case WriteFilter::Removals:
      Counts = isRemoval(E);
      break;
    case WriteFilter::Rebinds:
      Counts = isWrite(E) && !E.Element && E.Access != AccessKind::MutCall;
      break;
    case WriteFilter::Structural:
      Counts = E.K == Event::Kind::Access &&
               ((E.Element && (E.Access == AccessKind::Write ||
                               E.Access == AccessKind::Delete ||
                               E.Access == AccessKind::ReadModifyWrite)) ||
                E.Access == AccessKind::MutCall);
      break;
    }
    if (!Counts)
      continue;
    if (commonLock(Held, S, locksAt(B), B))
      continue;
    auto Roles = concurrent(S, B);
    if (!Roles)
      continue;
    Conflict C{B, Roles->first, Roles->second};
    if (B == S) {
      if (!Same)
        Same = C;
      continue;
    }
    return Remember(C);
  }
  return Remember(Same);
}

bool ProjectFacts::isLockLocation(uint32_t Loc) const {
  if (!Loc)
    return false;
  llvm::StringRef T = typeOf(Loc);
  if (!T.empty())
    return Models.isLockConstructor(T);
  return Models.looksLikeLockName(lastComponent(LocNames[canon(Loc)]));
}

uint32_t ProjectFacts::regionLock(uint32_t Fn, const LockRegion &R,
                                  int Depth) const {
  uint32_t L = canon(locationOf(Fn, R.Lock));
  if (isLockLocation(L))
    return L;
  if (Depth > 1)
    return 0;
  // An object whose `acquire()` / `__enter__` takes one of its own locks and
  // keeps it (`logging.Handler.acquire`): holding the object holds that lock.
  llvm::StringRef Class;
  if ((R.Lock.Base == Ref::BaseKind::Self ||
       R.Lock.Base == Ref::BaseKind::ClassObj) &&
      R.Lock.Attrs.empty())
    Class = R.Lock.Name;
  else if (L)
    Class = classOfLocation(L);
  if (Class.empty())
    return 0;
  int Method = lookupMethod(Class, R.FromWith ? "__enter__" : "acquire");
  if (Method < 0)
    return 0;
  for (const LockRegion &Inner : Fns[Method]->Regions)
    if (!Inner.FromWith && !Inner.Released)
      if (uint32_t Held =
              regionLock(static_cast<uint32_t>(Method), Inner, Depth + 1))
        return Held;
  return 0;
}

void ProjectFacts::computeLocks() {
  Inherited.assign(Fns.size(), {});
  InheritedKnown.assign(Fns.size(), false);
  auto LocalLocks = [&](uint32_t Fn, const Event &E) {
    LockSet S;
    for (uint16_t RI : Fns[Fn]->regions(E)) {
      if (uint32_t L = regionLock(Fn, Fns[Fn]->Regions[RI]))
        S.push_back(L);
    }
    std::sort(S.begin(), S.end());
    S.erase(std::unique(S.begin(), S.end()), S.end());
    return S;
  };
  std::deque<uint32_t> Work;
  llvm::BitVector IsTarget(Fns.size());
  for (const ThreadEntry &TE : Entries)
    IsTarget.set(TE.Target);
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn)
    if (Callers[Fn].empty() || IsTarget.test(Fn) || Fns[Fn]->IsModuleBody) {
      InheritedKnown[Fn] = true;
      Work.push_back(Fn);
    }
  size_t Budget = Fns.size() * 8 + 1024;
  while (!Work.empty() && Budget-- > 0) {
    uint32_t Fn = Work.front();
    Work.pop_front();
    for (const Edge &E : Calls[Fn]) {
      LockSet In = LocalLocks(Fn, Fns[Fn]->Events[E.Event]);
      In.insert(In.end(), Inherited[Fn].begin(), Inherited[Fn].end());
      std::sort(In.begin(), In.end());
      In.erase(std::unique(In.begin(), In.end()), In.end());
      if (!InheritedKnown[E.Callee]) {
        InheritedKnown[E.Callee] = true;
        Inherited[E.Callee] = std::move(In);
        Work.push_back(E.Callee);
        continue;
      }
      LockSet Meet;
      std::set_intersection(Inherited[E.Callee].begin(),
                            Inherited[E.Callee].end(), In.begin(), In.end(),
                            std::back_inserter(Meet));
      if (Meet != Inherited[E.Callee]) {
        Inherited[E.Callee] = std::move(Meet);
        Work.push_back(E.Callee);
      }
    }
  }
}

LockSet ProjectFacts::locksAt(Site S) const {
  LockSet Out = Inherited[S.Fn];
  const Event &E = event(S);
  for (uint16_t RI : Fns[S.Fn]->regions(E)) {
    if (uint32_t L = regionLock(S.Fn, Fns[S.Fn]->Regions[RI]))
      Out.push_back(L);
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

LockSet ProjectFacts::locksAcross(Site A, Site B) const {
  LockSet Out = Inherited[A.Fn];
  if (A.Fn == B.Fn) {
    const FunctionSummary &F = *Fns[A.Fn];
    llvm::ArrayRef<uint16_t> RegionsB = F.regions(event(B));
    for (uint16_t RI : F.regions(event(A)))
      if (llvm::is_contained(RegionsB, RI)) {
        if (uint32_t L = regionLock(A.Fn, Fns[A.Fn]->Regions[RI]))
          Out.push_back(L);
      }
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

bool ProjectFacts::commonLock(const LockSet &A, Site SA, const LockSet &B,
                              Site SB) const {
  for (uint32_t L : A) {
    if (!std::binary_search(B.begin(), B.end(), L))
      continue;
    // A lock in a local of F is a new lock per call of F: it excludes only
    // code of the call that made it and the threads that call started.
    llvm::StringRef N = LocNames[L];
    if (N.startswith("l:")) {
      llvm::StringRef Owner = N.drop_front(2).split("::").first;
      if (Fns[SA.Fn]->QualName == Owner && Fns[SB.Fn]->QualName == Owner)
        continue;
    }
    return true;
  }
  return false;
}

bool ProjectFacts::intersects(const LockSet &A, const LockSet &B) {
  size_t I = 0, J = 0;
  while (I < A.size() && J < B.size()) {
    if (A[I] == B[J])
      return true;
    if (A[I] < B[J])
      ++I;
    else
      ++J;
  }
  return false;
}

void ProjectFacts::indexAccesses() {
  // The location of an access (0 for other events), from its target slot.
  auto LocationOf = [&](uint32_t Fn, uint32_t EI) -> uint32_t {
    const auto &Ev = Fns[Fn]->Events;
    if (Ev[EI].K != Event::Kind::Access)
      return 0;
    uint32_t L = canon(targetLocation({Fn, EI}));
    if (!L)
      return 0;
    // A plain local that aliases shared state (`current = last_url`,
    // `d = self.cache`): using the object (an element, a method, a walk, a
    // test) touches the shared object; reading or rebinding the variable
    // itself does not.
    const Event &Ac = Ev[EI];
    if (Ac.Target.Base == Ref::BaseKind::Local && Ac.Target.Attrs.empty() &&
        !Ac.Element &&
        (Ac.Access == AccessKind::Read || Ac.Access == AccessKind::Write ||
         Ac.Access == AccessKind::ReadModifyWrite ||
         Ac.Access == AccessKind::Delete) &&
        Ac.method().empty())
      L = targetBase({Fn, EI}); // "l:" and the name
    // Fields of an object this function made and keeps to itself.
    const Ref &T = Ev[EI].Target;
    if (T.Base == Ref::BaseKind::Local && !T.Attrs.empty() &&
        OwnedLocals.count(canon(targetLocation({Fn, EI}, T.Attrs.size()))))
      return 0;
    return L;
  };
  // An event's slot is read for that event only, so each location replaces
  // its slot in place: the two per-event arrays are never both alive.
  std::vector<uint32_t> Count;
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    uint32_t N = static_cast<uint32_t>(Fns[Fn]->Events.size());
    for (uint32_t EI = 0; EI < N; ++EI) {
      uint32_t L = LocationOf(Fn, EI);
      TargetSlots[eventIndex({Fn, EI})] = L;
      if (!L)
        continue;
      if (L >= Count.size())
        Count.resize(LocNames.size(), 0);
      ++Count[L];
    }
  }
  AccessLoc.swap(TargetSlots);
  TargetSlots = {};
  // One array of sites, by location and then in event order.
  AccessBegin.assign(Count.size() + 1, 0);
  for (size_t L = 0; L < Count.size(); ++L)
    AccessBegin[L + 1] = AccessBegin[L] + Count[L];
  AccessSites.resize(AccessBegin.back());
  std::vector<uint32_t> Next(AccessBegin.begin(), AccessBegin.end() - 1);
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    uint32_t N = static_cast<uint32_t>(Fns[Fn]->Events.size());
    for (uint32_t EI = 0; EI < N; ++EI)
      if (uint32_t L = AccessLoc[eventIndex({Fn, EI})])
        AccessSites[Next[L]++] = {Fn, EI};
  }
}

llvm::ArrayRef<Site> ProjectFacts::accessesTo(uint32_t Loc) const {
  if (Loc + 1 >= AccessBegin.size())
    return {};
  return llvm::makeArrayRef(AccessSites)
      .slice(AccessBegin[Loc], AccessBegin[Loc + 1] - AccessBegin[Loc]);
}

void ProjectFacts::computeWrites() {
  WritesTransitive.assign(Fns.size(), {});
  for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
    const auto &Ev = Fns[Fn]->Events;
    for (uint32_t EI = 0; EI < Ev.size(); ++EI)
      if (isWrite(Ev[EI])) {
        uint32_t L = canon(targetLocation({Fn, EI}));
        if (L)
          WritesTransitive[Fn].push_back({L, eventIndex({Fn, EI})});
      }
  }
  // Callees' writes flow to callers; a few rounds reach deep chains and
  // recursion converges because the sets only grow. The lists only grow at
  // their end, so a callee whose list has not grown since this call last
  // took from it has nothing new (and a caller over the cap takes nothing).
  std::vector<std::vector<uint32_t>> Taken(Fns.size());
  // Has[L] == Fn + 1: location L is in Fn's list (set while Fn takes).
  std::vector<uint32_t> Has(LocNames.size(), 0);
  for (int Round = 0; Round < 6; ++Round) {
    bool Changed = false;
    for (uint32_t Fn = 0; Fn < Fns.size(); ++Fn) {
      Taken[Fn].resize(Calls[Fn].size(), 0);
      bool Marked = false;
      for (size_t K = 0; K < Calls[Fn].size(); ++K) {
        const auto &Theirs = WritesTransitive[Calls[Fn][K].Callee];
        if (Theirs.size() == Taken[Fn][K])
          continue;
        auto &Mine = WritesTransitive[Fn];
        if (!Marked) {
          // Another function may have marked these locations since.
          for (const auto &X : Mine)
            Has[X.first] = Fn + 1;
          Marked = true;
        }
        for (size_t I = 0; I < Theirs.size(); ++I) {
          if (Mine.size() > 64)
            break;
          std::pair<uint32_t, uint32_t> W = Theirs[I];
          if (Has[W.first] != Fn + 1) {
            Has[W.first] = Fn + 1;
            Mine.push_back(W);
            Changed = true;
          }
        }
        Taken[Fn][K] = static_cast<uint32_t>(Theirs.size());
      }
    }
    if (!Changed)
      break;
  }
  // Kept to the end of the run, as the summaries are.
  for (auto &Writes : WritesTransitive)
    Writes.shrink_to_fit();
}

template <typename Fn>
void ProjectFacts::forEachWriteThroughCall(Site Call, Fn &&Visit) const {
  for (const Edge &E : Calls[Call.Fn])
    if (E.Event == Call.Event)
      for (const auto &W : WritesTransitive[E.Callee])
        Visit(W);
}

std::vector<std::pair<uint32_t, Site>>
ProjectFacts::writesThroughCall(Site Call) const {
  std::vector<std::pair<uint32_t, Site>> Out;
  forEachWriteThroughCall(Call, [&](const std::pair<uint32_t, uint32_t> &W) {
    Out.push_back({W.first, siteOfEvent(W.second)});
  });
  return Out;
}

void ProjectFacts::locationsWrittenThroughCall(
    Site Call, llvm::SmallVectorImpl<uint32_t> &Out) const {
  forEachWriteThroughCall(Call, [&](const std::pair<uint32_t, uint32_t> &W) {
    Out.push_back(W.first);
  });
}

std::vector<uint32_t> ProjectFacts::testsThroughCall(Site Call) const {
  std::vector<uint32_t> Out;
  for (const Edge &E : Calls[Call.Fn]) {
    if (E.Event != Call.Event)
      continue;
    const auto &Ev = Fns[E.Callee]->Events;
    for (uint32_t EI = 0; EI < Ev.size(); ++EI)
      if (Ev[EI].K == Event::Kind::Access && Ev[EI].InReturn &&
          (Ev[EI].Access == AccessKind::Read ||
           Ev[EI].Access == AccessKind::Test)) {
        uint32_t L = location({E.Callee, EI});
        if (L)
          Out.push_back(L);
      }
  }
  return Out;
}

uint32_t ProjectFacts::testedLocation(Site T) const {
  const Event &E = event(T);
  if (E.Target.Base == Ref::BaseKind::Local && E.Target.Attrs.empty()) {
    // `v = d.get(k)` ... `if v is None:` tests `d`.
    const auto &Ev = Fns[T.Fn]->Events;
    for (uint32_t I = T.Event; I-- > 0;) {
      const Event &A = Ev[I];
      if (A.K != Event::Kind::Assign || A.Target != E.Target)
        continue;
      const Value &V = Fns[T.Fn]->assigned(A);
      if (V.K == Value::Kind::Call && !V.R.Attrs.empty() &&
          V.R.Attrs.back() == "get") {
        Ref C = V.R;
        C.Attrs = C.Attrs.drop_back();
        return canon(locationOf(T.Fn, C));
      }
      if (V.K == Value::Kind::Reference)
        return canon(locationOf(T.Fn, V.R));
      break;
    }
  }
  return location(T);
}

bool ProjectFacts::isSynchronized(uint32_t Loc) const {
  llvm::StringRef T = typeOf(Loc);
  return !T.empty() &&
         (Models.isSynchronizedType(T) || Models.isThreadLocalConstructor(T) ||
          Models.isLockConstructor(T));
}

Position ProjectFacts::position(Site S) const {
  return fileOf(S.Fn).Source->position(event(S).Begin);
}

RelatedLocation ProjectFacts::related(Site S, std::string Message) const {
  RelatedLocation R;
  R.Path = fileOf(S.Fn).Source->path().str();
  Position P = position(S);
  R.Line = P.Line;
  R.Column = P.Column;
  R.Message = std::move(Message);
  return R;
}

std::string ProjectFacts::sourceText(Site S) const {
  const Event &E = event(S);
  llvm::StringRef T = fileOf(S.Fn).Source->parseText().slice(E.Begin, E.End);
  T = T.take_until([](char C) { return C == '\n'; }).trim();
  if (T.size() > 60)
    return T.take_front(57).str() + "...";
  return T.str();
}

Diagnostic ProjectFacts::diagnosticAt(llvm::StringRef Rule, Site S,
                                      uint32_t Loc) const {
  Diagnostic D;
  D.Rule = Rule.str();
  D.Path = fileOf(S.Fn).Source->path().str();
  D.Range = range(S);
  D.StatementLine = statementLine(S);
  if (Loc)
    D.SharedState = describe(Loc);
  return D;
}

SourceRange ProjectFacts::range(Site S) const {
  const Event &E = event(S);
  const SourceFile &Src = *fileOf(S.Fn).Source;
  Position B = Src.position(E.Begin), End = Src.position(E.End);
  return {B.Line, B.Column, End.Line, End.Column};
}

unsigned ProjectFacts::statementLine(Site S) const {
  return fileOf(S.Fn).Source->position(event(S).StmtBegin).Line;
}

std::string ProjectFacts::spell(uint32_t Loc) const {
  llvm::StringRef N = LocNames[Loc];
  if (N.startswith("g:"))
    return N.drop_front(2).rsplit('.').second.empty()
               ? N.drop_front(2).str()
               : N.drop_front(2).rsplit('.').second.str();
  if (N.startswith("a:"))
    return "self." + N.rsplit(':').second.str();
  if (N.startswith("c:")) {
    auto [Cls, Attr] = N.drop_front(2).rsplit(':');
    return lastComponent(Cls).str() + "." + Attr.str();
  }
  if (N.startswith("l:"))
    return N.rsplit("::").second.str();
  return N.str();
}

std::string ProjectFacts::describe(uint32_t Loc) const {
  llvm::StringRef N = LocNames[Loc];
  if (N.startswith("g:"))
    return "module global `" + spell(Loc) + "`";
  if (N.startswith("a:")) {
    llvm::StringRef Cls = N.drop_front(2).rsplit(':').first;
    return "attribute `" + spell(Loc) + "` of `" + lastComponent(Cls).str() +
           "`";
  }
  if (N.startswith("c:"))
    return "class attribute `" + spell(Loc) + "`";
  if (N.startswith("l:")) {
    llvm::StringRef Owner = N.drop_front(2).split("::").first;
    return "variable `" + spell(Loc) + "` of `" + lastComponent(Owner).str() +
           "`";
  }
  return "`" + N.str() + "`";
}

RelatedLocation ProjectFacts::entryNote(int Role) const {
  RelatedLocation R;
  if (Role <= 0)
    return R;
  const ThreadEntry &TE = Entries[Role - 1];
  const FunctionSummary &Target = *Fns[TE.Target];
  std::string Name =
      Target.ClassQual.empty()
          ? Target.Name
          : lastComponent(Target.ClassQual).str() + "." + Target.Name;
  if (Target.IsLambda)
    Name = "a lambda";
  else
    Name = "`" + Name + "`";
  if (TE.HasStart) {
    R = related(TE.Start, "");
    R.Message = Name + " runs on a thread started here by " + TE.How;
    if (TE.Multi)
      R.Message += ", several at once";
    return R;
  }
  R.Path = fileOf(TE.Target).Source->path().str();
  Position P = fileOf(TE.Target).Source->position(Target.NameBegin);
  R.Line = P.Line;
  R.Column = P.Column;
  R.Message = Name + " may run on several threads at once: " + TE.How;
  return R;
}

} // namespace racelint

namespace racelint {
std::string ProjectFacts::explainCallers(uint32_t Fn) const {
  std::string Out;
  for (const auto &C : Callers[Fn])
    for (const Edge &E : Calls[C.first])
      if (E.Callee == Fn && E.Event == C.second)
        Out += "  caller " + Fns[C.first]->QualName + " line " +
               std::to_string(position({C.first, C.second}).Line) +
               (E.SelfCall ? " self" : "") + (E.FreshReceiver ? " fresh" : "") +
               "\n";
  return Out;
}
} // namespace racelint
