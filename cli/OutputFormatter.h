#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>

namespace racelint {

class ProjectAnalysis;

enum class OutputFormat { Full, Concise, Json, Sarif, Github, Html };

/// The name of \p F as `--output-format` spells it.
llvm::StringRef formatName(OutputFormat F);
/// The format named \p Name, if any.
std::optional<OutputFormat> parseFormatName(llvm::StringRef Name);

/// Writes the result of a run in one output format.
class OutputFormatter {
public:
  virtual ~OutputFormatter();
  /// Writes the findings (and, when includesErrors(), the file errors) of
  /// \p Result to \p OS.
  virtual void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) = 0;
  /// True when the format carries the file errors itself; otherwise the
  /// driver prints them on stderr.
  virtual bool includesErrors() const { return true; }

  /// The formatter of \p F; \p Color asks for terminal colours (full and
  /// concise only).
  static std::unique_ptr<OutputFormatter> create(OutputFormat F, bool Color);
};

} // namespace racelint
