#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace racelint {

/// Which rules a run reports.
class RuleSelection {
public:
  /// Every default-on rule.
  RuleSelection();
  /// \p Select replaces the default-on set when not empty (`all` names every
  /// rule); \p Ignore is removed from it. Fails on an unknown rule id.
  static llvm::Expected<RuleSelection>
  create(llvm::ArrayRef<std::string> Select,
         llvm::ArrayRef<std::string> Ignore);

  bool enabled(llvm::StringRef Id) const { return Enabled.count(Id); }
  /// The enabled ids, sorted.
  std::vector<std::string> ids() const;

private:
  llvm::StringSet<> Enabled;
};

/// Checks that every id of \p Ids names a rule; \p Where says where the list
/// came from, for the error message.
llvm::Error checkRuleIds(llvm::ArrayRef<std::string> Ids,
                         llvm::StringRef Where);

} // namespace racelint
