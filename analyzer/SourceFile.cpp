#include "SourceFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cstring>

#include <iconv.h>

namespace racelint {

namespace {

llvm::Error failure(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// The offset of the first byte of \p Text at or above 0x80 (or its size),
/// eight bytes at a time: most source files are all ASCII.
size_t firstNonAscii(llvm::StringRef Text) {
  size_t I = 0, N = Text.size();
  for (; I + 8 <= N; I += 8) {
    uint64_t Word;
    std::memcpy(&Word, Text.data() + I, 8);
    if (Word & 0x8080808080808080ULL)
      break;
  }
  for (; I < N; ++I)
    if (static_cast<unsigned char>(Text[I]) >= 0x80)
      return I;
  return N;
}

/// Line of byte \p Offset, counted the way Python counts (LF, CRLF, lone CR).
unsigned lineOfOffset(llvm::StringRef Text, size_t Offset) {
  unsigned Line = 1;
  for (size_t I = 0; I < Offset && I < Text.size(); ++I)
    if (Text[I] == '\n' ||
        (Text[I] == '\r' && (I + 1 >= Text.size() || Text[I + 1] != '\n')))
      ++Line;
  return Line;
}

/// The encoding a PEP 263 declaration names (`# -*- coding: latin-1 -*-`),
/// lower-cased with `_` spelled `-` as Python normalizes it, or "": on
/// line 1, or on line 2 after a comment or blank line.
std::string declaredEncoding(llvm::StringRef Text) {
  for (int L = 0; L < 2 && !Text.empty(); ++L) {
    size_t End = Text.find_first_of("\r\n");
    llvm::StringRef Line = Text.take_front(End).ltrim(" \t\f");
    Text = End == llvm::StringRef::npos ? "" : Text.drop_front(End + 1);
    if (!Line.startswith("#")) {
      if (!Line.empty())
        return "";
      continue;
    }
    for (size_t At = Line.find("coding"); At != llvm::StringRef::npos;
         At = Line.find("coding", At + 6)) {
      llvm::StringRef After = Line.drop_front(At + 6);
      if (After.empty() || (After[0] != ':' && After[0] != '='))
        continue;
      llvm::StringRef Name =
          After.drop_front().ltrim(" \t").take_while([](char C) {
            return llvm::isAlnum(C) || C == '-' || C == '_' || C == '.';
          });
      if (!Name.empty()) {
        std::string N = Name.lower();
        std::replace(N.begin(), N.end(), '_', '-');
        return N;
      }
    }
  }
  return "";
}

/// Whether \p Encoding (as declaredEncoding spells it) reads as UTF-8.
bool isUtf8Encoding(llvm::StringRef Encoding) {
  return Encoding == "utf-8" || Encoding == "utf8" || Encoding == "utf-8-sig" ||
         Encoding == "utf8-sig" || Encoding == "ascii" ||
         Encoding == "us-ascii";
}

/// \p Bytes decoded from \p Encoding (as declaredEncoding spells it) to
/// UTF-8.
llvm::Expected<std::string> decodeToUtf8(llvm::StringRef Bytes,
                                         const std::string &Encoding) {
  // Python's spelling that iconv does not know.
  const char *Name = Encoding == "latin-1" ? "ISO-8859-1" : Encoding.c_str();
  iconv_t CD = iconv_open("UTF-8", Name);
  if (CD == reinterpret_cast<iconv_t>(-1))
    return failure("declares the encoding `" + Encoding +
                   "`, which racelint cannot decode");
  std::string Out(Bytes.size() * 4 + 16, '\0');
  char *In = const_cast<char *>(Bytes.data());
  size_t InLeft = Bytes.size();
  char *Dst = Out.data();
  size_t DstLeft = Out.size();
  size_t R = iconv(CD, &In, &InLeft, &Dst, &DstLeft);
  iconv_close(CD);
  if (R == static_cast<size_t>(-1)) {
    size_t Bad = In - Bytes.data();
    return failure("not valid " + Encoding + " (line " +
                   llvm::Twine(lineOfOffset(Bytes, Bad)) + ", byte offset " +
                   llvm::Twine(Bad) + "), the encoding it declares");
  }
  Out.resize(Out.size() - DstLeft);
  return Out;
}

} // namespace

llvm::Expected<std::unique_ptr<SourceFile>>
SourceFile::load(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return failure("cannot read: " + EC.message());
  if (llvm::sys::fs::is_directory(Status))
    return failure("is a directory, not a Python file");
  if (Status.getSize() > MaxBytes)
    return failure("file too large (" + llvm::Twine(Status.getSize()) +
                   " bytes; the limit is " + llvm::Twine(MaxBytes) +
                   "): skipped");
  // Read straight into the string the SourceFile keeps (no second copy).
  llvm::Expected<llvm::sys::fs::file_t> FD =
      llvm::sys::fs::openNativeFileForRead(Path);
  if (!FD)
    return failure("cannot read: " +
                   llvm::errorToErrorCode(FD.takeError()).message());
  std::string Bytes(Status.getSize(), '\0');
  size_t Have = 0;
  char Extra[4096]; // past the size stat() gave: a grown or special file
  while (Have <= MaxBytes) {
    bool Inside = Have < Bytes.size();
    llvm::MutableArrayRef<char> Into =
        Inside ? llvm::MutableArrayRef<char>(Bytes.data() + Have,
                                             Bytes.size() - Have)
               : llvm::MutableArrayRef<char>(Extra, sizeof Extra);
    llvm::Expected<size_t> Got = llvm::sys::fs::readNativeFile(*FD, Into);
    if (!Got) {
      llvm::sys::fs::closeFile(*FD);
      return failure("cannot read: " +
                     llvm::errorToErrorCode(Got.takeError()).message());
    }
    if (*Got == 0)
      break;
    if (!Inside)
      Bytes.append(Extra, *Got);
    Have += *Got;
  }
  llvm::sys::fs::closeFile(*FD);
  Bytes.resize(Have);
  // PEP 263: a file that declares another encoding is read in it (a UTF-8
  // byte order mark overrides any declaration).
  std::string Encoding = declaredEncoding(Bytes);
  if (!Encoding.empty() && !isUtf8Encoding(Encoding) &&
      !llvm::StringRef(Bytes).startswith("\xEF\xBB\xBF")) {
    auto Decoded = decodeToUtf8(Bytes, Encoding);
    if (!Decoded)
      return Decoded.takeError();
    return fromString(Path, std::move(*Decoded));
  }
  return fromString(Path, std::move(Bytes));
}

llvm::Expected<std::unique_ptr<SourceFile>>
SourceFile::fromText(llvm::StringRef Path, llvm::StringRef Text) {
  return fromString(Path, Text.str());
}

llvm::Expected<std::unique_ptr<SourceFile>>
SourceFile::fromString(llvm::StringRef Path, std::string Owned) {
  if (Owned.size() > MaxBytes)
    return failure("file too large (" + llvm::Twine(Owned.size()) +
                   " bytes; the limit is " + llvm::Twine(MaxBytes) +
                   "): skipped");
  if (llvm::StringRef(Owned).startswith("\xEF\xBB\xBF"))
    Owned.erase(0, 3);
  llvm::StringRef Text = Owned;
  size_t Nul = Text.find('\0');
  if (Nul != llvm::StringRef::npos)
    return failure("contains a NUL byte (line " +
                   llvm::Twine(lineOfOffset(Text, Nul)) +
                   "): binary file, not Python source");
  // An ASCII prefix is valid UTF-8 as it is.
  size_t NonAscii = firstNonAscii(Text);
  // Each multi-byte sequence is checked; the ASCII between them is skipped
  // a word at a time.
  const auto *Begin = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  size_t Bad = NonAscii;
  while (Bad < Text.size() &&
         llvm::isLegalUTF8Sequence(Begin + Bad, Begin + Text.size())) {
    Bad += llvm::getNumBytesForUTF8(Begin[Bad]);
    Bad += firstNonAscii(Text.drop_front(Bad));
  }
  if (Bad < Text.size()) {
    return failure("not valid UTF-8 (line " +
                   llvm::Twine(lineOfOffset(Text, Bad)) + ", byte offset " +
                   llvm::Twine(Bad) +
                   ") and no `# -*- coding: ... -*-` line declares another "
                   "encoding");
  }

  std::unique_ptr<SourceFile> F(new SourceFile());
  F->Path = Path.str();
  F->Text = std::move(Owned);
  Text = F->Text;
  F->LineStarts.push_back(0);
  bool LoneCR = false;
  if (!Text.contains('\r')) {
    // Only LF ends lines: memchr finds them.
    const char *P = Text.data(), *End = P + Text.size();
    while (const char *NL = static_cast<const char *>(
               std::memchr(P, '\n', static_cast<size_t>(End - P)))) {
      F->LineStarts.push_back(static_cast<uint32_t>(NL + 1 - Text.data()));
      P = NL + 1;
    }
  } else {
    for (size_t I = 0, E = Text.size(); I < E; ++I) {
      if (Text[I] == '\r') {
        if (I + 1 < E && Text[I + 1] == '\n')
          continue;
        LoneCR = true; // a lone CR ends a line in Python
      } else if (Text[I] != '\n') {
        continue;
      }
      F->LineStarts.push_back(static_cast<uint32_t>(I + 1));
    }
  }
  // Only the rare file with lone CRs keeps a second copy, for the parser.
  if (LoneCR) {
    F->ParseText = F->Text;
    for (uint32_t Start : F->LineStarts)
      if (Start > 0 && F->ParseText[Start - 1] == '\r')
        F->ParseText[Start - 1] = '\n';
  }
  if (F->LineStarts.size() > 1 && F->LineStarts.back() == Text.size())
    F->LineStarts.pop_back();
  F->LineStarts.shrink_to_fit();
  // Columns count code points; most lines are ASCII, where a column is just
  // an offset, so only the others are walked (long lines stay linear).
  F->NonAsciiLines.assign(F->LineStarts.size(), false);
  for (size_t I = NonAscii; I < Text.size();) {
    unsigned L = F->line(static_cast<uint32_t>(I)); // 1-based
    F->NonAsciiLines[L - 1] = true;
    if (L >= F->LineStarts.size())
      break;
    I = F->LineStarts[L];
    I += firstNonAscii(Text.drop_front(I));
  }
  return F;
}

unsigned SourceFile::line(uint32_t Offset) const {
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  return static_cast<unsigned>(It - LineStarts.begin());
}

Position SourceFile::position(uint32_t Offset) const {
  unsigned Line = line(Offset);
  uint32_t Start = LineStarts[Line - 1];
  if (!NonAsciiLines[Line - 1])
    return {Line, static_cast<unsigned>(
                      std::min<uint32_t>(Offset, Text.size()) - Start + 1)};
  unsigned Column = 1;
  for (uint32_t I = Start; I < Offset && I < Text.size(); ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
      ++Column;
  return {Line, Column};
}

llvm::StringRef SourceFile::lineText(unsigned Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  uint32_t Start = LineStarts[Line - 1];
  uint32_t End = Line < LineStarts.size() ? LineStarts[Line] : Text.size();
  llvm::StringRef L = llvm::StringRef(Text).slice(Start, End);
  return L.rtrim("\r\n");
}

} // namespace racelint
