#pragma once

#include "Rule.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>

namespace racelint {

enum class RuleStatus { Stable, Preview };

/// One row of the rule table: the id is the rule's only key.
struct RuleInfo {
  llvm::StringLiteral Id;
  /// The one summary sentence shared by the header, `racelint rules` and docs.
  llvm::StringLiteral Summary;
  RuleStatus Status;
  bool DefaultOn;
  std::unique_ptr<Rule> (*Create)();
};

/// Every rule, sorted by id.
llvm::ArrayRef<RuleInfo> allRules();
/// The rule named \p Id, or null.
const RuleInfo *findRule(llvm::StringRef Id);

} // namespace racelint
