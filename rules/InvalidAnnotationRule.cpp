#include "InvalidAnnotationRule.h"

#include "races/ProjectFacts.h"
#include "semantic/Summary.h"

namespace racelint {

void InvalidAnnotationRule::check(const AnalysisContext &Ctx,
                                  std::vector<Diagnostic> &Out) const {
  const ProjectFacts &PF = Ctx.facts();
  uint32_t FnBase = 0;
  for (const FileAnalysis &F : Ctx.files()) {
    const ModuleSummary *M = F.Summary.get();
    uint32_t Base = FnBase;
    if (M)
      FnBase += M->Functions.size();
    if (!M)
      continue;
    auto Report = [&](unsigned Line, unsigned Column, std::string Msg,
                      std::string Fix) {
      Diagnostic D;
      D.Rule = "invalid-annotation";
      D.Path = F.Source->path().str();
      D.Range = {Line, Column, Line,
                 static_cast<unsigned>(F.Source->lineText(Line).size()) + 1};
      D.StatementLine = Line;
      D.Message = std::move(Msg);
      D.Fix = std::move(Fix);
      D.SharedState = "annotation";
      Out.push_back(std::move(D));
    };
    for (const DirectiveComment &Dir : F.Directives) {
      llvm::StringRef T = llvm::StringRef(Dir.Text).trim();
      if (T.startswith("ignore"))
        continue; // suppressions are checked by the driver
      bool OnClass = false;
      for (const ClassSummary &C : M->Classes)
        OnClass |= F.Source->position(C.Begin).Line == Dir.Line;
      const Annotation *A = nullptr;
      for (const Annotation &X : M->Annotations)
        if (X.Line == Dir.Line)
          A = &X;
      if (T.startswith("thread-safe")) {
        if (!OnClass)
          Report(Dir.Line, Dir.Column,
                 "`# racelint: thread-safe` must be on a `class` line",
                 "move it to the line of the class it describes");
        continue;
      }
      if (T.startswith("thread-confined")) {
        if (!OnClass && (!A || A->K != Annotation::Kind::ThreadConfined))
          Report(Dir.Line, Dir.Column,
                 "`# racelint: thread-confined` must be on a `class` line or "
                 "on an assignment",
                 "move it to the class or the assignment it describes");
        continue;
      }
      if (T.startswith("guarded-by=")) {
        if (!A || A->K != Annotation::Kind::GuardedBy) {
          Report(Dir.Line, Dir.Column,
                 "`# racelint: guarded-by=` must be on a line that assigns a "
                 "field or a global",
                 "move it to the first assignment of the state it guards");
          continue;
        }
        uint32_t Lock = PF.locationIn(Base + A->Function, A->Lock);
        if (!Lock || !PF.isLock(Lock))
          Report(Dir.Line, Dir.Column,
                 "`guarded-by=" + A->LockText +
                     "` names no lock racelint knows (no `threading.Lock()` "
                     "or similar is assigned to it)",
                 "name the lock expression exactly as the code writes it, "
                 "e.g. `self._lock`");
        continue;
      }
      std::string Word =
          T.take_while([](char C) { return C != ' ' && C != '['; }).str();
      Report(Dir.Line, Dir.Column, "unknown racelint directive `" + Word + "`",
             "use `ignore[...]`, `guarded-by=<lock>`, `thread-confined` or "
             "`thread-safe`");
    }
    // A thread-confined class whose fields racelint sees used from two
    // threads at once.
    for (const ClassSummary &C : M->Classes) {
      if (!C.ThreadConfined)
        continue;
      bool Broken = false;
      for (uint32_t Loc = 1; Loc < PF.locationCount() && !Broken; ++Loc) {
        if (!PF.isAttributeOf(Loc, C.QualName))
          continue;
        llvm::ArrayRef<Site> Sites = PF.accessesTo(Loc);
        for (size_t I = 0; I < Sites.size() && !Broken; ++I)
          for (size_t J = I; J < Sites.size() && !Broken; ++J)
            if ((PF.isWrite(PF.event(Sites[I])) ||
                 PF.isWrite(PF.event(Sites[J]))) &&
                PF.concurrent(Sites[I], Sites[J]))
              Broken = true;
      }
      if (Broken)
        Report(F.Source->position(C.Begin).Line, 1,
               "class `" + C.Name +
                   "` is annotated `thread-confined`, but racelint sees its "
                   "fields used from two threads at once",
               "remove the annotation and guard the state with a lock");
    }
    // A thread-confined place that racelint sees used from two threads.
    for (const Annotation &A : M->Annotations) {
      if (A.K != Annotation::Kind::ThreadConfined)
        continue;
      uint32_t Loc = PF.locationIn(Base + A.Function, A.Target);
      if (!Loc)
        continue;
      llvm::ArrayRef<Site> Sites = PF.accessesTo(Loc);
      bool Broken = false;
      for (size_t I = 0; I < Sites.size() && !Broken; ++I)
        for (size_t J = I; J < Sites.size() && !Broken; ++J)
          if ((PF.isWrite(PF.event(Sites[I])) ||
               PF.isWrite(PF.event(Sites[J]))) &&
              PF.concurrent(Sites[I], Sites[J]))
            Broken = true;
      if (Broken)
        Report(A.Line, 1,
               PF.describe(Loc) +
                   " is annotated `thread-confined`, but racelint sees it "
                   "used from two threads at once",
               "remove the annotation and guard the state with a lock");
    }
  }
}

} // namespace racelint
