#pragma once

#include "Diagnostic.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace racelint {

class ProjectAnalysis;

/// Findings accepted as they are (`--write-baseline`), so that a run with
/// `--baseline` reports only new ones. Entries are matched by fingerprint
/// (rule, path, shared state, normalized flagged line), never by line
/// number, so inserting lines above a finding keeps it matched.
class Baseline {
public:
  struct Entry {
    std::string Fingerprint, Rule, Path, SharedState, Text, Message;
  };

  /// Reads a baseline file; fails with a one-line reason.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);
  /// The baseline of every finding of \p Result.
  static Baseline fromResult(const ProjectAnalysis &Result);
  /// Writes the baseline to \p Path as JSON.
  llvm::Error save(llvm::StringRef Path) const;

  /// Removes from \p Result the findings the baseline holds (each entry
  /// matches one finding) and returns the entries no finding matched.
  std::vector<Entry> apply(ProjectAnalysis &Result) const;

  const std::vector<Entry> &entries() const { return Entries; }

private:
  std::vector<Entry> Entries;
};

} // namespace racelint
