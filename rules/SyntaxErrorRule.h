#pragma once

#include "Rule.h"

namespace racelint {

/// Source that does not parse as Python; the rest of the file is still analyzed
/// where the tree allows. Docs: docs/rules/syntax-error.md
class SyntaxErrorRule : public Rule {
public:
  static constexpr llvm::StringLiteral Summary =
      "Source that does not parse as Python; the rest of the file is still "
      "analyzed where the tree allows.";
  void check(const AnalysisContext &Ctx,
             std::vector<Diagnostic> &Out) const override;
};

} // namespace racelint
