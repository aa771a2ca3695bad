#pragma once

#include "Config.h"
#include "GlobList.h"
#include "OutputFormatter.h"
#include "ProjectAnalysis.h"
#include "SummaryCache.h"

#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace racelint {

/// Exit codes, as ruff has them.
enum ExitCode : int {
  ExitClean = 0,    ///< no finding, no file error
  ExitFindings = 1, ///< findings, or files that could not be analyzed
  ExitUsage = 2,    ///< bad usage, a missing path, a bad configuration
};

enum class ColorMode { Auto, Always, Never };

/// Options shared by `check` and `report`; an unset option takes the
/// configuration file's value.
struct ProjectOptions {
  std::optional<std::vector<std::string>> Select, Ignore, Exclude;
  /// Apply excludes to files named on the command line too.
  bool ForceExclude = false;
  /// A configuration file instead of the nearest pyproject.toml.
  std::string ConfigFile;
  /// Read no configuration file.
  bool Isolated = false;
  /// Neither read nor write the summary cache.
  bool NoCache = false;
  /// The summary cache's folder (default: `.racelint_cache` beside the
  /// configuration file, else in the current folder).
  std::string CacheDir;
  /// This program's path (the cache's entries are per binary).
  std::string Executable;
  unsigned Jobs = 0;
};

/// `racelint confirm`: the harness run after the analysis.
struct ConfirmSettings {
  std::vector<std::string> Target; ///< `script.py args` or `-m module args`
  std::string Python;              ///< --python (else configured, else found)
  unsigned Runs = 20;
  double Timeout = 20;
  double Wait = 0.5;
  uint64_t Seed = 0; ///< 0: pick one and print it
  std::string Executable;
};

/// `racelint check` (and `racelint confirm`, which adds Confirm).
struct CheckOptions : ProjectOptions {
  std::vector<std::string> Paths;
  /// Paths analyzed for context only: their files join the project, but
  /// findings and errors are reported only for the files of Paths (and
  /// findings elsewhere with a note in them).
  std::vector<std::string> Context;
  OutputFormat Format = OutputFormat::Full;
  std::string OutputFile;
  ColorMode Color = ColorMode::Auto;
  bool Quiet = false;
  bool Statistics = false;
  bool NoProgress = false;
  /// Print where the time went (phases, rules, cache) on stderr.
  bool Timings = false;
  std::string BaselineFile, WriteBaselineFile;
  std::optional<ConfirmSettings> Confirm;
  /// The process ends right after check() returns: keep the analysis (it
  /// stays reachable) rather than free its memory piece by piece, as
  /// compilers do.
  bool ExitAfter = false;
};

/// `racelint report`.
enum class ReportFormat { Text, Markdown, Csv, Html };
struct ReportOptions : ProjectOptions {
  std::string Dir;
  ReportFormat Format = ReportFormat::Text;
  std::string OutputFile;
};

/// `racelint env`.
struct EnvOptions {
  std::string Python;
  std::string ConfigFile;
  bool InstallFreeThreaded = false;
  /// This program's path (to find scripts/provision-python).
  std::string Executable;
};

/// `racelint clean`.
struct CleanOptions {
  std::string CacheDir;   ///< --cache-dir
  std::string ConfigFile; ///< --config
  bool Isolated = false;
  bool Quiet = false;
};

/// What a project run needs once options and configuration are merged.
struct ProjectSetup {
  std::optional<Config> Cfg;
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  AnalysisSettings Analysis;
  GlobList Excludes;
  bool ForceExclude = false;
  std::unique_ptr<SummaryCache> Cache; ///< Analysis.Cache points here
};

/// Runs the commands: files, thread pool, output and exit code.
class Driver {
public:
  Driver(llvm::raw_ostream &Out, llvm::raw_ostream &Err) : Out(Out), Err(Err) {}

  int check(const CheckOptions &Opts);
  int listRules();
  int showRule(llvm::StringRef Id);
  int report(const ReportOptions &Opts);
  int env(const EnvOptions &Opts);
  /// Removes the summary cache check would use.
  int clean(const CleanOptions &Opts);

private:
  /// stdout, or the file \p Path (kept open in \p File); null after
  /// printing why when it cannot be written.
  llvm::raw_ostream *openOutput(const std::string &Path,
                                std::unique_ptr<llvm::raw_fd_ostream> &File);
  /// Flushes the output openOutput gave and closes \p File; false after
  /// printing why when \p File (named \p Path) could not be written.
  bool closeOutput(const std::string &Path,
                   std::unique_ptr<llvm::raw_fd_ostream> &File);
  /// `confirm`: runs the target under the harness and sets each finding's
  /// verdict; false (after printing why) when the harness could not run.
  bool confirm(const ConfirmSettings &C, const ProjectSetup &Setup,
               std::vector<Diagnostic> &Diags, bool Quiet);
  /// One warning line when \p Cache (may be null) could not store an entry.
  void warnIfCacheUnwritten(const SummaryCache *Cache);
  /// `--timings`: the phases of \p R, its rules and \p Cache's counts
  /// (null when the cache is off), on stderr.
  void writeTimings(const ProjectAnalysis &R, const SummaryCache *Cache);

public:
  /// Merges \p Opts with the configuration (found from \p FirstPath).
  static llvm::Expected<ProjectSetup> setup(const ProjectOptions &Opts,
                                            llvm::StringRef FirstPath);

  /// Prints `racelint: error: <Msg>` on stderr.
  void error(const llvm::Twine &Msg);

private:
  llvm::raw_ostream &Out;
  llvm::raw_ostream &Err;
};

} // namespace racelint
