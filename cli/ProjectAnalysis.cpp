#include "ProjectAnalysis.h"

#include "Cores.h"

#include "RuleCatalog.h"
#include "SummaryCache.h"
#include "Suppressions.h"

#include "RuleRegistry.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace racelint {

namespace {

bool sameDiagnostic(const Diagnostic &A, const Diagnostic &B) {
  return A.Rule == B.Rule && A.Path == B.Path && A.Range.Line == B.Range.Line &&
         A.Range.Column == B.Range.Column &&
         A.Range.EndLine == B.Range.EndLine &&
         A.Range.EndColumn == B.Range.EndColumn && A.Message == B.Message;
}

void sortAndDedupe(std::vector<Diagnostic> &Diags) {
  std::stable_sort(Diags.begin(), Diags.end(), diagnosticLess);
  Diags.erase(std::unique(Diags.begin(), Diags.end(), sameDiagnostic),
              Diags.end());
}

/// Marks the end of one phase after another.
class PhaseClock {
public:
  explicit PhaseClock(std::vector<PhaseTime> &Out) : Out(Out) {
    read(Wall, Cpu);
  }
  /// Records the time since the last mark as \p Name.
  void mark(std::string Name) {
    double W, C;
    read(W, C);
    Out.push_back({std::move(Name), W - Wall, C - Cpu, {}});
    Wall = W;
    Cpu = C;
  }

private:
  std::vector<PhaseTime> &Out;
  double Wall = 0, Cpu = 0;
  static void read(double &Wall, double &Cpu) {
    llvm::sys::TimePoint<> Now; // the system clock, which may step
    std::chrono::nanoseconds User, System;
    llvm::sys::Process::GetTimeUsage(Now, User, System);
    Wall = std::chrono::duration<double>(
               std::chrono::steady_clock::now().time_since_epoch())
               .count();
    Cpu = std::chrono::duration<double>(User + System).count();
  }
};

} // namespace

ProjectAnalysis::~ProjectAnalysis() = default;

unsigned ProjectAnalysis::workerCount(unsigned Jobs, size_t Files) {
  unsigned Cores = availableCores();
  // Each worker holds a file's text and syntax tree at once: many more
  // workers than cores only add memory (--jobs 100000 held 1.1 GB on the
  // standard library), and more than files only add idle threads.
  unsigned Most = std::max<unsigned>(1, static_cast<unsigned>(std::min<size_t>(
                                            Files, MaxJobsPerCore * Cores)));
  return Jobs == 0 ? std::min(Cores, Most) : std::min(Jobs, Most);
}

std::unique_ptr<ProjectAnalysis>
ProjectAnalysis::run(const std::vector<std::string> &Files,
                     const ConcurrencyModels &Models,
                     const AnalysisSettings &Settings) {
  std::unique_ptr<ProjectAnalysis> R(new ProjectAnalysis());
  PhaseClock Clock(R->Phases);

  // Pass 1: every file on its own, in parallel; each result goes to its
  // input slot so that the order never depends on the scheduling.
  size_t N = Files.size();
  std::vector<std::optional<FileAnalysis>> Slots(N);
  std::vector<std::optional<FileError>> Failures(N);
  std::atomic<size_t> Done{0};
  std::mutex M;
  std::condition_variable AllDone;
  // Largest files first, so no worker is left parsing a big file alone at
  // the end.
  std::vector<std::pair<uint64_t, size_t>> BySize(N);
  for (size_t I = 0; I < N; ++I) {
    uint64_t Size = 0;
    (void)llvm::sys::fs::file_size(Files[I], Size);
    BySize[I] = {Size, I};
  }
  std::stable_sort(
      BySize.begin(), BySize.end(),
      [](const auto &A, const auto &B) { return A.first > B.first; });
  // With more than one worker, the syntax errors' token scan waits for pass
  // 2, which leaves a core idle.
  llvm::ThreadPoolStrategy Strategy =
      llvm::hardware_concurrency(workerCount(Settings.Jobs, N));
  R->Threads = Strategy.compute_thread_count();
  bool ScanTokensLater = R->Threads > 1;
  {
    llvm::ThreadPool Pool(Strategy);
    for (const auto &Item : BySize)
      Pool.async([&, I = Item.second] {
        auto Source = SourceFile::load(Files[I]);
        if (!Source)
          Failures[I] = FileError{Files[I], llvm::toString(Source.takeError())};
        else
          Slots[I] =
              Settings.Cache
                  ? Settings.Cache->analyze(std::move(*Source),
                                            moduleNameForPath(Files[I]), Models,
                                            ScanTokensLater)
                  : analyzeFile(std::move(*Source), moduleNameForPath(Files[I]),
                                Models, ScanTokensLater);
        if (++Done == N) {
          std::lock_guard<std::mutex> Lock(M);
          AllDone.notify_all();
        }
      });
    if (Settings.Progress) {
      std::unique_lock<std::mutex> Lock(M);
      while (!AllDone.wait_for(Lock, std::chrono::milliseconds(100),
                               [&] { return Done.load() == N; }))
        Settings.Progress(Done.load(), N);
      Settings.Progress(N, N);
    }
    Pool.wait();
  }

  std::vector<FileAnalysis> Analyses;
  for (size_t I = 0; I < N; ++I) {
    if (Failures[I]) {
      R->Errors.push_back(std::move(*Failures[I]));
      continue;
    }
    R->LineCount += Slots[I]->Source->lineCount();
    Analyses.push_back(std::move(*Slots[I]));
  }
  R->FileCount = N;
  Clock.mark("pass 1: read, parse, summarize");

  // Pass 2 and, beside it, the token scans pass 1 left; both only read the
  // summaries, and pass 2 never reads the syntax errors. A vector's move
  // keeps its elements where they are, so the scans' pointers stay valid.
  std::vector<FileAnalysis *> Pending;
  for (FileAnalysis &F : Analyses)
    if (F.TokenScanPending)
      Pending.push_back(&F);
  std::thread Scans;
  if (!Pending.empty())
    Scans = std::thread([&Pending, &Settings] {
      for (FileAnalysis *F : Pending) {
        if (Settings.Cache)
          Settings.Cache->finish(*F);
        else
          finishSyntaxErrors(*F);
      }
    });
  R->Context = std::make_unique<AnalysisContext>(std::move(Analyses), Models);
  if (Scans.joinable())
    Scans.join();
  for (const FileAnalysis &F : R->Context->files())
    R->Sources[F.Source->path()] = F.Source.get();
  Clock.mark(Pending.empty() ? "pass 2: the project's facts"
                             : "pass 2, and the token scans beside it");
  if (Settings.Cache) {
    Settings.Cache->prune();
    Clock.mark("summary cache: sweep of unused entries");
  }
  std::vector<Diagnostic> Raw;
  std::vector<PhaseTime> EachRule;
  {
    PhaseClock RuleClock(EachRule);
    for (const CatalogEntry &E : ruleCatalog())
      if (E.Info && Settings.Rules.enabled(E.Id)) {
        E.Info->Create()->check(*R->Context, Raw);
        RuleClock.mark(E.Id.str());
      }
  }
  Clock.mark("rules");
  R->Phases.back().Parts = std::move(EachRule);

  auto IgnoredFor = [&](llvm::StringRef Path, llvm::StringRef Rule) {
    for (const PathRuleIgnore &P : Settings.PerFileIgnores)
      if (llvm::is_contained(P.Rules, Rule) ||
          llvm::is_contained(P.Rules, "all"))
        if (P.Globs.match(Path))
          return true;
    return false;
  };
  auto Judged = [&](llvm::StringRef Path, llvm::StringRef Rule) {
    return Settings.Rules.enabled(Rule) && !IgnoredFor(Path, Rule);
  };

  // Suppression comments, file by file.
  llvm::StringMap<Suppressions> ByFile;
  for (const FileAnalysis &F : R->Context->files())
    ByFile.try_emplace(F.Source->path(), F.Directives);
  sortAndDedupe(Raw);
  for (Diagnostic &D : Raw) {
    if (!Judged(D.Path, D.Rule))
      continue;
    auto It = ByFile.find(D.Path);
    if (It != ByFile.end() && It->second.suppress(D))
      continue;
    R->Diagnostics.push_back(std::move(D));
  }
  for (const FileAnalysis &F : R->Context->files()) {
    std::vector<Diagnostic> Unused;
    llvm::StringRef Path = F.Source->path();
    Suppressions &S = ByFile.find(Path)->second;
    S.diagnoseUnused(
        *F.Source, [&](llvm::StringRef Rule) { return Judged(Path, Rule); },
        Unused);
    // `ignore-file[unused-suppression]` silences the check itself.
    for (Diagnostic &D : Unused)
      if (!S.suppress(D))
        R->Diagnostics.push_back(std::move(D));
  }
  sortAndDedupe(R->Diagnostics);
  Clock.mark("suppressions and sorting");
  for (const PhaseTime &P : R->Phases)
    R->Seconds += P.Wall;
  return R;
}

const SourceFile *ProjectAnalysis::source(llvm::StringRef Path) const {
  auto It = Sources.find(Path);
  return It == Sources.end() ? nullptr : It->second;
}

llvm::StringRef ProjectAnalysis::lineText(llvm::StringRef Path,
                                          unsigned Line) const {
  const SourceFile *S = source(Path);
  return S ? S->lineText(Line) : llvm::StringRef();
}

} // namespace racelint
