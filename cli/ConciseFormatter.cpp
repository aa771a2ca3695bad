#include "ConciseFormatter.h"

#include "FullFormatter.h"
#include "ProjectAnalysis.h"

namespace racelint {

void ConciseFormatter::write(const ProjectAnalysis &Result,
                             llvm::raw_ostream &OS) {
  // One line per finding; with a harness verdict, one more indented line.
  for (const Diagnostic &D : Result.Diagnostics) {
    FullFormatter::writeHeader(D, OS, Color);
    if (D.Result)
      OS << "  verdict: " << D.Result->Status << "\n";
  }
}

} // namespace racelint
