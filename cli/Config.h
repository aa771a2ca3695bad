#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace racelint {

/// Rules turned off for the files a glob matches (`per-file-ignores`).
struct PerFileIgnore {
  std::string Glob;
  std::vector<std::string> Rules;
};

/// The `[tool.racelint]` table of a pyproject.toml (or the top-level table of
/// another TOML file named with `--config`).
class Config {
public:
  /// Reads \p Path; fails with `<path>: <reason>` on a TOML error, an unknown
  /// key, a value of the wrong type or an unknown rule id.
  static llvm::Expected<Config> load(llvm::StringRef Path);
  /// The nearest pyproject.toml with a `[tool.racelint]` table in the folder
  /// of \p Start or above it; none when no such file exists.
  static llvm::Expected<std::optional<Config>> discover(llvm::StringRef Start);

  /// The file read, and its folder (globs are relative to it).
  std::string Path, Dir;
  std::optional<std::vector<std::string>> Select, Ignore, Exclude;
  std::vector<PerFileIgnore> PerFileIgnores;
  /// Qualified names of Thread-like constructors (`target=` keyword or
  /// positional argument 1).
  std::vector<std::string> ExtraSpawners;
  /// Qualified names of lock constructors.
  std::vector<std::string> ExtraLocks;
  /// Qualified names of classes whose methods are each atomic.
  std::vector<std::string> ThreadSafeClasses;
  /// The interpreter `racelint confirm` runs.
  std::optional<std::string> Python;
};

} // namespace racelint
