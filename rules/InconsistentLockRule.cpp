#include "InconsistentLockRule.h"

#include "races/ProjectFacts.h"

#include "llvm/ADT/DenseMap.h"

namespace racelint {

void InconsistentLockRule::check(const AnalysisContext &Ctx,
                                 std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  for (uint32_t Loc = 1; Loc < PF.locationCount(); ++Loc) {
    llvm::ArrayRef<Site> Sites = PF.accessesTo(Loc);
    if (Sites.empty() || PF.isConfined(Loc) || PF.isSynchronized(Loc) ||
        PF.isLock(Loc))
      continue;
    // The guarding lock: the annotated one, else the lock held at most of
    // the writes (Eraser's candidate lockset, by majority).
    uint32_t Guard = PF.annotatedGuard(Loc);
    bool Annotated = Guard != 0;
    std::vector<LockSet> Held;
    Held.reserve(Sites.size());
    for (Site S : Sites)
      Held.push_back(PF.locksAt(S));
    if (!Guard) {
      llvm::DenseMap<uint32_t, unsigned> Votes;
      for (size_t I = 0; I < Sites.size(); ++I)
        if (PF.isWrite(PF.event(Sites[I])))
          for (uint32_t L : Held[I])
            ++Votes[L];
      unsigned Best = 0;
      for (auto &KV : Votes)
        if (KV.second > Best || (KV.second == Best && KV.first < Guard))
          Best = KV.second, Guard = KV.first;
    }
    if (!Guard)
      continue;
    auto Holds = [&](size_t I) {
      return std::binary_search(Held[I].begin(), Held[I].end(), Guard);
    };
    // Does an access depend on a test of this same state (a check-then-act
    // pair, which its own rule reports)?
    auto TestedHere = [&](Site S) {
      for (uint32_t G : PF.function(S.Fn).guards(PF.event(S))) {
        Site T{S.Fn, G};
        if (PF.event(T).K == Event::Kind::Access && PF.testedLocation(T) == Loc)
          return true;
      }
      return false;
    };
    // State written only once under the lock after a test of itself (a
    // correct double check) is published whole: reading it is safe.
    bool InitOnce = true;
    for (size_t I = 0; I < Sites.size() && InitOnce; ++I) {
      const Event &E = PF.event(Sites[I]);
      if (PF.isWrite(E) && PF.isSharedAccess(Sites[I]) &&
          !PF.function(Sites[I].Fn).IsModuleBody)
        InitOnce = Holds(I) && !E.Element && E.Access == AccessKind::Write &&
                   TestedHere(Sites[I]);
    }
    unsigned Guarded = 0, Shared = 0;
    size_t FirstGuarded = Sites.size();
    for (size_t I = 0; I < Sites.size(); ++I) {
      if (!PF.isSharedAccess(Sites[I]))
        continue;
      ++Shared;
      if (Holds(I)) {
        ++Guarded;
        if (FirstGuarded == Sites.size() && PF.isWrite(PF.event(Sites[I])))
          FirstGuarded = I;
      }
    }
    for (size_t I = 0; I < Sites.size() && FirstGuarded == Sites.size(); ++I)
      if (Holds(I) && PF.isSharedAccess(Sites[I]))
        FirstGuarded = I;
    std::string Name = PF.spell(Loc), LockName = PF.spellLock(Guard);
    for (size_t I = 0; I < Sites.size(); ++I) {
      if (Holds(I) || !PF.isSharedAccess(Sites[I]))
        continue;
      const Event &E = PF.event(Sites[I]);
      bool Write = PF.isWrite(E);
      std::optional<std::pair<int, int>> Roles;
      if (Annotated) {
        // An annotation is a promise: any access on a thread must keep it.
        if (int R = PF.threadRunning(Sites[I]))
          Roles = std::make_pair(R, R);
      } else {
        // Other rules own read-modify-writes, iterations, checks and the
        // actions that depend on them.
        if (E.Access == AccessKind::ReadModifyWrite ||
            E.Access == AccessKind::Test || E.Access == AccessKind::Iterate ||
            TestedHere(Sites[I]) || (InitOnce && !Write))
          continue;
        for (size_t J = 0; J < Sites.size() && !Roles; ++J) {
          if (!Write && !PF.isWrite(PF.event(Sites[J])))
            continue;
          if (PF.commonLock(Held[I], Sites[I], Held[J], Sites[J]))
            continue;
          Roles = PF.concurrent(Sites[I], Sites[J]);
        }
      }
      if (!Roles)
        continue;
      Diagnostic D = PF.diagnosticAt("inconsistent-lock", Sites[I], Loc);
      std::string Verb = Write ? "written" : "read";
      if (Annotated) {
        D.Message = PF.describe(Loc) + " is annotated `guarded-by=" + LockName +
                    "` but is " + Verb + " here without it";
        D.Related.push_back(PF.annotationOf(Loc));
      } else {
        D.Message = PF.describe(Loc) + " is " + Verb + " here without `" +
                    LockName + "`; it is guarded by `" + LockName + "` at " +
                    std::to_string(Guarded) + " of " + std::to_string(Shared) +
                    " accesses";
      }
      if (FirstGuarded < Sites.size())
        D.Related.push_back(PF.related(Sites[FirstGuarded],
                                       "`" + Name + "` is accessed under `" +
                                           LockName + "` here"));
      D.Related.push_back(
          PF.entryNote(Roles->second ? Roles->second : Roles->first));
      D.Fix = "hold `" + LockName + "` here too";
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
