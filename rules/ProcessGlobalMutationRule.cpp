#include "ProcessGlobalMutationRule.h"

#include "races/ProjectFacts.h"
#include "threads/ConcurrencyModels.h"

namespace racelint {

void ProcessGlobalMutationRule::check(const AnalysisContext &Ctx,
                                      std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  const ConcurrencyModels &Models = Ctx.models();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    // Only code that runs off the main thread.
    int Role = PF.roleRunning(Fn);
    if (!Role)
      continue;
    const auto &Events = PF.function(Fn).Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      const ProcessGlobalModel *Model = nullptr;
      std::string Name;
      if (E.K == Event::Kind::Call) {
        Name = PF.externalName(E.Target);
        Model = Models.processGlobalCall(Name);
      } else if (E.K == Event::Kind::Access &&
                 (E.Access == AccessKind::Write ||
                  E.Access == AccessKind::Delete ||
                  E.Access == AccessKind::MutCall ||
                  E.Access == AccessKind::ReadModifyWrite)) {
        Name = PF.externalName(E.Target);
        Model = Models.processGlobalObject(Name);
      }
      if (!Model)
        continue;
      Site S{Fn, EI};
      Diagnostic D = PF.diagnosticAt("process-global-mutation", S, 0);
      D.SharedState = "`" + Name + "`";
      D.Message = "`" + PF.sourceText(S) + "` " + Model->What +
                  ", from code that runs on a thread; every other thread "
                  "sees the change at an unpredictable moment";
      D.Related.push_back(PF.entryNote(Role));
      D.Fix = Model->Fix;
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
