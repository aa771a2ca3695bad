#pragma once

#include "OutputFormatter.h"

#include <string>

namespace racelint {

/// GitHub Actions workflow commands: one `::warning file=...::message` line
/// per finding and one `::error file=...::reason` line per file error.
class GithubFormatter : public OutputFormatter {
public:
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;

  /// \p S escaped for a command's message (\p Property false) or a property
  /// value (\p Property true).
  static std::string escape(llvm::StringRef S, bool Property);
};

} // namespace racelint
