#pragma once

#include "OutputFormatter.h"

namespace racelint {

/// One line per finding: `path:line:col: warning: message [rule-id]`.
class ConciseFormatter : public OutputFormatter {
public:
  explicit ConciseFormatter(bool Color) : Color(Color) {}
  void write(const ProjectAnalysis &Result, llvm::raw_ostream &OS) override;
  bool includesErrors() const override { return false; }

private:
  bool Color;
};

} // namespace racelint
