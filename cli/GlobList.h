#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace racelint {

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
  /// The pattern texts: GlobPattern keeps references into them, so they live
  /// in a deque (stable addresses) shared by the copies of the list.
  std::shared_ptr<std::deque<std::string>> Texts;
  std::vector<llvm::GlobPattern> Globs;
  std::string BaseDir;
};

} // namespace racelint
