#pragma once

#include "Rule.h"

namespace racelint {

/// A racelint annotation that names nothing racelint can check.
/// Docs: docs/rules/invalid-annotation.md
class InvalidAnnotationRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A racelint annotation that names nothing racelint can check.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
