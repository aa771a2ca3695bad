#pragma once

#include "Rule.h"

namespace racelint {

/// A read and write-back of shared state that another thread may interleave.
/// Docs: docs/rules/unguarded-read-modify-write.md
class UnguardedReadModifyWriteRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "A read and write-back of shared state that another thread may "
      "interleave.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
