#include "CheckThenActRule.h"

#include "races/ProjectFacts.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/STLExtras.h"

namespace racelint {

namespace {

/// What an act does to the checked state, for the message and the fix.
enum class ActKind { Store, Rebind, Read, Remove, Mutate, Call };

struct Act {
  ActKind K;
  uint32_t Loc;
  Site Where; ///< the act (or the call whose callee acts)
};

} // namespace

void CheckThenActRule::check(const AnalysisContext &Ctx,
                             std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  TestedLocations Tested(PF);
  const ConcurrencyModels &Models = Ctx.models();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const FunctionSummary &F = PF.function(Fn);
    const auto &Events = F.Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      if (!E.hasGuards())
        continue;
      Site S{Fn, EI};
      // What this event does that a stale check would make wrong.
      llvm::SmallVector<Act, 2> Acts;
      if (E.K == Event::Kind::Access) {
        uint32_t Loc = PF.location(S);
        if (!Loc)
          continue;
        switch (E.Access) {
        case AccessKind::Write:
          Acts.push_back(
              {E.Element ? ActKind::Store : ActKind::Rebind, Loc, S});
          break;
        case AccessKind::Delete:
          Acts.push_back({ActKind::Remove, Loc, S});
          break;
        case AccessKind::MutCall:
          if (Models.isIdempotentMethod(E.method()) ||
              (E.method() == "pop" && F.args(E).size() >= 2))
            break;
          Acts.push_back({Models.isRemovingMethod(E.method()) ? ActKind::Remove
                                                              : ActKind::Mutate,
                          Loc, S});
          break;
        case AccessKind::Read:
        case AccessKind::Test:
          if (E.Element && E.method() != "get")
            Acts.push_back({ActKind::Read, Loc, S});
          break;
        case AccessKind::ReadModifyWrite:
          // `if balance >= n: balance -= n`: also a lost update, which the
          // read-modify-write rule reports on its own.
          Acts.push_back({E.Element ? ActKind::Read : ActKind::Rebind, Loc, S});
          break;
        default:
          break;
        }
      } else if (E.K == Event::Kind::Call) {
        // Through a callee, only changes to a container's elements count:
        // a callee that rebinds an attribute the caller tested is usually a
        // state machine step (listed under Limitations).
        for (const auto &W : PF.writesThroughCall(S)) {
          const Event &WE = PF.event(W.second);
          if (WE.Element || WE.Access == AccessKind::MutCall)
            Acts.push_back({ActKind::Call, W.first, W.second});
        }
      }
      if (Acts.empty())
        continue;
      bool Reported = false;
      for (const Act &A : Acts) {
        if (Reported || PF.isSynchronized(A.Loc))
          break;
        // The innermost test of the acted-on state decides: a test repeated
        // under the lock (double-checked) makes the act safe.
        for (uint32_t G : llvm::reverse(F.guards(E))) {
          Site T{Fn, G};
          const Event &TE = PF.event(T);
          bool Tests = false;
          if (TE.K == Event::Kind::Access) {
            Tests = Tested.at(T) == A.Loc;
          } else if (TE.K == Event::Kind::Call) {
            for (uint32_t L : PF.testsThroughCall(T))
              Tests |= L == A.Loc;
          }
          if (!Tests || G == EI)
            continue;
          // A check outside a lock whose body takes the lock is the
          // double-checked-locking rule's.
          if (PF.isDoubleCheck(T, S))
            break;
          LockSet Held = PF.locksAcross(T, S);
          // Only some writes make the check stale: a removal for a read or
          // a removal, a rebinding for a lazy initialization.
          ProjectFacts::WriteFilter Filter =
              (A.K == ActKind::Read || A.K == ActKind::Remove)
                  ? ProjectFacts::WriteFilter::Removals
              : A.K == ActKind::Rebind ? ProjectFacts::WriteFilter::Rebinds
                                       : ProjectFacts::WriteFilter::Any;
          auto C = PF.conflictingWrite(A.Where, A.Loc, Held, Filter);
          if (!C)
            break;
          std::string Name = PF.spell(A.Loc);
          unsigned CheckLine = PF.position(T).Line;
          const char *Verb = "";
          std::string Fix;
          switch (A.K) {
          case ActKind::Store:
            Verb = "written";
            Fix = "use `" + Name +
                  ".setdefault(key, value)` (one atomic call), or hold one "
                  "lock across the check and the write";
            break;
          case ActKind::Rebind:
            Verb = "assigned";
            Fix = "hold one lock across the check and the assignment "
                  "(check again inside the lock), or create the value "
                  "before starting threads";
            break;
          case ActKind::Read:
            Verb = "read";
            Fix = "use `" + Name +
                  ".get(key)` (one atomic call) instead of a check and an "
                  "index, or hold one lock across both";
            break;
          case ActKind::Remove:
            Verb = "removed from";
            Fix = "use `" + Name +
                  ".pop(key, None)`, or `try:`/`except` around the removal, "
                  "or a `queue.Queue`, or hold one lock across the check and "
                  "the removal";
            break;
          case ActKind::Mutate:
            Verb = "changed";
            Fix = "hold one lock across the check and the change";
            break;
          case ActKind::Call:
            Verb = "changed by this call";
            Fix = "hold one lock across the check and the call";
            break;
          }
          Diagnostic D = PF.diagnosticAt("check-then-act", S, A.Loc);
          D.Message = PF.describe(A.Loc) + " is checked at line " +
                      std::to_string(CheckLine) + " and " + Verb +
                      " here with no lock held across both; another thread "
                      "can change it in between";
          D.Fix = Fix;
          D.Related.push_back(PF.related(T, "`" + Name + "` is checked here"));
          if (!(C->Other == A.Where))
            D.Related.push_back(PF.related(
                C->Other, "another thread may change `" + Name + "` here"));
          else if (A.K == ActKind::Call)
            D.Related.push_back(
                PF.related(A.Where, "`" + Name + "` is changed here"));
          int Role = C->RoleThere ? C->RoleThere : C->RoleHere;
          D.Related.push_back(PF.entryNote(Role));
          D.Flow.push_back(PF.related(T, "checks `" + Name + "`"));
          D.Flow.push_back(PF.related(S, "acts on `" + Name + "`"));
          Out.push_back(std::move(D));
          Reported = true;
          break;
        }
      }
    }
  }
}

} // namespace racelint
