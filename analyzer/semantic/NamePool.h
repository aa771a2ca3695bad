#pragma once

#include "llvm/ADT/StringRef.h"

namespace racelint {

/// The text of the summaries' names (references, attributes, methods,
/// keyword arguments), each distinct string stored once for the whole
/// process: the modules of a project share most of their names. Returns
/// a NUL-terminated copy that lives until the process ends; equal texts get
/// the same pointer, so callers may key caches by it (a string literal that
/// was not interned has another address). Thread-safe.
llvm::StringRef internName(llvm::StringRef S);

} // namespace racelint
