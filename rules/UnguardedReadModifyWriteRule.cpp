#include "UnguardedReadModifyWriteRule.h"

#include "races/ProjectFacts.h"

namespace racelint {

void UnguardedReadModifyWriteRule::check(const AnalysisContext &Ctx,
                                         std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const auto &Events = PF.function(Fn).Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      if (E.K != Event::Kind::Access || E.Access != AccessKind::ReadModifyWrite)
        continue;
      Site S{Fn, EI};
      uint32_t Loc = PF.location(S);
      if (!Loc || PF.isSynchronized(Loc))
        continue;
      LockSet Held = PF.locksAt(S);
      auto C =
          PF.conflictingWrite(S, Loc, Held, ProjectFacts::WriteFilter::Any);
      if (!C)
        continue;
      std::string Name = PF.spell(Loc);
      Diagnostic D = PF.diagnosticAt("unguarded-read-modify-write", S, Loc);
      D.Message = "`" + PF.sourceText(S) + "` reads and writes back " +
                  PF.describe(Loc) +
                  " without a lock; another thread's update can be lost";
      LockSet There = PF.locksAt(C->Other);
      if (!Held.empty() && !There.empty())
        D.Message = "`" + PF.sourceText(S) + "` holds `" +
                    PF.spellLock(Held.front()) +
                    "` but a concurrent write to " + PF.describe(Loc) +
                    " holds `" + PF.spellLock(There.front()) +
                    "`: different locks do not exclude each other";
      if (C->Other == S) {
        D.Related.push_back(PF.related(
            S, "this update also runs on another thread at the same time"));
        D.Related.push_back(
            PF.entryNote(C->RoleThere ? C->RoleThere : C->RoleHere));
      } else {
        D.Related.push_back(
            PF.related(C->Other, "conflicting write to `" + Name + "` here"));
        int Role = C->RoleThere ? C->RoleThere : C->RoleHere;
        D.Related.push_back(PF.entryNote(Role));
      }
      D.Flow.push_back(PF.related(S, "reads `" + Name + "`, then writes it"));
      D.Flow.push_back(PF.related(C->Other, "writes `" + Name + "`"));
      D.Fix = E.Element
                  ? "hold one lock around the update at every site that "
                    "writes `" +
                        Name +
                        "`, or count in a `collections.Counter` updated "
                        "under a lock"
                  : "hold one lock around the update at every site that "
                    "writes `" +
                        Name +
                        "` (`with lock: ...`), or keep per-thread counts and "
                        "sum them after `join()`";
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
