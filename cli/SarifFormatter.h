#pragma once

#include "OutputFormatter.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace racelint {

/// SARIF 2.1.0: one reportingDescriptor per rule (help from its docs page),
/// results with related locations, a code flow through the racing accesses
/// and partial fingerprints; file errors as tool execution notifications.
class SarifFormatter : public OutputFormatter {
public:
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;

  /// \p Path as a SARIF artifact URI: relative paths stay relative
  /// (percent-encoded), absolute ones become `file://` URIs.
  static std::string artifactUri(llvm::StringRef Path);
};

} // namespace racelint
