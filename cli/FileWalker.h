#pragma once

#include "GlobList.h"

#include "Diagnostic.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem/UniqueID.h"

#include <string>
#include <vector>

namespace racelint {

/// Finds the Python files (`*.py`, `*.pyi`) of the paths a user names.
/// Folders are walked without recursion on the C++ stack; each folder and
/// file is visited once whatever symbolic links lead to it, so link loops
/// end; `.git`, `__pycache__`, `.venv`, `venv`, `node_modules` and `build`
/// are skipped below a named folder.
class FileWalker {
public:
  explicit FileWalker(GlobList Excludes = GlobList(), bool ForceExclude = false)
      : Excludes(std::move(Excludes)), ForceExclude(ForceExclude) {}

  /// Adds the files of \p Path: a file is taken whatever its suffix (unless
  /// excluded with ForceExclude), a folder is walked. Returns false when
  /// \p Path does not exist.
  bool add(llvm::StringRef Path);

  /// The files found, in the order of the paths added, each folder's files
  /// sorted; paths are displayed as given, joined with `/`.
  const std::vector<std::string> &files() const { return Files; }
  /// Entries that could not be read (a folder without permission, a broken
  /// link named `*.py`).
  const std::vector<FileError> &errors() const { return Errors; }

  /// True for a folder name skipped during a walk.
  static bool isSkippedFolderName(llvm::StringRef Name);
  /// True for a file name analyzed during a walk.
  static bool isPythonFileName(llvm::StringRef Name);

private:
  void walk(const std::string &Root);
  /// Records \p Path unless the file was already taken.
  void take(const std::string &Path, const llvm::sys::fs::UniqueID &ID);

  GlobList Excludes;
  bool ForceExclude;
  std::vector<std::string> Files;
  std::vector<FileError> Errors;
  llvm::DenseSet<llvm::sys::fs::UniqueID> SeenFiles, SeenFolders;
};

/// \p Path as racelint displays it: `/`-separated, without `./` components.
std::string displayPath(llvm::StringRef Path);

} // namespace racelint
