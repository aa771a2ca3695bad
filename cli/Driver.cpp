#include "Driver.h"

#include "Harness.h"

#include <chrono>

#include "Baseline.h"
#include "FileWalker.h"
#include "Plural.h"
#include "ProgressBar.h"
#include "PythonEnv.h"
#include "Report.h"
#include "RuleCatalog.h"
#include "RuleDocs.h"
#include "RuleSelection.h"
#include "WriteFile.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <map>

namespace racelint {

namespace {

/// The summary cache's folder: \p Option (--cache-dir), else
/// RACELINT_CACHE_DIR, else `.racelint_cache` beside the configuration file
/// \p C, else in the current folder.
std::string cacheFolder(llvm::StringRef Option, const Config *C) {
  if (!Option.empty())
    return Option.str();
  if (const char *Env = getenv("RACELINT_CACHE_DIR"); Env && *Env)
    return Env;
  llvm::SmallString<256> Dir(C ? llvm::StringRef(C->Dir) : ".");
  llvm::sys::path::append(Dir, ".racelint_cache");
  return std::string(Dir);
}

/// The configuration of a command that takes no paths: the file \p File
/// names, else the nearest pyproject.toml from the current folder up.
llvm::Expected<std::optional<Config>> configOfCommand(const std::string &File) {
  if (File.empty())
    return Config::discover(".");
  auto C = Config::load(File);
  if (!C)
    return C.takeError();
  return std::optional<Config>(std::move(*C));
}

bool useColor(ColorMode Mode, bool ToTerminal) {
  if (Mode == ColorMode::Always)
    return true;
  if (Mode == ColorMode::Never)
    return false;
  return ToTerminal && !llvm::sys::Process::GetEnv("NO_COLOR");
}

/// A thread spawner named in the configuration: like `threading.Thread`, the
/// callable is the `target=` keyword or positional argument 1, and its
/// arguments the `args=` keyword or positional argument 3.
SpawnerModel threadLikeSpawner() {
  SpawnerModel M;
  M.TargetIndex = 1;
  M.TargetKeyword = "target";
  M.ArgsIndex = 3;
  M.ArgsKeyword = "args";
  return M;
}

void writeStatistics(const ProjectAnalysis &R, llvm::raw_ostream &OS) {
  std::map<std::string, unsigned> Counts;
  for (const Diagnostic &D : R.Diagnostics)
    ++Counts[D.Rule];
  std::vector<std::pair<std::string, unsigned>> Rows(Counts.begin(),
                                                     Counts.end());
  // Most frequent first, then by id.
  std::stable_sort(Rows.begin(), Rows.end(), [](const auto &A, const auto &B) {
    return A.second > B.second;
  });
  for (const auto &[Rule, Count] : Rows) {
    const CatalogEntry *E = findCatalogEntry(Rule);
    OS << llvm::format("%6u  ", Count) << llvm::left_justify(Rule, 28) << "  "
       << (E ? E->Summary : "") << "\n";
  }
}

} // namespace

void Driver::error(const llvm::Twine &Msg) {
  Err << "racelint: ";
  if (Err.has_colors())
    Err.changeColor(llvm::raw_ostream::RED, true);
  Err << "error:";
  if (Err.has_colors())
    Err.resetColor();
  Err << " " << Msg << "\n";
}

llvm::Expected<ProjectSetup> Driver::setup(const ProjectOptions &Opts,
                                           llvm::StringRef FirstPath) {
  ProjectSetup S;
  if (!Opts.ConfigFile.empty()) {
    auto C = Config::load(Opts.ConfigFile);
    if (!C)
      return C.takeError();
    S.Cfg = std::move(*C);
  } else if (!Opts.Isolated) {
    auto C = Config::discover(FirstPath);
    if (!C)
      return C.takeError();
    S.Cfg = std::move(*C);
  }
  const Config *C = S.Cfg ? &*S.Cfg : nullptr;

  // The command line overrides the file, option by option.
  std::vector<std::string> Select, Ignore, Exclude;
  if (Opts.Select)
    Select = *Opts.Select;
  else if (C && C->Select)
    Select = *C->Select;
  if (Opts.Ignore)
    Ignore = *Opts.Ignore;
  else if (C && C->Ignore)
    Ignore = *C->Ignore;
  bool ExcludeFromFile = !Opts.Exclude && C && C->Exclude;
  if (Opts.Exclude)
    Exclude = *Opts.Exclude;
  else if (ExcludeFromFile)
    Exclude = *C->Exclude;

  auto Rules = RuleSelection::create(Select, Ignore);
  if (!Rules)
    return Rules.takeError();
  S.Analysis.Rules = std::move(*Rules);
  auto Excludes = GlobList::create(Exclude, ExcludeFromFile ? C->Dir : "");
  if (!Excludes)
    return Excludes.takeError();
  S.Excludes = std::move(*Excludes);
  S.ForceExclude = Opts.ForceExclude;
  S.Analysis.Jobs = Opts.Jobs;
  if (!Opts.NoCache) {
    S.Cache = std::make_unique<SummaryCache>(
        cacheFolder(Opts.CacheDir, C),
        SummaryCache::toolKey(RACELINT_VERSION, Opts.Executable));
    S.Analysis.Cache = S.Cache.get();
  }
  if (C) {
    for (const PerFileIgnore &P : C->PerFileIgnores) {
      auto G = GlobList::create({P.Glob}, C->Dir);
      if (!G)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       C->Path + ": " +
                                           llvm::toString(G.takeError()));
      S.Analysis.PerFileIgnores.push_back({std::move(*G), P.Rules});
    }
    for (const std::string &Name : C->ExtraSpawners)
      S.Models.addSpawner(Name, threadLikeSpawner());
    for (const std::string &Name : C->ExtraLocks)
      S.Models.addLockType(Name);
    for (const std::string &Name : C->ThreadSafeClasses)
      S.Models.addThreadSafeClass(Name);
  }
  return S;
}

/// CheckOptions::ExitAfter's analysis: a global raw pointer, so no static
/// destructor frees it and leak checkers still see it reachable.
ProjectAnalysis *AnalysisKeptAtExit = nullptr;

namespace {

/// Keeps the findings and errors of a `--context` run that concern the
/// files the user named: a finding in one of them, or with a note in one
/// (the other half of a race can sit in an unchanged file). \p R's errors
/// end with the walker's: \p NamedWalkErrors of the named paths, then
/// \p ContextWalkErrors of the context paths.
void keepNamedOnly(ProjectAnalysis &R, llvm::ArrayRef<std::string> NamedFiles,
                   size_t NamedWalkErrors, size_t ContextWalkErrors) {
  llvm::StringSet<> Named;
  for (const std::string &F : NamedFiles)
    Named.insert(F);
  llvm::erase_if(R.Diagnostics, [&](const Diagnostic &D) {
    return !Named.contains(D.Path) &&
           llvm::none_of(D.Related, [&](const RelatedLocation &L) {
             return Named.contains(L.Path);
           });
  });
  size_t Analysis = R.Errors.size() - NamedWalkErrors - ContextWalkErrors;
  std::vector<FileError> Kept;
  for (size_t I = 0; I < R.Errors.size() - ContextWalkErrors; ++I)
    if (I >= Analysis || Named.contains(R.Errors[I].Path))
      Kept.push_back(std::move(R.Errors[I]));
  R.Errors = std::move(Kept);
  R.FileCount = NamedFiles.size();
}

} // namespace

void Driver::warnIfCacheUnwritten(const SummaryCache *Cache) {
  std::string Failure = Cache ? Cache->writeFailure() : std::string();
  if (!Failure.empty())
    Err << "racelint: warning: cannot write the summary cache (" << Failure
        << "); the findings are complete, but the next run analyzes the "
           "files again\n";
}

void Driver::writeTimings(const ProjectAnalysis &R, const SummaryCache *Cache) {
  Err << "racelint: timings with " << plural(R.Threads, "thread")
      << " in pass 1 (seconds; cpu is all threads together)\n";
  auto Row = [&](llvm::StringRef Name, double Wall, double Cpu) {
    Err << llvm::format("  %-42s %8.3f %8.3f\n", Name.str().c_str(), Wall, Cpu);
  };
  Err << llvm::format("  %-42s %8s %8s\n", static_cast<const char *>("phase"),
                      static_cast<const char *>("wall"),
                      static_cast<const char *>("cpu"));
  double Wall = 0, Cpu = 0;
  for (const PhaseTime &P : R.Phases) {
    Row(P.Name, P.Wall, P.Cpu);
    Wall += P.Wall;
    Cpu += P.Cpu;
    for (const PhaseTime &Part : P.Parts)
      Row("  " + Part.Name, Part.Wall, Part.Cpu);
  }
  Row("total", Wall, Cpu);
  if (Cache)
    Err << "  cache: " << plural(Cache->hits(), "file") << " read from it, "
        << Cache->misses() << " analyzed; "
        << plural(Cache->stored(), "entry", "entries") << " stored, "
        << Cache->removed() << " removed\n";
  else
    Err << "  cache: not used\n";
}

int Driver::check(const CheckOptions &Opts) {
  std::vector<std::string> Paths = Opts.Paths;
  if (Paths.empty())
    Paths.push_back(".");

  auto Setup = setup(Opts, Paths.front());
  if (!Setup) {
    error(llvm::toString(Setup.takeError()));
    return ExitUsage;
  }

  std::optional<Baseline> Base;
  if (!Opts.BaselineFile.empty()) {
    auto B = Baseline::load(Opts.BaselineFile);
    if (!B) {
      error(llvm::toString(B.takeError()));
      return ExitUsage;
    }
    Base = std::move(*B);
  }

  FileWalker Walker(Setup->Excludes, Setup->ForceExclude);
  bool Missing = false;
  for (const std::string &P : Paths)
    if (!Walker.add(P)) {
      error(P + ": no such file or directory");
      Missing = true;
    }
  // Files of the context paths that the named paths did not already give.
  size_t Named = Walker.files().size();
  size_t NamedErrors = Walker.errors().size();
  for (const std::string &P : Opts.Context)
    if (!Walker.add(P)) {
      error(P + ": no such file or directory");
      Missing = true;
    }
  if (Missing)
    return ExitUsage;

  bool StderrTerminal = llvm::sys::Process::StandardErrIsDisplayed();
  ProgressBar Progress(Err, StderrTerminal && !Opts.NoProgress && !Opts.Quiet);
  Setup->Analysis.Progress = [&](size_t Done, size_t Total) {
    Progress.update(Done, Total);
  };
  auto Result =
      ProjectAnalysis::run(Walker.files(), Setup->Models, Setup->Analysis);
  auto Keep = llvm::make_scope_exit([&] {
    if (Opts.ExitAfter)
      AnalysisKeptAtExit = Result.release();
  });
  Progress.finish();
  // Last on stderr, however the command ends.
  auto Timings = llvm::make_scope_exit([&] {
    if (Opts.Timings)
      writeTimings(*Result, Setup->Analysis.Cache);
  });
  if (!Opts.Quiet)
    warnIfCacheUnwritten(Setup->Analysis.Cache);
  for (const FileError &E : Walker.errors())
    Result->Errors.push_back(E);
  if (!Opts.Context.empty())
    keepNamedOnly(*Result, llvm::makeArrayRef(Walker.files()).take_front(Named),
                  NamedErrors, Walker.errors().size() - NamedErrors);
  std::stable_sort(
      Result->Errors.begin(), Result->Errors.end(),
      [](const FileError &A, const FileError &B) { return A.Path < B.Path; });

  if (!Opts.WriteBaselineFile.empty()) {
    Baseline B = Baseline::fromResult(*Result);
    if (llvm::Error E = B.save(Opts.WriteBaselineFile)) {
      error(llvm::toString(std::move(E)));
      return ExitUsage;
    }
    for (const FileError &E : Result->Errors)
      Err << E.Path << ": error: " << E.Message << "\n";
    if (!Opts.Quiet)
      Err << "racelint: wrote " << plural(B.entries().size(), "finding")
          << " to " << Opts.WriteBaselineFile << "\n";
    return Result->Errors.empty() ? ExitClean : ExitFindings;
  }

  size_t Baselined = 0;
  if (Base) {
    size_t Before = Result->Diagnostics.size();
    std::vector<Baseline::Entry> Gone = Base->apply(*Result);
    Baselined = Before - Result->Diagnostics.size();
    if (!Gone.empty() && !Opts.Quiet) {
      Err << "racelint: note: "
          << plural(Gone.size(), "baseline entry", "baseline entries")
          << " no longer " << (Gone.size() == 1 ? "occurs" : "occur")
          << " (fixed or changed; rewrite the baseline with "
             "--write-baseline):\n";
      for (const Baseline::Entry &E : Gone)
        Err << "  " << E.Path << ": [" << E.Rule << "] " << E.Message
            << (E.Text.empty() ? "" : " (`" + E.Text + "`)") << "\n";
    }
  }

  if (Opts.Confirm &&
      !confirm(*Opts.Confirm, *Setup, Result->Diagnostics, Opts.Quiet))
    return ExitUsage;

  // Where the output goes.
  std::unique_ptr<llvm::raw_fd_ostream> File;
  llvm::raw_ostream *OS = openOutput(Opts.OutputFile, File);
  if (!OS)
    return ExitUsage;
  bool ToTerminal = !File && llvm::sys::Process::StandardOutIsDisplayed();
  bool Color = useColor(Opts.Color, ToTerminal);
  if (Color)
    OS->enable_colors(true);

  auto Formatter = OutputFormatter::create(Opts.Format, Color);
  if (!Formatter->includesErrors() || Opts.Statistics)
    for (const FileError &E : Result->Errors) {
      Err << E.Path << ": ";
      if (Err.has_colors())
        Err.changeColor(llvm::raw_ostream::RED, true);
      Err << "error:";
      if (Err.has_colors())
        Err.resetColor();
      Err << " " << E.Message << "\n";
    }
  if (Opts.Statistics)
    writeStatistics(*Result, *OS);
  else
    Formatter->write(*Result, *OS);
  if (!closeOutput(Opts.OutputFile, File))
    return ExitUsage;

  if (!Opts.Quiet) {
    Err << "racelint: " << plural(Result->FileCount, "file") << ", "
        << plural(Result->Diagnostics.size(), "finding") << " ("
        << plural(Result->Errors.size(), "error") << ")";
    if (Baselined)
      Err << ", " << Baselined << " in the baseline";
    Err << " in " << llvm::format("%.2f", Result->Seconds) << "s\n";
  }
  Err.flush();
  return Result->Diagnostics.empty() && Result->Errors.empty() ? ExitClean
                                                               : ExitFindings;
}

bool Driver::confirm(const ConfirmSettings &C, const ProjectSetup &Setup,
                     std::vector<Diagnostic> &Diags, bool Quiet) {
  std::string Configured =
      Setup.Cfg && Setup.Cfg->Python ? *Setup.Cfg->Python : std::string();
  PythonEnv::Choice Choice = PythonEnv::choose(C.Python, Configured);
  HarnessOptions H;
  H.Python = Choice.Path;
  H.Script = findHarnessScript(C.Executable);
  H.Target = C.Target;
  H.Cwd = ".";
  H.Runs = C.Runs;
  H.Timeout = C.Timeout;
  H.Wait = C.Wait;
  H.Seed = C.Seed ? C.Seed
                  : static_cast<uint64_t>(
                        std::chrono::system_clock::now().time_since_epoch() /
                        std::chrono::microseconds(1)) %
                        1000000007ull;
  if (!Choice.Preferred && !Quiet)
    Err << "racelint: warning: no free-threaded Python found; " << H.Python
        << " has the GIL, which hides most races (the harness's pauses still "
           "force check-then-act interleavings). `racelint env "
           "--install-free-threaded` builds one.\n";
  auto Summary = confirmFindings(Diags, H);
  if (!Summary) {
    error("confirm: " + llvm::toString(Summary.takeError()));
    return false;
  }
  if (!Quiet) {
    unsigned Confirmed = 0, NotReproduced = 0, NotReached = 0, None = 0;
    for (const Diagnostic &D : Diags) {
      if (!D.Result)
        ++None;
      else if (D.Result->Status == "confirmed")
        ++Confirmed;
      else if (D.Result->Status == "not-reproduced")
        ++NotReproduced;
      else
        ++NotReached;
    }
    Err << "racelint: confirm: " << Confirmed << " confirmed, " << NotReproduced
        << " not reproduced, " << NotReached << " not reached";
    if (None)
      Err << ", " << None << " without two racing lines";
    Err << " in " << Summary->Runs << " runs of `" << llvm::join(C.Target, " ")
        << "` under " << H.Python;
    if (!Summary->Python.empty())
      Err << " (" << Summary->Python << ")";
    Err << "; replay with --seed " << H.Seed << "\n";
    if (Summary->FailedRuns)
      Err << "racelint: confirm: the target failed in " << Summary->FailedRuns
          << " of " << Summary->Runs << " runs"
          << (Summary->FirstFailure.empty() ? std::string()
                                            : ": " + Summary->FirstFailure)
          << "\n";
    if (Summary->TimedOut)
      Err << "racelint: confirm: " << Summary->TimedOut
          << " runs timed out and were killed\n";
  }
  return true;
}

llvm::raw_ostream *
Driver::openOutput(const std::string &Path,
                   std::unique_ptr<llvm::raw_fd_ostream> &File) {
  if (Path.empty())
    return &Out;
  std::error_code EC;
  File =
      std::make_unique<llvm::raw_fd_ostream>(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    error(Path + ": cannot write: " + EC.message());
    return nullptr;
  }
  return File.get();
}

bool Driver::closeOutput(const std::string &Path,
                         std::unique_ptr<llvm::raw_fd_ostream> &File) {
  if (!File) {
    Out.flush();
    return true; // stdout: main() reports its errors
  }
  std::error_code EC = closeStream(*File);
  if (!EC)
    return true;
  error(Path + ": cannot write: " + EC.message());
  // What was written of it goes, if it is a file of its own (not a device,
  // not a link to a file kept elsewhere).
  llvm::sys::fs::file_status St;
  if (!llvm::sys::fs::status(Path, St, /*Follow=*/false) &&
      llvm::sys::fs::is_regular_file(St))
    llvm::sys::fs::remove(Path);
  return false;
}

int Driver::listRules() {
  Out << llvm::left_justify("ID", 28) << "  " << llvm::left_justify("STATUS", 7)
      << "  " << llvm::left_justify("DEFAULT", 7) << "  SUMMARY\n";
  for (const CatalogEntry &E : ruleCatalog())
    Out << llvm::left_justify(E.Id, 28) << "  "
        << llvm::left_justify(
               E.Status == RuleStatus::Stable ? "stable" : "preview", 7)
        << "  " << llvm::left_justify(E.DefaultOn ? "on" : "off", 7) << "  "
        << E.Summary << "\n";
  return ExitClean;
}

int Driver::showRule(llvm::StringRef Id) {
  const CatalogEntry *E = findCatalogEntry(Id);
  if (!E) {
    error("unknown rule '" + Id + "' (`racelint rules` lists them)");
    return ExitUsage;
  }
  llvm::StringRef Doc = ruleDocText(Id);
  if (Doc.empty())
    Out << "# " << E->Id << "\n\n" << E->Summary << "\n";
  else
    Out << Doc << (Doc.endswith("\n") ? "" : "\n");
  return ExitClean;
}

int Driver::report(const ReportOptions &Opts) {
  if (!llvm::sys::fs::is_directory(Opts.Dir)) {
    error(Opts.Dir + (llvm::sys::fs::exists(Opts.Dir)
                          ? ": not a folder"
                          : ": no such file or directory"));
    return ExitUsage;
  }
  auto Setup = setup(Opts, Opts.Dir);
  if (!Setup) {
    error(llvm::toString(Setup.takeError()));
    return ExitUsage;
  }
  Report R = Report::build(Opts.Dir, *Setup);
  warnIfCacheUnwritten(Setup->Analysis.Cache);
  std::unique_ptr<llvm::raw_fd_ostream> File;
  llvm::raw_ostream *OS = openOutput(Opts.OutputFile, File);
  if (!OS)
    return ExitUsage;
  R.write(Opts.Format, *OS);
  if (!closeOutput(Opts.OutputFile, File))
    return ExitUsage;
  return ExitClean;
}

int Driver::clean(const CleanOptions &Opts) {
  std::optional<Config> Cfg;
  if (!Opts.ConfigFile.empty() || (!Opts.Isolated && Opts.CacheDir.empty())) {
    auto C = configOfCommand(Opts.ConfigFile);
    if (!C) {
      error(llvm::toString(C.takeError()));
      return ExitUsage;
    }
    Cfg = std::move(*C);
  }
  std::string Dir = cacheFolder(Opts.CacheDir, Cfg ? &*Cfg : nullptr);
  auto R = SummaryCache::removeFolder(Dir);
  if (!R) {
    error(llvm::toString(R.takeError()));
    return ExitUsage;
  }
  if (Opts.Quiet)
    return ExitClean;
  if (!R->Existed)
    Err << "racelint: no summary cache at " << Dir << "\n";
  else
    Err << "racelint: removed the summary cache " << Dir << " ("
        << plural(R->Entries, "entry", "entries") << ", "
        << (R->Bytes < 1000000
                ? std::to_string((R->Bytes + 999) / 1000) + " KB"
                : std::to_string(R->Bytes / 100000 / 10) + "." +
                      std::to_string(R->Bytes / 100000 % 10) + " MB")
        << ")\n";
  return ExitClean;
}

int Driver::env(const EnvOptions &Opts) {
  std::string Configured;
  if (!Opts.ConfigFile.empty() || Opts.Python.empty()) {
    auto C = configOfCommand(Opts.ConfigFile);
    if (!C) {
      error(llvm::toString(C.takeError()));
      return ExitUsage;
    }
    if (*C && (*C)->Python)
      Configured = *(*C)->Python;
  }
  if (Opts.InstallFreeThreaded) {
    std::string Script = PythonEnv::provisionScript(Opts.Executable);
    if (Script.empty()) {
      error("scripts/provision-python not found next to the sources of "
            "this build");
      return ExitUsage;
    }
    Err << "racelint: running " << Script << " (about 3 minutes the first "
        << "time)\n";
    Err.flush();
    std::string Message;
    int Status = llvm::sys::ExecuteAndWait(Script, {Script}, llvm::None, {}, 0,
                                           0, &Message);
    if (Status != 0) {
      error(Script + " failed (exit status " + llvm::Twine(Status) + ")" +
            (Message.empty() ? "" : ": " + Message));
      return ExitFindings;
    }
  }
  PythonEnv::Choice C = PythonEnv::choose(Opts.Python, Configured);
  auto F = PythonEnv::probe(C.Path);
  if (!F) {
    Out << "interpreter:   " << C.Path << " (" << C.Reason << ")\n";
    error(llvm::toString(F.takeError()));
    return ExitFindings;
  }
  PythonEnv::print(C, *F, Out);
  return ExitClean;
}

} // namespace racelint
