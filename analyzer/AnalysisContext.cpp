#include "AnalysisContext.h"

#include "parse/SyntaxErrors.h"
#include "parse/SyntaxTree.h"
#include "races/ProjectFacts.h"
#include "semantic/ModuleBuilder.h"
#include "semantic/Summary.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace racelint {

FileAnalysis::FileAnalysis() = default;
FileAnalysis::FileAnalysis(FileAnalysis &&) = default;
FileAnalysis &FileAnalysis::operator=(FileAnalysis &&) = default;
FileAnalysis::~FileAnalysis() = default;

namespace {

void collectDirectives(const SyntaxTree &Tree, const SourceFile &Src,
                       std::vector<DirectiveComment> &Out) {
  llvm::StringRef Text = Src.parseText();
  size_t At = 0;
  while ((At = Text.find("racelint:", At)) != llvm::StringRef::npos) {
    TSNode N = ts_node_descendant_for_byte_range(
        Tree.root(), static_cast<uint32_t>(At), static_cast<uint32_t>(At + 1));
    if (kind(N) == Grammar::get().Comment) {
      DirectiveComment D;
      Position P = Src.position(ts_node_start_byte(N));
      D.Line = P.Line;
      D.Column = P.Column;
      D.Text = Text.slice(At + 9, ts_node_end_byte(N)).trim().str();
      Out.push_back(std::move(D));
      At = ts_node_end_byte(N);
      continue;
    }
    At += 9;
  }
}

} // namespace

FileAnalysis analyzeFile(std::unique_ptr<SourceFile> Source,
                         std::string ModuleName,
                         const ConcurrencyModels &Models,
                         bool ScanTokensLater) {
  FileAnalysis FA;
  std::unique_ptr<SyntaxTree> Tree = SyntaxTree::parse(Source->parseText());
  collectTreeErrors(*Tree, *Source, FA.SyntaxErrors);
  if (ScanTokensLater)
    FA.TokenScanPending = true;
  else
    addTokenScanErrors(*Source, FA.SyntaxErrors);
  collectDirectives(*Tree, *Source, FA.Directives);
  FA.Summary = buildModuleSummary(*Tree, *Source, ModuleName, Models);
  FA.ModuleName = std::move(ModuleName);
  FA.Source = std::move(Source);
  return FA;
}

void finishSyntaxErrors(FileAnalysis &FA) {
  if (!FA.TokenScanPending)
    return;
  addTokenScanErrors(*FA.Source, FA.SyntaxErrors);
  FA.TokenScanPending = false;
}

std::string moduleNameForPath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  std::string Name = llvm::sys::path::stem(Abs).str();
  if (Name == "__init__")
    Name.clear();
  llvm::SmallString<256> Dir = llvm::sys::path::parent_path(Abs);
  for (int Depth = 0; Depth < 64 && !Dir.empty(); ++Depth) {
    llvm::SmallString<256> Init(Dir);
    llvm::sys::path::append(Init, "__init__.py");
    if (!llvm::sys::fs::exists(Init))
      break;
    std::string Pkg = llvm::sys::path::filename(Dir).str();
    Name = Name.empty() ? Pkg : Pkg + "." + Name;
    // The parent is a prefix of Dir: assigning it to Dir would copy Dir
    // onto itself.
    Dir.truncate(llvm::sys::path::parent_path(Dir).size());
  }
  return Name.empty() ? "__init__" : Name;
}

AnalysisContext::AnalysisContext(std::vector<FileAnalysis> FilesIn,
                                 const ConcurrencyModels &Models)
    : Files(std::move(FilesIn)), Models(Models) {
  Facts = std::make_unique<ProjectFacts>(Files, Models);
}

AnalysisContext::~AnalysisContext() = default;

const FileAnalysis *AnalysisContext::file(llvm::StringRef Path) const {
  for (const FileAnalysis &F : Files)
    if (F.Source && F.Source->path() == Path)
      return &F;
  return nullptr;
}

} // namespace racelint
