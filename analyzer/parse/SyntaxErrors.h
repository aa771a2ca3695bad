#pragma once

#include "AnalysisContext.h"
#include "parse/SyntaxTree.h"

#include <vector>

namespace racelint {

/// The errors tree-sitter marks in \p Tree (at most 100), appended to
/// \p Out, each at the token where the parse really failed, with a one-line
/// message. A file's syntax errors are these, then addTokenScanErrors.
void collectTreeErrors(const SyntaxTree &Tree, const SourceFile &Src,
                       std::vector<SyntaxErrorFact> &Out);

/// Merges the token scan's error (indentation, brackets, a missing `:`...)
/// into \p Errors, which holds what collectTreeErrors found in the same
/// file. Reads only the text.
void addTokenScanErrors(const SourceFile &Src,
                        std::vector<SyntaxErrorFact> &Errors);

} // namespace racelint
