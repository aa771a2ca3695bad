#pragma once

#include "Rule.h"

namespace racelint {

/// An `acquire()` with a path that skips `release()`.
/// Docs: docs/rules/lock-not-released.md
class LockNotReleasedRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "An `acquire()` with a path that skips `release()`.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
