#pragma once

#include "Rule.h"

namespace racelint {

/// A location accessed under a lock in one place and without it in another
/// concurrent place. Docs: docs/rules/inconsistent-lock.md
class InconsistentLockRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A location accessed under a lock in one place and without it in another "
      "concurrent place.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
