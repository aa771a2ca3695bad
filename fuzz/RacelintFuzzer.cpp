// libFuzzer entry point: the whole pipeline on one input, as one file and as
// a two-file project (see FuzzPipeline.h). A crash, a sanitizer report, a
// timeout or a finding located outside its file is a failure.
#include "FuzzPipeline.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  std::string Bad = racelint::fuzz::runPipeline(Input);
  if (!Bad.empty()) {
    llvm::errs() << "racelint-fuzz: " << Bad << "\n";
    llvm::errs().flush();
    std::abort();
  }
  return 0;
}
