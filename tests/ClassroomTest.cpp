// `racelint report` over testdata/classroom/, compared with a golden file.
// RACELINT_UPDATE_GOLDEN=1 ctest -R Classroom rewrites the golden file.
#include "TestSupport.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace racelint::test;

namespace {

const char *const Golden = "tests/golden/classroom-report.txt";

} // namespace

TEST(Classroom, ReportMatchesGolden) {
  RunOutput R = runRacelint({"report", "testdata/classroom"}, sourceDir());
  ASSERT_EQ(R.Status, 0) << R.Err;
  std::string Path = sourceDir() + "/" + Golden;
  if (llvm::sys::Process::GetEnv("RACELINT_UPDATE_GOLDEN").getValueOr("") ==
      "1") {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC) << EC.message();
    OS << R.Out;
    GTEST_SKIP() << "rewrote " << Golden;
  }
  EXPECT_EQ(R.Out, readFile(Path))
      << "the report changed; if that is right, regenerate the golden file "
         "with RACELINT_UPDATE_GOLDEN=1 ctest -R Classroom";
}

TEST(Classroom, EveryStudentHasARowSortedByName) {
  RunOutput R = runRacelint({"report", "testdata/classroom"}, sourceDir());
  ASSERT_EQ(R.Status, 0);
  size_t Last = 0;
  for (const char *Student :
       {"alice", "bob", "carol", "dave", "erin", "frank", "grace"}) {
    size_t At = R.Out.find("\n" + std::string(Student) + " ");
    ASSERT_NE(At, std::string::npos) << Student << " missing:\n" << R.Out;
    EXPECT_GT(At, Last) << Student << " out of order";
    Last = At;
  }
  EXPECT_NE(R.Out.find("empty: no Python files"), std::string::npos);
  EXPECT_NE(R.Out.find("broken: "), std::string::npos);
  EXPECT_NE(R.Out.find("dave/notes.py: contains a NUL byte"), std::string::npos)
      << R.Out;
}

TEST(Classroom, OtherFormats) {
  RunOutput Md = runRacelint(
      {"report", "--format=markdown", "testdata/classroom"}, sourceDir());
  EXPECT_EQ(Md.Status, 0);
  EXPECT_NE(Md.Out.find("| submission | files | lines |"), std::string::npos)
      << Md.Out;
  RunOutput Csv = runRacelint({"report", "--format=csv", "testdata/classroom"},
                              sourceDir());
  EXPECT_EQ(Csv.Status, 0);
  EXPECT_EQ(Csv.Out.rfind("submission,files,lines,findings,", 0), 0u)
      << Csv.Out;
  EXPECT_NE(Csv.Out.find("\nerin,0,0,0,"), std::string::npos) << Csv.Out;
  RunOutput Html = runRacelint(
      {"report", "--format=html", "testdata/classroom"}, sourceDir());
  EXPECT_EQ(Html.Status, 0);
  EXPECT_NE(Html.Out.find("<td>alice</td>"), std::string::npos);
}

TEST(Classroom, MissingFolderIsAUsageError) {
  RunOutput R = runRacelint({"report", "/nonexistent/racelint/class"});
  EXPECT_EQ(R.Status, 2);
  EXPECT_NE(R.Err.find("no such file or directory"), std::string::npos);
}
