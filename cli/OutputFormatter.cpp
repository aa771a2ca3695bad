#include "OutputFormatter.h"

#include "ConciseFormatter.h"
#include "FullFormatter.h"
#include "GithubFormatter.h"
#include "HtmlFormatter.h"
#include "JsonFormatter.h"
#include "SarifFormatter.h"

#include "llvm/ADT/StringSwitch.h"

namespace racelint {

OutputFormatter::~OutputFormatter() = default;

llvm::StringRef formatName(OutputFormat F) {
  switch (F) {
  case OutputFormat::Full:
    return "full";
  case OutputFormat::Concise:
    return "concise";
  case OutputFormat::Json:
    return "json";
  case OutputFormat::Sarif:
    return "sarif";
  case OutputFormat::Github:
    return "github";
  case OutputFormat::Html:
    return "html";
  }
  return "full";
}

std::optional<OutputFormat> parseFormatName(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<OutputFormat>>(Name)
      .Case("full", OutputFormat::Full)
      .Case("concise", OutputFormat::Concise)
      .Case("json", OutputFormat::Json)
      .Case("sarif", OutputFormat::Sarif)
      .Case("github", OutputFormat::Github)
      .Case("html", OutputFormat::Html)
      .Default(std::nullopt);
}

std::unique_ptr<OutputFormatter> OutputFormatter::create(OutputFormat F,
                                                         bool Color) {
  switch (F) {
  case OutputFormat::Full:
    return std::make_unique<FullFormatter>(Color);
  case OutputFormat::Concise:
    return std::make_unique<ConciseFormatter>(Color);
  case OutputFormat::Json:
    return std::make_unique<JsonFormatter>();
  case OutputFormat::Sarif:
    return std::make_unique<SarifFormatter>();
  case OutputFormat::Github:
    return std::make_unique<GithubFormatter>();
  case OutputFormat::Html:
    return std::make_unique<HtmlFormatter>();
  }
  return nullptr;
}

} // namespace racelint
