#include "RuleCatalog.h"

#include <algorithm>

namespace racelint {

namespace {

constexpr llvm::StringLiteral UnusedSuppressionSummary =
    "A `# racelint: ignore` comment that suppresses no finding, or names a "
    "rule that does not exist.";

std::vector<CatalogEntry> buildCatalog() {
  std::vector<CatalogEntry> Out;
  for (const RuleInfo &R : allRules())
    Out.push_back({R.Id, R.Summary, R.Status, R.DefaultOn, &R});
  // The registry may list the driver check itself (for its summary and
  // status); otherwise the driver supplies the row.
  if (!findRule(UnusedSuppressionId))
    Out.push_back({UnusedSuppressionId, UnusedSuppressionSummary,
                   RuleStatus::Stable, true, nullptr});
  std::sort(
      Out.begin(), Out.end(),
      [](const CatalogEntry &A, const CatalogEntry &B) { return A.Id < B.Id; });
  return Out;
}

} // namespace

llvm::ArrayRef<CatalogEntry> ruleCatalog() {
  // Built once on first use; read-only afterwards.
  static const std::vector<CatalogEntry> Catalog = buildCatalog();
  return Catalog;
}

const CatalogEntry *findCatalogEntry(llvm::StringRef Id) {
  for (const CatalogEntry &E : ruleCatalog())
    if (E.Id == Id)
      return &E;
  return nullptr;
}

} // namespace racelint
