#include "DoubleCheckedLockingRule.h"

#include "races/ProjectFacts.h"

#include "llvm/ADT/STLExtras.h"

namespace racelint {

void DoubleCheckedLockingRule::check(const AnalysisContext &Ctx,
                                     std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  TestedLocations Tested(PF);
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const FunctionSummary &F = PF.function(Fn);
    const auto &Events = F.Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      if (!E.hasGuards())
        continue;
      Site S{Fn, EI};
      // The act: a write of the tested state here, or in a callee.
      llvm::SmallVector<uint32_t, 4> Written;
      if (E.K == Event::Kind::Access && PF.isWrite(E)) {
        if (uint32_t L = PF.location(S))
          Written.push_back(L);
      } else if (E.K == Event::Kind::Call) {
        PF.locationsWrittenThroughCall(S, Written);
      }
      bool Reported = false;
      for (uint32_t Loc : Written) {
        if (Reported || PF.isSynchronized(Loc))
          break;
        // A plain local of this function is never seen by another thread.
        if (PF.isLocalOf(Loc, Fn))
          continue;
        // The innermost test of the same state decides: a re-test inside
        // the lock is the correct double check.
        for (uint32_t G : llvm::reverse(F.guards(E))) {
          Site T{Fn, G};
          if (PF.event(T).K != Event::Kind::Access || Tested.at(T) != Loc)
            continue;
          // The shape alone is the finding: taking the lock says the author
          // expects other threads here.
          if (!PF.isDoubleCheck(T, S))
            break;
          std::string Name = PF.spell(Loc);
          Diagnostic D = PF.diagnosticAt("double-checked-locking", S, Loc);
          D.Message = PF.describe(Loc) + " is checked at line " +
                      std::to_string(PF.position(T).Line) +
                      " outside the lock and changed here inside it without "
                      "a second check; two threads can both pass the first "
                      "check and both act";
          D.Related.push_back(
              PF.related(T, "`" + Name + "` is checked here, before the lock"));
          if (int Role = PF.roleRunning(Fn))
            D.Related.push_back(PF.entryNote(Role));
          D.Flow.push_back(PF.related(T, "checks `" + Name + "`"));
          D.Flow.push_back(PF.related(S, "acts on `" + Name + "`"));
          D.Fix = "check `" + Name +
                  "` again inside the lock before acting (or take the lock "
                  "before the first check)";
          Out.push_back(std::move(D));
          Reported = true;
          break;
        }
      }
    }
  }
}

} // namespace racelint
