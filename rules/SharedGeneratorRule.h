#pragma once

#include "Rule.h"

namespace racelint {

/// A generator or iterator object consumed by several threads at once.
/// Docs: docs/rules/shared-generator.md
class SharedGeneratorRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A generator or iterator object consumed by several threads at once.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
