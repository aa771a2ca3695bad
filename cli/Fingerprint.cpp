#include "Fingerprint.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA1.h"

namespace racelint {

std::string normalizeLine(llvm::StringRef Line) {
  std::string Out;
  char Quote = 0;
  bool Blank = false;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      if (C == '\\' && I + 1 < Line.size()) {
        Out += C;
        Out += Line[++I];
        continue;
      }
      if (C == Quote)
        Quote = 0;
      Out += C;
      continue;
    }
    if (C == '#')
      break;
    if (C == '\'' || C == '"')
      Quote = C;
    if (C == ' ' || C == '\t' || C == '\f' || C == '\r' || C == '\n') {
      Blank = true;
      continue;
    }
    if (Blank && !Out.empty())
      Out += ' ';
    Blank = false;
    Out += C;
  }
  return Out;
}

std::string fingerprint(const Diagnostic &D, llvm::StringRef LineText) {
  llvm::SHA1 Hash;
  // NUL separators keep ("a", "bc") and ("ab", "c") apart.
  for (llvm::StringRef Part : {llvm::StringRef(D.Rule), llvm::StringRef(D.Path),
                               llvm::StringRef(D.SharedState)}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  Hash.update(normalizeLine(LineText));
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

} // namespace racelint
