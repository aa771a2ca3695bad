#pragma once

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstddef>

namespace racelint {

/// A one-line progress bar on a terminal, drawn only once a run has taken
/// more than a second, and erased when done.
class ProgressBar {
public:
  /// \p Enabled is false when stderr is not a terminal or `--no-progress`.
  ProgressBar(llvm::raw_ostream &OS, bool Enabled);
  ~ProgressBar() { finish(); }
  void update(size_t Done, size_t Total);
  /// Erases the bar if it was drawn.
  void finish();

private:
  llvm::raw_ostream &OS;
  bool Enabled;
  bool Drawn = false;
  std::chrono::steady_clock::time_point Start;
};

} // namespace racelint
