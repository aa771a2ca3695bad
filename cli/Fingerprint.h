#pragma once

#include "Diagnostic.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace racelint {

/// \p Line without its comment and with each run of blanks made one space,
/// so that reindenting or a new comment keeps a finding's fingerprint.
std::string normalizeLine(llvm::StringRef Line);

/// A stable id of a finding that survives line shifts: a hash of its rule,
/// path, shared state and normalized flagged line \p LineText.
std::string fingerprint(const Diagnostic &D, llvm::StringRef LineText);

} // namespace racelint
