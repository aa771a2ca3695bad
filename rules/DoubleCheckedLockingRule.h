#pragma once

#include "Rule.h"

namespace racelint {

/// A check outside a lock whose body takes the lock but does not check again.
/// Docs: docs/rules/double-checked-locking.md
class DoubleCheckedLockingRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A check outside a lock whose body takes the lock but does not check "
      "again.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
