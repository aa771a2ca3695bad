#pragma once

#include "Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace racelint {
namespace test {

/// One expectation comment clause in a Python test file.
struct Expectation {
  enum Kind { Expect, ExpectNote, KnownFp, KnownFn } What = Expect;
  std::string Path;
  unsigned Line = 0;
  std::string Rule;
  /// A fragment the message must contain (`# expect: rule "fragment"`).
  std::string Fragment;
};

/// The expectations of \p Text (file \p Path): `# expect: <rule>
/// ["fragment"]`, `# expect-note: <rule>`, `# known-fp: <rule> -- reason`,
/// `# known-fn: <rule> -- reason`; several clauses may share a comment, and
/// a comment-only line applies to the next code line. Malformed clauses are
/// appended to \p Problems.
std::vector<Expectation> parseExpectations(llvm::StringRef Path,
                                           llvm::StringRef Text,
                                           std::vector<std::string> &Problems);

/// The arguments of a first line `# args: --select a,b --ignore c`, split on
/// blanks; empty without such a line.
std::vector<std::string> parseArgsLine(llvm::StringRef Text);

/// Compares \p Diags with \p Expected; returns the sorted diff lines
/// (`+ unexpected path:line rule message`, `- missing path:line rule`, ...),
/// empty when everything matched. Paths are shown relative to \p Base.
std::vector<std::string>
compareExpectations(llvm::ArrayRef<Diagnostic> Diags,
                    llvm::ArrayRef<Expectation> Expected, llvm::StringRef Base);

} // namespace test
} // namespace racelint
