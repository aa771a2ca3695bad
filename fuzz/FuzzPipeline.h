#pragma once

// The pipeline racelint-fuzz drives, shared with tests/AdversarialTest.cpp so
// that a saved input replays exactly as the fuzzer ran it.

#include "AnalysisContext.h"
#include "Diagnostic.h"
#include "RuleRegistry.h"
#include "SourceFile.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace racelint {
namespace fuzz {

/// Splits an input into the two files of a project. A NUL byte never occurs
/// in a file racelint accepts, so every other byte stays available to the
/// Python text.
constexpr char FileSeparator = '\0';

/// One file of a fuzzed project: its path, module name and text.
struct FuzzFile {
  std::string Path, Module;
  llvm::StringRef Text;
};

/// Checks that \p Line and \p Column point into \p Src; returns what is wrong,
/// or an empty string.
inline std::string checkPosition(const SourceFile &Src, unsigned Line,
                                 unsigned Column, llvm::StringRef What) {
  if (Line == 0 || Line > Src.lineCount() || Column == 0)
    return (What + " at " + Src.path() + ":" + llvm::Twine(Line) + ":" +
            llvm::Twine(Column) + " is outside the file's " +
            llvm::Twine(Src.lineCount()) + " lines")
        .str();
  return {};
}

/// Runs what `racelint check` runs on \p Files as one project: SourceFile,
/// pass 1, pass 2 and every rule. Returns the first broken invariant of the
/// findings (a location outside its file), or an empty string.
inline std::string runProject(const std::vector<FuzzFile> &Files,
                              size_t *FindingCount = nullptr) {
  // Built once: the tables are constant and cost more than a small input.
  static const ConcurrencyModels Models = ConcurrencyModels::defaults();
  std::vector<FileAnalysis> Analyses;
  for (const FuzzFile &F : Files) {
    auto Src = SourceFile::fromText(F.Path, F.Text);
    if (!Src) {
      llvm::consumeError(Src.takeError());
      continue;
    }
    Analyses.push_back(analyzeFile(std::move(*Src), F.Module, Models));
  }
  AnalysisContext Ctx(std::move(Analyses), Models);
  std::vector<Diagnostic> Out;
  for (const RuleInfo &R : allRules())
    R.Create()->check(Ctx, Out);
  std::sort(Out.begin(), Out.end(), diagnosticLess);
  if (FindingCount)
    *FindingCount += Out.size();

  for (const Diagnostic &D : Out) {
    const FileAnalysis *F = Ctx.file(D.Path);
    if (!F)
      return "[" + D.Rule + "] finding in an unknown file " + D.Path;
    std::string Bad = checkPosition(*F->Source, D.Range.Line, D.Range.Column,
                                    "[" + D.Rule + "] finding");
    if (!Bad.empty())
      return Bad;
    (void)F->Source->lineText(D.Range.Line); // what every formatter prints
    for (const auto *List : {&D.Related, &D.Flow})
      for (const RelatedLocation &R : *List) {
        const FileAnalysis *RF = Ctx.file(R.Path);
        if (!RF)
          return "[" + D.Rule + "] note in an unknown file " + R.Path;
        Bad = checkPosition(*RF->Source, R.Line, R.Column,
                            "[" + D.Rule + "] note `" + R.Message + "`");
        if (!Bad.empty())
          return Bad;
      }
  }
  return {};
}

/// The fuzzer's one input: the whole input as one file, then, when it holds
/// FileSeparator, the parts before and after the first one as a.py and b.py
/// of one project. Odd-sized inputs name the modules `pkg.a` and `pkg.b`
/// (relative imports resolve), even-sized ones `a` and `b`.
inline std::string runPipeline(llvm::StringRef Input,
                               size_t *FindingCount = nullptr) {
  bool InPackage = Input.size() % 2 == 1;
  std::string Dir = InPackage ? "pkg/" : "", Prefix = InPackage ? "pkg." : "";
  std::string Bad =
      runProject({{Dir + "a.py", Prefix + "a", Input}}, FindingCount);
  if (!Bad.empty() || !Input.contains(FileSeparator))
    return Bad;
  auto [A, B] = Input.split(FileSeparator);
  return runProject(
      {{Dir + "a.py", Prefix + "a", A}, {Dir + "b.py", Prefix + "b", B}},
      FindingCount);
}

} // namespace fuzz
} // namespace racelint
