#pragma once

#include "Diagnostic.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace racelint {

/// How `racelint confirm` runs the target under the harness.
struct HarnessOptions {
  std::string Python;              ///< the interpreter to run
  std::string Script;              ///< harness/racelint_harness.py
  std::vector<std::string> Target; ///< `script.py args...` or `-m mod args...`
  std::string Cwd;                 ///< where the target runs
  unsigned Runs = 20;
  double Timeout = 20; ///< seconds per run
  double Wait = 0.5;   ///< seconds a paused thread waits
  uint64_t Seed = 1;
};

/// What the harness said about the runs as a whole.
struct HarnessSummary {
  std::string Python; ///< "3.13.5 free-threaded, GIL off"
  bool FreeThreaded = false;
  uint64_t Seed = 0;
  unsigned Runs = 0;
  unsigned FailedRuns = 0; ///< runs whose target exited non-zero
  unsigned TimedOut = 0;
  std::string FirstFailure; ///< the target's last stderr line, if any
};

/// Runs the target under the harness, steering threads through each
/// finding's racing lines, and sets every finding's Result (confirmed,
/// not-reproduced, not-reached). Findings without two racing lines get
/// none. With no finding the target still runs, unsteered.
llvm::Expected<HarnessSummary> confirmFindings(std::vector<Diagnostic> &Diags,
                                               const HarnessOptions &Opts);

/// The harness script next to the sources this binary was built from (or
/// next to the binary); empty when not found.
std::string findHarnessScript(llvm::StringRef Executable);

} // namespace racelint
