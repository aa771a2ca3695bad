// The HTML output rendered by headless Chromium: the page loads and shows
// what a reader needs.
#include "FormatterFixture.h"

#include "HtmlFormatter.h"

#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace racelint;
using namespace racelint::test;

namespace {

std::string findChromium() {
  for (const char *Name : {"chromium", "chromium-browser", "google-chrome"})
    if (auto P = llvm::sys::findProgramByName(Name))
      return *P;
  return "";
}

/// The DOM of \p Page after Chromium loaded it, as text without tags.
std::string renderedText(const std::string &Chromium, const std::string &Page,
                         std::string &Dom) {
  TempDir Profile;
  RunOutput R =
      run(Chromium,
          {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=" + Profile.path(), "--dump-dom",
           "file://" + Page},
          "", 120);
  EXPECT_EQ(R.Status, 0) << R.Err;
  Dom = R.Out;
  std::string Text;
  bool InTag = false;
  for (char C : R.Out) {
    if (C == '<')
      InTag = true;
    else if (C == '>')
      InTag = false;
    else if (!InTag)
      Text += C;
  }
  return Text;
}

} // namespace

TEST(HtmlRender, CheckOutputInChromium) {
  std::string Chromium = findChromium();
  if (Chromium.empty())
    GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  TempDir T;
  T.write("src/bad.py", "def f(:\n    pass\n");
  T.write("src/bin.py", llvm::StringRef("\0\0", 2));
  std::string Page = T.file("report.html");
  RunOutput R = runRacelint(
      {"check", "--quiet", "--output-format=html", "-o", Page, T.file("src")});
  ASSERT_EQ(R.Status, 1) << R.Err;
  std::string Dom;
  std::string Text = renderedText(Chromium, Page, Dom);
  EXPECT_NE(Dom.find("<h1>racelint</h1>"), std::string::npos) << Dom;
  EXPECT_NE(Text.find("2 files"), std::string::npos) << Text;
  EXPECT_NE(Text.find("syntax-error"), std::string::npos);
  EXPECT_NE(Text.find("def f(:"), std::string::npos);
  EXPECT_NE(Text.find("Files that could not be analyzed"), std::string::npos);
  EXPECT_NE(Text.find("NUL byte"), std::string::npos);
}

TEST(HtmlRender, FindingWithNotesAndVerdictInChromium) {
  std::string Chromium = findChromium();
  if (Chromium.empty())
    GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  TempDir T;
  auto Result = syntheticResult(T);
  ASSERT_TRUE(Result);
  std::string Page = T.file("finding.html");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Page, EC);
    ASSERT_FALSE(EC);
    HtmlFormatter().write(*Result, OS);
  }
  std::string Dom;
  std::string Text = renderedText(Chromium, Page, Dom);
  EXPECT_NE(Text.find("check-then-act"), std::string::npos) << Text;
  EXPECT_NE(Text.find("cache[k] = k * 2"), std::string::npos);
  EXPECT_NE(Text.find("note: the test of cache"), std::string::npos) << Text;
  EXPECT_NE(Text.find("fix: use cache.setdefault(k, v)"), std::string::npos);
  EXPECT_NE(Text.find("verdict: confirmed"), std::string::npos);
  EXPECT_NE(Dom.find("<code>cache[k]</code>"), std::string::npos);
}
