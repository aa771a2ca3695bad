#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <system_error>

namespace racelint {

/// Closes \p OS and returns the error of its writes or of the close (a
/// full disk, a file size limit), cleared from the stream: LLVM aborts the
/// program when a stream is destroyed with an error nobody read.
inline std::error_code closeStream(llvm::raw_fd_ostream &OS) {
  OS.close();
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

/// Writes \p Path whole or not at all: \p Write fills `PATH.tmp-XXXXXXXX`
/// beside it, which is renamed over \p Path once every byte is on disk, and
/// removed when a write, the close or the rename fails (whose error is
/// returned). Readers never see a file cut short, and a full disk leaves
/// the old \p Path as it was.
inline std::error_code
writeFileAtomically(const llvm::Twine &Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write,
                    llvm::sys::fs::OpenFlags Flags = llvm::sys::fs::OF_None) {
  llvm::SmallString<256> Final, Tmp;
  Path.toVector(Final);
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Final + ".tmp-%%%%%%%%", FD, Tmp, Flags))
    return EC;
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  Write(OS);
  std::error_code EC = closeStream(OS);
  if (!EC)
    EC = llvm::sys::fs::rename(Tmp, Final);
  if (EC)
    llvm::sys::fs::remove(Tmp);
  return EC;
}

} // namespace racelint
