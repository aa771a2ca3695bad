#include "TestSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <unistd.h>

namespace racelint {
namespace test {

TempDir::TempDir() {
  llvm::SmallString<128> P;
  if (llvm::sys::fs::createUniqueDirectory("racelint-test", P)) {
    llvm::errs() << "cannot create a temporary folder\n";
    std::abort();
  }
  // Resolve links (/tmp may be one) so that paths compare as printed.
  llvm::SmallString<128> Real;
  if (!llvm::sys::fs::real_path(P, Real))
    P = Real;
  Path = std::string(P.str());
}

TempDir::~TempDir() { llvm::sys::fs::remove_directories(Path); }

std::string TempDir::file(llvm::StringRef Relative) const {
  return Path + "/" + Relative.str();
}

std::string TempDir::write(llvm::StringRef Relative,
                           llvm::StringRef Content) const {
  std::string P = file(Relative);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
  std::error_code EC;
  llvm::raw_fd_ostream OS(P, EC);
  OS << Content;
  return P;
}

std::string TempDir::mkdir(llvm::StringRef Relative) const {
  std::string P = file(Relative);
  llvm::sys::fs::create_directories(P);
  return P;
}

std::string readFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

RunOutput run(llvm::StringRef Program, llvm::ArrayRef<std::string> Args,
              llvm::StringRef Cwd, unsigned TimeoutSeconds) {
  TempDir Capture;
  std::string OutPath = Capture.file("stdout"),
              ErrPath = Capture.file("stderr");
  std::vector<llvm::StringRef> Argv{Program};
  for (const std::string &A : Args)
    Argv.push_back(A);
  llvm::Optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  RunOutput R;
  // ExecuteAndWait has no working-folder argument: change it around the
  // call (tests run one at a time within a process).
  llvm::SmallString<256> Saved;
  llvm::sys::fs::current_path(Saved);
  if (!Cwd.empty() && ::chdir(Cwd.str().c_str()) != 0)
    return R;
  std::string Message;
  R.Status = llvm::sys::ExecuteAndWait(Program, Argv, llvm::None, Redirects,
                                       TimeoutSeconds, 0, &Message);
  if (!Cwd.empty() && ::chdir(Saved.c_str()) != 0)
    std::abort();
  R.Out = readFile(OutPath);
  R.Err = readFile(ErrPath) + Message;
  return R;
}

RunOutput runRacelint(llvm::ArrayRef<std::string> Args, llvm::StringRef Cwd) {
  return run(RACELINT_BINARY, Args, Cwd);
}

std::string sourceDir() { return RACELINT_SOURCE_DIR; }

} // namespace test
} // namespace racelint
