#include "LockNotReleasedRule.h"

#include "races/ProjectFacts.h"

namespace racelint {

void LockNotReleasedRule::check(const AnalysisContext &Ctx,
                                std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const FunctionSummary &F = PF.function(Fn);
    for (const LockRegion &R : F.Regions) {
      if (R.FromWith)
        continue;
      uint32_t Lock = PF.locationIn(Fn, R.Lock);
      if (!Lock || !PF.isLock(Lock))
        continue;
      const SourceFile &Src = *PF.fileOf(Fn).Source;
      std::string Name = PF.spell(Lock);
      Diagnostic D;
      D.Rule = "lock-not-released";
      D.Path = Src.path().str();
      Position B = Src.position(R.AcquireBegin), E = Src.position(R.AcquireEnd);
      D.Range = {B.Line, B.Column, E.Line, E.Column};
      D.StatementLine = B.Line;
      D.SharedState = PF.describe(Lock);
      auto Note = [&](uint32_t At, std::string Msg) {
        Position P = Src.position(At);
        D.Related.push_back({Src.path().str(), P.Line, P.Column, Msg});
      };
      if (R.NonBlocking && R.ResultIgnored) {
        D.Message = "the result of `" + Name +
                    ".acquire(...)` is ignored: when it times out, the code "
                    "runs without the lock and later releases a lock it "
                    "does not hold";
        D.Fix = "test the result: `if " + Name +
                ".acquire(timeout=...):` then `try:` ... `finally: " + Name +
                ".release()`";
      } else if (!R.Released) {
        // `__enter__` and acquire wrappers hand the lock to their caller.
        llvm::StringRef FnName = F.Name;
        if (FnName == "__enter__" || FnName.contains("acquire") ||
            FnName == "lock" || FnName.endswith("_lock") || !R.ResultIgnored)
          continue;
        D.Message = "`" + Name + ".acquire()` has no `release()` in `" +
                    F.Name + "`; the lock stays held when it returns";
        D.Fix = "use `with " + Name + ":` around the work";
      } else if (!R.ReleaseInFinally) {
        uint32_t Exit = 0;
        for (uint32_t X : F.Exits)
          if (X > R.AcquireEnd && X < R.ReleaseBegin) {
            Exit = X;
            break;
          }
        uint32_t Risky = 0;
        for (const Event &Ev : F.Events)
          if (Ev.Begin > R.AcquireEnd && Ev.Begin < R.ReleaseBegin &&
              (Ev.K == Event::Kind::Call ||
               (Ev.K == Event::Kind::Access && Ev.Element))) {
            Risky = Ev.Begin;
            break;
          }
        if (Exit) {
          D.Message = "a path from `" + Name +
                      ".acquire()` leaves before `release()`; the lock "
                      "stays held and every other thread waiting for it "
                      "blocks forever";
          Note(Exit, "this exit skips the `release()`");
        } else if (Risky) {
          D.Message = "an exception between `" + Name +
                      ".acquire()` and `release()` leaves the lock held; "
                      "every other thread waiting for it blocks forever";
          Note(Risky, "this can raise before the lock is released");
        } else {
          continue;
        }
        Note(R.ReleaseBegin, "the `release()` that can be skipped");
        D.Fix = "use `with " + Name +
                ":`, or release in `try:` ... `finally: " + Name +
                ".release()`";
      } else {
        continue;
      }
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
