#pragma once

#include "semantic/Summary.h"

#include <memory>

namespace racelint {

class ConcurrencyModels;
class SourceFile;
class SyntaxTree;

/// Pass 1: walks \p Tree once (no recursion) and summarizes every function of
/// the module \p ModuleName.
std::unique_ptr<ModuleSummary>
buildModuleSummary(const SyntaxTree &Tree, const SourceFile &Source,
                   llvm::StringRef ModuleName, const ConcurrencyModels &Models);

} // namespace racelint
