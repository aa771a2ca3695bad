#include "IterateWhileMutateRule.h"

#include "races/ProjectFacts.h"
#include "threads/ConcurrencyModels.h"

namespace racelint {

void IterateWhileMutateRule::check(const AnalysisContext &Ctx,
                                   std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const auto &Events = PF.function(Fn).Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      if (E.K != Event::Kind::Access || E.Access != AccessKind::Iterate ||
          E.method() == "next" || E.method() == "send" ||
          E.method() == "__next__" ||
          Ctx.models().isSnapshotBuiltin(E.method()))
        continue;
      Site S{Fn, EI};
      uint32_t Loc = PF.location(S);
      // Consuming a shared generator is the shared-generator rule's.
      if (!Loc || PF.isSynchronized(Loc) || PF.isIterator(Loc))
        continue;
      auto C = PF.conflictingWrite(S, Loc, PF.locksAt(S),
                                   ProjectFacts::WriteFilter::Structural);
      if (!C || C->Other == S)
        continue;
      std::string Name = PF.spell(Loc);
      Diagnostic D = PF.diagnosticAt("iterate-while-mutate", S, Loc);
      D.Message = "iteration over " + PF.describe(Loc) +
                  " while another thread may change it; the loop can fail "
                  "(`RuntimeError: ... changed size during iteration`) or "
                  "miss and repeat items";
      D.Related.push_back(
          PF.related(C->Other, "another thread changes `" + Name + "` here"));
      D.Related.push_back(
          PF.entryNote(C->RoleThere ? C->RoleThere : C->RoleHere));
      D.Flow.push_back(PF.related(S, "iterates `" + Name + "`"));
      D.Flow.push_back(PF.related(C->Other, "changes `" + Name + "`"));
      D.Fix = "iterate a snapshot: `list(" + Name + ")`, `list(" + Name +
              ".items())` or `" + Name +
              ".copy()` copy in one atomic call on free-threaded CPython (or "
              "copy under the lock the writers hold)";
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
