#pragma once

#include "AnalysisContext.h"

namespace racelint {

/// Pass 2: what runs on which thread, which locks are held, what is shared.
class ProjectFacts {
public:
  ProjectFacts(llvm::ArrayRef<FileAnalysis> Files,
               const ConcurrencyModels &Models);
};

} // namespace racelint
