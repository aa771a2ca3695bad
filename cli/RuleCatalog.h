#pragma once

#include "RuleRegistry.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace racelint {

/// One rule as the command line sees it: a row of the registry, or a check
/// the driver runs itself after the rules (`unused-suppression`).
struct CatalogEntry {
  llvm::StringRef Id;
  llvm::StringRef Summary;
  RuleStatus Status;
  bool DefaultOn;
  /// The registry row, or null for a driver check.
  const RuleInfo *Info;
};

/// The id of the driver's suppression check.
constexpr llvm::StringLiteral UnusedSuppressionId = "unused-suppression";

/// Every rule the command line knows, sorted by id.
llvm::ArrayRef<CatalogEntry> ruleCatalog();
/// The catalog entry named \p Id, or null.
const CatalogEntry *findCatalogEntry(llvm::StringRef Id);

} // namespace racelint
