#include "GithubFormatter.h"

#include "ProjectAnalysis.h"

namespace racelint {

std::string GithubFormatter::escape(llvm::StringRef S, bool Property) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void GithubFormatter::write(const ProjectAnalysis &Result,
                            llvm::raw_ostream &OS) {
  for (const FileError &E : Result.Errors)
    OS << "::error file=" << escape(E.Path, true)
       << ",title=racelint::" << escape(E.Message, false) << "\n";
  for (const Diagnostic &D : Result.Diagnostics) {
    std::string Message = D.Message;
    for (const RelatedLocation &R : D.Related)
      Message +=
          "\nnote: " + R.Path + ":" + std::to_string(R.Line) + ": " + R.Message;
    if (!D.Fix.empty())
      Message += "\nfix: " + D.Fix;
    OS << (D.Sev == Severity::Error ? "::error" : "::warning")
       << " file=" << escape(D.Path, true) << ",line=" << D.Range.Line
       << ",col=" << D.Range.Column << ",endLine=" << D.Range.EndLine
       << ",endColumn=" << D.Range.EndColumn
       << ",title=" << escape("racelint (" + D.Rule + ")", true)
       << "::" << escape(Message, false) << "\n";
  }
}

} // namespace racelint
