#pragma once

#include "AnalysisContext.h"
#include "parse/SyntaxTree.h"

#include <vector>

namespace racelint {

/// Appends the syntax errors of \p Tree (at most 100), each at the token
/// where the parse really failed, with a one-line message.
void collectSyntaxErrors(const SyntaxTree &Tree, const SourceFile &Src,
                         std::vector<SyntaxErrorFact> &Out);

} // namespace racelint
