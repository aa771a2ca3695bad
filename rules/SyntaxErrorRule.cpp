#include "SyntaxErrorRule.h"

namespace racelint {

void SyntaxErrorRule::check(const AnalysisContext &Ctx,
                            std::vector<Diagnostic> &Out) const {
  for (const FileAnalysis &F : Ctx.files()) {
    // One finding per file: later errors are usually echoes of the first.
    if (F.SyntaxErrors.empty())
      continue;
    const SyntaxErrorFact &E = F.SyntaxErrors.front();
    Diagnostic D;
    D.Rule = "syntax-error";
    D.Sev = Severity::Error;
    D.Path = F.Source->path().str();
    D.Range = {E.Pos.Line, E.Pos.Column, E.End.Line, E.End.Column};
    D.StatementLine = E.Pos.Line;
    D.Message = E.Message;
    if (F.SyntaxErrors.size() > 1)
      D.Message += " (and " + std::to_string(F.SyntaxErrors.size() - 1) +
                   " more syntax error" +
                   (F.SyntaxErrors.size() > 2 ? "s" : "") + " in this file)";
    D.Fix = "fix the syntax; racelint analyzed the parts of the file that "
            "parse";
    Out.push_back(std::move(D));
  }
}

} // namespace racelint
