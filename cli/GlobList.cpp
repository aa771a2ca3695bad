#include "GlobList.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace racelint {

llvm::Expected<GlobList> GlobList::create(llvm::ArrayRef<std::string> Patterns,
                                          llvm::StringRef BaseDir) {
  GlobList L;
  L.Texts = std::make_shared<std::deque<std::string>>();
  for (llvm::StringRef P : Patterns) {
    // `build/` and `./build` name the same folder as `build`.
    P = P.rtrim('/');
    while (P.consume_front("./"))
      ;
    L.Texts->push_back(P.str());
    auto G = llvm::GlobPattern::create(L.Texts->back());
    if (!G)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "bad glob '" + P.str() +
                                         "': " + llvm::toString(G.takeError()));
    L.Globs.push_back(std::move(*G));
  }
  if (!BaseDir.empty()) {
    llvm::SmallString<256> Abs(BaseDir);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    L.BaseDir = std::string(Abs.str());
  }
  return L;
}

bool GlobList::match(llvm::StringRef Path) const {
  if (Globs.empty())
    return false;
  std::string Relative;
  if (!BaseDir.empty()) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    llvm::StringRef A = Abs;
    if (A.consume_front(BaseDir) && A.consume_front("/"))
      Relative = A.str();
  }
  auto Matches = [&](llvm::StringRef S) {
    for (const llvm::GlobPattern &G : Globs)
      if (G.match(S))
        return true;
    return false;
  };
  // The path and each folder holding it, each with every trailing part that
  // starts after a `/`.
  for (llvm::StringRef Candidate : {Path, llvm::StringRef(Relative)}) {
    while (!Candidate.empty()) {
      for (llvm::StringRef Tail = Candidate;;) {
        if (!Tail.empty() && Matches(Tail))
          return true;
        size_t Slash = Tail.find('/');
        if (Slash == llvm::StringRef::npos)
          break;
        Tail = Tail.drop_front(Slash + 1);
      }
      size_t Slash = Candidate.rfind('/');
      if (Slash == llvm::StringRef::npos || Slash == 0)
        break;
      Candidate = Candidate.take_front(Slash);
    }
  }
  return false;
}

} // namespace racelint
