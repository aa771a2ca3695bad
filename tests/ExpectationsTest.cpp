#include "Expectations.h"

#include <gtest/gtest.h>

using namespace racelint;
using namespace racelint::test;

namespace {

Diagnostic diag(unsigned Line, std::string Rule, std::string Message = "m") {
  Diagnostic D;
  D.Path = "f.py";
  D.Rule = std::move(Rule);
  D.Range = {Line, 1, Line, 2};
  D.Message = std::move(Message);
  return D;
}

} // namespace

TEST(Expectations, ParsesClausesAndNextLineComments) {
  std::vector<std::string> Problems;
  auto E = parseExpectations(
      "f.py",
      "# args: --select a\n"
      "x = 1  # expect: rule-a \"frag\"  # expect-note: rule-b\n"
      "    # known-fn: rule-c -- not modeled\n"
      "\n"
      "y = 2\n",
      Problems);
  EXPECT_TRUE(Problems.empty());
  ASSERT_EQ(E.size(), 3u);
  EXPECT_EQ(E[0].What, Expectation::Expect);
  EXPECT_EQ(E[0].Line, 2u);
  EXPECT_EQ(E[0].Rule, "rule-a");
  EXPECT_EQ(E[0].Fragment, "frag");
  EXPECT_EQ(E[1].What, Expectation::ExpectNote);
  EXPECT_EQ(E[1].Rule, "rule-b");
  EXPECT_EQ(E[2].What, Expectation::KnownFn);
  EXPECT_EQ(E[2].Line, 5u);
}

TEST(Expectations, KnownNeedsAReason) {
  std::vector<std::string> Problems;
  parseExpectations("f.py", "x = 1  # known-fp: rule-a\n", Problems);
  EXPECT_EQ(Problems.size(), 1u);
}

TEST(Expectations, ArgsLine) {
  EXPECT_EQ(parseArgsLine("# args: --select a,b --ignore c\nx\n"),
            (std::vector<std::string>{"--select", "a,b", "--ignore", "c"}));
  EXPECT_TRUE(parseArgsLine("x = 1\n").empty());
}

TEST(Expectations, DiffShowsUnexpectedMissingAndPromotions) {
  std::vector<std::string> Problems;
  auto E = parseExpectations("f.py",
                             "a  # expect: r \"needle\"\n"
                             "b  # expect: r\n"
                             "c  # known-fn: r -- reason\n"
                             "d\n",
                             Problems);
  std::vector<Diagnostic> D{diag(1, "r", "has needle"), diag(3, "r"),
                            diag(4, "r", "surprise")};
  auto Diff = compareExpectations(D, E, "");
  EXPECT_EQ(Diff, (std::vector<std::string>{
                      "- missing f.py:2 r",
                      "! fires f.py:3 r m (a known-fn now found: promote it "
                      "to expect)",
                      "+ unexpected f.py:4 r surprise"}));
}

TEST(Expectations, NotesMatchRelatedLocations) {
  std::vector<std::string> Problems;
  auto E = parseExpectations("f.py",
                             "if k not in c:  # expect-note: r\n"
                             "    c[k] = v  # expect: r\n",
                             Problems);
  Diagnostic D = diag(2, "r");
  EXPECT_EQ(compareExpectations({D}, E, "").size(), 1u);
  D.Related.push_back({"f.py", 1, 4, "the test"});
  EXPECT_TRUE(compareExpectations({D}, E, "").empty());
}
