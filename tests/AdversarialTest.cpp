// Hostile input for the racelint binary: huge, long, deep, binary and
// oddly encoded files, odd line ends, and paths that are not plain files.
// Each case runs next to a normal racy file and checks the documented
// message and exit code, that the racy file is still reported, and, where a
// finding follows the odd input, its line. Also replays the saved fuzzer
// inputs of fuzz/regressions/ through the pipeline.
#include "TestSupport.h"

#include "../fuzz/FuzzPipeline.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace racelint;
using namespace racelint::test;

namespace {

/// A module with one `unguarded-read-modify-write` finding, at line 8,
/// column 5 (`count += 1`).
const char *const Racy = "import threading\n"
                         "\n"
                         "count = 0\n"
                         "\n"
                         "\n"
                         "def work():\n"
                         "    global count\n"
                         "    count += 1\n"
                         "\n"
                         "\n"
                         "for _ in range(4):\n"
                         "    threading.Thread(target=work).start()\n";
constexpr unsigned RacyLine = 8;
const char *const RacyRule = "[unguarded-read-modify-write]";

/// `check --output-format concise` on \p Paths.
RunOutput check(llvm::ArrayRef<std::string> Paths) {
  std::vector<std::string> Args{"check", "--output-format=concise",
                                "--no-progress", "--color=never"};
  Args.insert(Args.end(), Paths.begin(), Paths.end());
  return runRacelint(Args);
}

/// The lines of \p Text that start with \p Prefix.
std::vector<std::string> linesStartingWith(llvm::StringRef Text,
                                           llvm::StringRef Prefix) {
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  std::vector<std::string> Found;
  for (llvm::StringRef L : Lines)
    if (L.startswith(Prefix))
      Found.push_back(L.str());
  return Found;
}

/// The `line:col` of each racy finding in \p Path, in output order.
std::vector<std::string> racyAt(const RunOutput &R, llvm::StringRef Path) {
  std::vector<std::string> At;
  for (const std::string &L : linesStartingWith(R.Out, (Path + ":").str())) {
    if (!llvm::StringRef(L).endswith(RacyRule))
      continue;
    llvm::StringRef Rest = llvm::StringRef(L).drop_front(Path.size() + 1);
    auto [Line, AfterLine] = Rest.split(':');
    At.push_back((Line + ":" + AfterLine.split(':').first).str());
  }
  return At;
}

/// Expects exactly the error line `<Path>: error: <Message>` about \p Path
/// on stderr.
void expectOneError(const RunOutput &R, llvm::StringRef Path,
                    llvm::StringRef Message) {
  std::vector<std::string> Errors =
      linesStartingWith(R.Err, (Path + ": error: ").str());
  ASSERT_EQ(Errors.size(), 1u) << R.Err;
  EXPECT_EQ(Errors[0], (Path + ": error: " + Message).str());
}

/// Runs check on \p Paths of \p T, which also holds `racy.py`: expects exit
/// 1, the racy file reported at its line, and a summary line.
RunOutput checkWithRacy(const TempDir &T, std::vector<std::string> Paths) {
  std::string RacyPath = T.write("racy.py", Racy);
  Paths.push_back(RacyPath);
  RunOutput R = check(Paths);
  EXPECT_GE(R.Status, 0) << "crashed or timed out: " << R.Err;
  EXPECT_EQ(R.Status, 1) << R.Out << R.Err;
  EXPECT_EQ(racyAt(R, RacyPath),
            std::vector<std::string>{std::to_string(RacyLine) + ":5"})
      << R.Out;
  EXPECT_NE(R.Err.find("racelint: "), std::string::npos) << R.Err;
  return R;
}

/// \p Prefix, then the racy module, with every `\n` replaced by \p LineEnd.
std::string racyAfter(llvm::StringRef Prefix, llvm::StringRef LineEnd = "\n") {
  std::string S = (Prefix + Racy).str();
  if (LineEnd == "\n")
    return S;
  std::string Out;
  for (char C : S)
    Out += C == '\n' ? LineEnd.str() : std::string(1, C);
  return Out;
}

std::string racyLineAfter(unsigned PrefixLines, unsigned Column = 5) {
  return std::to_string(PrefixLines + RacyLine) + ":" + std::to_string(Column);
}

} // namespace

TEST(Adversarial, FileLargerThanTheLimitGetsOneLine) {
  TempDir T;
  // 100 MB of valid Python: its size is the only thing wrong with it.
  std::string Big = T.file("big.py");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Big, EC);
    ASSERT_FALSE(EC) << EC.message();
    std::string Chunk;
    for (int I = 0; I < (1 << 20) / 8; ++I)
      Chunk += "x = 11\n\n";
    for (int I = 0; I < 100; ++I)
      OS << Chunk;
  }
  uint64_t Size = 0;
  ASSERT_FALSE(llvm::sys::fs::file_size(Big, Size));
  ASSERT_EQ(Size, 100ull << 20);
  RunOutput R = checkWithRacy(T, {Big});
  expectOneError(R, Big,
                 "file too large (104857600 bytes; the limit is "
                 "67108864): skipped");
  EXPECT_NE(R.Err.find("racelint: 2 files, 1 finding (1 error)"),
            std::string::npos)
      << R.Err;
}

TEST(Adversarial, MillionLines) {
  TempDir T;
  // Mostly blank lines, with a statement and a comment every 100 lines: the
  // line table and line numbers are under test here; bench/ measures the
  // cost of dense code.
  std::string Text;
  Text.reserve(3 << 20);
  for (int I = 0; I < 1000000; ++I)
    Text += I % 100 == 0 ? "x = 1\n" : I % 100 == 50 ? "# c\n" : "\n";
  std::string P = T.write("million.py", racyAfter(Text));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(1000000)});
}

TEST(Adversarial, DeepParentheses) {
  TempDir T;
  std::string P =
      T.write("parens.py", racyAfter("x = " + std::string(50000, '(') + "1" +
                                     std::string(50000, ')') + "\n"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(1)});
  EXPECT_TRUE(linesStartingWith(R.Err, P + ": error: ").empty()) << R.Err;
}

TEST(Adversarial, DeepBlocks) {
  TempDir T;
  std::string Blocks;
  for (int I = 0; I < 10000; ++I)
    Blocks += std::string(I, ' ') + "if True:\n";
  Blocks += std::string(10000, ' ') + "pass\n";
  std::string P = T.write("blocks.py", racyAfter(Blocks));
  RunOutput R = checkWithRacy(T, {P});
  // CPython refuses more than 100 levels; at most the first syntax error is
  // reported, and the code after the nest is still analyzed.
  EXPECT_LE(linesStartingWith(R.Out, P + ":").size(), 2u) << R.Out;
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(10001)});
}

TEST(Adversarial, LongSingleLine) {
  TempDir T;
  // A 200 KB line holding a list display and, at its end, the racy update:
  // the column counts every byte before it.
  std::string List = "y = [";
  while (List.size() < 200000)
    List += "1, ";
  List += "]; ";
  std::string Text = std::string(Racy);
  size_t At = Text.find("    count += 1");
  Text.insert(At + 4, List);
  std::string P = T.write("long.py", Text);
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P),
            std::vector<std::string>{racyLineAfter(0, 5 + List.size())});
}

TEST(Adversarial, NulBytes) {
  TempDir T;
  std::string P =
      T.write("nul.py", llvm::StringRef("x = 1\ny = 2\nz = '\0'\n", 19));
  RunOutput R = checkWithRacy(T, {P});
  expectOneError(R, P,
                 "contains a NUL byte (line 3): binary file, not Python "
                 "source");
}

TEST(Adversarial, InvalidUtf8) {
  TempDir T;
  std::string P = T.write("latin1.py", "x = 1\nname = 'caf\xe9'\n");
  RunOutput R = checkWithRacy(T, {P});
  expectOneError(R, P,
                 "not valid UTF-8 (line 2, byte offset 17) and no `# -*- "
                 "coding: ... -*-` line "
                 "declares another encoding");
  // An overlong encoding and a lone continuation byte are refused too.
  std::string Overlong = T.write("overlong.py", "x = '\xc0\xaf'\n");
  std::string Lone = T.write("lone.py", "\x80");
  RunOutput R2 = checkWithRacy(T, {Overlong, Lone});
  expectOneError(R2, Overlong,
                 "not valid UTF-8 (line 1, byte offset 5) and no `# -*- "
                 "coding: ... -*-` line "
                 "declares another encoding");
  expectOneError(R2, Lone,
                 "not valid UTF-8 (line 1, byte offset 0) and no `# -*- "
                 "coding: ... -*-` line "
                 "declares another encoding");
}

TEST(Adversarial, DeclaredEncodingIsDecoded) {
  TempDir T;
  // PEP 263: latin-1 and KOI8-R files that say so are Python; the race in
  // each is found, columns counted in characters as CPython counts them.
  std::string Body = std::string(Racy).substr(std::string(Racy).find('\n') + 1);
  std::string Latin = T.write(
      "latin.py",
      "# -*- coding: latin-1 -*-\nimport threading  # caf\xe9\n" + Body);
  std::string Koi = T.write(
      "koi.py", "#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\n"
                "import threading\n"
                "name = '\xf0\xd2\xc9\xd7\xc5\xd4'\n" +
                    Body.substr(Body.find('\n') + 1));
  RunOutput R = checkWithRacy(T, {Latin, Koi});
  EXPECT_EQ(R.Err.find(": error:"), std::string::npos) << R.Err;
  EXPECT_EQ(racyAt(R, Latin),
            std::vector<std::string>{std::to_string(RacyLine + 1) + ":5"})
      << R.Out;
  EXPECT_EQ(racyAt(R, Koi),
            std::vector<std::string>{std::to_string(RacyLine + 2) + ":5"})
      << R.Out;
  // Bytes the declared encoding cannot decode, and an unknown encoding.
  std::string BadAscii =
      T.write("bad_ascii.py", "# coding: cp932\nx = '\x81'\n");
  std::string Unknown =
      T.write("unknown.py", "# coding: no-such-codec\nx = 1\n");
  RunOutput R2 = checkWithRacy(T, {BadAscii, Unknown});
  expectOneError(R2, BadAscii,
                 "not valid cp932 (line 2, byte offset 21), the encoding it "
                 "declares");
  expectOneError(R2, Unknown,
                 "declares the encoding `no-such-codec`, which racelint "
                 "cannot decode");
}

TEST(Adversarial, ByteOrderMark) {
  TempDir T;
  std::string P = T.write("bom.py", racyAfter("\xEF\xBB\xBF"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(0)});
  EXPECT_TRUE(linesStartingWith(R.Err, P + ": error: ").empty()) << R.Err;
}

TEST(Adversarial, CrLfLineEnds) {
  TempDir T;
  std::string P = T.write("crlf.py", racyAfter("x = 1\n\n# c\n", "\r\n"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(3)});
}

TEST(Adversarial, LoneCrLineEnds) {
  TempDir T;
  std::string P = T.write("cr.py", racyAfter("x = 1\n\n# c\n", "\r"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(3)});
}

TEST(Adversarial, MixedLineEnds) {
  TempDir T;
  // LF, CRLF, lone CR and a CR before a CRLF: five line ends, five lines.
  std::string P =
      T.write("mixed.py", racyAfter("a = 1\nb = 2\r\nc = 3\rd = 4\r\r\n"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(5)});
}

TEST(Adversarial, TabIndentation) {
  TempDir T;
  std::string Text = Racy;
  for (size_t At; (At = Text.find("    ")) != std::string::npos;)
    Text.replace(At, 4, "\t");
  std::string P = T.write("tabs.py", "if True:\n\tx = 1\n" + Text);
  RunOutput R = checkWithRacy(T, {P});
  // The column counts the tab as one character.
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(2, 2)});
}

TEST(Adversarial, FormFeeds) {
  TempDir T;
  // A form feed alone on a line separates sections in older modules (the
  // standard library has them); elsewhere it is white space.
  std::string P = T.write("ff.py", racyAfter("\f\nx = 1\n\f\n\ny = [1,\f 2]\n"
                                             "z = 3  \f# c\nif True:\n"
                                             "\f    w = 1\n"));
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(racyAt(R, P), std::vector<std::string>{racyLineAfter(8)});
  EXPECT_EQ(linesStartingWith(R.Out, P + ":").size(), 1u) << R.Out;
}

// CPython resets the indentation count at a form feed at the start of a
// line, so `\fdef f():` is a definition at column 0, not an indent.
TEST(Adversarial, FormFeedBeforeCodeIsNotAnIndent) {
  TempDir T;
  std::string Text = Racy;
  Text.replace(Text.find("def work"), 0, "\f");
  std::string P = T.write("ff.py", Text);
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_EQ(linesStartingWith(R.Out, P + ":").size(), 1u) << R.Out;
}

TEST(Adversarial, EmptyFile) {
  TempDir T;
  std::string P = T.write("empty.py", "");
  RunOutput R = checkWithRacy(T, {P});
  EXPECT_TRUE(linesStartingWith(R.Err, P + ":").empty()) << R.Err;
  EXPECT_NE(R.Err.find("racelint: 2 files, 1 finding (0 errors)"),
            std::string::npos)
      << R.Err;
}

TEST(Adversarial, FolderNamedLikeAPythonFile) {
  TempDir T;
  // A folder named `x.py` is walked like any folder, named or found.
  std::string Inner = T.write("x.py/inner.py", Racy);
  RunOutput Named = checkWithRacy(T, {T.file("x.py")});
  EXPECT_EQ(racyAt(Named, Inner), std::vector<std::string>{racyLineAfter(0)});
  EXPECT_EQ(Named.Err.find(": error: "), std::string::npos) << Named.Err;
  TempDir U;
  U.write("sub/x.py/inner.py", Racy);
  RunOutput Walked = checkWithRacy(U, {U.file("sub")});
  EXPECT_EQ(racyAt(Walked, U.file("sub/x.py/inner.py")),
            std::vector<std::string>{racyLineAfter(0)});
}

TEST(Adversarial, UnreadableFile) {
  TempDir T;
  std::string P = T.write("secret.py", Racy);
  ASSERT_EQ(::chmod(P.c_str(), 0), 0);
  int FD = ::open(P.c_str(), O_RDONLY);
  if (FD < 0) {
    RunOutput R = checkWithRacy(T, {P});
    expectOneError(R, P, "cannot read: Permission denied");
    ::chmod(P.c_str(), 0600);
    return;
  }
  // Privileged (root reads a mode-000 file): an entry that cannot be read
  // as a file instead, a FIFO. Reading it would block forever.
  ::close(FD);
  ::chmod(P.c_str(), 0600);
  llvm::sys::fs::remove(P);
  std::string Fifo = T.file("fifo.py");
  ASSERT_EQ(::mkfifo(Fifo.c_str(), 0600), 0);
  RunOutput R = checkWithRacy(T, {Fifo});
  expectOneError(R, Fifo, "not a regular file: skipped");
  // Found by a walk, it is passed over without blocking.
  RunOutput Walked = checkWithRacy(T, {T.path()});
  EXPECT_TRUE(linesStartingWith(Walked.Err, Fifo).empty()) << Walked.Err;
  // TempDir's removal leaves anything but files, folders and links alone.
  EXPECT_EQ(::unlink(Fifo.c_str()), 0);
}

TEST(Adversarial, DanglingSymlink) {
  TempDir T;
  std::string Link = T.file("dangling.py");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.file("missing.py"), Link));
  // Found by a walk: one error line, the rest is analyzed.
  RunOutput R = checkWithRacy(T, {T.path()});
  expectOneError(R, Link, "cannot read: broken symbolic link");
  // Named on the command line, it is a path that does not exist.
  RunOutput Named = runRacelint({"check", Link, T.file("racy.py")});
  EXPECT_EQ(Named.Status, 2);
  EXPECT_EQ(Named.Err,
            "racelint: error: " + Link + ": no such file or directory\n");
}

TEST(Adversarial, SymlinkLoops) {
  TempDir T;
  // A folder link back to its parent, and two file links naming each other.
  T.mkdir("pkg");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.path(), T.file("pkg/back")));
  ASSERT_FALSE(llvm::sys::fs::create_link(T.file("b.py"), T.file("a.py")));
  ASSERT_FALSE(llvm::sys::fs::create_link(T.file("a.py"), T.file("b.py")));
  RunOutput R = checkWithRacy(T, {T.path()});
  // racy.py is reached once, not again through pkg/back.
  EXPECT_NE(R.Err.find("racelint: 1 file, 1 finding (2 errors)"),
            std::string::npos)
      << R.Err;
  expectOneError(R, T.file("a.py"), "cannot read: broken symbolic link");
  expectOneError(R, T.file("b.py"), "cannot read: broken symbolic link");
}

TEST(Adversarial, MissingPathIsAUsageError) {
  TempDir T;
  std::string Racy = T.write("racy.py", ::Racy);
  std::string Missing = T.file("no/such/file.py");
  RunOutput R = check({Racy, Missing});
  // The request itself is wrong: exit 2 before anything is analyzed.
  EXPECT_EQ(R.Status, 2);
  EXPECT_EQ(R.Out, "");
  EXPECT_EQ(R.Err,
            "racelint: error: " + Missing + ": no such file or directory\n");
}

TEST(Adversarial, FuzzRegressions) {
  std::string Dir = sourceDir() + "/fuzz/regressions";
  std::error_code EC;
  unsigned Count = 0;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    std::string Input = readFile(It->path());
    SCOPED_TRACE(It->path());
    EXPECT_EQ(fuzz::runPipeline(Input), "");
    ++Count;
  }
  // The pipeline on the normal racy file finds what the command line finds.
  size_t Findings = 0;
  EXPECT_EQ(fuzz::runPipeline(Racy, &Findings), "");
  EXPECT_EQ(Findings, 1u);
  RecordProperty("regressions", Count);
}

// A folder nest whose paths grow past the system's limit (PATH_MAX, 4096
// bytes on Linux): what racelint cannot reach is an error line, not a file
// silently left out.
TEST(Adversarial, PathLongerThanTheSystemAllows) {
  TempDir T;
  // Made one level at a time, each relative to the one above, since no
  // single call may name the whole path.
  int Dir = ::open(T.path().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(Dir, 0);
  std::string Name(200, 'd'), Notes(200, 'n'), Path = T.path();
  auto RemoveNest = llvm::make_scope_exit([&] {
    // TempDir removes by whole paths, which this nest outgrows; rm walks it
    // one level at a time.
    run("/bin/rm", {"-rf", T.file(Name)});
  });
  Notes += ".txt";
  for (int I = 0; I < 25; ++I) {
    // A file that is not Python beside each folder: out of reach too, but
    // none of racelint's business.
    int Txt = ::openat(Dir, Notes.c_str(), O_WRONLY | O_CREAT, 0644);
    ASSERT_GE(Txt, 0) << I;
    ::close(Txt);
    ASSERT_EQ(::mkdirat(Dir, Name.c_str(), 0755), 0) << I;
    int Next = ::openat(Dir, Name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(Dir);
    ASSERT_GE(Next, 0) << I;
    Dir = Next;
    Path += "/" + Name;
  }
  int File = ::openat(Dir, "deep.py", O_WRONLY | O_CREAT, 0644);
  ::close(Dir);
  ASSERT_GE(File, 0);
  ASSERT_EQ(::write(File, Racy, std::strlen(Racy)),
            static_cast<ssize_t>(std::strlen(Racy)));
  ::close(File);
  ASSERT_GT(Path.size(), 4096u);

  RunOutput R = checkWithRacy(T, {T.path()});
  // The first folder whose path is too long to look at is named, once.
  unsigned TooLong = 0;
  for (llvm::StringRef Line : llvm::split(R.Err, '\n'))
    TooLong += Line.endswith(": error: cannot read: File name too long");
  EXPECT_EQ(TooLong, 1u) << R.Err;
  EXPECT_EQ(R.Status, 1);
}
