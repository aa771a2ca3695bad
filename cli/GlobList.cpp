#include "GlobList.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace racelint {

llvm::Expected<Glob> Glob::create(llvm::StringRef Pattern) {
  auto Invalid = [&] {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "invalid glob pattern: " + Pattern);
  };
  Glob G;
  for (llvm::StringRef S = Pattern; !S.empty();) {
    Token T;
    char C = S.front();
    S = S.drop_front();
    if (C == '*') {
      T.Star = true;
    } else if (C == '?') {
      T.Chars.set();
    } else if (C == '[') {
      // The first character is always in the class, even a `]`.
      size_t End = S.find(']', 1);
      if (End == llvm::StringRef::npos)
        return Invalid();
      llvm::StringRef Chars = S.take_front(End);
      S = S.drop_front(End + 1);
      bool Negated = Chars.consume_front("^") || Chars.consume_front("!");
      while (!Chars.empty()) {
        if (Chars.size() >= 3 && Chars[1] == '-') {
          unsigned char From = Chars[0], To = Chars[2];
          if (From > To)
            return Invalid();
          for (unsigned X = From; X <= To; ++X)
            T.Chars.set(X);
          Chars = Chars.drop_front(3);
        } else {
          T.Chars.set(static_cast<unsigned char>(Chars.front()));
          Chars = Chars.drop_front();
        }
      }
      if (Negated)
        T.Chars.flip();
    } else {
      if (C == '\\' && !S.empty()) {
        C = S.front();
        S = S.drop_front();
      }
      T.Chars.set(static_cast<unsigned char>(C));
    }
    G.Tokens.push_back(T);
  }
  return G;
}

bool Glob::match(llvm::StringRef Text) const {
  // Tokens one by one; at a `*`, remember where it is and let it take one
  // character more each time the rest fails. Only the last `*` needs
  // remembering: anything a later try could match, it matches too.
  size_t P = 0, I = 0, N = Tokens.size();
  size_t StarP = llvm::StringRef::npos, StarI = 0;
  while (I < Text.size()) {
    if (P < N && Tokens[P].Star) {
      StarP = P++;
      StarI = I;
    } else if (P < N &&
               Tokens[P].Chars.test(static_cast<unsigned char>(Text[I]))) {
      ++P;
      ++I;
    } else if (StarP != llvm::StringRef::npos) {
      P = StarP + 1;
      I = ++StarI;
    } else {
      return false;
    }
  }
  while (P < N && Tokens[P].Star)
    ++P;
  return P == N;
}

llvm::Expected<GlobList> GlobList::create(llvm::ArrayRef<std::string> Patterns,
                                          llvm::StringRef BaseDir) {
  GlobList L;
  for (llvm::StringRef P : Patterns) {
    // `build/` and `./build` name the same folder as `build`.
    P = P.rtrim('/');
    while (P.consume_front("./"))
      ;
    auto G = Glob::create(P);
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
    for (const Glob &G : Globs)
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
