#pragma once

#include "OutputFormatter.h"

#include "Diagnostic.h"

#include "llvm/Support/JSON.h"

namespace racelint {

/// A path (or a command-line word) as JSON text: a file name need not be
/// UTF-8, JSON must be. A byte that is not becomes U+FFFD, as llvm::json
/// mends it in a release build (a build with assertions would stop
/// instead). The text no longer names the file: `confirm` cannot match such
/// a finding to the code Python runs, which spells the byte `\udcff`.
std::string jsonPath(llvm::StringRef Path);

/// The stable JSON document of docs/json-output.md (version 1).
class JsonFormatter : public OutputFormatter {
public:
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;

  /// One finding as the JSON contract spells it, keys in contract order.
  static void writeFinding(llvm::json::OStream &J, const Diagnostic &D);
};

} // namespace racelint
