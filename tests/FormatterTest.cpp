#include "FormatterFixture.h"

#include "Fingerprint.h"
#include "FullFormatter.h"
#include "GithubFormatter.h"
#include "HtmlFormatter.h"
#include "OutputFormatter.h"
#include "SarifFormatter.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace racelint;
using namespace racelint::test;

namespace {

std::string render(OutputFormat F, const ProjectAnalysis &R) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OutputFormatter::create(F, /*Color=*/false)->write(R, OS);
  OS.flush();
  return S;
}

} // namespace

TEST(FullFormatter, CaretUnderTheRange) {
  EXPECT_EQ(FullFormatter::caretLine("    cache[k] = 1", 5, 13),
            "    ^~~~~~~~");
  EXPECT_EQ(FullFormatter::caretLine("\tx = 1", 2, 3), "\t^");
  // Columns count characters: `é` is one.
  EXPECT_EQ(FullFormatter::caretLine("é = x", 5, 6), "    ^");
  // Past the end of the line (an error at end of line).
  EXPECT_EQ(FullFormatter::caretLine("ab", 3, 4), "  ^");
}

TEST(FullFormatter, FindingNotesFixAndVerdict) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  std::string Out = render(OutputFormat::Full, *R);
  std::string P = T.file("cache.py");
  EXPECT_EQ(Out, P +
                     ":5:9: warning: `cache[k]` is stored after a test of `k "
                     "not in cache` that another thread may invalidate "
                     "[check-then-act]\n"
                     "        cache[k] = k * 2\n"
                     "        ^~~~~~~~\n" +
                     P +
                     ":4:8: note: the test of `cache`\n"
                     "  fix: use `cache.setdefault(k, v)` or hold one "
                     "lock across both\n"
                     "  verdict: confirmed: thread B passed the test "
                     "while thread A sat between test and store\n");
}

TEST(ConciseFormatter, OneLinePerFinding) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  std::string Out = render(OutputFormat::Concise, *R);
  EXPECT_EQ(std::count(Out.begin(), Out.end(), '\n'), 1);
  EXPECT_NE(Out.find(":5:9: warning: "), std::string::npos);
  // The harness verdict stays on the finding's line.
  EXPECT_NE(Out.find("[check-then-act] (confirmed)\n"), std::string::npos)
      << Out;
}

TEST(JsonFormatter, FollowsTheContract) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  auto Doc = llvm::json::parse(render(OutputFormat::Json, *R));
  ASSERT_TRUE(static_cast<bool>(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *O = Doc->getAsObject();
  ASSERT_TRUE(O);
  EXPECT_EQ(O->getInteger("version").getValueOr(-1), 1);
  const llvm::json::Array *F = O->getArray("findings");
  ASSERT_TRUE(F && F->size() == 1);
  const llvm::json::Object *Fi = (*F)[0].getAsObject();
  EXPECT_EQ(Fi->getString("rule").getValueOr(""),
            llvm::StringRef("check-then-act"));
  EXPECT_EQ(Fi->getString("severity").getValueOr(""),
            llvm::StringRef("warning"));
  EXPECT_EQ(Fi->getInteger("line").getValueOr(-1), 5);
  EXPECT_EQ(Fi->getInteger("column").getValueOr(-1), 9);
  EXPECT_EQ(Fi->getInteger("end_line").getValueOr(-1), 5);
  EXPECT_EQ(Fi->getInteger("end_column").getValueOr(-1), 17);
  EXPECT_TRUE(Fi->getString("fix"));
  const llvm::json::Array *Rel = Fi->getArray("related");
  ASSERT_TRUE(Rel && Rel->size() == 1);
  EXPECT_EQ((*Rel)[0].getAsObject()->getInteger("line").getValueOr(-1), 4);
  const llvm::json::Object *V = Fi->getObject("verdict");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->getString("status").getValueOr(""),
            llvm::StringRef("confirmed"));
  const llvm::json::Array *E = O->getArray("errors");
  ASSERT_TRUE(E && E->size() == 1);
  EXPECT_TRUE((*E)[0].getAsObject()->getString("message"));
  const llvm::json::Object *S = O->getObject("stats");
  ASSERT_TRUE(S);
  EXPECT_EQ(S->getInteger("files").getValueOr(-1), 1);
  EXPECT_EQ(S->getInteger("lines").getValueOr(-1), 5);
  EXPECT_TRUE(S->getNumber("seconds"));
}

TEST(SarifFormatter, HasRelatedLocationsCodeFlowAndFingerprints) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  auto Doc = llvm::json::parse(render(OutputFormat::Sarif, *R));
  ASSERT_TRUE(static_cast<bool>(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Object *Run = (*O->getArray("runs"))[0].getAsObject();
  const llvm::json::Object *Result =
      (*Run->getArray("results"))[0].getAsObject();
  const llvm::json::Array *Rel = Result->getArray("relatedLocations");
  ASSERT_TRUE(Rel && Rel->size() == 1);
  const llvm::json::Array *Flows = Result->getArray("codeFlows");
  ASSERT_TRUE(Flows);
  const llvm::json::Array *Steps =
      (*(*Flows)[0].getAsObject()->getArray("threadFlows"))[0]
          .getAsObject()
          ->getArray("locations");
  ASSERT_TRUE(Steps && Steps->size() == 2);
  EXPECT_EQ((*Steps)[1]
                .getAsObject()
                ->getObject("location")
                ->getObject("physicalLocation")
                ->getObject("region")
                ->getInteger("startLine")
                .getValueOr(-1),
            5);
  const llvm::json::Object *FP = Result->getObject("partialFingerprints");
  ASSERT_TRUE(FP && FP->getString("racelint/v1"));
  EXPECT_EQ(FP->getString("racelint/v1").getValueOr("").size(), 32u);
  const llvm::json::Array *Notes =
      (*Run->getArray("invocations"))[0].getAsObject()->getArray(
          "toolExecutionNotifications");
  ASSERT_TRUE(Notes && Notes->size() == 1);
}

TEST(SarifFormatter, ArtifactUris) {
  EXPECT_EQ(SarifFormatter::artifactUri("src/a b.py"), "src/a%20b.py");
  EXPECT_EQ(SarifFormatter::artifactUri("/abs/x.py"), "file:///abs/x.py");
}

TEST(GithubFormatter, EscapesDataAndProperties) {
  EXPECT_EQ(GithubFormatter::escape("a:b,c%\n", true), "a%3Ab%2Cc%25%0A");
  EXPECT_EQ(GithubFormatter::escape("a:b,c%\n", false), "a:b,c%25%0A");
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  std::string Out = render(OutputFormat::Github, *R);
  EXPECT_NE(Out.find("::warning file=" + T.file("cache.py") +
                     ",line=5,col=9,endLine=5,endColumn=17,title=racelint "
                     "(check-then-act)::`cache[k]` is stored"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("::error file="), std::string::npos);
}

TEST(HtmlFormatter, EscapesAndRendersCode) {
  EXPECT_EQ(HtmlFormatter::escape("<a & \"b\">"),
            "&lt;a &amp; &quot;b&quot;&gt;");
  EXPECT_EQ(HtmlFormatter::richText("use `a<b` now"),
            "use <code>a&lt;b</code> now");
}

TEST(Fingerprint, IgnoresBlanksAndComments) {
  EXPECT_EQ(normalizeLine("    count  +=   1   # racelint: ignore"),
            "count += 1");
  EXPECT_EQ(normalizeLine("s = '# not a comment'  # but this is"),
            "s = '# not a comment'");
  Diagnostic D;
  D.Rule = "r";
  D.Path = "p.py";
  EXPECT_EQ(fingerprint(D, "  x += 1"), fingerprint(D, "x += 1  # note"));
  EXPECT_NE(fingerprint(D, "x += 1"), fingerprint(D, "y += 1"));
  Diagnostic Other = D;
  Other.SharedState = "module global x";
  EXPECT_NE(fingerprint(D, "x += 1"), fingerprint(Other, "x += 1"));
}
