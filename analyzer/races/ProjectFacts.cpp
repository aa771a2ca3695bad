#include "races/ProjectFacts.h"

namespace racelint {

ProjectFacts::ProjectFacts(llvm::ArrayRef<FileAnalysis>,
                           const ConcurrencyModels &) {}

} // namespace racelint
