#pragma once

#include "Rule.h"

namespace racelint {

/// A test of shared state followed by an action that relies on it, with no lock
/// held across both. Docs: docs/rules/check-then-act.md
class CheckThenActRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A test of shared state followed by an action that relies on it, with no "
      "lock held across both.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
