#include "UnguardedReadModifyWriteRule.h"

namespace racelint {

void UnguardedReadModifyWriteRule::check(const AnalysisContext &, std::vector<Diagnostic> &) const {}

} // namespace racelint
