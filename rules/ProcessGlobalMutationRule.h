#pragma once

#include "Rule.h"

namespace racelint {

/// Thread code that changes process-wide state.
/// Docs: docs/rules/process-global-mutation.md
class ProcessGlobalMutationRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "Thread code that changes process-wide state.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
