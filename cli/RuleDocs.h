#pragma once

#include "llvm/ADT/StringRef.h"

namespace racelint {

/// The text of docs/rules/<Id>.md as it was at build time; empty when the
/// rule has no page.
llvm::StringRef ruleDocText(llvm::StringRef Id);

} // namespace racelint
