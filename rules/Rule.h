#pragma once

#include "AnalysisContext.h"
#include "Diagnostic.h"

#include <vector>

namespace racelint {

/// A check over the facts of a whole analysis run.
class Rule {
public:
  virtual ~Rule() = default;
  /// Appends this rule's findings over \p Ctx to \p Out (any order).
  virtual void check(const AnalysisContext &Ctx,
                     std::vector<Diagnostic> &Out) const = 0;
};

} // namespace racelint
