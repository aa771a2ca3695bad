#include "TestSupport.h"

#include "AnalysisContext.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/Support/Program.h"

#include <gtest/gtest.h>

using namespace racelint;

namespace {

struct Case {
  const char *Name;
  const char *Source;
  /// Where CPython 3.11 reports the error.
  unsigned Line, Column;
};

const Case Cases[] = {
    {"unclosed_bracket", "x = [1, 2\ny = 3\n", 1, 5},
    {"unclosed_call", "print(\"hi\"\nx = 1\n", 1, 6},
    {"unclosed_paren_before_block", "x = (1,\n     2\nif x:\n    pass\n", 1, 5},
    {"bad_parameter_list", "def f(:\n    pass\n", 1, 7},
    {"two_operators", "x = 1 +* 2\n", 1, 8},
    {"missing_colon_if", "if x\n    pass\n", 1, 5},
    {"missing_colon_for", "for i in range(3)\n    print(i)\n", 1, 18},
    {"missing_indented_block", "def f():\nreturn 1\n", 2, 1},
    {"unexpected_indent", "x = 1\n    y = 2\n", 2, 4},
    {"dedent_mismatch",
     "class A:\n    def f(self):\n        return 1\n   x = 2\n", 4, 9},
};

class SyntaxErrorPosition : public testing::TestWithParam<Case> {};

std::vector<SyntaxErrorFact> syntaxErrors(llvm::StringRef Text) {
  auto Src = SourceFile::fromText("t.py", Text);
  EXPECT_TRUE(static_cast<bool>(Src));
  if (!Src)
    return {};
  ConcurrencyModels M = ConcurrencyModels::defaults();
  FileAnalysis FA = analyzeFile(std::move(*Src), "t", M);
  return FA.SyntaxErrors;
}

} // namespace

TEST_P(SyntaxErrorPosition, LineMatchesCPython) {
  const Case &C = GetParam();
  std::vector<SyntaxErrorFact> Errors = syntaxErrors(C.Source);
  ASSERT_FALSE(Errors.empty()) << "no syntax error found in:\n" << C.Source;
  EXPECT_EQ(Errors.front().Pos.Line, C.Line)
      << Errors.front().Message << " at " << Errors.front().Pos.Line << ":"
      << Errors.front().Pos.Column;
  EXPECT_FALSE(Errors.front().Message.empty());
}

INSTANTIATE_TEST_SUITE_P(Typical, SyntaxErrorPosition, testing::ValuesIn(Cases),
                         [](const testing::TestParamInfo<Case> &I) {
                           return std::string(I.param.Name);
                         });

// The table above is what CPython says; check it against the python3 on
// this machine when there is one.
TEST(SyntaxErrorPosition, TableAgreesWithLocalPython) {
  auto Python = llvm::sys::findProgramByName("python3");
  if (!Python)
    GTEST_SKIP() << "no python3 on PATH";
  for (const Case &C : Cases) {
    racelint::test::RunOutput R = racelint::test::run(
        *Python,
        {"-c",
         "import sys\ntry:\n    compile(sys.argv[1], 'f', 'exec')\nexcept "
         "SyntaxError as e:\n    print(e.lineno)\n",
         C.Source});
    ASSERT_EQ(R.Status, 0) << R.Err;
    EXPECT_EQ(llvm::StringRef(R.Out).trim(), std::to_string(C.Line)) << C.Name;
  }
}

TEST(SyntaxErrors, ValidSourceHasNone) {
  EXPECT_TRUE(syntaxErrors("def f(x):\n    return x + 1\n").empty());
}

TEST(SyntaxErrors, DeepNestingDoesNotCrash) {
  std::string Deep(20000, '(');
  Deep += "1";
  Deep += std::string(20000, ')');
  Deep += "\n";
  (void)syntaxErrors(Deep);
  std::string Unclosed(20000, '[');
  (void)syntaxErrors(Unclosed);
  SUCCEED();
}
