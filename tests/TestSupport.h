#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace racelint {
namespace test {

/// A fresh folder under the system temporary folder, removed with its
/// contents when the object goes away.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return Path; }
  /// The path of \p Relative inside the folder.
  std::string file(llvm::StringRef Relative) const;
  /// Writes \p Content to \p Relative (creating its folders); returns its path.
  std::string write(llvm::StringRef Relative, llvm::StringRef Content) const;
  /// Creates the folder \p Relative; returns its path.
  std::string mkdir(llvm::StringRef Relative) const;

private:
  std::string Path;
};

/// What a finished program printed and returned.
struct RunOutput {
  int Status = -1;
  std::string Out, Err;
};

/// Runs \p Program with \p Args (no stdin) in folder \p Cwd (empty: the
/// current one), capturing stdout and stderr.
RunOutput run(llvm::StringRef Program, llvm::ArrayRef<std::string> Args,
              llvm::StringRef Cwd = "", unsigned TimeoutSeconds = 120);

/// Runs the racelint binary under test.
RunOutput runRacelint(llvm::ArrayRef<std::string> Args,
                      llvm::StringRef Cwd = "");

/// The source tree (for testdata/ and docs/).
std::string sourceDir();
/// Reads a whole file; empty when unreadable.
std::string readFile(llvm::StringRef Path);

} // namespace test
} // namespace racelint
