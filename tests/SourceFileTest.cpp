#include "SourceFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <sys/stat.h>
#include <thread>

using namespace racelint;

namespace {

std::unique_ptr<SourceFile> load(llvm::StringRef Text) {
  auto F = SourceFile::fromText("t.py", Text);
  EXPECT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  return F ? std::move(*F) : nullptr;
}

std::string loadError(llvm::StringRef Text) {
  auto F = SourceFile::fromText("t.py", Text);
  if (F)
    return "";
  return llvm::toString(F.takeError());
}

} // namespace

TEST(SourceFile, LineTableWithLf) {
  auto F = load("a = 1\nbb = 2\n");
  ASSERT_TRUE(F);
  EXPECT_EQ(F->lineCount(), 2u);
  EXPECT_EQ(F->lineText(1), "a = 1");
  EXPECT_EQ(F->lineText(2), "bb = 2");
  EXPECT_EQ(F->lineStart(2), 6u);
  EXPECT_EQ(F->position(6).Line, 2u);
  EXPECT_EQ(F->position(7).Column, 2u);
}

TEST(SourceFile, LineTableWithCrLf) {
  auto F = load("a = 1\r\nb = 2\r\nc");
  ASSERT_TRUE(F);
  EXPECT_EQ(F->lineCount(), 3u);
  EXPECT_EQ(F->lineText(1), "a = 1");
  EXPECT_EQ(F->lineText(2), "b = 2");
  EXPECT_EQ(F->lineText(3), "c");
  EXPECT_EQ(F->position(7).Line, 2u);
  EXPECT_EQ(F->position(7).Column, 1u);
  // Without a lone CR the parser reads the text itself, not a copy.
  EXPECT_EQ(F->parseText().data(), F->text().data());
}

TEST(SourceFile, LoneCrEndsALine) {
  auto F = load("a = 1\rb = 2\r");
  ASSERT_TRUE(F);
  EXPECT_EQ(F->lineCount(), 2u);
  EXPECT_EQ(F->lineText(2), "b = 2");
  // The parser sees LF, same length.
  EXPECT_EQ(F->parseText(), "a = 1\nb = 2\n");
  EXPECT_EQ(F->text().size(), F->parseText().size());
}

TEST(SourceFile, ColumnsCountCodePoints) {
  // `é` is two bytes, `€` three: columns count characters, not bytes.
  auto F = load("é€ = 1\n");
  ASSERT_TRUE(F);
  size_t Eq = F->text().find('=');
  EXPECT_EQ(F->position(Eq).Line, 1u);
  EXPECT_EQ(F->position(Eq).Column, 4u);
}

TEST(SourceFile, ByteOrderMarkIsDropped) {
  auto F = load("\xEF\xBB\xBFx = 1\n");
  ASSERT_TRUE(F);
  EXPECT_EQ(F->text(), "x = 1\n");
  EXPECT_EQ(F->position(0).Column, 1u);
}

TEST(SourceFile, NulByteIsABinaryFile) {
  std::string Text("x = 1\ny\0z\n", 10);
  std::string E = loadError(Text);
  EXPECT_NE(E.find("NUL"), std::string::npos) << E;
  EXPECT_NE(E.find("line 2"), std::string::npos) << E;
}

TEST(SourceFile, InvalidUtf8IsRejected) {
  std::string E = loadError("x = 1\ns = '\xff'\n");
  EXPECT_NE(E.find("not valid UTF-8"), std::string::npos) << E;
  EXPECT_NE(E.find("line 2"), std::string::npos) << E;
}

TEST(SourceFile, EveryLaterSequenceAndLineIsChecked) {
  // Past the first non-ASCII character, the UTF-8 check and the walk for
  // lines with non-ASCII columns skip ASCII runs eight bytes at a time: a
  // later bad byte, or a later non-ASCII line, at any offset is still seen.
  for (size_t At = 0; At < 20; ++At) {
    std::string Gap(At, 'a');
    std::string E =
        loadError("# \xc3\xa9\n#" + Gap + "\xe2\x82\xac" + Gap + "\xff\n");
    EXPECT_NE(E.find("byte offset " + std::to_string(9 + 2 * At) + ")"),
              std::string::npos)
        << At << ": " << E;
    auto F = load("# \xc3\xa9\nx = 1\n#" + Gap + "\xe2\x82\xac = 2\ny = 3\n");
    ASSERT_TRUE(F);
    llvm::StringRef T = F->text();
    size_t Eq2 = T.find('='), Eq3 = T.find('=', Eq2 + 1),
           Eq4 = T.find('=', Eq3 + 1);
    EXPECT_EQ(F->position(Eq2).Column, 3u) << At;
    EXPECT_EQ(F->position(Eq3).Line, 3u) << At;
    EXPECT_EQ(F->position(Eq3).Column, At + 4) << At;
    EXPECT_EQ(F->position(Eq4).Column, 3u) << At;
  }
}

TEST(SourceFile, FirstNonAsciiByteAtAnyOffset) {
  // The ASCII prefix is scanned eight bytes at a time: an invalid byte, or
  // a valid two-byte character, at each offset around those steps must be
  // found and placed exactly.
  for (size_t At = 0; At < 20; ++At) {
    std::string Prefix(At, 'a');
    std::string E = loadError("#" + Prefix + "\xff\n");
    EXPECT_NE(E.find("byte offset " + std::to_string(At + 1) + ")"),
              std::string::npos)
        << At << ": " << E;
    auto F = load("#" + Prefix + "\xc3\xa9 = 1\nx = 2\n");
    ASSERT_TRUE(F);
    size_t Eq = F->text().find('=');
    EXPECT_EQ(F->position(Eq).Column, At + 4) << At;
    EXPECT_EQ(F->lineText(2), "x = 2") << At;
  }
}

TEST(SourceFile, EmptyFile) {
  auto F = load("");
  ASSERT_TRUE(F);
  EXPECT_LE(F->lineCount(), 1u);
  EXPECT_EQ(F->lineText(1), "");
  EXPECT_EQ(F->lineText(2), "");
  EXPECT_EQ(F->position(0).Line, 1u);
}

TEST(SourceFile, NoFinalNewline) {
  auto F = load("a\nb");
  ASSERT_TRUE(F);
  EXPECT_EQ(F->lineCount(), 2u);
  EXPECT_EQ(F->lineText(2), "b");
}

TEST(SourceFile, LoadMissingFileFails) {
  auto F = SourceFile::load("/nonexistent/racelint/file.py");
  ASSERT_FALSE(static_cast<bool>(F));
  EXPECT_NE(llvm::toString(F.takeError()).find("cannot read"),
            std::string::npos);
}

TEST(SourceFile, LoadReadsPastTheSizeStatReports) {
  // A pipe reports size 0: load() must read on to the end, across more
  // than one 4 KiB read.
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("racelint-fifo", Dir));
  std::string Fifo = (Dir + "/p.py").str();
  ASSERT_EQ(mkfifo(Fifo.c_str(), 0600), 0);
  std::string Text;
  for (int I = 0; I < 2000; ++I)
    Text += "x" + std::to_string(I) + " = 1\n";
  std::thread Writer([&] {
    std::ofstream Out(Fifo, std::ios::binary);
    Out << Text;
  });
  auto F = SourceFile::load(Fifo);
  Writer.join();
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  EXPECT_EQ((*F)->text(), Text);
  EXPECT_EQ((*F)->lineCount(), 2000u);
  llvm::sys::fs::remove(Fifo);
  llvm::sys::fs::remove(Dir);
}
