#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace racelint {

/// "1 file", "2 files"; \p Plural for words that do not just take an "s"
/// ("entry", "entries").
inline std::string plural(size_t N, llvm::StringRef Word,
                          llvm::StringRef Plural = "") {
  return std::to_string(N) + " " +
         (N == 1           ? Word.str()
          : Plural.empty() ? Word.str() + "s"
                           : Plural.str());
}

} // namespace racelint
