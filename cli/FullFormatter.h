#pragma once

#include "OutputFormatter.h"

#include "Diagnostic.h"

namespace racelint {

/// `path:line:col: warning: message [rule-id]`, the source line with a caret
/// under the range, a note line per related location, the fix and the
/// verdict.
class FullFormatter : public OutputFormatter {
public:
  explicit FullFormatter(bool Color) : Color(Color) {}
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;
  bool includesErrors() const override { return false; }

  /// Writes the one-line header of \p D (shared with the concise format).
  static void writeHeader(const Diagnostic &D, llvm::raw_ostream &OS,
                          bool Color);
  /// The marker line under \p Line for columns [Column, EndColumn): `^~~~`,
  /// aligned with the same tabs as the source.
  static std::string caretLine(llvm::StringRef Line, unsigned Column,
                               unsigned EndColumn);

private:
  bool Color;
};

} // namespace racelint
