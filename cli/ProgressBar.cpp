#include "ProgressBar.h"

#include "llvm/Support/Format.h"

namespace racelint {

ProgressBar::ProgressBar(llvm::raw_ostream &OS, bool Enabled)
    : OS(OS), Enabled(Enabled), Start(std::chrono::steady_clock::now()) {}

void ProgressBar::update(size_t Done, size_t Total) {
  if (!Enabled || Total == 0)
    return;
  if (std::chrono::steady_clock::now() - Start < std::chrono::seconds(1))
    return;
  constexpr unsigned Width = 30;
  unsigned Filled = static_cast<unsigned>(Width * Done / Total);
  OS << "\r[" << std::string(Filled, '#') << std::string(Width - Filled, ' ')
     << "] " << Done << "/" << Total << " files";
  OS.flush();
  Drawn = true;
}

void ProgressBar::finish() {
  if (!Drawn)
    return;
  OS << "\r\x1b[2K";
  OS.flush();
  Drawn = false;
}

} // namespace racelint
