// Developer tool: prints pass 1's summary of each file given.
#include "AnalysisContext.h"
#include "semantic/SummaryDump.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  using namespace racelint;
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  for (int I = 1; I < argc; ++I) {
    auto Src = SourceFile::load(argv[I]);
    if (!Src) {
      llvm::errs() << argv[I] << ": " << llvm::toString(Src.takeError())
                   << "\n";
      continue;
    }
    FileAnalysis FA =
        analyzeFile(std::move(*Src), moduleNameForPath(argv[I]), Models);
    llvm::outs() << dumpSummary(*FA.Summary, *FA.Source);
  }
  return 0;
}
