#include "semantic/ModuleBuilder.h"

namespace racelint {

std::unique_ptr<ModuleSummary>
buildModuleSummary(const SyntaxTree &, const SourceFile &,
                   llvm::StringRef ModuleName, const ConcurrencyModels &) {
  auto M = std::make_unique<ModuleSummary>();
  M->Name = ModuleName.str();
  return M;
}

} // namespace racelint
