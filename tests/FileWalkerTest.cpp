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
