#pragma once

#include "AnalysisContext.h"
#include "Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace racelint {

/// The suppression comments of one file: `# racelint: ignore[rule, ...]` and
/// bare `# racelint: ignore` on a finding's line or its statement's first
/// line, and `# racelint: ignore-file[...]` anywhere in the file. Other
/// directives (`guarded-by=`, `thread-confined`, ...) are the analyzer's.
class Suppressions {
public:
  explicit Suppressions(llvm::ArrayRef<DirectiveComment> Directives);

  /// True when a comment suppresses \p D; that comment counts as used.
  bool suppress(const Diagnostic &D);

  /// Appends an `unused-suppression` finding for every rule id a comment
  /// names that does not exist, and for every comment (or rule id in one)
  /// that suppressed nothing; \p Judged says which rules ran on the file (a
  /// suppression of a rule that did not run is not judged).
  void diagnoseUnused(const SourceFile &Source,
                      llvm::function_ref<bool(llvm::StringRef)> Judged,
                      std::vector<Diagnostic> &Out) const;

private:
  struct Comment {
    unsigned Line = 0, Column = 0;
    bool FileWide = false;
    /// Empty: every rule.
    std::vector<std::string> Rules;
    std::vector<bool> Used;
    bool UsedAll = false;
  };
  std::vector<Comment> Comments;
};

} // namespace racelint
