#include "ConciseFormatter.h"

#include "FullFormatter.h"
#include "ProjectAnalysis.h"

namespace racelint {

void ConciseFormatter::write(const ProjectAnalysis &Result,
                             llvm::raw_ostream &OS) {
  // One line per finding; a harness verdict goes at the end of it.
  for (const Diagnostic &D : Result.Diagnostics) {
    if (!D.Result) {
      FullFormatter::writeHeader(D, OS, Color);
      continue;
    }
    std::string Line;
    llvm::raw_string_ostream LS(Line);
    FullFormatter::writeHeader(D, LS, false);
    LS.flush();
    OS << llvm::StringRef(Line).rtrim("\n") << " (" << D.Result->Status
       << ")\n";
  }
}

} // namespace racelint
