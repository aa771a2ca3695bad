#include "SharedGeneratorRule.h"

#include "races/ProjectFacts.h"

namespace racelint {

void SharedGeneratorRule::check(const AnalysisContext &Ctx,
                                std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    const auto &Events = PF.function(Fn).Events;
    for (uint32_t EI = 0; EI < Events.size(); ++EI) {
      const Event &E = Events[EI];
      if (E.K != Event::Kind::Access || E.Access != AccessKind::Iterate)
        continue;
      Site S{Fn, EI};
      uint32_t Loc = PF.location(S);
      if (!Loc || !PF.isIterator(Loc) || PF.isConfined(Loc))
        continue;
      LockSet Here = PF.locksAt(S);
      std::optional<ProjectFacts::Conflict> Found;
      for (Site B : PF.accessesTo(Loc)) {
        const Event &Other = PF.event(B);
        if (Other.K != Event::Kind::Access ||
            Other.Access != AccessKind::Iterate)
          continue;
        if (PF.commonLock(Here, S, PF.locksAt(B), B))
          continue;
        if (auto Roles = PF.concurrent(S, B)) {
          Found = ProjectFacts::Conflict{B, Roles->first, Roles->second};
          if (!(B == S))
            break;
        }
      }
      if (!Found)
        continue;
      std::string Name = PF.spell(Loc);
      Diagnostic D = PF.diagnosticAt("shared-generator", S, Loc);
      D.Message = "`" + Name +
                  "` is a generator or iterator consumed by several threads "
                  "at once; a generator raises `ValueError: generator "
                  "already executing`, an iterator may skip or repeat items";
      if (!(Found->Other == S))
        D.Related.push_back(PF.related(
            Found->Other, "another thread consumes `" + Name + "` here"));
      else
        D.Related.push_back(PF.related(
            S, "this loop also runs on another thread at the same time"));
      D.Related.push_back(
          PF.entryNote(Found->RoleThere ? Found->RoleThere : Found->RoleHere));
      D.Flow.push_back(PF.related(S, "consumes `" + Name + "`"));
      D.Flow.push_back(PF.related(Found->Other, "consumes `" + Name + "`"));
      D.Fix = "give each thread its own generator, feed the items through a "
              "`queue.Queue` from one producer, or call `next()` under a lock";
      Out.push_back(std::move(D));
    }
  }
}

} // namespace racelint
