#pragma once

#include "OutputFormatter.h"

#include <string>

namespace racelint {

/// One self-contained HTML page (inline CSS, no script): counts per rule and
/// per file, then each finding with its source lines, related locations, fix
/// and verdict, and the files that could not be analyzed.
class HtmlFormatter : public OutputFormatter {
public:
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;

  /// \p S with `&`, `<`, `>` and quotes escaped.
  static std::string escape(llvm::StringRef S);
  /// Escapes \p S and renders its `backtick` spans as <code>.
  static std::string richText(llvm::StringRef S);
  /// The page's stylesheet (shared with `racelint report --format html`).
  static llvm::StringRef styleSheet();
};

} // namespace racelint
