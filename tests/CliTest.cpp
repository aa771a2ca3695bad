// End-to-end tests of the racelint binary: exit codes, output formats,
// suppressions, configuration, baselines, determinism and bad input.
#include "TestSupport.h"

#include "Cores.h"
#include "ProjectAnalysis.h"
#include "RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>

using namespace racelint;
using namespace racelint::test;

namespace {

const char *const BadSyntax = "def f(:\n    pass\n";
const char *const Clean = "import threading\n\ndef work():\n    return 1\n";
// One unguarded-read-modify-write finding, at 8:5.
const char *const Racy = "import threading\n\ncount = 0\n\n\ndef work():\n"
                         "    global count\n    count += 1\n\n\n"
                         "for _ in range(4):\n"
                         "    threading.Thread(target=work).start()\n";

/// racelint with \p Args, started by `sh -c SCRIPT` where `"$@"` in
/// \p Script is the racelint command: `ulimit -f 1 && exec "$@"`, say.
RunOutput runRacelintVia(llvm::StringRef Script,
                         const std::vector<std::string> &Args,
                         llvm::StringRef Cwd = "") {
  std::vector<std::string> Argv = {"-c", Script.str(), "sh", RACELINT_BINARY};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return run("/bin/sh", Argv, Cwd);
}

unsigned countLines(llvm::StringRef S, llvm::StringRef Needle) {
  unsigned N = 0;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  S.split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    if (L.contains(Needle))
      ++N;
  return N;
}

// The cache's entries (not its temporary files), sorted.
std::vector<std::string> cacheEntries(const std::string &Cache) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Cache, EC), End;
       !EC && It != End; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (It->type() == llvm::sys::fs::file_type::regular_file &&
        Name.size() == 14 && llvm::all_of(Name, llvm::isHexDigit))
      Out.push_back(It->path());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace

TEST(Cli, ExitZeroWithoutFindings) {
  TempDir T;
  T.write("ok.py", Clean);
  RunOutput R = runRacelint({"check", T.path()});
  EXPECT_EQ(R.Status, 0) << R.Out << R.Err;
  EXPECT_EQ(R.Out, "");
  EXPECT_NE(R.Err.find("racelint: 1 file, 0 findings (0 errors) in "),
            std::string::npos)
      << R.Err;
}

TEST(Cli, ExitOneWithFindings) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  RunOutput R = runRacelint({"check", T.path()});
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_NE(R.Out.find("bad.py:1:7: error: syntax error"), std::string::npos)
      << R.Out;
}

TEST(Cli, DefaultPathIsTheCurrentFolder) {
  TempDir T;
  T.write("sub/bad.py", BadSyntax);
  RunOutput R =
      runRacelint({"check", "--quiet", "--output-format=concise"}, T.path());
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(R.Out.rfind("sub/bad.py:1:7: ", 0), 0u) << R.Out;
}

TEST(Cli, MissingPathIsAUsageError) {
  RunOutput R = runRacelint({"check", "/nonexistent/racelint/x.py"});
  EXPECT_EQ(R.Status, 2);
  EXPECT_EQ(R.Err, "racelint: error: /nonexistent/racelint/x.py: no such file "
                   "or directory\n");
}

TEST(Cli, UnknownRuleIsAUsageError) {
  TempDir T;
  RunOutput R = runRacelint({"check", "--select", "no-such-rule", T.path()});
  EXPECT_EQ(R.Status, 2);
  EXPECT_NE(R.Err.find("unknown rule 'no-such-rule'"), std::string::npos);
}

TEST(Cli, BadOptionIsAUsageError) {
  EXPECT_EQ(runRacelint({"check", "--no-such-option"}).Status, 2);
  EXPECT_EQ(runRacelint({"check", "--output-format", "xml"}).Status, 2);
  EXPECT_EQ(runRacelint({}).Status, 2);
  EXPECT_EQ(runRacelint({"rule", "no-such-rule"}).Status, 2);
}

TEST(Cli, VersionHelpAndRules) {
  RunOutput V = runRacelint({"--version"});
  EXPECT_EQ(V.Status, 0);
  EXPECT_NE(V.Out.find("racelint " RACELINT_VERSION), std::string::npos);
  RunOutput H = runRacelint({"check", "--help"});
  EXPECT_EQ(H.Status, 0);
  for (const char *Opt :
       {"--output-format", "--select", "--ignore", "--exclude", "--config",
        "--baseline", "--write-baseline", "--jobs", "--color", "--quiet",
        "--statistics", "--no-progress"})
    EXPECT_NE(H.Out.find(Opt), std::string::npos) << Opt;
  RunOutput L = runRacelint({"rules"});
  EXPECT_EQ(L.Status, 0);
  for (const CatalogEntry &E : ruleCatalog())
    EXPECT_NE(L.Out.find(E.Id.str()), std::string::npos);
  RunOutput One = runRacelint({"rule", "syntax-error"});
  EXPECT_EQ(One.Status, 0);
  EXPECT_NE(One.Out.find("syntax-error"), std::string::npos);
}

TEST(Cli, RulePageIsTheDocsPage) {
  std::string Page = readFile(sourceDir() + "/docs/rules/syntax-error.md");
  ASSERT_FALSE(Page.empty());
  EXPECT_EQ(runRacelint({"rule", "syntax-error"}).Out, Page);
}

TEST(Cli, FullFormatShowsTheSourceAndCaret) {
  TempDir T;
  std::string P = T.write("bad.py", BadSyntax);
  RunOutput R = runRacelint({"check", "--quiet", "--color=never", P});
  EXPECT_EQ(R.Out.substr(0, R.Out.find("  fix:")),
            P + ":1:7: error: syntax error: unexpected `:` [syntax-error]\n"
                "def f(:\n"
                "      ^\n");
}

TEST(Cli, ColorAlwaysUsesEscapes) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  RunOutput R = runRacelint({"check", "--quiet", "--color=always", T.path()});
  EXPECT_NE(R.Out.find("\x1b["), std::string::npos);
  RunOutput N = runRacelint({"check", "--quiet", "--color=never", T.path()});
  EXPECT_EQ(N.Out.find("\x1b["), std::string::npos);
}

TEST(Cli, ConciseAndStatistics) {
  TempDir T;
  T.write("a.py", BadSyntax);
  T.write("b.py", BadSyntax);
  RunOutput C =
      runRacelint({"check", "--quiet", "--output-format=concise", T.path()});
  EXPECT_EQ(countLines(C.Out, "[syntax-error]"), 2u);
  EXPECT_EQ(countLines(C.Out, ""), 3u); // two lines and the empty tail
  RunOutput S = runRacelint({"check", "--quiet", "--statistics", T.path()});
  EXPECT_EQ(S.Status, 1);
  EXPECT_NE(S.Out.find("     2  syntax-error"), std::string::npos) << S.Out;
}

TEST(Cli, JsonFollowsTheContract) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  T.write("ok.py", Clean);
  T.write("bin.py", llvm::StringRef("x\0y", 3));
  RunOutput R = runRacelint({"check", "--output-format=json", T.path()});
  EXPECT_EQ(R.Status, 1);
  auto Doc = llvm::json::parse(R.Out);
  ASSERT_TRUE(static_cast<bool>(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *O = Doc->getAsObject();
  ASSERT_TRUE(O);
  EXPECT_EQ(O->getInteger("version").getValueOr(-1), 1);
  const llvm::json::Array *Findings = O->getArray("findings");
  ASSERT_TRUE(Findings);
  ASSERT_EQ(Findings->size(), 1u);
  const llvm::json::Object *F = (*Findings)[0].getAsObject();
  for (const char *Key : {"rule", "severity", "path", "message", "fix"})
    EXPECT_TRUE(F->getString(Key)) << Key;
  for (const char *Key : {"line", "column", "end_line", "end_column"})
    EXPECT_TRUE(F->getInteger(Key)) << Key;
  EXPECT_TRUE(F->getArray("related"));
  EXPECT_EQ(F->getString("path").getValueOr(""),
            llvm::StringRef(T.file("bad.py")));
  const llvm::json::Array *Errors = O->getArray("errors");
  ASSERT_TRUE(Errors && Errors->size() == 1);
  EXPECT_EQ((*Errors)[0].getAsObject()->getString("path").getValueOr(""),
            llvm::StringRef(T.file("bin.py")));
  const llvm::json::Object *Stats = O->getObject("stats");
  ASSERT_TRUE(Stats);
  EXPECT_EQ(Stats->getInteger("files").getValueOr(-1), 3);
  EXPECT_TRUE(Stats->getInteger("lines"));
  EXPECT_TRUE(Stats->getNumber("seconds"));
}

TEST(Cli, SarifIsStructurally210) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  T.write("bin.py", llvm::StringRef("x\0y", 3));
  RunOutput R = runRacelint({"check", "--output-format=sarif", T.path()});
  EXPECT_EQ(R.Status, 1);
  auto Doc = llvm::json::parse(R.Out);
  ASSERT_TRUE(static_cast<bool>(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *O = Doc->getAsObject();
  EXPECT_EQ(O->getString("version").getValueOr(""), llvm::StringRef("2.1.0"));
  ASSERT_TRUE(O->getString("$schema"));
  EXPECT_TRUE(O->getString("$schema")->contains("sarif-schema-2.1.0.json"));
  const llvm::json::Array *Runs = O->getArray("runs");
  ASSERT_TRUE(Runs && Runs->size() == 1);
  const llvm::json::Object *Run = (*Runs)[0].getAsObject();
  const llvm::json::Object *Driver =
      Run->getObject("tool")->getObject("driver");
  ASSERT_TRUE(Driver);
  EXPECT_EQ(Driver->getString("name").getValueOr(""),
            llvm::StringRef("racelint"));
  const llvm::json::Array *Rules = Driver->getArray("rules");
  ASSERT_TRUE(Rules);
  EXPECT_EQ(Rules->size(), ruleCatalog().size());
  for (const llvm::json::Value &V : *Rules) {
    const llvm::json::Object *Rule = V.getAsObject();
    ASSERT_TRUE(Rule->getString("id"));
    ASSERT_TRUE(Rule->getObject("shortDescription"));
    EXPECT_TRUE(Rule->getObject("shortDescription")->getString("text"));
    ASSERT_TRUE(Rule->getObject("help"));
    EXPECT_TRUE(Rule->getObject("help")->getString("text"));
  }
  const llvm::json::Array *Results = Run->getArray("results");
  ASSERT_TRUE(Results && Results->size() == 1);
  for (const llvm::json::Value &V : *Results) {
    const llvm::json::Object *Res = V.getAsObject();
    EXPECT_EQ(Res->getString("ruleId").getValueOr(""),
              llvm::StringRef("syntax-error"));
    EXPECT_EQ(Res->getString("level").getValueOr(""), llvm::StringRef("error"));
    EXPECT_TRUE(Res->getObject("message")->getString("text"));
    const llvm::json::Object *Loc =
        (*Res->getArray("locations"))[0].getAsObject();
    const llvm::json::Object *Phys = Loc->getObject("physicalLocation");
    ASSERT_TRUE(Phys);
    EXPECT_TRUE(Phys->getObject("artifactLocation")->getString("uri"));
    const llvm::json::Object *Region = Phys->getObject("region");
    EXPECT_EQ(Region->getInteger("startLine").getValueOr(-1), 1);
    EXPECT_EQ(Region->getInteger("startColumn").getValueOr(-1), 7);
    EXPECT_TRUE(Res->getObject("partialFingerprints"));
    // Present once the rules report them; checked in FormatterTest too.
    if (const llvm::json::Array *Rel = Res->getArray("relatedLocations")) {
      for (const llvm::json::Value &L : *Rel)
        EXPECT_TRUE(L.getAsObject()->getObject("physicalLocation"));
    }
    if (const llvm::json::Array *Flows = Res->getArray("codeFlows")) {
      EXPECT_TRUE((*Flows)[0].getAsObject()->getArray("threadFlows"));
    }
  }
  const llvm::json::Array *Inv = Run->getArray("invocations");
  ASSERT_TRUE(Inv);
  EXPECT_EQ(
      (*Inv)[0].getAsObject()->getArray("toolExecutionNotifications")->size(),
      1u);
}

TEST(Cli, GithubAnnotations) {
  TempDir T;
  std::string P = T.write("bad.py", BadSyntax);
  RunOutput R = runRacelint({"check", "--quiet", "--output-format=github", P});
  EXPECT_EQ(R.Out.rfind("::error file=" + P +
                            ",line=1,col=7,endLine=1,endColumn=8,title="
                            "racelint (syntax-error)::syntax error",
                        0),
            0u)
      << R.Out;
}

TEST(Cli, HtmlIsOnePage) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  RunOutput R =
      runRacelint({"check", "--quiet", "--output-format=html", T.path()});
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(R.Out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(R.Out.find("<style>"), std::string::npos);
  EXPECT_EQ(R.Out.find("<script"), std::string::npos);
  EXPECT_EQ(R.Out.find("<link"), std::string::npos);
  EXPECT_NE(R.Out.find("def f(:"), std::string::npos);
}

TEST(Cli, OutputFile) {
  TempDir T;
  T.write("bad.py", BadSyntax);
  std::string Out = T.file("out.sarif");
  RunOutput R = runRacelint({"check", "--quiet", "--output-format=sarif", "-o",
                             Out, T.file("bad.py")});
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(R.Out, "");
  EXPECT_TRUE(static_cast<bool>(llvm::json::parse(readFile(Out))));
}

TEST(Cli, SuppressionComments) {
  TempDir T;
  T.write("sup.py", "def f(:  # racelint: ignore[syntax-error]\n    pass\n");
  T.write("bare.py", "def f(:  # racelint: ignore\n    pass\n");
  T.write("whole.py", "# racelint: ignore-file[syntax-error]\n\ndef f(:\n"
                      "    pass\n");
  RunOutput R = runRacelint({"check", "--quiet", T.path()});
  EXPECT_EQ(R.Status, 0) << R.Out;
  EXPECT_EQ(R.Out, "");
}

TEST(Cli, UnusedAndUnknownSuppressions) {
  TempDir T;
  std::string P = T.write("x.py", "x = 1  # racelint: ignore[syntax-error]\n"
                                  "y = 2  # racelint: ignore[no-such-rule]\n"
                                  "z = 3  # racelint: guarded-by=lock\n");
  // Only the rules under test: an annotation check would judge line 3.
  RunOutput R = runRacelint({"check", "--quiet", "--output-format=concise",
                             "--select", "syntax-error,unused-suppression", P});
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(R.Out,
            P +
                ":1:8: warning: unused suppression of `syntax-error`: no "
                "`syntax-error` finding on this line [unused-suppression]\n" +
                P +
                ":2:8: warning: unknown rule `no-such-rule` in suppression "
                "comment [unused-suppression]\n");
  RunOutput Off =
      runRacelint({"check", "--quiet", "--select", "syntax-error", P});
  EXPECT_EQ(Off.Status, 0) << Off.Out;
}

TEST(Cli, ConfigurationIgnoreAndOverride) {
  TempDir T;
  T.write("pyproject.toml", "[tool.racelint]\nignore = [\"syntax-error\"]\n");
  T.write("src/bad.py", BadSyntax);
  EXPECT_EQ(runRacelint({"check", "--quiet", "src"}, T.path()).Status, 0);
  // The command line's --ignore replaces the file's.
  EXPECT_EQ(
      runRacelint({"check", "--quiet", "--ignore", "check-then-act", "src"},
                  T.path())
          .Status,
      1);
  EXPECT_EQ(
      runRacelint({"check", "--quiet", "--isolated", "src"}, T.path()).Status,
      1);
}

TEST(Cli, ConfigurationPerFileIgnoresAndExclude) {
  TempDir T;
  T.write("pyproject.toml", "[tool.racelint]\nexclude = [\"generated\"]\n"
                            "[tool.racelint.per-file-ignores]\n"
                            "\"legacy/*\" = [\"syntax-error\"]\n");
  T.write("generated/bad.py", BadSyntax);
  T.write("legacy/bad.py", BadSyntax);
  T.write("src/bad.py", BadSyntax);
  RunOutput R =
      runRacelint({"check", "--quiet", "--output-format=concise"}, T.path());
  EXPECT_EQ(R.Status, 1);
  EXPECT_EQ(countLines(R.Out, "bad.py"), 1u) << R.Out;
  EXPECT_NE(R.Out.find("src/bad.py"), std::string::npos);
}

TEST(Cli, BadConfigurationIsAUsageError) {
  TempDir T;
  T.write("pyproject.toml", "[tool.racelint]\nx = 1\n");
  T.write("a.py", Clean);
  RunOutput R = runRacelint({"check", "a.py"}, T.path());
  EXPECT_EQ(R.Status, 2);
  EXPECT_EQ(R.Err, "racelint: error: " + T.file("pyproject.toml") +
                       ": unknown key 'x' in [tool.racelint]\n");
  T.write("wrong.toml", "select = 3\n");
  RunOutput W =
      runRacelint({"check", "--config", "wrong.toml", "a.py"}, T.path());
  EXPECT_EQ(W.Status, 2);
  EXPECT_NE(W.Err.find("must be an array of strings"), std::string::npos);
  RunOutput M =
      runRacelint({"check", "--config", "missing.toml", "a.py"}, T.path());
  EXPECT_EQ(M.Status, 2);
}

TEST(Cli, BaselineSurvivesInsertedLines) {
  TempDir T;
  T.write("src/bad.py", "x = 1\ndef f(:\n    pass\n");
  EXPECT_EQ(
      runRacelint({"check", "--quiet", "--write-baseline", "base.json", "src"},
                  T.path())
          .Status,
      0);
  EXPECT_EQ(runRacelint({"check", "--quiet", "--baseline", "base.json", "src"},
                        T.path())
                .Status,
            0);
  // Lines inserted above move the finding; the baseline still holds it.
  T.write("src/bad.py", "import os\nimport sys\n\nx = 1\ndef f(:\n    pass\n");
  RunOutput Moved =
      runRacelint({"check", "--baseline", "base.json", "src"}, T.path());
  EXPECT_EQ(Moved.Status, 0) << Moved.Out;
  EXPECT_NE(Moved.Err.find("1 in the baseline"), std::string::npos);
  // A new finding is reported.
  T.write("src/new.py", "class C(:\n    pass\n");
  RunOutput New = runRacelint({"check", "--quiet", "--output-format=concise",
                               "--baseline", "base.json", "src"},
                              T.path());
  EXPECT_EQ(New.Status, 1);
  EXPECT_EQ(countLines(New.Out, "syntax-error"), 1u);
  EXPECT_NE(New.Out.find("src/new.py"), std::string::npos);
  // A fixed finding is listed as gone.
  T.write("src/bad.py", "x = 1\n");
  llvm::sys::fs::remove(T.file("src/new.py"));
  RunOutput Fixed =
      runRacelint({"check", "--baseline", "base.json", "src"}, T.path());
  EXPECT_EQ(Fixed.Status, 0);
  EXPECT_NE(Fixed.Err.find("1 baseline entry no longer occurs"),
            std::string::npos)
      << Fixed.Err;
}

TEST(Cli, SameOutputForAnyNumberOfJobs) {
  TempDir T;
  for (int I = 0; I < 40; ++I)
    T.write("pkg" + std::to_string(I % 4) + "/m" + std::to_string(I) + ".py",
            I % 3 ? Clean : BadSyntax);
  T.write("pkg1/bin.py", llvm::StringRef("\0\0", 2));
  RunOutput One =
      runRacelint({"check", "--quiet", "--jobs", "1", "."}, T.path());
  RunOutput Two =
      runRacelint({"check", "--quiet", "--jobs", "2", "."}, T.path());
  RunOutput Many = runRacelint({"check", "--quiet", "-j", "7", "."}, T.path());
  EXPECT_EQ(One.Status, 1);
  EXPECT_EQ(One.Out, Two.Out);
  EXPECT_EQ(One.Err, Two.Err);
  EXPECT_EQ(One.Out, Many.Out);
  EXPECT_EQ(countLines(One.Out, "[syntax-error]"), 14u);
}

TEST(Cli, BadInputGetsOneLineEachAndTheRestIsAnalyzed) {
  TempDir T;
  T.write("good.py", Clean);
  T.write("binary.py", llvm::StringRef("\x7f"
                                       "ELF\x02\x01\x01\0\0\0",
                                       10));
  T.write("latin1.py", "name = 'caf\xe9'\n");
  T.write("nul.py", llvm::StringRef("x = 1\n\0\n", 8));
  T.write("syntax.py", BadSyntax);
  T.write("parens.py",
          std::string(50000, '(') + "1" + std::string(50000, ')') + "\n");
  std::string Blocks;
  for (int I = 0; I < 10000; ++I)
    Blocks += std::string(I, ' ') + "if x:\n";
  Blocks += std::string(10000, ' ') + "pass\n";
  T.write("blocks.py", Blocks);
  T.mkdir("loop");
  ASSERT_FALSE(llvm::sys::fs::create_link(T.path(), T.file("loop/back")));
  RunOutput R = runRacelint({"check", "--output-format=concise", T.path()});
  ASSERT_GE(R.Status, 0) << "crashed: " << R.Err;
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(countLines(R.Err, T.file("binary.py") + ": error: "), 1u) << R.Err;
  EXPECT_EQ(countLines(R.Err, T.file("latin1.py") + ": error: "), 1u);
  EXPECT_EQ(countLines(R.Err, T.file("nul.py") + ": error: "), 1u);
  EXPECT_NE(R.Err.find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(R.Err.find("NUL byte"), std::string::npos);
  EXPECT_NE(R.Out.find(T.file("syntax.py") + ":1:7: error: syntax error"),
            std::string::npos)
      << R.Out;
  // Seven files found once each (the loop is not followed twice), three of
  // them unreadable.
  EXPECT_NE(R.Err.find("racelint: 7 files, "), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("(3 errors)"), std::string::npos) << R.Err;
}

TEST(Cli, ExplicitFileWithAnySuffix) {
  TempDir T;
  std::string P = T.write("script", BadSyntax);
  RunOutput R = runRacelint({"check", "--quiet", P});
  EXPECT_EQ(R.Status, 1);
}

TEST(Cli, EnvReportsTheInterpreter) {
  RunOutput R = runRacelint({"env", "--python", "python3"});
  if (R.Status != 0)
    GTEST_SKIP() << "python3 cannot run here: " << R.Err;
  EXPECT_NE(R.Out.find("interpreter:"), std::string::npos);
  EXPECT_NE(R.Out.find("GIL:"), std::string::npos);
  EXPECT_NE(R.Out.find("recommendation:"), std::string::npos);
  RunOutput Missing = runRacelint({"env", "--python", "/nonexistent/python"});
  EXPECT_EQ(Missing.Status, 1);
}

// `thread-safe-classes` in pyproject.toml makes a class's public methods
// concurrent entries, as a lock or the annotation would.
TEST(Cli, ThreadSafeClassesFromConfiguration) {
  TempDir D;
  D.write("store.py", "class Store:\n"
                      "    def __init__(self):\n"
                      "        self.n = 0\n"
                      "    def add(self):\n"
                      "        self.n += 1\n");
  RunOutput Plain =
      runRacelint({"check", "--output-format", "concise", "."}, D.path());
  EXPECT_EQ(Plain.Status, 0) << Plain.Out << Plain.Err;
  D.write("pyproject.toml",
          "[tool.racelint]\nthread-safe-classes = [\"store.Store\"]\n");
  RunOutput R =
      runRacelint({"check", "--output-format", "concise", "."}, D.path());
  EXPECT_EQ(R.Status, 1) << R.Out << R.Err;
  EXPECT_NE(R.Out.find("store.py:5:9"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("[unguarded-read-modify-write]"), std::string::npos)
      << R.Out;
}

TEST(Cli, ContextAnalyzesTheProjectButReportsOnTheNamedFiles) {
  TempDir T;
  T.write("app.py", "import threading\n\nimport counter\n\n\n"
                    "def main():\n"
                    "    ts = [threading.Thread(target=counter.bump) for _ in "
                    "range(4)]\n"
                    "    for t in ts:\n        t.start()\n");
  T.write("counter.py", "total = 0\n\n\ndef bump():\n    global total\n"
                        "    total += 1\n");
  T.write("other.py", "def f():\n    return 1\n");
  T.write("bad.py", BadSyntax);
  auto Check = [&](std::vector<std::string> Args) {
    std::vector<std::string> Full = {"check", "--output-format=concise"};
    Full.insert(Full.end(), Args.begin(), Args.end());
    return runRacelint(Full, T.path());
  };
  // Alone, counter.py starts no thread: nothing to report.
  RunOutput Alone = Check({"counter.py"});
  EXPECT_EQ(Alone.Status, 0) << Alone.Out << Alone.Err;
  // With the project as context, the thread in app.py makes it a race.
  RunOutput Ctx = Check({"--context", ".", "counter.py"});
  EXPECT_EQ(Ctx.Status, 1) << Ctx.Err;
  EXPECT_EQ(Ctx.Out, "counter.py:6:5: warning: `total += 1` reads and writes "
                     "back module global `total` without a lock; another "
                     "thread's update can be lost "
                     "[unguarded-read-modify-write]\n");
  EXPECT_NE(Ctx.Err.find("racelint: 1 file, 1 finding (0 errors)"),
            std::string::npos)
      << Ctx.Err;
  // A finding elsewhere with a note in the named file is reported too.
  RunOutput Starter = Check({"--context", ".", "app.py"});
  EXPECT_EQ(Starter.Out, Ctx.Out);
  // Nothing about the unnamed files: not bad.py's syntax error either.
  RunOutput Other = Check({"--context", ".", "other.py"});
  EXPECT_EQ(Other.Status, 0) << Other.Out << Other.Err;
  EXPECT_EQ(Other.Out, "");
  // A context path that does not exist is a usage error.
  EXPECT_EQ(Check({"--context", "nowhere", "other.py"}).Status, 2);
}

// With two workers the syntax errors' token scan runs beside pass 2, and
// a file the cache did not hold is stored only after it: a later run, from
// the cache, with one worker or two, reports the same errors.
TEST(Cli, TokenScanBesidePassTwoGivesTheSameErrors) {
  TempDir T;
  T.write("src/a.py", "x = 1\nif x\n    pass\n");
  T.write("src/b.py", "def f():\n  return 1\n    y = 2\n");
  T.write("src/c.py", "import threading\n");
  std::string Cache = T.path() + "/cache";
  auto Check = [&](std::string CacheArg, std::string Jobs) {
    RunOutput R = runRacelint({"check", "--quiet", "--output-format=concise",
                               CacheArg, "--jobs", Jobs, T.path() + "/src"});
    EXPECT_EQ(R.Status, 1) << R.Err;
    return R.Out;
  };
  std::string Reference = Check("--no-cache", "1");
  EXPECT_NE(Reference.find("expected `:`"), std::string::npos) << Reference;
  EXPECT_NE(Reference.find("unexpected indent"), std::string::npos)
      << Reference;
  EXPECT_EQ(Check("--no-cache", "2"), Reference);
  EXPECT_EQ(Check("--cache-dir=" + Cache, "2"), Reference); // cold
  EXPECT_EQ(Check("--cache-dir=" + Cache, "1"), Reference); // warm
  EXPECT_EQ(Check("--cache-dir=" + Cache, "2"), Reference);
}

TEST(Cli, SummaryCacheGivesTheSameFindings) {
  TempDir T;
  std::string Cache = T.path() + "/cache";
  auto Check = [&](std::vector<std::string> Extra) {
    std::vector<std::string> Args = {"check", "--quiet",
                                     "--output-format=concise", "testdata"};
    Args.insert(Args.begin() + 1, Extra.begin(), Extra.end());
    return runRacelint(Args, sourceDir());
  };
  RunOutput None = Check({"--no-cache"});
  ASSERT_EQ(None.Status, 1) << None.Err;
  RunOutput Cold = Check({"--cache-dir", Cache});
  RunOutput Warm = Check({"--cache-dir", Cache});
  EXPECT_EQ(Cold.Out, None.Out);
  EXPECT_EQ(Warm.Out, None.Out);
  EXPECT_EQ(Warm.Err, None.Err);
  // The notes too (JSON has them), apart from the run's duration.
  auto Json = [&](const std::string &CacheArg) {
    std::string Out = runRacelint({"check", "--quiet", CacheArg,
                                   "--output-format=json", "testdata"},
                                  sourceDir())
                          .Out;
    std::string Kept;
    for (llvm::StringRef Line : llvm::split(Out, '\n'))
      if (!Line.contains("\"seconds\""))
        Kept += Line.str() + "\n";
    return Kept;
  };
  std::string NoneJson = Json("--no-cache");
  EXPECT_GT(countLines(NoneJson, "\"related\""), 100u);
  EXPECT_EQ(Json("--cache-dir=" + Cache), NoneJson);
  EXPECT_TRUE(llvm::sys::fs::exists(Cache + "/CACHEDIR.TAG"));
  // Entries cut short or changed are recomputed, not trusted.
  unsigned Entries = 0;
  for (const std::string &Path : cacheEntries(Cache)) {
    ++Entries;
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    ASSERT_TRUE(bool(Buf));
    std::string Bytes = (*Buf)->getBuffer().str();
    std::string Bad = Entries % 2 ? Bytes.substr(0, Bytes.size() / 2)
                                  : Bytes.substr(0, Bytes.size() - 1) + "!";
    std::error_code WEC;
    llvm::raw_fd_ostream OS(Path, WEC);
    OS << Bad;
  }
  EXPECT_GT(Entries, 100u);
  RunOutput Corrupt = Check({"--cache-dir", Cache});
  EXPECT_EQ(Corrupt.Out, None.Out);
}

// A class that holds a lock makes each public method an entry; a finding in
// a helper that all of them call names the first of them in source order,
// however the summary was read (a StringMap of methods iterates in an order
// that depends on how it was filled).
TEST(Cli, ThreadSafeClassEntriesInSourceOrder) {
  TempDir T;
  std::string Src = "import threading\n\n\nclass Counter:\n"
                    "    def __init__(self):\n"
                    "        self._lock = threading.Lock()\n"
                    "        self.n = 0\n\n"
                    "    def _bump(self):\n"
                    "        self.n += 1\n";
  for (const char *M :
       {"zeta", "alpha", "mu", "beta", "omega", "gamma", "kappa", "delta",
        "lambda_", "epsilon", "pi", "rho", "sigma", "tau", "upsilon", "phi"})
    Src += std::string("\n    def ") + M + "(self):\n        self._bump()\n";
  T.write("counter.py", Src);
  for (const char *Cache : {"--no-cache", "--cache-dir=c", "--cache-dir=c"}) {
    RunOutput R = runRacelint(
        {"check", "--quiet", Cache, "--output-format=json", "."}, T.path());
    EXPECT_EQ(R.Status, 1) << R.Err;
    EXPECT_EQ(countLines(R.Out, "`Counter.zeta` may run on several threads"),
              1u)
        << Cache << "\n"
        << R.Out;
  }
}

// `setattr(CONFIG, "")` names the attribute "" of CONFIG, which is not
// CONFIG itself; resolving it first must not change what CONFIG resolves to
// (pass 2 caches a reference's entity by its pooled strings).
TEST(Cli, AnEmptyAttributeNameIsNotTheObjectItself) {
  TempDir T;
  T.write("m.py", "import threading\n\n\ndef work():\n"
                  "    CONFIG[\"k\"] = CONFIG.get(\"k\", 0) + 1\n\n\n"
                  "if threading.current_thread().name == \"x\":\n"
                  "    setattr(CONFIG, \"\", 1)\n"
                  "CONFIG = {}\n"
                  "for _ in range(2):\n"
                  "    threading.Thread(target=work).start()\n");
  RunOutput R = runRacelint(
      {"check", "--quiet", "--no-cache", "--output-format=concise", "."},
      T.path());
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(countLines(R.Out, "m.py:5:5: warning: `CONFIG[\"k\"] = "
                              "CONFIG.get(\"k\", 0) + 1` reads and writes "
                              "back module global `CONFIG`"),
            1u)
      << R.Out;
}

namespace {

// Sets a file's time to \p Ago before now.
void ageFile(const std::string &Path, std::chrono::hours Ago) {
  int FD;
  ASSERT_FALSE(llvm::sys::fs::openFileForReadWrite(
      Path, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_None));
  auto Then = std::chrono::time_point_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now() - Ago);
  EXPECT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(FD, Then));
  llvm::sys::fs::closeFile(FD);
}

bool youngerThan(const std::string &Path, std::chrono::hours Age) {
  llvm::sys::fs::file_status St;
  return !llvm::sys::fs::status(Path, St) &&
         St.getLastModificationTime() + Age > std::chrono::system_clock::now();
}

} // namespace

// Entries no run has used for a week go when a run stores a new entry; an
// entry a run reads stays however old it was, and a run that stores
// nothing removes nothing.
TEST(Cli, SummaryCachePrunesEntriesUnusedForAWeek) {
  TempDir T;
  T.write("src/a.py", "import threading\n\nA = threading.Lock()\n");
  T.write("src/b.py", "B = 1\n");
  std::string Cache = T.path() + "/cache";
  auto Check = [&] {
    RunOutput R = runRacelint({"check", "--quiet", "--cache-dir", Cache, "src"},
                              T.path());
    EXPECT_EQ(R.Status, 0) << R.Out << R.Err;
  };
  Check();
  std::vector<std::string> First = cacheEntries(Cache);
  ASSERT_EQ(First.size(), 2u);
  const auto Week = std::chrono::hours(24 * 7 + 1);
  for (const std::string &E : First)
    ageFile(E, Week);
  std::string Folder = llvm::sys::path::parent_path(First[0]).str();
  std::string Bucket = llvm::sys::path::parent_path(Folder).str();
  std::string Orphan = Bucket + "/00/00000000000000";
  std::string OldTemp = Folder + "/x.tmp-00000000";
  std::string NewTemp = Folder + "/x.tmp-11111111";
  ASSERT_FALSE(llvm::sys::fs::create_directories(Bucket + "/00"));
  for (const std::string &P : {Orphan, OldTemp, NewTemp}) {
    std::error_code EC;
    llvm::raw_fd_ostream(P, EC) << "racelint summary cache 3\n";
    ASSERT_FALSE(EC) << P;
  }
  ageFile(Orphan, Week);
  ageFile(OldTemp, std::chrono::hours(2));

  // Nothing changed: nothing is stored or removed, and both entries read
  // are marked used.
  Check();
  for (const std::string &P : {Orphan, OldTemp, NewTemp})
    EXPECT_TRUE(llvm::sys::fs::exists(P)) << P;
  for (const std::string &E : First)
    EXPECT_TRUE(youngerThan(E, std::chrono::hours(1))) << E;

  // A week later b.py changes: its new entry is stored, and the old one,
  // the orphan and the old temporary file go.
  for (const std::string &E : First)
    ageFile(E, Week);
  T.write("src/b.py", "B = 2\n");
  Check();
  std::vector<std::string> Now = cacheEntries(Cache);
  EXPECT_EQ(Now.size(), 2u);
  unsigned Kept = 0;
  for (const std::string &E : First)
    Kept += llvm::is_contained(Now, E);
  EXPECT_EQ(Kept, 1u); // a.py's
  EXPECT_FALSE(llvm::sys::fs::exists(Orphan));
  EXPECT_FALSE(llvm::sys::fs::exists(OldTemp));
  EXPECT_TRUE(llvm::sys::fs::exists(NewTemp));
  for (const std::string &E : Now)
    EXPECT_TRUE(youngerThan(E, std::chrono::hours(1))) << E;
}

TEST(Cli, SummaryCacheSeesAnEditedFile) {
  TempDir T;
  T.write("m.py", Racy);
  auto Check = [&] {
    return runRacelint({"check", "--quiet", "--output-format=concise", "."},
                       T.path());
  };
  RunOutput First = Check();
  EXPECT_EQ(countLines(First.Out, "[unguarded-read-modify-write]"), 1u)
      << First.Out;
  // The default cache folder: .racelint_cache in the current folder.
  EXPECT_TRUE(llvm::sys::fs::exists(T.path() + "/.racelint_cache/.gitignore"));
  std::string Fixed = Racy;
  Fixed.replace(Fixed.find("count += 1"), 10, "count = 1");
  T.write("m.py", Fixed);
  RunOutput Second = Check();
  EXPECT_EQ(Second.Status, 0) << Second.Out;
  EXPECT_EQ(Second.Out, "");
}

TEST(Cli, CleanRemovesRacelintsCacheAndNothingElse) {
  TempDir T;
  T.write("p/pyproject.toml", "[tool.racelint]\n");
  T.write("p/sub/m.py", Racy);
  T.write("p/sub/n.py", Clean);
  // Where check puts the cache by default: beside pyproject.toml.
  const char *Default = "unset RACELINT_CACHE_DIR; exec \"$@\"";
  RunOutput Check =
      runRacelintVia(Default, {"check", "--quiet", "."}, T.file("p/sub"));
  EXPECT_EQ(Check.Status, 1) << Check.Err;
  std::string Cache = T.file("p/.racelint_cache");
  ASSERT_TRUE(llvm::sys::fs::is_directory(Cache));
  RunOutput First = runRacelintVia(Default, {"clean"}, T.file("p/sub"));
  EXPECT_EQ(First.Status, 0) << First.Err;
  EXPECT_EQ(First.Err, "racelint: removed the summary cache " + Cache +
                           " (2 entries, 1 KB)\n");
  EXPECT_FALSE(llvm::sys::fs::exists(Cache));
  RunOutput Again = runRacelintVia(Default, {"clean"}, T.file("p/sub"));
  EXPECT_EQ(Again.Status, 0);
  EXPECT_EQ(Again.Err, "racelint: no summary cache at " + Cache + "\n");
  RunOutput Quiet = runRacelintVia(Default, {"clean", "-q"}, T.file("p/sub"));
  EXPECT_EQ(Quiet.Status, 0);
  EXPECT_EQ(Quiet.Err, "");

  // RACELINT_CACHE_DIR and --cache-dir name it as they do for check.
  std::string Env = T.file("env-cache");
  std::vector<std::string> Args = {"-c",
                                   "RACELINT_CACHE_DIR=\"$1\" \"$2\" check "
                                   "--quiet . && exit 9; "
                                   "RACELINT_CACHE_DIR=\"$1\" \"$2\" clean",
                                   "sh", Env, RACELINT_BINARY};
  RunOutput ViaEnv = run("/bin/sh", Args, T.file("p"));
  EXPECT_EQ(ViaEnv.Status, 0) << ViaEnv.Err;
  EXPECT_NE(ViaEnv.Err.find("removed the summary cache " + Env + " (2 entries"),
            std::string::npos)
      << ViaEnv.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(Env));

  // A folder that is not racelint's cache is kept, whole: one without the
  // tag, one with the tag and a file racelint does not write, and a link to
  // a cache.
  T.write("mine/notes.txt", "keep me\n");
  RunOutput Foreign = runRacelint({"clean", "--cache-dir", T.file("mine")});
  EXPECT_EQ(Foreign.Status, 2);
  EXPECT_EQ(Foreign.Err, "racelint: error: " + T.file("mine") +
                             ": no CACHEDIR.TAG of racelint's, so not "
                             "racelint's summary cache; nothing removed\n");
  EXPECT_EQ(readFile(T.file("mine/notes.txt")), "keep me\n");

  std::string Real = T.file("real");
  ASSERT_EQ(
      runRacelint({"check", "--quiet", "--cache-dir", Real, "sub"}, T.file("p"))
          .Status,
      1);
  T.write("real/notes.txt", "keep me\n");
  RunOutput Extra = runRacelint({"clean", "--cache-dir", Real});
  EXPECT_EQ(Extra.Status, 2);
  EXPECT_NE(Extra.Err.find("holds `notes.txt`, which racelint does not write "
                           "there; nothing removed"),
            std::string::npos)
      << Extra.Err;
  EXPECT_EQ(readFile(T.file("real/notes.txt")), "keep me\n");
  ASSERT_FALSE(llvm::sys::fs::remove(T.file("real/notes.txt")));

  ASSERT_FALSE(llvm::sys::fs::create_link(Real, T.file("link")));
  RunOutput Link = runRacelint({"clean", "--cache-dir", T.file("link")});
  EXPECT_EQ(Link.Status, 2);
  EXPECT_NE(Link.Err.find("not a folder"), std::string::npos) << Link.Err;
  EXPECT_TRUE(llvm::sys::fs::is_directory(Real));

  // check, given a folder that holds other things, keeps its entries there
  // but neither tags the folder as a cache nor removes what it finds, run
  // after run; so clean leaves it too.
  T.write("mixed/0123456789abcdef/data", "x");
  for (int Run = 0; Run < 2; ++Run)
    ASSERT_EQ(
        runRacelint({"check", "--quiet", "--cache-dir", T.file("mixed"), "sub"},
                    T.file("p"))
            .Status,
        1);
  EXPECT_EQ(readFile(T.file("mixed/0123456789abcdef/data")), "x");
  EXPECT_FALSE(llvm::sys::fs::exists(T.file("mixed/CACHEDIR.TAG")));
  EXPECT_EQ(runRacelint({"clean", "--cache-dir", T.file("mixed")}).Status, 2);
  EXPECT_EQ(readFile(T.file("mixed/0123456789abcdef/data")), "x");

  RunOutput Removed = runRacelint({"clean", "--cache-dir", Real});
  EXPECT_EQ(Removed.Status, 0) << Removed.Err;
  EXPECT_FALSE(llvm::sys::fs::exists(Real));
}

TEST(Cores, ACpuQuotaOfTheControlGroupCounts) {
  using Files = std::map<std::string, std::string>;
  auto Quota = [](llvm::StringRef ProcCgroup, const Files &F) {
    return cgroupQuotaCores(
        ProcCgroup, [&](llvm::StringRef Path) -> std::optional<std::string> {
          auto It = F.find(Path.str());
          if (It == F.end())
            return std::nullopt;
          return It->second;
        });
  };
  // cgroup v2: the tightest limit of the group and its parents, rounded up.
  EXPECT_EQ(Quota("0::/ci/job\n", {{"/ci/job/cpu.max", "max 100000\n"},
                                   {"/ci/cpu.max", "150000 100000\n"},
                                   {"/cpu.max", "max 100000\n"}}),
            2u);
  EXPECT_EQ(Quota("0::/\n", {{"/cpu.max", "400000 100000\n"}}), 4u);
  EXPECT_EQ(Quota("0::/\n", {{"/cpu.max", "50000 100000\n"}}), 1u);
  EXPECT_EQ(Quota("0::/\n", {{"/cpu.max", "max 100000\n"}}), std::nullopt);
  EXPECT_EQ(Quota("0::/\n", {}), std::nullopt);
  // cgroup v1: the cpu controller, under `cpu` or the folder its list names.
  EXPECT_EQ(Quota("4:memory:/x\n3:cpu,cpuacct:/docker/abc\n",
                  {{"/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "250000\n"},
                   {"/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n"}}),
            3u);
  EXPECT_EQ(Quota("3:cpu,cpuacct:/docker/abc\n",
                  {{"/cpu/cpu.cfs_quota_us", "200000\n"},
                   {"/cpu/cpu.cfs_period_us", "100000\n"}}),
            2u);
  EXPECT_EQ(Quota("1:cpu:/\n", {{"/cpu/cpu.cfs_quota_us", "-1\n"},
                                {"/cpu/cpu.cfs_period_us", "100000\n"}}),
            std::nullopt);
  // The cpuacct controller alone sets no quota; nonsense is no quota.
  EXPECT_EQ(
      Quota("2:cpuacct:/\n", {{"/cpuacct/cpu.cfs_quota_us", "100000\n"},
                              {"/cpuacct/cpu.cfs_period_us", "100000\n"}}),
      std::nullopt);
  EXPECT_EQ(Quota("garbage\n0::/\n", {{"/cpu.max", "lots 0\n"}}), std::nullopt);
  EXPECT_EQ(Quota("", {}), std::nullopt);
  // This machine's own count is at least one core.
  EXPECT_GE(availableCores(), 1u);
  EXPECT_EQ(ProjectAnalysis::workerCount(0, 1000000), availableCores());
}

TEST(Cli, JobsAreBoundedByTheFilesAndTheCores) {
  unsigned Cores = ProjectAnalysis::workerCount(0, 1000000);
  EXPECT_GE(Cores, 1u);
  EXPECT_EQ(ProjectAnalysis::workerCount(1, 1000), 1u);
  EXPECT_EQ(ProjectAnalysis::workerCount(3, 1000),
            std::min(3u, ProjectAnalysis::MaxJobsPerCore * Cores));
  EXPECT_EQ(ProjectAnalysis::workerCount(100000, 1000000),
            ProjectAnalysis::MaxJobsPerCore * Cores);
  EXPECT_EQ(ProjectAnalysis::workerCount(100000, 2), 2u);
  EXPECT_EQ(ProjectAnalysis::workerCount(0, 0), 1u);
  // The run says how many it used, and the findings are those of one job.
  TempDir T;
  T.write("m.py", Racy);
  T.write("n.py", Clean);
  RunOutput One = runRacelint({"check", "--no-cache", "--quiet",
                               "--output-format=concise", "--jobs", "1", "."},
                              T.path());
  RunOutput Many =
      runRacelint({"check", "--no-cache", "--quiet", "--timings",
                   "--output-format=concise", "--jobs", "100000", "."},
                  T.path());
  EXPECT_EQ(Many.Out, One.Out);
  EXPECT_EQ(Many.Status, One.Status);
  EXPECT_NE(Many.Err.find("racelint: timings with 2 threads in pass 1"),
            std::string::npos)
      << Many.Err;
}

TEST(Cli, TimingsNameEachPhaseRuleAndTheCache) {
  TempDir T;
  T.write("m.py", Racy);
  T.write("n.py", Clean);
  auto Check = [&](std::vector<std::string> More) {
    std::vector<std::string> Args = {"check", "--quiet",
                                     "--output-format=concise", "."};
    Args.insert(Args.end(), More.begin(), More.end());
    return runRacelint(Args, T.path());
  };
  RunOutput Plain = Check({"--no-cache"});
  RunOutput Cold =
      Check({"--timings", "--jobs", "2", "--cache-dir", T.file("cache")});
  // The timings go to stderr: the findings do not change.
  EXPECT_EQ(Cold.Out, Plain.Out);
  EXPECT_EQ(Cold.Status, Plain.Status);
  EXPECT_EQ(countLines(Cold.Out, "[unguarded-read-modify-write]"), 1u)
      << Cold.Out;
  EXPECT_NE(Cold.Err.find("racelint: timings with 2 threads in pass 1"),
            std::string::npos)
      << Cold.Err;
  for (const char *Phase :
       {"  pass 1: read, parse, summarize ", "  rules ",
        "    unguarded-read-modify-write ", "    check-then-act ",
        "  suppressions and sorting ", "  total "})
    EXPECT_EQ(countLines(Cold.Err, Phase), 1u) << Phase << "\n" << Cold.Err;
  EXPECT_EQ(countLines(Cold.Err, "  pass 2"), 1u) << Cold.Err;
  EXPECT_EQ(countLines(Cold.Err, "  summary cache: sweep"), 1u) << Cold.Err;
  EXPECT_NE(Cold.Err.find("cache: 0 files read from it, 2 analyzed; 2 entries "
                          "stored, 0 removed"),
            std::string::npos)
      << Cold.Err;

  RunOutput Warm = Check({"--timings", "--jobs", "1", "--select",
                          "check-then-act", "--cache-dir", T.file("cache")});
  EXPECT_EQ(Warm.Status, 0) << Warm.Out;
  EXPECT_NE(Warm.Err.find("racelint: timings with 1 thread in pass 1"),
            std::string::npos)
      << Warm.Err;
  EXPECT_NE(Warm.Err.find("cache: 2 files read from it, 0 analyzed; 0 entries "
                          "stored, 0 removed"),
            std::string::npos)
      << Warm.Err;
  // Only the rules that ran have a row.
  EXPECT_EQ(countLines(Warm.Err, "    check-then-act "), 1u) << Warm.Err;
  EXPECT_EQ(countLines(Warm.Err, "unguarded-read-modify-write"), 0u)
      << Warm.Err;

  RunOutput NoCache = Check({"--timings", "--no-cache"});
  EXPECT_NE(NoCache.Err.find("  cache: not used\n"), std::string::npos)
      << NoCache.Err;
  EXPECT_EQ(countLines(NoCache.Err, "summary cache: sweep"), 0u) << NoCache.Err;
  // Without --timings, no timings.
  EXPECT_EQ(Plain.Err.find("timings"), std::string::npos) << Plain.Err;
}

// A full disk gets one line and exit 2, never LLVM's abort for a stream
// destroyed with an error nobody read.
TEST(Cli, OutputThatCannotBeWrittenIsAnErrorNotACrash) {
  ASSERT_TRUE(llvm::sys::fs::exists("/dev/full"));
  TempDir T;
  T.write("bad.py", BadSyntax);
  auto NoCrash = [](const RunOutput &R) {
    EXPECT_EQ(R.Err.find("LLVM ERROR"), std::string::npos) << R.Err;
    EXPECT_EQ(R.Err.find("PLEASE submit"), std::string::npos) << R.Err;
  };
  // Exit 2, \p Message on stderr, no abort.
  auto FailsWith = [&](const RunOutput &R, llvm::StringRef Message) {
    EXPECT_EQ(R.Status, 2) << R.Err;
    EXPECT_NE(R.Err.find(Message.str()), std::string::npos)
        << Message.str() << "\n"
        << R.Err;
    NoCrash(R);
  };
  // A file size limit of one 512-byte block stands in for a full disk.
  const char *OneBlock = "ulimit -f 1 && exec \"$@\"";
  RunOutput File = runRacelint(
      {"check", "--no-cache", "--quiet", "-o", "/dev/full", T.path()});
  FailsWith(File, "racelint: error: /dev/full: cannot write: No space left "
                  "on device\n");

  RunOutput Stdout = runRacelintVia(
      "exec \"$@\" >/dev/full", {"check", "--no-cache", "--quiet", T.path()});
  FailsWith(Stdout, "racelint: error: cannot write the output: No space left "
                    "on device\n");

  RunOutput Baseline = runRacelint({"check", "--no-cache", "--quiet",
                                    "--write-baseline", "/dev/full", T.path()});
  FailsWith(Baseline, "/dev/full: cannot write baseline: No space left on "
                      "device\n");

  RunOutput Report =
      runRacelint({"report", "--no-cache", "-o", "/dev/full", T.path()});
  FailsWith(Report, "racelint: error: /dev/full: cannot write: No space left "
                    "on device\n");

  // --help and --version leave through exit() in the option parser.
  RunOutput Help = runRacelintVia("exec \"$@\" >/dev/full", {"--version"});
  FailsWith(Help, "racelint: error: cannot write the output: No space left "
                  "on device\n");

  // A regular file that fills up (a file size limit stands in for a full
  // disk): the old baseline stays whole, and no partial output is left.
  for (int I = 0; I < 4; ++I)
    T.write("more" + std::to_string(I) + ".py", BadSyntax);
  RunOutput First = runRacelint(
      {"check", "--no-cache", "--quiet", "--write-baseline", "base.json", "."},
      T.path());
  ASSERT_EQ(First.Status, 0) << First.Err;
  std::string Old = readFile(T.file("base.json"));
  ASSERT_GT(Old.size(), 512u);
  T.write("bad2.py", BadSyntax); // a second entry: a longer baseline
  RunOutput Limited = runRacelintVia(
      OneBlock,
      {"check", "--no-cache", "--quiet", "--write-baseline", "base.json", "."},
      T.path());
  FailsWith(Limited, "base.json: cannot write baseline: File too large\n");
  EXPECT_EQ(readFile(T.file("base.json")), Old);
  RunOutput Partial =
      runRacelintVia(OneBlock,
                     {"check", "--no-cache", "--quiet", "--output-format",
                      "json", "-o", "out.json", "."},
                     T.path());
  FailsWith(Partial, "racelint: error: out.json: cannot write: File too "
                     "large\n");
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(T.path(), EC), End;
       !EC && It != End; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    EXPECT_FALSE(Name.contains(".tmp-") || Name == "out.json") << Name.str();
  }
}

// A cache that cannot be written costs the next run its speed, not this
// run its findings: one warning, the same output and exit code.
TEST(Cli, SummaryCacheThatCannotBeWrittenIsAWarning) {
  TempDir T;
  T.write("m.py", Racy);
  // Summaries far larger than the file size limit below.
  std::string Big;
  for (int I = 0; I < 400; ++I)
    Big += "def f" + std::to_string(I) + "(a, b):\n    a.x = b.y + " +
           std::to_string(I) + "\n    return a.f(b, key=a.z)\n\n\n";
  T.write("big.py", Big);
  T.write("not-a-folder", "");
  auto Check = [&](std::vector<std::string> More) {
    std::vector<std::string> Args = {"check", "--output-format=concise", "."};
    Args.insert(Args.end(), More.begin(), More.end());
    return runRacelint(Args, T.path());
  };
  RunOutput None = Check({"--no-cache"});
  ASSERT_EQ(None.Status, 1) << None.Err;
  ASSERT_EQ(countLines(None.Out, "[unguarded-read-modify-write]"), 1u)
      << None.Out;
  const char *Warning = "racelint: warning: cannot write the summary cache (";

  // A cache folder that cannot be made.
  RunOutput NoFolder = Check({"--cache-dir", "not-a-folder/cache"});
  EXPECT_EQ(NoFolder.Status, None.Status);
  EXPECT_EQ(NoFolder.Out, None.Out);
  EXPECT_EQ(countLines(NoFolder.Err, Warning), 1u) << NoFolder.Err;
  EXPECT_NE(NoFolder.Err.find("Not a directory"), std::string::npos)
      << NoFolder.Err;
  RunOutput Quiet = Check({"--cache-dir", "not-a-folder/cache", "--quiet"});
  EXPECT_EQ(Quiet.Out, None.Out);
  EXPECT_EQ(Quiet.Err.find(Warning), std::string::npos) << Quiet.Err;

  // Entries that hit the file size limit (as on a full disk, the write
  // fails): no abort, nothing half-written left behind.
  std::string Cache = T.path() + "/cache";
  RunOutput Limited = runRacelintVia("ulimit -f 8 && exec \"$@\"",
                                     {"check", "--output-format=concise",
                                      "--cache-dir", Cache, "--jobs", "2", "."},
                                     T.path());
  EXPECT_EQ(Limited.Status, None.Status) << Limited.Err;
  EXPECT_EQ(Limited.Out, None.Out);
  EXPECT_EQ(countLines(Limited.Err, Warning), 1u) << Limited.Err;
  EXPECT_NE(Limited.Err.find("File too large"), std::string::npos)
      << Limited.Err;
  EXPECT_EQ(Limited.Err.find("LLVM ERROR"), std::string::npos) << Limited.Err;
  EXPECT_EQ(Limited.Err.find("PLEASE submit"), std::string::npos)
      << Limited.Err;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Cache, EC), End;
       !EC && It != End; It.increment(EC))
    EXPECT_FALSE(llvm::StringRef(It->path()).contains(".tmp-")) << It->path();
  // Without the limit, the next run fills the cache and agrees.
  RunOutput After = Check({"--cache-dir", Cache});
  EXPECT_EQ(After.Out, None.Out);
  EXPECT_EQ(After.Err.find(Warning), std::string::npos) << After.Err;
  EXPECT_EQ(cacheEntries(Cache).size(), 2u);
}

// Two runs at once on one cold cache (two pre-commit hooks, a CI matrix)
// each give the findings of a run without cache, and so does the next.
TEST(Cli, SummaryCacheSharedByTwoRunsAtOnce) {
  TempDir T;
  std::string Cache = T.path() + "/cache";
  std::string Src = sourceDir();
  RunOutput None = runRacelint(
      {"check", "--no-cache", "--quiet", "--output-format=concise", "testdata"},
      Src);
  ASSERT_EQ(None.Status, 1) << None.Err;
  RunOutput Both =
      run("/bin/sh",
          {"-c",
           "for I in 1 2; do (\"$0\" check --quiet --output-format=concise "
           "--cache-dir \"$1\" --jobs 2 testdata >\"$2/out$I\" 2>\"$2/err$I\"; "
           "echo $? >\"$2/status$I\") & done; wait",
           RACELINT_BINARY, Cache, T.path()},
          Src);
  ASSERT_EQ(Both.Status, 0) << Both.Err;
  for (const char *I : {"1", "2"}) {
    EXPECT_EQ(readFile(T.path() + "/status" + I), "1\n") << I;
    EXPECT_EQ(readFile(T.path() + "/out" + I), None.Out) << I;
    EXPECT_EQ(readFile(T.path() + "/err" + I), None.Err) << I;
  }
  EXPECT_GT(cacheEntries(Cache).size(), 100u);
  RunOutput Warm = runRacelint({"check", "--quiet", "--output-format=concise",
                                "--cache-dir", Cache, "testdata"},
                               Src);
  EXPECT_EQ(Warm.Out, None.Out);
}

// File names are bytes: one that is not UTF-8, or holds a newline, still
// gives valid JSON and SARIF, and its findings.
TEST(Cli, FileNamesThatAreNotUtf8) {
  TempDir T;
  T.write("bad\xffname.py", Racy);
  T.write("new\nline.py", Racy);
  T.write("a b%.py", Racy);
  auto Check = [&](const char *Format) {
    return runRacelint(
        {"check", "--no-cache", "--quiet", "--output-format", Format, "."},
        T.path());
  };
  RunOutput Concise = Check("concise");
  EXPECT_EQ(Concise.Status, 1) << Concise.Err;
  EXPECT_EQ(countLines(Concise.Out, "[unguarded-read-modify-write]"), 3u)
      << Concise.Out;
  EXPECT_NE(Concise.Out.find("bad\xffname.py:8:5: "), std::string::npos)
      << Concise.Out;

  RunOutput Json = Check("json");
  EXPECT_EQ(Json.Status, 1) << Json.Err;
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse(Json.Out);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError()) << Json.Out;
  std::vector<std::string> Paths;
  for (const llvm::json::Value &F : *Doc->getAsObject()->getArray("findings"))
    Paths.push_back(F.getAsObject()->getString("path")->str());
  std::sort(Paths.begin(), Paths.end());
  EXPECT_EQ(Paths, (std::vector<std::string>{
                       "a b%.py", "bad\xef\xbf\xbdname.py", "new\nline.py"}));

  // The baseline too, and it still matches the findings it holds.
  RunOutput Write = runRacelint(
      {"check", "--no-cache", "--quiet", "--write-baseline", "base.json", "."},
      T.path());
  EXPECT_EQ(Write.Status, 0) << Write.Err;
  ASSERT_TRUE(bool(llvm::json::parse(readFile(T.file("base.json")))));
  RunOutput Based = runRacelint(
      {"check", "--no-cache", "--quiet", "--baseline", "base.json", "."},
      T.path());
  EXPECT_EQ(Based.Status, 0) << Based.Out;
  EXPECT_EQ(Based.Out, "");

  RunOutput Sarif = Check("sarif");
  EXPECT_EQ(Sarif.Status, 1) << Sarif.Err;
  llvm::Expected<llvm::json::Value> SarifDoc = llvm::json::parse(Sarif.Out);
  ASSERT_TRUE(bool(SarifDoc)) << llvm::toString(SarifDoc.takeError());
  for (const char *Uri :
       {"\"a%20b%25.py\"", "\"bad%FFname.py\"", "\"new%0Aline.py\""})
    EXPECT_NE(Sarif.Out.find(Uri), std::string::npos) << Uri;
}
