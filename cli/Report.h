#pragma once

#include "Driver.h"

#include "Diagnostic.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace racelint {

/// One subfolder of a `racelint report` folder: a student's submission or
/// a package, analyzed as its own project.
struct Submission {
  std::string Name;
  unsigned Files = 0;
  uint64_t Lines = 0;
  /// Findings per rule, syntax errors excluded.
  std::map<std::string, unsigned> PerRule;
  unsigned Findings = 0;
  /// Files that failed to parse or load (path relative to the submission,
  /// and the reason).
  std::vector<FileError> Failures;

  /// `ready`, `N findings to fix`, `broken: ...` or `empty: ...`.
  std::string verdict() const;
};

/// A readiness table over the immediate subfolders of one folder, sorted by
/// name.
class Report {
public:
  /// Analyzes each subfolder of \p Dir with \p Setup.
  static Report build(llvm::StringRef Dir, const ProjectSetup &Setup);
  void write(ReportFormat Format, llvm::raw_ostream &OS) const;

  std::vector<Submission> Rows;

private:
  /// Rules with a finding in some row, sorted.
  std::vector<std::string> ruleColumns() const;
  void writeText(llvm::raw_ostream &OS) const;
  void writeMarkdown(llvm::raw_ostream &OS) const;
  void writeCsv(llvm::raw_ostream &OS) const;
  void writeHtml(llvm::raw_ostream &OS) const;
};

} // namespace racelint
