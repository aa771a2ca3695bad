#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace racelint {

enum class Severity { Error, Warning };

/// A 1-based source range; end is exclusive in columns.
struct SourceRange {
  unsigned Line = 0, Column = 0, EndLine = 0, EndColumn = 0;
};

/// A location that explains a finding: the other access, the check, the
/// thread start.
struct RelatedLocation {
  std::string Path;
  unsigned Line = 0, Column = 0;
  std::string Message;
};

/// The harness's verdict on a finding (set by `racelint confirm`).
struct Verdict {
  std::string Status; // confirmed | not-reproduced | not-reached
  std::string Evidence;
};

/// One finding.
struct Diagnostic {
  std::string Rule;
  Severity Sev = Severity::Warning;
  std::string Path;
  SourceRange Range;
  std::string Message;
  std::string Fix;
  std::vector<RelatedLocation> Related;
  /// The racing accesses in execution order (check then act, or the two
  /// conflicting accesses); the harness steers threads through these lines and
  /// SARIF shows them as a code flow.
  std::vector<RelatedLocation> Flow;
  /// The name of the shared state (e.g. `module global cache`), for baseline
  /// fingerprints that survive line shifts.
  std::string SharedState;
  /// First line of the statement holding the primary location (a suppression
  /// comment there also applies).
  unsigned StatementLine = 0;
  std::optional<Verdict> Result;
};

/// An input that could not be analyzed at all (unreadable, binary, ...).
struct FileError {
  std::string Path;
  std::string Message;
};

/// Sort order of every output: path, line, column, rule, then message.
inline bool diagnosticLess(const Diagnostic &A, const Diagnostic &B) {
  return std::tie(A.Path, A.Range.Line, A.Range.Column, A.Rule, A.Message) <
         std::tie(B.Path, B.Range.Line, B.Range.Column, B.Rule, B.Message);
}

} // namespace racelint
