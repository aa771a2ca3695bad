#include "Report.h"

#include "FileWalker.h"
#include "HtmlFormatter.h"
#include "Plural.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

namespace racelint {

namespace {

/// A CSV field, quoted when it needs to be.
std::string csv(llvm::StringRef S) {
  if (S.find_first_of(",\"\n\r") == llvm::StringRef::npos)
    return S.str();
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

std::string markdownCell(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '|')
      Out += '\\';
    Out += C;
  }
  return Out;
}

} // namespace

std::string Submission::verdict() const {
  if (Files == 0 && Failures.empty())
    return "empty: no Python files";
  if (!Failures.empty())
    return "broken: " + plural(Failures.size(), "file") + " failed to " +
           "parse or load";
  if (Findings == 0)
    return "ready";
  return plural(Findings, "finding") + " to fix";
}

Report Report::build(llvm::StringRef Dir, const ProjectSetup &Setup) {
  std::vector<std::string> Folders;
  std::error_code EC;
  std::string Root = displayPath(Dir);
  for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.startswith(".") || FileWalker::isSkippedFolderName(Name))
      continue;
    if (llvm::sys::fs::is_directory(It->path()))
      Folders.push_back(Name.str());
  }
  std::sort(Folders.begin(), Folders.end());

  Report R;
  for (const std::string &Name : Folders) {
    std::string Path = Root == "." ? Name : Root + "/" + Name;
    FileWalker Walker(Setup.Excludes, Setup.ForceExclude);
    Walker.add(Path);
    auto Result =
        ProjectAnalysis::run(Walker.files(), Setup.Models, Setup.Analysis);
    Submission S;
    S.Name = Name;
    S.Files = Result->FileCount;
    S.Lines = Result->LineCount;
    auto Relative = [&](llvm::StringRef P) {
      llvm::StringRef Rel = P;
      if (Rel.consume_front(Path) && Rel.consume_front("/"))
        return Rel.str();
      return P.str();
    };
    for (const FileError &E : Walker.errors())
      Result->Errors.push_back(E);
    for (const FileError &E : Result->Errors)
      S.Failures.push_back({Relative(E.Path), E.Message});
    std::set<std::string> Unparsed;
    for (const Diagnostic &D : Result->Diagnostics) {
      if (D.Rule == "syntax-error") {
        if (Unparsed.insert(D.Path).second)
          S.Failures.push_back({Relative(D.Path) + ":" +
                                    std::to_string(D.Range.Line) + ":" +
                                    std::to_string(D.Range.Column),
                                D.Message});
        continue;
      }
      ++S.PerRule[D.Rule];
      ++S.Findings;
    }
    std::sort(
        S.Failures.begin(), S.Failures.end(),
        [](const FileError &A, const FileError &B) { return A.Path < B.Path; });
    R.Rows.push_back(std::move(S));
  }
  return R;
}

std::vector<std::string> Report::ruleColumns() const {
  std::set<std::string> Rules;
  for (const Submission &S : Rows)
    for (const auto &P : S.PerRule)
      Rules.insert(P.first);
  return {Rules.begin(), Rules.end()};
}

void Report::write(ReportFormat Format, llvm::raw_ostream &OS) const {
  switch (Format) {
  case ReportFormat::Text:
    return writeText(OS);
  case ReportFormat::Markdown:
    return writeMarkdown(OS);
  case ReportFormat::Csv:
    return writeCsv(OS);
  case ReportFormat::Html:
    return writeHtml(OS);
  }
}

namespace {

/// The cells of one row: name, files, lines, findings, one per rule column,
/// failed files, verdict.
std::vector<std::string> cells(const Submission &S,
                               const std::vector<std::string> &Rules) {
  std::vector<std::string> C{S.Name, std::to_string(S.Files),
                             std::to_string(S.Lines),
                             std::to_string(S.Findings)};
  for (const std::string &R : Rules) {
    auto It = S.PerRule.find(R);
    C.push_back(std::to_string(It == S.PerRule.end() ? 0 : It->second));
  }
  C.push_back(std::to_string(S.Failures.size()));
  C.push_back(S.verdict());
  return C;
}

std::vector<std::string> header(const std::vector<std::string> &Rules) {
  std::vector<std::string> H{"submission", "files", "lines", "findings"};
  H.insert(H.end(), Rules.begin(), Rules.end());
  H.push_back("failed");
  H.push_back("verdict");
  return H;
}

} // namespace

void Report::writeText(llvm::raw_ostream &OS) const {
  std::vector<std::string> Rules = ruleColumns();
  std::vector<std::vector<std::string>> Table{header(Rules)};
  for (const Submission &S : Rows)
    Table.push_back(cells(S, Rules));
  std::vector<size_t> Width(Table.front().size(), 0);
  for (const auto &Row : Table)
    for (size_t I = 0; I < Row.size(); ++I)
      Width[I] = std::max(Width[I], Row[I].size());
  OS << "racelint report: " << plural(Rows.size(), "submission") << "\n\n";
  for (const auto &Row : Table) {
    std::string Line;
    for (size_t I = 0; I < Row.size(); ++I) {
      // Names and verdicts read left to right; counts line up on the right.
      bool Left = I == 0 || I + 1 == Row.size();
      std::string Pad(Width[I] - Row[I].size(), ' ');
      Line += I ? "  " : "";
      Line += Left ? Row[I] + (I + 1 == Row.size() ? "" : Pad) : Pad + Row[I];
    }
    OS << llvm::StringRef(Line).rtrim() << "\n";
  }
  bool Any = llvm::any_of(
      Rows, [](const Submission &S) { return !S.Failures.empty(); });
  if (Any) {
    OS << "\nFiles that failed to parse or load:\n";
    for (const Submission &S : Rows)
      for (const FileError &E : S.Failures)
        OS << "  " << S.Name << "/" << E.Path << ": " << E.Message << "\n";
  }
}

void Report::writeMarkdown(llvm::raw_ostream &OS) const {
  std::vector<std::string> Rules = ruleColumns();
  std::vector<std::string> H = header(Rules);
  OS << "# racelint report: " << plural(Rows.size(), "submission") << "\n\n|";
  for (const std::string &C : H)
    OS << " " << markdownCell(C) << " |";
  OS << "\n|";
  for (size_t I = 0; I < H.size(); ++I)
    OS << (I == 0 || I + 1 == H.size() ? " --- |" : " ---: |");
  OS << "\n";
  for (const Submission &S : Rows) {
    OS << "|";
    for (const std::string &C : cells(S, Rules))
      OS << " " << markdownCell(C) << " |";
    OS << "\n";
  }
  bool Any = llvm::any_of(
      Rows, [](const Submission &S) { return !S.Failures.empty(); });
  if (Any) {
    OS << "\n## Files that failed to parse or load\n\n";
    for (const Submission &S : Rows)
      for (const FileError &E : S.Failures)
        OS << "- `" << S.Name << "/" << E.Path << "`: " << E.Message << "\n";
  }
}

void Report::writeCsv(llvm::raw_ostream &OS) const {
  std::vector<std::string> Rules = ruleColumns();
  std::vector<std::string> H = header(Rules);
  H.push_back("failed_files");
  for (size_t I = 0; I < H.size(); ++I)
    OS << (I ? "," : "") << csv(H[I]);
  OS << "\n";
  for (const Submission &S : Rows) {
    std::vector<std::string> C = cells(S, Rules);
    std::string Failed;
    for (const FileError &E : S.Failures)
      Failed += (Failed.empty() ? "" : "; ") + E.Path + ": " + E.Message;
    C.push_back(Failed);
    for (size_t I = 0; I < C.size(); ++I)
      OS << (I ? "," : "") << csv(C[I]);
    OS << "\n";
  }
}

void Report::writeHtml(llvm::raw_ostream &OS) const {
  std::vector<std::string> Rules = ruleColumns();
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>racelint report</title>\n<style>"
     << HtmlFormatter::styleSheet()
     << "</style>\n</head>\n<body>\n<h1>racelint report</h1>\n<p>"
     << plural(Rows.size(), "submission") << "</p>\n<table>\n<tr>";
  for (const std::string &C : header(Rules))
    OS << "<th>" << HtmlFormatter::escape(C) << "</th>";
  OS << "</tr>\n";
  for (const Submission &S : Rows) {
    std::vector<std::string> C = cells(S, Rules);
    OS << "<tr>";
    for (size_t I = 0; I < C.size(); ++I) {
      bool Last = I + 1 == C.size();
      llvm::StringRef Class = I == 0            ? ""
                              : !Last           ? " class=\"num\""
                              : C[I] == "ready" ? " class=\"ok\""
                                                : " class=\"bad\"";
      OS << "<td" << Class << ">" << HtmlFormatter::escape(C[I]) << "</td>";
    }
    OS << "</tr>\n";
  }
  OS << "</table>\n";
  bool Any = llvm::any_of(
      Rows, [](const Submission &S) { return !S.Failures.empty(); });
  if (Any) {
    OS << "<h2>Files that failed to parse or load</h2>\n<ul>\n";
    for (const Submission &S : Rows)
      for (const FileError &E : S.Failures)
        OS << "<li><code>" << HtmlFormatter::escape(S.Name + "/" + E.Path)
           << "</code>: " << HtmlFormatter::escape(E.Message) << "</li>\n";
    OS << "</ul>\n";
  }
  OS << "</body>\n</html>\n";
}

} // namespace racelint
