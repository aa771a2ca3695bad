#include "Suppressions.h"
#include "RuleCatalog.h"

#include <gtest/gtest.h>

using namespace racelint;

namespace {

Diagnostic diag(unsigned Line, std::string Rule, unsigned Statement = 0) {
  Diagnostic D;
  D.Path = "f.py";
  D.Rule = std::move(Rule);
  D.Range = {Line, 1, Line, 2};
  D.StatementLine = Statement ? Statement : Line;
  return D;
}

DirectiveComment comment(unsigned Line, std::string Text) {
  return {Line, 10, std::move(Text)};
}

std::unique_ptr<SourceFile> source() {
  auto S = SourceFile::fromText("f.py", "a\nb\nc\nd\ne\nf\n");
  return S ? std::move(*S) : nullptr;
}

std::vector<std::string> unused(const Suppressions &S) {
  auto Src = source();
  std::vector<Diagnostic> Out;
  S.diagnoseUnused(
      *Src, [](llvm::StringRef) { return true; }, Out);
  std::vector<std::string> Lines;
  for (const Diagnostic &D : Out)
    Lines.push_back(std::to_string(D.Range.Line) + ": " + D.Message);
  return Lines;
}

} // namespace

TEST(Suppressions, RuleListOnTheLine) {
  Suppressions S(std::vector<DirectiveComment>{
      comment(2, "ignore[syntax-error, check-then-act]")});
  EXPECT_TRUE(S.suppress(diag(2, "syntax-error")));
  EXPECT_FALSE(S.suppress(diag(3, "syntax-error")));
  EXPECT_FALSE(S.suppress(diag(2, "unguarded-read-modify-write")));
  EXPECT_EQ(unused(S), (std::vector<std::string>{
                           "2: unused suppression of `check-then-act`: no "
                           "`check-then-act` finding on this line"}));
}

TEST(Suppressions, BareIgnoreAndStatementLine) {
  Suppressions S(std::vector<DirectiveComment>{
      comment(1, "ignore  -- reviewed"), comment(4, "ignore")});
  // A finding on line 2 of a statement that starts on line 1.
  EXPECT_TRUE(S.suppress(diag(2, "check-then-act", 1)));
  EXPECT_EQ(unused(S), (std::vector<std::string>{
                           "4: unused suppression: no finding on this line "
                           "to ignore"}));
}

TEST(Suppressions, IgnoreFile) {
  Suppressions S(
      std::vector<DirectiveComment>{comment(1, "ignore-file[check-then-act]")});
  EXPECT_TRUE(S.suppress(diag(5, "check-then-act")));
  EXPECT_FALSE(S.suppress(diag(5, "syntax-error")));
  EXPECT_TRUE(unused(S).empty());
}

TEST(Suppressions, UnknownRuleIsDiagnosed) {
  Suppressions S(
      std::vector<DirectiveComment>{comment(3, "ignore[no-such-rule]")});
  EXPECT_EQ(unused(S), (std::vector<std::string>{
                           "3: unknown rule `no-such-rule` in suppression "
                           "comment"}));
}

TEST(Suppressions, AnalyzerDirectivesAreNotSuppressions) {
  Suppressions S(std::vector<DirectiveComment>{
      comment(1, "guarded-by=self._lock"), comment(2, "thread-confined"),
      comment(3, "thread-safe"), comment(4, "ignored-words-are-not-ignore")});
  EXPECT_FALSE(S.suppress(diag(1, "check-then-act")));
  EXPECT_TRUE(unused(S).empty());
}

TEST(Suppressions, RulesThatDidNotRunAreNotJudged) {
  Suppressions S(
      std::vector<DirectiveComment>{comment(2, "ignore[check-then-act]")});
  auto Src = source();
  std::vector<Diagnostic> Out;
  S.diagnoseUnused(
      *Src, [](llvm::StringRef Rule) { return Rule == UnusedSuppressionId; },
      Out);
  EXPECT_TRUE(Out.empty());
}
