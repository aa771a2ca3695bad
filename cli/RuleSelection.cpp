#include "RuleSelection.h"

#include "RuleCatalog.h"

#include <algorithm>

namespace racelint {

RuleSelection::RuleSelection() {
  for (const CatalogEntry &E : ruleCatalog())
    if (E.DefaultOn)
      Enabled.insert(E.Id);
}

llvm::Error checkRuleIds(llvm::ArrayRef<std::string> Ids,
                         llvm::StringRef Where) {
  for (const std::string &Id : Ids)
    if (Id != "all" && !findCatalogEntry(Id))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown rule '" + Id + "' in " + Where +
                                         " (`racelint rules` lists them)");
  return llvm::Error::success();
}

llvm::Expected<RuleSelection>
RuleSelection::create(llvm::ArrayRef<std::string> Select,
                      llvm::ArrayRef<std::string> Ignore) {
  if (llvm::Error E = checkRuleIds(Select, "--select"))
    return E;
  if (llvm::Error E = checkRuleIds(Ignore, "--ignore"))
    return E;
  RuleSelection S;
  if (!Select.empty()) {
    S.Enabled.clear();
    for (const std::string &Id : Select) {
      if (Id == "all") {
        for (const CatalogEntry &E : ruleCatalog())
          S.Enabled.insert(E.Id);
      } else {
        S.Enabled.insert(Id);
      }
    }
  }
  for (const std::string &Id : Ignore) {
    if (Id == "all")
      S.Enabled.clear();
    else
      S.Enabled.erase(Id);
  }
  return S;
}

std::vector<std::string> RuleSelection::ids() const {
  std::vector<std::string> Out;
  for (const auto &E : Enabled)
    Out.push_back(E.getKey().str());
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace racelint
