// End-to-end tests of `racelint confirm` on the capstone: every seeded race
// confirmed on free-threaded CPython, the fixed program never failing, and
// the check-then-act findings confirmed even with the GIL on.
#include "TestSupport.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

#include <map>

using namespace racelint::test;

namespace {

/// The free-threaded interpreter the project builds (fails loudly if it
/// cannot be provisioned: never skipped).
std::string freeThreadedPython() {
  static std::string Path = [] {
    RunOutput R = run(sourceDir() + "/scripts/provision-python", {}, "", 900);
    if (R.Status != 0)
      return std::string();
    return llvm::StringRef(R.Out).trim().rsplit('\n').second.empty()
               ? llvm::StringRef(R.Out).trim().str()
               : llvm::StringRef(R.Out).trim().rsplit('\n').second.str();
  }();
  return Path;
}

std::string capstoneDir() { return sourceDir() + "/testdata/capstone"; }

/// Runs confirm on the capstone; returns (verdict per finding "file:line
/// rule", the run's output).
std::map<std::string, std::string>
confirmCapstone(const std::string &Python, const std::string &Version,
                RunOutput &R, const std::string &Seed = "11") {
  R = runRacelint({"confirm", "capstone/" + Version, "--runs", "4", "--seed",
                   Seed, "--python", Python, "--output-format", "json", "--",
                   "-m", "capstone." + Version, "--size", "small"},
                  capstoneDir());
  std::map<std::string, std::string> Verdicts;
  auto J = llvm::json::parse(R.Out);
  if (!J) {
    llvm::consumeError(J.takeError());
    return Verdicts;
  }
  for (const llvm::json::Value &F : *J->getAsObject()->getArray("findings")) {
    const llvm::json::Object &O = *F.getAsObject();
    std::string Key = O.getString("path")->str() + ":" +
                      std::to_string(*O.getInteger("line")) + " " +
                      O.getString("rule")->str();
    const llvm::json::Object *V = O.getObject("verdict");
    Verdicts[Key] = V ? V->getString("status")->str() : "none";
  }
  return Verdicts;
}

} // namespace

TEST(Confirm, EverySeededRaceIsConfirmedOnFreeThreadedPython) {
  std::string Py = freeThreadedPython();
  ASSERT_FALSE(Py.empty()) << "scripts/provision-python failed";
  RunOutput R;
  auto Verdicts = confirmCapstone(Py, "racy", R);
  EXPECT_EQ(R.Status, 1) << R.Err;
  // The seven seeded bugs of testdata/capstone/README.md.
  EXPECT_EQ(Verdicts.size(), 7u) << R.Out << R.Err;
  for (const auto &[Finding, Status] : Verdicts)
    EXPECT_EQ(Status, "confirmed") << Finding << "\n" << R.Err;
  EXPECT_NE(R.Err.find("free-threaded, GIL off"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("INVARIANT FAILED"), std::string::npos) << R.Err;
}

TEST(Confirm, FixedCapstoneNeverFails) {
  std::string Py = freeThreadedPython();
  ASSERT_FALSE(Py.empty()) << "scripts/provision-python failed";
  RunOutput R;
  auto Verdicts = confirmCapstone(Py, "fixed", R);
  EXPECT_EQ(R.Status, 0) << R.Out << R.Err;
  EXPECT_TRUE(Verdicts.empty()) << R.Out;
  EXPECT_NE(R.Err.find("0 confirmed"), std::string::npos) << R.Err;
  EXPECT_EQ(R.Err.find("the target failed"), std::string::npos) << R.Err;
}

TEST(Confirm, PausesConfirmCheckThenActEvenWithTheGil) {
  RunOutput R;
  auto Verdicts = confirmCapstone("/usr/bin/python3.11", "racy", R);
  EXPECT_EQ(R.Status, 1) << R.Err;
  unsigned CheckThenAct = 0;
  for (const auto &[Finding, Status] : Verdicts)
    if (llvm::StringRef(Finding).endswith(" check-then-act")) {
      ++CheckThenAct;
      EXPECT_EQ(Status, "confirmed") << Finding << "\n" << R.Err;
    }
  EXPECT_EQ(CheckThenAct, 3u) << R.Out;
  EXPECT_NE(R.Err.find("GIL on"), std::string::npos) << R.Err;
}

TEST(Confirm, TheSeedIsReportedForReplay) {
  std::string Py = freeThreadedPython();
  ASSERT_FALSE(Py.empty()) << "scripts/provision-python failed";
  RunOutput R;
  confirmCapstone(Py, "racy", R, "4242");
  EXPECT_NE(R.Err.find("--seed 4242"), std::string::npos) << R.Err;
}

TEST(Confirm, NeedsATarget) {
  RunOutput R = runRacelint({"confirm", "capstone/racy"}, capstoneDir());
  EXPECT_EQ(R.Status, 2);
  EXPECT_NE(R.Err.find("confirm needs a target"), std::string::npos) << R.Err;
}
