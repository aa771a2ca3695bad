#include "TestSupport.h"

#include "Config.h"
#include "Driver.h"

#include <gtest/gtest.h>

using namespace racelint;
using racelint::test::TempDir;

TEST(Config, ReadsEveryKey) {
  TempDir T;
  std::string P = T.write("pyproject.toml", R"toml(
[project]
name = "demo"

[tool.racelint]
select = ["check-then-act", "syntax-error"]
ignore = ["syntax-error"]
exclude = ["generated/*"]
extra-spawners = ["mylib.spawn"]
extra-locks = ["mylib.Mutex"]
thread-safe-classes = ["mylib.SafeDict"]
python = "/opt/py/bin/python3.13t"

[tool.racelint.per-file-ignores]
"tests/*" = ["check-then-act"]
)toml");
  auto C = Config::load(P);
  ASSERT_TRUE(static_cast<bool>(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(*C->Select,
            (std::vector<std::string>{"check-then-act", "syntax-error"}));
  EXPECT_EQ(*C->Ignore, (std::vector<std::string>{"syntax-error"}));
  EXPECT_EQ(*C->Exclude, (std::vector<std::string>{"generated/*"}));
  ASSERT_EQ(C->PerFileIgnores.size(), 1u);
  EXPECT_EQ(C->PerFileIgnores[0].Glob, "tests/*");
  EXPECT_EQ(C->ExtraSpawners, (std::vector<std::string>{"mylib.spawn"}));
  EXPECT_EQ(C->ExtraLocks, (std::vector<std::string>{"mylib.Mutex"}));
  EXPECT_EQ(C->ThreadSafeClasses, (std::vector<std::string>{"mylib.SafeDict"}));
  EXPECT_EQ(*C->Python, "/opt/py/bin/python3.13t");
}

TEST(Config, UnknownKeyIsAnError) {
  TempDir T;
  std::string P =
      T.write("pyproject.toml", "[tool.racelint]\nselct = [\"x\"]\n");
  auto C = Config::load(P);
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_EQ(llvm::toString(C.takeError()),
            P + ": unknown key 'selct' in [tool.racelint]");
}

TEST(Config, WrongTypeIsAnError) {
  TempDir T;
  std::string P = T.write("pyproject.toml", "[tool.racelint]\nselect = "
                                            "\"check-then-act\"\n");
  auto C = Config::load(P);
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_NE(llvm::toString(C.takeError()).find("must be an array of strings"),
            std::string::npos);
}

TEST(Config, UnknownRuleIsAnError) {
  TempDir T;
  std::string P =
      T.write("pyproject.toml", "[tool.racelint]\nignore = [\"nope\"]\n");
  auto C = Config::load(P);
  ASSERT_FALSE(static_cast<bool>(C));
  EXPECT_NE(llvm::toString(C.takeError()).find("unknown rule 'nope'"),
            std::string::npos);
}

TEST(Config, TomlSyntaxErrorNamesTheLine) {
  TempDir T;
  std::string P = T.write("pyproject.toml", "[tool.racelint]\nselect = [\n");
  auto C = Config::load(P);
  ASSERT_FALSE(static_cast<bool>(C));
  std::string E = llvm::toString(C.takeError());
  EXPECT_EQ(E.rfind(P + ":", 0), 0u) << E;
}

TEST(Config, DiscoverFindsTheNearestTableUpward) {
  TempDir T;
  T.write("pyproject.toml", "[tool.racelint]\nignore = [\"syntax-error\"]\n");
  // A nearer pyproject.toml without the table is passed over.
  T.write("pkg/pyproject.toml", "[project]\nname = \"x\"\n");
  std::string Deep = T.mkdir("pkg/src/deeper");
  auto C = Config::discover(Deep);
  ASSERT_TRUE(static_cast<bool>(C)) << llvm::toString(C.takeError());
  ASSERT_TRUE(C->has_value());
  EXPECT_EQ((*C)->Path, T.file("pyproject.toml"));
}

TEST(Config, DiscoverWithoutConfigIsFine) {
  TempDir T;
  std::string Dir = T.mkdir("a");
  auto C = Config::discover(Dir);
  ASSERT_TRUE(static_cast<bool>(C));
  // The temporary folder's parents might hold one; none is below it.
  if (C->has_value()) {
    EXPECT_EQ((*C)->Path.find(T.path()), std::string::npos);
  }
}

TEST(Config, CommandLineOverridesTheFile) {
  TempDir T;
  std::string P = T.write("racelint.toml", "select = [\"syntax-error\"]\n");
  ProjectOptions O;
  O.ConfigFile = P;
  auto S = Driver::setup(O, T.path());
  ASSERT_TRUE(static_cast<bool>(S)) << llvm::toString(S.takeError());
  EXPECT_EQ(S->Analysis.Rules.ids(),
            (std::vector<std::string>{"syntax-error"}));
  O.Select = std::vector<std::string>{"check-then-act"};
  auto S2 = Driver::setup(O, T.path());
  ASSERT_TRUE(static_cast<bool>(S2));
  EXPECT_EQ(S2->Analysis.Rules.ids(),
            (std::vector<std::string>{"check-then-act"}));
}
