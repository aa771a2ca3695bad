// Developer tool: prints pass 1's summary of each file given, or with
// --rules runs every rule over all the files as one project.
#include "AnalysisContext.h"
#include "RuleRegistry.h"
#include "parse/SyntaxTree.h"
#include "races/ProjectFacts.h"
#include "semantic/SummaryDump.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

int main(int argc, char **argv) {
  using namespace racelint;
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  // --parse-only: the floor for benchmarks: read, parse and walk every node
  // of each file with tree-sitter, no analysis.
  if (argc > 1 && std::strcmp(argv[1], "--parse-only") == 0) {
    auto T0 = std::chrono::steady_clock::now();
    size_t Nodes = 0, Files = 0;
    for (int I = 2; I < argc; ++I) {
      auto Src = SourceFile::load(argv[I]);
      if (!Src) {
        llvm::consumeError(Src.takeError());
        continue;
      }
      auto Tree = SyntaxTree::parse((*Src)->parseText());
      walkTree(
          Tree->root(),
          [&](TSNode) {
            ++Nodes;
            return true;
          },
          [](TSNode) {});
      ++Files;
    }
    auto T1 = std::chrono::steady_clock::now();
    llvm::outs() << "parse-only: " << Files << " files, " << Nodes << " nodes, "
                 << std::chrono::duration<double>(T1 - T0).count() << " s\n";
    return 0;
  }
  bool Rules = argc > 1 && std::strcmp(argv[1], "--rules") == 0;
  auto T0 = std::chrono::steady_clock::now();
  std::vector<FileAnalysis> Files;
  for (int I = Rules ? 2 : 1; I < argc; ++I) {
    auto Src = SourceFile::load(argv[I]);
    if (!Src) {
      llvm::errs() << argv[I] << ": " << llvm::toString(Src.takeError())
                   << "\n";
      continue;
    }
    FileAnalysis FA =
        analyzeFile(std::move(*Src), moduleNameForPath(argv[I]), Models);
    if (!Rules)
      llvm::outs() << dumpSummary(*FA.Summary, *FA.Source);
    else
      Files.push_back(std::move(FA));
  }
  if (!Rules)
    return 0;
  auto T1 = std::chrono::steady_clock::now();
  AnalysisContext Ctx(std::move(Files), Models);
  auto T2 = std::chrono::steady_clock::now();
  std::vector<Diagnostic> Out;
  for (const RuleInfo &R : allRules())
    R.Create()->check(Ctx, Out);
  std::sort(Out.begin(), Out.end(), diagnosticLess);
  auto T3 = std::chrono::steady_clock::now();
  for (const Diagnostic &D : Out) {
    llvm::outs() << D.Path << ":" << D.Range.Line << ":" << D.Range.Column
                 << ": " << D.Message << " [" << D.Rule << "]\n";
    for (const RelatedLocation &R : D.Related)
      llvm::outs() << "  " << R.Path << ":" << R.Line << ":" << R.Column
                   << ": note: " << R.Message << "\n";
  }
  // RACELINT_EXPLAIN=path:line prints the thread roles of that line's events.
  if (const char *Explain = std::getenv("RACELINT_EXPLAIN")) {
    llvm::StringRef X(Explain);
    auto [P, L] = X.rsplit(':');
    unsigned Line = 0;
    L.getAsInteger(10, Line);
    const ProjectFacts &PF = Ctx.facts();
    for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
      if (!PF.fileOf(Fn).Source->path().endswith(P))
        continue;
      for (uint32_t EI = 0; EI < PF.function(Fn).Events.size(); ++EI) {
        Site S{Fn, EI};
        if (PF.position(S).Line != Line)
          continue;
        llvm::outs() << "event " << EI << " in " << PF.function(Fn).QualName
                     << " loc="
                     << (PF.location(S) ? PF.describe(PF.location(S)) : "-")
                     << " roles:";
        for (int R = 0; R <= (int)PF.entries().size(); ++R)
          if (PF.reaches(R, Fn))
            llvm::outs() << " " << R
                         << (R ? " " + PF.entryNote(R).Message : "");
        llvm::outs() << "\n" << PF.explainCallers(Fn);
      }
    }
  }
  auto Ms = [](auto A, auto B) {
    return std::chrono::duration<double, std::milli>(B - A).count();
  };
  llvm::errs() << "pass1 " << Ms(T0, T1) << " ms, pass2 " << Ms(T1, T2)
               << " ms, rules " << Ms(T2, T3) << " ms, entries "
               << Ctx.facts().entries().size() << ", findings " << Out.size()
               << "\n";
  return 0;
}
