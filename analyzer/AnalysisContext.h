#pragma once

#include "Diagnostic.h"
#include "SourceFile.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <string>
#include <vector>

namespace racelint {

struct ModuleSummary;
class ProjectFacts;
class ConcurrencyModels;

/// A syntax error found while parsing one file.
struct SyntaxErrorFact {
  Position Pos;
  Position End;
  std::string Message;
};

/// A `# racelint: ...` comment: its line and the text after `racelint:`.
struct DirectiveComment {
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Text;
};

/// What pass 1 learned about one file.
struct FileAnalysis {
  std::unique_ptr<SourceFile> Source;
  std::string ModuleName;
  std::vector<SyntaxErrorFact> SyntaxErrors;
  /// The token scan has not looked at the text yet: SyntaxErrors holds the
  /// tree's errors only until finishSyntaxErrors runs.
  bool TokenScanPending = false;
  std::vector<DirectiveComment> Directives;
  std::unique_ptr<ModuleSummary> Summary;

  FileAnalysis();
  FileAnalysis(FileAnalysis &&);
  FileAnalysis &operator=(FileAnalysis &&);
  ~FileAnalysis();
};

/// Pass 1 for one file: parse, collect syntax errors and directives, and
/// summarize every function. Safe to call from several threads at once.
/// \p ScanTokensLater leaves the syntax errors' token scan, which needs only
/// the text, to finishSyntaxErrors (a parallel run does it beside pass 2).
FileAnalysis analyzeFile(std::unique_ptr<SourceFile> Source,
                         std::string ModuleName,
                         const ConcurrencyModels &Models,
                         bool ScanTokensLater = false);

/// The token scan analyzeFile left pending, merged into FA.SyntaxErrors.
void finishSyntaxErrors(FileAnalysis &FA);

/// The dotted module name of the Python file at \p Path: its stem, prefixed by
/// every enclosing folder that holds an `__init__.py`.
std::string moduleNameForPath(llvm::StringRef Path);

/// Everything the rules see: the files of the run and the project-wide facts
/// of pass 2 (threads, locks, shared state).
class AnalysisContext {
public:
  /// Runs pass 2 over \p Files.
  AnalysisContext(std::vector<FileAnalysis> Files,
                  const ConcurrencyModels &Models);
  ~AnalysisContext();

  llvm::ArrayRef<FileAnalysis> files() const { return Files; }
  const ProjectFacts &facts() const { return *Facts; }
  const ConcurrencyModels &models() const { return Models; }
  /// The file with \p Path, or null.
  const FileAnalysis *file(llvm::StringRef Path) const;

private:
  std::vector<FileAnalysis> Files;
  const ConcurrencyModels &Models;
  std::unique_ptr<ProjectFacts> Facts;
};

} // namespace racelint
