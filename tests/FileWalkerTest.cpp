#include "TestSupport.h"

#include "FileWalker.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace racelint;
using racelint::test::TempDir;

namespace {

std::vector<std::string> relative(const TempDir &T,
                                  const std::vector<std::string> &Files) {
  std::vector<std::string> Out;
  for (llvm::StringRef F : Files) {
    F.consume_front(T.path());
    F.consume_front("/");
    Out.push_back(F.str());
  }
  return Out;
}

std::vector<std::string> walk(const TempDir &T,
                              std::vector<std::string> Excludes = {}) {
  auto G = GlobList::create(Excludes);
  EXPECT_TRUE(static_cast<bool>(G));
  FileWalker W(std::move(*G));
  EXPECT_TRUE(W.add(T.path()));
  return relative(T, W.files());
}

} // namespace

TEST(FileWalker, FindsPythonFilesSorted) {
  TempDir T;
  T.write("b.py", "");
  T.write("a.pyi", "");
  T.write("pkg/c.py", "");
  T.write("notes.txt", "");
  T.write("script", "");
  EXPECT_EQ(walk(T), (std::vector<std::string>{"a.pyi", "b.py", "pkg/c.py"}));
}

TEST(FileWalker, SkipsToolFolders) {
  TempDir T;
  for (const char *D :
       {".git", "__pycache__", ".venv", "venv", "node_modules", "build"})
    T.write(std::string(D) + "/x.py", "");
  T.write("src/ok.py", "");
  EXPECT_EQ(walk(T), (std::vector<std::string>{"src/ok.py"}));
}

TEST(FileWalker, ExcludeGlobs) {
  TempDir T;
  T.write("src/a.py", "");
  T.write("src/a_test.py", "");
  T.write("tests/fixtures/f.py", "");
  T.write("tests/t.py", "");
  EXPECT_EQ(walk(T, {"*_test.py", "tests/fixtures"}),
            (std::vector<std::string>{"src/a.py", "tests/t.py"}));
}

TEST(FileWalker, FolderNamedLikeAPythonFileIsWalked) {
  TempDir T;
  T.write("weird.py/inner.py", "");
  EXPECT_EQ(walk(T), (std::vector<std::string>{"weird.py/inner.py"}));
}

TEST(FileWalker, SymlinkLoopIsFollowedOnce) {
  TempDir T;
  T.write("a/x.py", "");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.path() + "/a", T.file("a/loop")));
  ASSERT_FALSE(llvm::sys::fs::create_link(T.path(), T.file("a/up")));
  EXPECT_EQ(walk(T), (std::vector<std::string>{"a/x.py"}));
}

TEST(FileWalker, LinkedFileIsAnalyzedOnce) {
  TempDir T;
  T.write("a.py", "");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.file("a.py"), T.file("b.py")));
  EXPECT_EQ(walk(T), (std::vector<std::string>{"a.py"}));
}

TEST(FileWalker, DanglingSymlinkIsAnErrorNotACrash) {
  TempDir T;
  T.write("ok.py", "");
  ASSERT_FALSE(
      llvm::sys::fs::create_link(T.file("missing.py"), T.file("gone.py")));
  ASSERT_FALSE(
      llvm::sys::fs::create_link(T.file("missing"), T.file("gone-dir")));
  FileWalker W;
  ASSERT_TRUE(W.add(T.path()));
  EXPECT_EQ(relative(T, W.files()), (std::vector<std::string>{"ok.py"}));
  ASSERT_EQ(W.errors().size(), 1u);
  EXPECT_NE(W.errors()[0].Path.find("gone.py"), std::string::npos);
  EXPECT_NE(W.errors()[0].Message.find("broken symbolic link"),
            std::string::npos);
}

TEST(FileWalker, ExplicitFileIsTakenWhateverItsSuffix) {
  TempDir T;
  std::string Script = T.write("tool", "print(1)\n");
  FileWalker W;
  EXPECT_TRUE(W.add(Script));
  EXPECT_EQ(W.files(), (std::vector<std::string>{Script}));
}

TEST(FileWalker, MissingPathIsReported) {
  FileWalker W;
  EXPECT_FALSE(W.add("/nonexistent/racelint/path"));
  EXPECT_TRUE(W.files().empty());
}

TEST(FileWalker, ForceExcludeAppliesToExplicitFiles) {
  TempDir T;
  std::string F = T.write("gen_pb2.py", "");
  auto G = GlobList::create({"*_pb2.py"});
  ASSERT_TRUE(static_cast<bool>(G));
  FileWalker Plain(*G);
  Plain.add(F);
  EXPECT_EQ(Plain.files().size(), 1u);
  FileWalker Forced(*G, /*ForceExclude=*/true);
  Forced.add(F);
  EXPECT_TRUE(Forced.files().empty());
}

TEST(FileWalker, DisplayPaths) {
  EXPECT_EQ(displayPath("./a/./b.py"), "a/b.py");
  EXPECT_EQ(displayPath("."), ".");
  EXPECT_EQ(displayPath("./"), ".");
  EXPECT_EQ(displayPath("src/"), "src");
  EXPECT_EQ(displayPath("/abs/x.py"), "/abs/x.py");
}

TEST(Glob, Syntax) {
  struct Case {
    const char *Pattern, *Text;
    bool Match;
  } Cases[] = {
      {"a.py", "a.py", true},
      {"a.py", "b.py", false},
      {"*.py", "src/a.py", true},
      {"*.py", "a.pyi", false},
      {"src/*", "src/a/b.py", true},
      {"src*", "src", true},
      {"*", "", true},
      {"*", "anything/at/all", true},
      {"a*b*c", "abc", true},
      {"a*b*c", "aXbYcZc", true},
      {"a*b*c", "acb", false},
      {"a**", "a", true},
      {"?.py", "a.py", true},
      {"?.py", "ab.py", false},
      {"[ab].py", "b.py", true},
      {"[ab].py", "c.py", false},
      {"[a-c]x", "bx", true},
      {"[a-c]x", "dx", false},
      {"[^a-c]x", "dx", true},
      {"[!a-c]x", "ax", false},
      {"[]]", "]", true},
      {"[]a]", "a", true},
      {"[a-]", "-", true},
      {"\\*", "*", true},
      {"\\*", "a", false},
      {"a\\", "a\\", true},
      {"*_test.py", "x_test.py", true},
      {"*_test.py", "x_test.pyc", false},
      {"", "", true},
      {"", "a", false},
      {"**", "", true},
      {"[^]", "x", true},
      {"a?c", "a/c", true},
      {"[\\]", "\\", true},
  };
  for (const Case &C : Cases) {
    auto G = Glob::create(C.Pattern);
    ASSERT_TRUE(bool(G)) << C.Pattern;
    EXPECT_EQ(G->match(C.Text), C.Match) << C.Pattern << " ~ " << C.Text;
  }
  for (const char *Bad : {"[ab", "[z-a]", "x[]"}) {
    auto G = Glob::create(Bad);
    ASSERT_FALSE(bool(G)) << Bad;
    EXPECT_EQ(llvm::toString(G.takeError()),
              std::string("invalid glob pattern: ") + Bad);
  }
}

// Many stars and a tail that does not match: LLVM 14's matcher tried every
// split of the text among the stars and never returned on this one.
TEST(Glob, ManyStarsDoNotBacktrackWithoutBound) {
  std::string Pattern;
  for (int I = 0; I < 40; ++I)
    Pattern += "*a";
  auto G = GlobList::create({Pattern + "x"});
  ASSERT_TRUE(bool(G));
  std::string Path =
      std::string(200, 'a') + "/" + std::string(200, 'a') + ".py";
  EXPECT_FALSE(G->match(Path));
  auto Y = GlobList::create({Pattern});
  ASSERT_TRUE(bool(Y));
  EXPECT_TRUE(Y->match(Path));
}
