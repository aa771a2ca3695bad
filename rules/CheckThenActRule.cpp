#include "CheckThenActRule.h"

namespace racelint {

void CheckThenActRule::check(const AnalysisContext &, std::vector<Diagnostic> &) const {}

} // namespace racelint
