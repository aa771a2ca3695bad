#pragma once

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

} // namespace racelint
