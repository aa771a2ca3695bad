#include "RuleRegistry.h"

#include "CheckThenActRule.h"
#include "DoubleCheckedLockingRule.h"
#include "InconsistentLockRule.h"
#include "InvalidAnnotationRule.h"
#include "IterateWhileMutateRule.h"
#include "LockNotReleasedRule.h"
#include "ProcessGlobalMutationRule.h"
#include "SharedGeneratorRule.h"
#include "SyntaxErrorRule.h"
#include "UnguardedReadModifyWriteRule.h"

namespace racelint {

namespace {
template <typename T> std::unique_ptr<Rule> make() {
  return std::make_unique<T>();
}

// The only table of rules: one line each, alphabetical.
const RuleInfo Rules[] = {
    {"check-then-act", CheckThenActRule::Summary, RuleStatus::Stable, true,
     make<CheckThenActRule>},
    {"double-checked-locking", DoubleCheckedLockingRule::Summary,
     RuleStatus::Stable, true, make<DoubleCheckedLockingRule>},
    {"inconsistent-lock", InconsistentLockRule::Summary, RuleStatus::Stable,
     true, make<InconsistentLockRule>},
    {"invalid-annotation", InvalidAnnotationRule::Summary, RuleStatus::Stable,
     true, make<InvalidAnnotationRule>},
    {"iterate-while-mutate", IterateWhileMutateRule::Summary,
     RuleStatus::Stable, true, make<IterateWhileMutateRule>},
    {"lock-not-released", LockNotReleasedRule::Summary, RuleStatus::Stable,
     true, make<LockNotReleasedRule>},
    {"process-global-mutation", ProcessGlobalMutationRule::Summary,
     RuleStatus::Stable, true, make<ProcessGlobalMutationRule>},
    {"shared-generator", SharedGeneratorRule::Summary, RuleStatus::Stable, true,
     make<SharedGeneratorRule>},
    {"syntax-error", SyntaxErrorRule::Summary, RuleStatus::Stable, true,
     make<SyntaxErrorRule>},
    {"unguarded-read-modify-write", UnguardedReadModifyWriteRule::Summary,
     RuleStatus::Stable, true, make<UnguardedReadModifyWriteRule>},
};
} // namespace

llvm::ArrayRef<RuleInfo> allRules() { return Rules; }

const RuleInfo *findRule(llvm::StringRef Id) {
  for (const RuleInfo &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

} // namespace racelint
