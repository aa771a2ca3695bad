#include "SarifFormatter.h"

#include "Fingerprint.h"
#include "ProjectAnalysis.h"
#include "RuleCatalog.h"
#include "RuleDocs.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace racelint {

namespace json = llvm::json;

namespace {

constexpr llvm::StringLiteral SchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";

json::Object physicalLocation(llvm::StringRef Path, unsigned Line,
                              unsigned Column, unsigned EndLine = 0,
                              unsigned EndColumn = 0) {
  json::Object Region{{"startLine", Line}, {"startColumn", Column}};
  if (EndLine) {
    Region["endLine"] = EndLine;
    Region["endColumn"] = EndColumn;
  }
  return json::Object{
      {"artifactLocation",
       json::Object{{"uri", SarifFormatter::artifactUri(Path)}}},
      {"region", std::move(Region)}};
}

/// The rule's name in SARIF's PascalCase convention: `CheckThenAct`.
std::string pascalName(llvm::StringRef Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Out += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

} // namespace

std::string SarifFormatter::artifactUri(llvm::StringRef Path) {
  std::string Out = Path.startswith("/") ? "file://" : "";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Out;
}

void SarifFormatter::write(const ProjectAnalysis &Result,
                           llvm::raw_ostream &OS) {
  json::Array Rules;
  llvm::StringMap<unsigned> RuleIndex;
  for (const CatalogEntry &E : ruleCatalog()) {
    RuleIndex[E.Id] = Rules.size();
    llvm::StringRef Doc = ruleDocText(E.Id);
    std::string Help = Doc.empty() ? E.Summary.str() : Doc.str();
    bool IsError = E.Id == "syntax-error";
    Rules.push_back(json::Object{
        {"id", E.Id},
        {"name", pascalName(E.Id)},
        {"shortDescription", json::Object{{"text", E.Summary}}},
        {"fullDescription", json::Object{{"text", E.Summary}}},
        {"help", json::Object{{"text", Help}, {"markdown", Help}}},
        {"defaultConfiguration",
         json::Object{{"level", IsError ? "error" : "warning"},
                      {"enabled", E.DefaultOn}}},
        {"properties",
         json::Object{
             {"status", E.Status == RuleStatus::Stable ? "stable" : "preview"},
             {"tags", json::Array{"concurrency"}}}},
    });
  }

  json::Array Results;
  for (const Diagnostic &D : Result.Diagnostics) {
    json::Object R{
        {"ruleId", D.Rule},
        {"level", D.Sev == Severity::Error ? "error" : "warning"},
        {"message", json::Object{{"text", D.Message}}},
        {"locations",
         json::Array{json::Object{
             {"physicalLocation",
              physicalLocation(D.Path, D.Range.Line, D.Range.Column,
                               D.Range.EndLine, D.Range.EndColumn)}}}},
        {"partialFingerprints",
         json::Object{{"racelint/v1",
                       fingerprint(D, Result.lineText(D.Path, D.Range.Line))}}},
    };
    auto It = RuleIndex.find(D.Rule);
    if (It != RuleIndex.end())
      R["ruleIndex"] = It->second;
    if (!D.Related.empty()) {
      json::Array Related;
      for (size_t I = 0; I < D.Related.size(); ++I) {
        const RelatedLocation &L = D.Related[I];
        Related.push_back(json::Object{
            {"id", static_cast<int64_t>(I + 1)},
            {"physicalLocation", physicalLocation(L.Path, L.Line, L.Column)},
            {"message", json::Object{{"text", L.Message}}}});
      }
      R["relatedLocations"] = std::move(Related);
    }
    if (!D.Flow.empty()) {
      json::Array Steps;
      for (const RelatedLocation &L : D.Flow)
        Steps.push_back(json::Object{
            {"location",
             json::Object{{"physicalLocation",
                           physicalLocation(L.Path, L.Line, L.Column)},
                          {"message", json::Object{{"text", L.Message}}}}}});
      R["codeFlows"] = json::Array{json::Object{
          {"threadFlows",
           json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
    }
    json::Object Props;
    if (!D.Fix.empty())
      Props["fix"] = D.Fix;
    if (!D.SharedState.empty())
      Props["sharedState"] = D.SharedState;
    if (D.Result)
      Props["verdict"] = json::Object{{"status", D.Result->Status},
                                      {"evidence", D.Result->Evidence}};
    if (!Props.empty())
      R["properties"] = std::move(Props);
    Results.push_back(std::move(R));
  }

  json::Array Notifications;
  for (const FileError &E : Result.Errors)
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", E.Message}}},
        {"locations",
         json::Array{json::Object{
             {"physicalLocation",
              json::Object{{"artifactLocation",
                            json::Object{{"uri", artifactUri(E.Path)}}}}}}}}});

  json::Object Run{
      {"tool", json::Object{{"driver",
                             json::Object{{"name", "racelint"},
                                          {"version", RACELINT_VERSION},
                                          {"semanticVersion", RACELINT_VERSION},
                                          {"rules", std::move(Rules)}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(Results)},
      {"invocations", json::Array{json::Object{{"executionSuccessful", true},
                                               {"toolExecutionNotifications",
                                                std::move(Notifications)}}}},
  };
  json::Object Doc{{"$schema", SchemaUri},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Doc))) << "\n";
}

} // namespace racelint
