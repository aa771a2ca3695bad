// The data-driven tests: one test per testdata/<rule-id>/*.py file (analyzed
// alone) and per testdata/<rule-id>/<package>/ folder (analyzed as one
// project), registered when the test binary starts, so a new case needs no
// rebuild. Expectations are comments in the Python source (Expectations.h).
#include "Expectations.h"
#include "TestSupport.h"

#include "Driver.h"
#include "FileWalker.h"
#include "RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace racelint;
using namespace racelint::test;

namespace {

/// Folders of testdata/ that are not one rule's cases.
const std::set<std::string> &exemptFolders() {
  static const std::set<std::string> Exempt{"capstone", "classroom",
                                            "cross-rule"};
  return Exempt;
}

std::vector<std::string> listDir(llvm::StringRef Dir, bool Folders) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.startswith(".") || Name == "__pycache__")
      continue;
    if (llvm::sys::fs::is_directory(It->path()) == Folders)
      Out.push_back(Name.str());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// Analyzes \p Files as one project with only \p Select (empty: the
/// defaults) minus \p Ignore turned on.
std::unique_ptr<ProjectAnalysis> analyze(const std::vector<std::string> &Files,
                                         const std::vector<std::string> &Select,
                                         const std::vector<std::string> &Ignore,
                                         std::string &Problem) {
  ProjectOptions Opts;
  Opts.Isolated = true;
  if (!Select.empty())
    Opts.Select = Select;
  if (!Ignore.empty())
    Opts.Ignore = Ignore;
  auto Setup = Driver::setup(Opts, ".");
  if (!Setup) {
    Problem = llvm::toString(Setup.takeError());
    return nullptr;
  }
  return ProjectAnalysis::run(Files, Setup->Models, Setup->Analysis);
}

/// Reads `--select a,b` / `--ignore c` from an args line.
void applyArgs(const std::vector<std::string> &Args,
               std::vector<std::string> &Select,
               std::vector<std::string> &Ignore, bool &Given) {
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    std::vector<std::string> *Into = nullptr;
    llvm::StringRef Value;
    for (auto [Flag, List] :
         {std::pair<llvm::StringRef, std::vector<std::string> *>{"--select",
                                                                 &Select},
          {"--ignore", &Ignore}}) {
      if (A == Flag && I + 1 < Args.size()) {
        Into = List;
        Value = Args[++I];
      } else if (A.startswith(Flag.str() + "=")) {
        Into = List;
        Value = A.drop_front(Flag.size() + 1);
      }
    }
    if (!Into)
      continue;
    Given = true;
    llvm::SmallVector<llvm::StringRef, 4> Ids;
    Value.split(Ids, ',', -1, false);
    for (llvm::StringRef Id : Ids)
      Into->push_back(Id.trim().str());
  }
}

/// Runs the analysis of \p Files and checks it against their comments.
void checkAgainstComments(const std::vector<std::string> &Files,
                          std::vector<std::string> Select,
                          std::vector<std::string> Ignore) {
  std::string Problem;
  auto Result = analyze(Files, Select, Ignore, Problem);
  ASSERT_TRUE(Result) << Problem;
  std::vector<std::string> Problems;
  std::vector<Expectation> Expected;
  for (const std::string &F : Files) {
    auto E = parseExpectations(F, readFile(F), Problems);
    Expected.insert(Expected.end(), E.begin(), E.end());
  }
  std::string Base = sourceDir();
  std::vector<std::string> Diff =
      compareExpectations(Result->Diagnostics, Expected, Base);
  for (const FileError &E : Result->Errors)
    Diff.push_back("! error " + E.Path + ": " + E.Message);
  Diff.insert(Diff.begin(), Problems.begin(), Problems.end());
  EXPECT_TRUE(Diff.empty())
      << "findings differ from the comments:\n  " << llvm::join(Diff, "\n  ");
}

class TestdataCase : public testing::Test {
public:
  TestdataCase(std::string Folder, std::string Target, bool IsPackage)
      : Folder(std::move(Folder)), Target(std::move(Target)),
        IsPackage(IsPackage) {}

  void TestBody() override {
    std::vector<std::string> Files;
    if (IsPackage) {
      FileWalker W;
      W.add(Target);
      Files = W.files();
    } else {
      Files.push_back(Target);
    }
    ASSERT_FALSE(Files.empty()) << Target << " has no Python file";
    SCOPED_TRACE(Target);
    // The args line: the file's own, or for a package its __init__.py's or
    // else the first file's that has one.
    std::vector<std::string> Select, Ignore;
    bool Given = false;
    std::vector<std::string> Candidates = Files;
    std::stable_partition(
        Candidates.begin(), Candidates.end(), [](const std::string &F) {
          return llvm::sys::path::filename(F) == "__init__.py";
        });
    for (const std::string &F : Candidates) {
      applyArgs(parseArgsLine(readFile(F)), Select, Ignore, Given);
      if (Given)
        break;
    }
    if (!Given && findCatalogEntry(Folder))
      Select.push_back(Folder);
    checkAgainstComments(Files, Select, Ignore);
  }

private:
  std::string Folder, Target;
  bool IsPackage;
};

std::string testName(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += llvm::isAlnum(C) ? C : '_';
  return Out;
}

void registerTestdataTests() {
  std::string Root = sourceDir() + "/testdata";
  for (const std::string &Folder : listDir(Root, /*Folders=*/true)) {
    // cross-rule/ runs like a rule's folder, with every rule on (it names
    // no rule, so the defaults apply).
    if (exemptFolders().count(Folder) && Folder != "cross-rule")
      continue;
    std::string Dir = Root + "/" + Folder;
    std::string Suite = "Testdata_" + testName(Folder);
    for (const std::string &File : listDir(Dir, /*Folders=*/false)) {
      if (!llvm::StringRef(File).endswith(".py"))
        continue;
      std::string Path = Dir + "/" + File;
      testing::RegisterTest(Suite.c_str(), testName(File).c_str(), nullptr,
                            nullptr, __FILE__, __LINE__,
                            [Folder, Path]() -> testing::Test * {
                              return new TestdataCase(Folder, Path, false);
                            });
    }
    for (const std::string &Pkg : listDir(Dir, /*Folders=*/true)) {
      std::string Path = Dir + "/" + Pkg;
      testing::RegisterTest(Suite.c_str(), ("pkg_" + testName(Pkg)).c_str(),
                            nullptr, nullptr, __FILE__, __LINE__,
                            [Folder, Path]() -> testing::Test * {
                              return new TestdataCase(Folder, Path, true);
                            });
    }
  }
}

std::set<std::string> namesIn(llvm::StringRef Dir, bool Folders,
                              llvm::StringRef Suffix) {
  std::set<std::string> Out;
  for (const std::string &N : listDir(Dir, Folders))
    if (llvm::StringRef(N).endswith(Suffix))
      Out.insert(llvm::StringRef(N).drop_back(Suffix.size()).str());
  return Out;
}

} // namespace

// Every rule has its testdata folder and docs page, and every folder and page
// names a rule.
TEST(Registry, RulesTestdataAndDocsAgree) {
  std::set<std::string> Ids;
  for (const CatalogEntry &E : ruleCatalog())
    Ids.insert(E.Id.str());
  std::set<std::string> Folders =
      namesIn(sourceDir() + "/testdata", /*Folders=*/true, "");
  std::set<std::string> Pages =
      namesIn(sourceDir() + "/docs/rules", /*Folders=*/false, ".md");
  std::vector<std::string> Problems;
  for (const std::string &Id : Ids) {
    if (!Folders.count(Id))
      Problems.push_back("rule " + Id + " has no testdata/" + Id + "/");
    if (!Pages.count(Id))
      Problems.push_back("rule " + Id + " has no docs/rules/" + Id + ".md");
  }
  for (const std::string &F : Folders)
    if (!Ids.count(F) && !exemptFolders().count(F))
      Problems.push_back("testdata/" + F + "/ names no rule");
  for (const std::string &P : Pages)
    if (!Ids.count(P) && P != "index")
      Problems.push_back("docs/rules/" + P + ".md names no rule");
  std::string Index = readFile(sourceDir() + "/docs/rules/index.md");
  for (const std::string &Id : Ids)
    if (Index.find("[" + Id + "](" + Id + ".md)") == std::string::npos)
      Problems.push_back("docs/rules/index.md does not list " + Id);
  EXPECT_TRUE(Problems.empty()) << llvm::join(Problems, "\n");
}

// The capstone's racy version, every rule on, has exactly the findings its
// comments announce.
TEST(Capstone, RacyMatchesItsComments) {
  FileWalker W;
  ASSERT_TRUE(W.add(sourceDir() + "/testdata/capstone/capstone/racy"));
  checkAgainstComments(W.files(), {"all"}, {});
}

// The capstone's fixed version has no finding at all.
TEST(Capstone, FixedHasNoFinding) {
  FileWalker W;
  ASSERT_TRUE(W.add(sourceDir() + "/testdata/capstone/capstone/fixed"));
  std::string Problem;
  auto Result = analyze(W.files(), {"all"}, {}, Problem);
  ASSERT_TRUE(Result) << Problem;
  std::vector<std::string> Lines;
  for (const Diagnostic &D : Result->Diagnostics)
    Lines.push_back(D.Path + ":" + std::to_string(D.Range.Line) + " " + D.Rule +
                    " " + D.Message);
  EXPECT_TRUE(Lines.empty()) << llvm::join(Lines, "\n");
  EXPECT_TRUE(Result->Errors.empty());
}

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  registerTestdataTests();
  return RUN_ALL_TESTS();
}
