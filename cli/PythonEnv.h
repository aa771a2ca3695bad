#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace racelint {

/// The interpreter `racelint confirm` runs, and what it says about itself.
class PythonEnv {
public:
  /// The interpreter chosen, and why.
  struct Choice {
    std::string Path;
    std::string Reason;
    /// False when no free-threaded build was found and plain python3 is used.
    bool Preferred = true;
  };
  /// What the interpreter reports.
  struct Facts {
    std::string Version, Implementation, Executable;
    bool FreeThreadedBuild = false;
    bool GilEnabled = true;
  };

  /// Chooses as scripts/find-python does: \p Explicit (`--python`),
  /// `$RACELINT_PYTHON`, \p Configured (`[tool.racelint] python`),
  /// `python3.14t` / `python3.13t` on PATH, the one scripts/provision-python
  /// built, else `python3`.
  static Choice choose(llvm::StringRef Explicit, llvm::StringRef Configured);

  /// Runs \p Python (with a 30 s limit) and asks for its version, whether it
  /// is a free-threaded build and whether the GIL is on.
  static llvm::Expected<Facts> probe(llvm::StringRef Python);

  /// Prints the choice, the facts and the recommendation.
  static void print(const Choice &C, const Facts &F, llvm::raw_ostream &OS);

  /// The provisioning script next to the sources this binary was built from
  /// (or next to the binary in a build tree); empty when not found.
  static std::string provisionScript(llvm::StringRef Executable);
};

} // namespace racelint
