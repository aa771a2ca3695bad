#pragma once

#include "AnalysisContext.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace racelint {

/// Pass 1's result for one file without its text, as bytes: the summary,
/// the syntax errors and the `racelint:` comments (the summary cache's
/// entries).
std::string serializeFileFacts(const FileAnalysis &FA);

/// Reads what serializeFileFacts wrote into \p FA (whose Source is set by
/// the caller). False, with \p FA unchanged, when \p Bytes is truncated or
/// corrupt, including an index (a function, an event's arguments or value,
/// a region or guard list) that points outside the summary.
bool deserializeFileFacts(llvm::StringRef Bytes, FileAnalysis &FA);

} // namespace racelint
