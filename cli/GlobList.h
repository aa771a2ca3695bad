#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <bitset>
#include <string>
#include <vector>

namespace racelint {

/// One glob, in the syntax of llvm::GlobPattern: `*` (any run of
/// characters, `/` included), `?` (any one character, `/` included),
/// `[abc]`, `[a-z]`, `[^...]` or `[!...]` (a `]` right after the `[` or the
/// `^` is one of the characters; `\` in a class is itself), and outside a
/// class `\` before a character that stands for itself. Matching takes
/// time proportional to the pattern's length times the text's, where LLVM
/// 14's matcher backtracks without bound (`*a*a*a*a*a*a*a*a*x` against a
/// long path never returned). Two corners differ from LLVM 14: a trailing
/// `\` is itself (LLVM read past the pattern), and `a**` matches `a`.
class Glob {
public:
  /// Fails on an unclosed `[` and on a range whose ends are reversed.
  static llvm::Expected<Glob> create(llvm::StringRef Pattern);
  bool match(llvm::StringRef Text) const;

private:
  struct Token {
    bool Star = false;
    std::bitset<256> Chars; ///< the characters one non-star token takes
  };
  std::vector<Token> Tokens;
};

/// A list of path globs (`--exclude`, `per-file-ignores`). A glob matches a
/// path when it matches the path or one of its folders, or any trailing part
/// of those that starts at a `/` (so `tests/fixtures` matches
/// `src/tests/fixtures/a.py`, and `*_test.py` any such file); `*` also
/// matches `/`.
class GlobList {
public:
  GlobList() = default;
  /// Compiles \p Patterns, relative to \p BaseDir (may be empty); fails with
  /// the first bad pattern.
  static llvm::Expected<GlobList> create(llvm::ArrayRef<std::string> Patterns,
                                         llvm::StringRef BaseDir = "");

  /// True when a pattern matches \p Path (as displayed, `/`-separated).
  bool match(llvm::StringRef Path) const;
  bool empty() const { return Globs.empty(); }

private:
  std::vector<Glob> Globs;
  std::string BaseDir;
};

} // namespace racelint
