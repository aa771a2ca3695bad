#include "RuleRegistry.h"

#include "CheckThenActRule.h"
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
