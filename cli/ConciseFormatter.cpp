#include "ConciseFormatter.h"

#include "FullFormatter.h"
#include "ProjectAnalysis.h"

namespace racelint {

void ConciseFormatter::write(const ProjectAnalysis &Result,
                             llvm::raw_ostream &OS) {
  for (const Diagnostic &D : Result.Diagnostics)
    FullFormatter::writeHeader(D, OS, Color);
}

} // namespace racelint
