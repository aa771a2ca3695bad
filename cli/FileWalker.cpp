#include "FileWalker.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace racelint {

namespace fs = llvm::sys::fs;

std::string displayPath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/false);
  llvm::StringRef S = P;
  while (S.size() > 1 && S.endswith("/"))
    S = S.drop_back();
  return S.empty() ? std::string(".") : S.str();
}

bool FileWalker::isSkippedFolderName(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases(".git", "__pycache__", ".venv", "venv", "node_modules", "build",
             true)
      .Default(false);
}

bool FileWalker::isPythonFileName(llvm::StringRef Name) {
  return Name.endswith(".py") || Name.endswith(".pyi");
}

bool FileWalker::add(llvm::StringRef PathIn) {
  std::string Path = displayPath(PathIn);
  fs::file_status Status;
  if (fs::status(Path, Status))
    return false; // missing, or a broken link: both are "no such file"
  if (fs::is_directory(Status)) {
    if (SeenFolders.insert(Status.getUniqueID()).second)
      walk(Path);
    return true;
  }
  if (ForceExclude && Excludes.match(Path))
    return true;
  if (!fs::is_regular_file(Status)) {
    Errors.push_back({Path, "not a regular file: skipped"});
    return true;
  }
  take(Path, Status.getUniqueID());
  return true;
}

void FileWalker::take(const std::string &Path, const fs::UniqueID &ID) {
  // A file reached twice (named twice, or through a link) is analyzed once,
  // under the first path: two copies would report every finding twice.
  if (SeenFiles.insert(ID).second)
    Files.push_back(Path);
}

void FileWalker::walk(const std::string &Root) {
  std::vector<std::pair<std::string, fs::UniqueID>> Found;
  std::vector<std::string> Pending{Root};
  while (!Pending.empty()) {
    std::string Dir = std::move(Pending.back());
    Pending.pop_back();
    std::error_code EC;
    for (fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      std::string Child = Dir == "." ? Name.str()
                          : llvm::StringRef(Dir).endswith("/")
                              ? Dir + Name.str()
                              : Dir + "/" + Name.str();
      fs::file_status Status;
      if (std::error_code SEC = fs::status(Child, Status)) {
        // A link to nothing (or round a loop) matters only when it is named
        // like a Python file. A Python file or a folder (as the folder's
        // listing says) that cannot be looked at otherwise, such as one
        // whose path is longer than the system allows, is reported rather
        // than passed over; other files are none of racelint's business.
        bool Broken = SEC == std::errc::no_such_file_or_directory ||
                      SEC == std::errc::too_many_symbolic_link_levels;
        bool Folder = It->type() == fs::file_type::directory_file;
        if (Broken && isPythonFileName(Name))
          Errors.push_back({Child, "cannot read: broken symbolic link"});
        else if (!Broken &&
                 (isPythonFileName(Name) ||
                  (Folder && !isSkippedFolderName(Name))) &&
                 !Excludes.match(Child))
          Errors.push_back({Child, "cannot read: " + SEC.message()});
        continue;
      }
      if (fs::is_directory(Status)) {
        if (isSkippedFolderName(Name) || Excludes.match(Child))
          continue;
        // Following a link to a folder already walked would loop.
        if (SeenFolders.insert(Status.getUniqueID()).second)
          Pending.push_back(std::move(Child));
        continue;
      }
      if (fs::is_regular_file(Status) && isPythonFileName(Name) &&
          !Excludes.match(Child))
        Found.push_back({std::move(Child), Status.getUniqueID()});
    }
    if (EC)
      Errors.push_back({Dir, "cannot read folder: " + EC.message()});
  }
  std::sort(Found.begin(), Found.end(),
            [](const auto &A, const auto &B) { return A.first < B.first; });
  for (const auto &F : Found)
    take(F.first, F.second);
}

} // namespace racelint
