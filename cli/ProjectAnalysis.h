#pragma once

#include "GlobList.h"
#include "RuleSelection.h"

#include "AnalysisContext.h"
#include "Diagnostic.h"

#include "llvm/ADT/StringMap.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace racelint {

class ConcurrencyModels;
class SummaryCache;

/// Rules turned off for the files a glob list matches.
struct PathRuleIgnore {
  GlobList Globs;
  std::vector<std::string> Rules;
};

/// How to analyze a project.
struct AnalysisSettings {
  RuleSelection Rules;
  std::vector<PathRuleIgnore> PerFileIgnores;
  /// Threads of pass 1; 0 means one per core (availableCores).
  unsigned Jobs = 0;
  /// Pass 1's results of earlier runs, or null.
  SummaryCache *Cache = nullptr;
  /// Called on the calling thread about ten times a second during pass 1
  /// with the files done and the files in all.
  std::function<void(size_t, size_t)> Progress;
};

/// Wall and CPU seconds of one part of a run (`check --timings`). CPU time
/// is the whole process's, all threads together.
struct PhaseTime {
  std::string Name;
  double Wall = 0, Cpu = 0;
  /// What the phase is made of, in order (the rules' phase: each rule).
  std::vector<PhaseTime> Parts;
};

/// One analysis of a set of files as one project: pass 1 on every file in
/// parallel, pass 2 and the rules, then per-file ignores and suppression
/// comments. The result is the same for any number of jobs.
class ProjectAnalysis {
public:
  /// Pass 1's threads for --jobs \p Jobs (0: one per available core, a CPU
  /// quota counted) over \p Files files: never more than the files, nor
  /// MaxJobsPerCore per core.
  static unsigned workerCount(unsigned Jobs, size_t Files);
  static constexpr unsigned MaxJobsPerCore = 4;
  /// Analyzes \p Files (read in parallel, results kept in input order).
  static std::unique_ptr<ProjectAnalysis>
  run(const std::vector<std::string> &Files, const ConcurrencyModels &Models,
      const AnalysisSettings &Settings);
  ~ProjectAnalysis();

  /// Findings, sorted with diagnosticLess and without duplicates.
  std::vector<Diagnostic> Diagnostics;
  /// Files that could not be analyzed, in input order.
  std::vector<FileError> Errors;
  unsigned FileCount = 0;
  /// Threads of pass 1.
  unsigned Threads = 1;
  uint64_t LineCount = 0;
  double Seconds = 0;
  /// Where the time went: pass 1, pass 2, the rules, the suppressions.
  std::vector<PhaseTime> Phases;

  /// The analyzed file \p Path, or null.
  const SourceFile *source(llvm::StringRef Path) const;
  /// Line \p Line of \p Path, or empty.
  llvm::StringRef lineText(llvm::StringRef Path, unsigned Line) const;

private:
  ProjectAnalysis() = default;
  std::unique_ptr<AnalysisContext> Context;
  llvm::StringMap<const SourceFile *> Sources;
};

} // namespace racelint
