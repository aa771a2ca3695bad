#pragma once

#include "AnalysisContext.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace racelint {

class ConcurrencyModels;

/// Pass 1's results kept on disk between runs (`.racelint_cache/`), one
/// entry per file content: a re-run parses only the files that changed, and
/// pass 2 still sees the whole project. An entry's name hashes the file's
/// text and module name, in a folder per racelint binary (version, size
/// and time), so any change to either makes a new entry; a torn or corrupt
/// entry fails its checksum and is recomputed. Safe to use from several threads
/// and several racelint processes at once (entries are written to a temporary
/// file and renamed).
///
/// Entries no run has read or written for a week are removed by prune(),
/// so the entries of edited files do not pile up. A run marks each entry it
/// reads as used by setting its time, at most once a day per entry.
class SummaryCache {
public:
  /// A cache in \p Root (created on first write, with a `.gitignore` and a
  /// `CACHEDIR.TAG`) for the binary identified by \p ToolKey; entries of
  /// other binaries there are removed on the first write.
  SummaryCache(std::string Root, std::string ToolKey);

  /// Pass 1 for \p Source through the cache. With \p ScanTokensLater, a
  /// file the cache does not hold comes back with its token scan pending
  /// (see analyzeFile), and is stored by finish().
  FileAnalysis analyze(std::unique_ptr<SourceFile> Source,
                       std::string ModuleName, const ConcurrencyModels &Models,
                       bool ScanTokensLater = false);
  /// Finishes the token scan of a file analyze() left pending, and stores
  /// it. Safe beside pass 2, which does not read the syntax errors.
  void finish(FileAnalysis &FA);

  /// What the program running this is: its version and its binary's size
  /// and modification time (a rebuilt binary gets fresh entries).
  static std::string toolKey(llvm::StringRef Version,
                             llvm::StringRef ExecutablePath);

  /// After pass 1: when this run stored an entry (something changed),
  /// removes the entries unused for MaxIdle and temporary files left for
  /// over an hour by an interrupted write. A run that changed nothing does
  /// not walk the folder. Returns how many files it removed.
  unsigned prune();

  /// How long an entry may go unused before prune() removes it.
  static constexpr std::chrono::hours MaxIdle{24 * 7};

  /// What removeFolder found and removed.
  struct Removal {
    bool Existed = false;
    unsigned Entries = 0; ///< cache entries (and temporary files)
    uint64_t Bytes = 0;   ///< their size
  };
  /// `racelint clean`: removes the cache folder \p Root and everything in
  /// it, but only when it is one this class made: its CACHEDIR.TAG is
  /// racelint's, and it holds nothing but the tag, the `.gitignore` and the
  /// binaries' folders. Anything else is an error, and nothing is removed.
  static llvm::Expected<Removal> removeFolder(llvm::StringRef Root);

  unsigned hits() const { return Hits; }
  unsigned misses() const { return Misses; }
  /// Entries written by this run.
  unsigned stored() const { return Stored; }
  /// Files prune() removed.
  unsigned removed() const { return Removed; }
  /// Why the first entry that could not be written failed (a full disk, a
  /// folder that cannot be made), or empty. After a failure the run stores
  /// nothing more and goes on without the cache.
  std::string writeFailure() const;

private:
  std::string Root;
  std::string Bucket; ///< Root/<hash of the tool key>
  std::chrono::system_clock::time_point Started; ///< when this run began
  std::atomic<unsigned> Hits{0}, Misses{0}, Stored{0};
  unsigned Removed = 0;
  std::atomic<bool> Prepared{false}, WriteFailed{false};
  mutable std::mutex FailureMutex;
  std::string Failure;
  /// Records the first failure and stops further writes.
  void fail(const llvm::Twine &Path, std::error_code EC);
  std::string entryPath(llvm::StringRef Text, llvm::StringRef Module) const;
  void store(const std::string &Path, const FileAnalysis &FA);
};

} // namespace racelint
