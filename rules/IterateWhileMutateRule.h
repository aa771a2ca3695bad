#pragma once

#include "Rule.h"

namespace racelint {

/// Iteration over a shared container that another thread may mutate at the same
/// time. Docs: docs/rules/iterate-while-mutate.md
class IterateWhileMutateRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "Iteration over a shared container that another thread may mutate at the "
      "same time.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
