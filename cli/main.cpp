#include "RuleRegistry.h"
#include "threads/ConcurrencyModels.h"
#include <cstdio>
int main(int argc, char **argv) {
  using namespace racelint;
  ConcurrencyModels M = ConcurrencyModels::defaults();
  std::vector<FileAnalysis> Files;
  for (int I = 1; I < argc; ++I) {
    auto S = SourceFile::load(argv[I]);
    if (!S) { fprintf(stderr, "%s: %s\n", argv[I], llvm::toString(S.takeError()).c_str()); continue; }
    Files.push_back(analyzeFile(std::move(*S), moduleNameForPath(argv[I]), M));
  }
  AnalysisContext Ctx(std::move(Files), M);
  std::vector<Diagnostic> Out;
  for (const RuleInfo &R : allRules()) R.Create()->check(Ctx, Out);
  for (auto &D : Out) printf("%s:%u:%u: %s [%s]\n", D.Path.c_str(), D.Range.Line, D.Range.Column, D.Message.c_str(), D.Rule.c_str());
  return Out.empty() ? 0 : 1;
}
