#include "HtmlFormatter.h"

#include "ProjectAnalysis.h"
#include "RuleCatalog.h"

#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <map>

namespace racelint {

std::string HtmlFormatter::escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string HtmlFormatter::richText(llvm::StringRef S) {
  std::string Out;
  bool InCode = false;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '`' &&
        (InCode || S.find('`', I + 1) != llvm::StringRef::npos)) {
      Out += InCode ? "</code>" : "<code>";
      InCode = !InCode;
      continue;
    }
    Out += escape(S.substr(I, 1));
  }
  if (InCode)
    Out += "</code>";
  return Out;
}

llvm::StringRef HtmlFormatter::styleSheet() {
  return R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1f2328; background: #fff; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1em; margin: 0 0 0.5em 0; font-weight: 600; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f6f8fa; padding: 0.05em 0.3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 0.6em 0.8em; border-radius: 6px; overflow-x: auto; margin: 0.4em 0; }
pre .ln { color: #8c959f; display: inline-block; min-width: 3em; user-select: none; }
pre .hit { background: #fff1c2; }
.finding { border: 1px solid #d0d7de; border-left: 4px solid #bf8700; border-radius: 6px; padding: 0.8em 1em; margin: 1em 0; }
.finding.error { border-left-color: #cf222e; }
.sev { font-size: 0.8em; text-transform: uppercase; font-weight: 700; padding: 0.1em 0.4em; border-radius: 4px; color: #fff; background: #bf8700; }
.sev.error { background: #cf222e; }
.rule { color: #57606a; font-weight: 400; }
.fix { color: #1a7f37; margin: 0.4em 0 0 0; }
.verdict { margin: 0.4em 0 0 0; font-weight: 600; }
.verdict.confirmed { color: #cf222e; }
.verdict.not-reproduced, .verdict.not-reached { color: #57606a; }
.ok { color: #1a7f37; font-weight: 600; }
.bad { color: #cf222e; font-weight: 600; }
ul.related { margin: 0.4em 0; padding-left: 1.2em; }
.muted { color: #57606a; }
)css";
}

namespace {

void writeSourceLines(const ProjectAnalysis &Result, llvm::StringRef Path,
                      unsigned First, unsigned Last, unsigned HitFirst,
                      unsigned HitLast, llvm::raw_ostream &OS) {
  const SourceFile *S = Result.source(Path);
  if (!S)
    return;
  First = std::max(1u, First);
  Last = std::min(S->lineCount(), Last);
  if (First > Last)
    return;
  OS << "<pre class=\"source\">";
  for (unsigned L = First; L <= Last; ++L) {
    bool Hit = L >= HitFirst && L <= HitLast;
    if (Hit)
      OS << "<span class=\"hit\">";
    OS << "<span class=\"ln\">" << L << "</span>"
       << HtmlFormatter::escape(S->lineText(L));
    if (Hit)
      OS << "</span>";
    OS << "\n";
  }
  OS << "</pre>\n";
}

} // namespace

void HtmlFormatter::write(const ProjectAnalysis &Result,
                          llvm::raw_ostream &OS) {
  std::map<std::string, unsigned> ByRule, ByFile;
  for (const Diagnostic &D : Result.Diagnostics) {
    ++ByRule[D.Rule];
    ++ByFile[D.Path];
  }
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>racelint: "
     << Result.Diagnostics.size() << " findings</title>\n<style>"
     << styleSheet() << "</style>\n</head>\n<body>\n<h1>racelint</h1>\n";
  OS << "<p class=\"summary\">" << Result.FileCount << " files, "
     << Result.LineCount << " lines: " << Result.Diagnostics.size()
     << (Result.Diagnostics.size() == 1 ? " finding" : " findings") << ", "
     << Result.Errors.size() << (Result.Errors.size() == 1 ? " file" : " files")
     << " that could not be analyzed.</p>\n";

  OS << "<h2>By rule</h2>\n";
  if (ByRule.empty()) {
    OS << "<p class=\"ok\">No findings.</p>\n";
  } else {
    OS << "<table class=\"by-rule\">\n<tr><th>rule</th><th>findings</th>"
          "<th>what it finds</th></tr>\n";
    for (const auto &[Rule, Count] : ByRule) {
      const CatalogEntry *E = findCatalogEntry(Rule);
      OS << "<tr><td><code>" << escape(Rule) << "</code></td><td class=\"num\">"
         << Count << "</td><td>" << (E ? richText(E->Summary) : "")
         << "</td></tr>\n";
    }
    OS << "</table>\n";
    OS << "<h2>By file</h2>\n<table class=\"by-file\">\n<tr><th>file</th>"
          "<th>findings</th></tr>\n";
    for (const auto &[File, Count] : ByFile)
      OS << "<tr><td><code>" << escape(File) << "</code></td><td class=\"num\">"
         << Count << "</td></tr>\n";
    OS << "</table>\n";
  }

  if (!Result.Errors.empty()) {
    OS << "<h2>Files that could not be analyzed</h2>\n<ul class=\"errors\">\n";
    for (const FileError &E : Result.Errors)
      OS << "<li><code>" << escape(E.Path) << "</code>: " << escape(E.Message)
         << "</li>\n";
    OS << "</ul>\n";
  }

  if (!Result.Diagnostics.empty())
    OS << "<h2>Findings</h2>\n";
  unsigned Index = 0;
  for (const Diagnostic &D : Result.Diagnostics) {
    bool Error = D.Sev == Severity::Error;
    OS << "<section class=\"finding" << (Error ? " error" : "")
       << "\" id=\"finding-" << ++Index << "\">\n<h3><span class=\"sev"
       << (Error ? " error" : "") << "\">" << (Error ? "error" : "warning")
       << "</span> <code>" << escape(D.Path) << ":" << D.Range.Line << ":"
       << D.Range.Column << "</code> " << richText(D.Message)
       << " <span class=\"rule\">[" << escape(D.Rule) << "]</span></h3>\n";
    unsigned First = D.StatementLine ? std::min(D.StatementLine, D.Range.Line)
                                     : D.Range.Line;
    unsigned Last =
        std::max(D.Range.Line, std::min(D.Range.EndLine, D.Range.Line + 8));
    writeSourceLines(Result, D.Path, First - (First > 1), Last + 1, First, Last,
                     OS);
    if (!D.Related.empty()) {
      OS << "<ul class=\"related\">\n";
      for (const RelatedLocation &R : D.Related) {
        OS << "<li><code>" << escape(R.Path) << ":" << R.Line << ":" << R.Column
           << "</code> note: " << richText(R.Message) << "\n";
        writeSourceLines(Result, R.Path, R.Line, R.Line, R.Line, R.Line, OS);
        OS << "</li>\n";
      }
      OS << "</ul>\n";
    }
    if (!D.Fix.empty())
      OS << "<p class=\"fix\">fix: " << richText(D.Fix) << "</p>\n";
    if (D.Result)
      OS << "<p class=\"verdict " << escape(D.Result->Status)
         << "\">verdict: " << escape(D.Result->Status)
         << (D.Result->Evidence.empty() ? "" : " &mdash; ")
         << escape(D.Result->Evidence) << "</p>\n";
    OS << "</section>\n";
  }
  OS << "</body>\n</html>\n";
}

} // namespace racelint
