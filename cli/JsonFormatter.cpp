#include "JsonFormatter.h"

#include "ProjectAnalysis.h"

#include "llvm/Support/Format.h"

namespace racelint {

std::string jsonPath(llvm::StringRef Path) {
  return llvm::json::isUTF8(Path) ? Path.str() : llvm::json::fixUTF8(Path);
}

void JsonFormatter::writeFinding(llvm::json::OStream &J, const Diagnostic &D) {
  J.object([&] {
    J.attribute("rule", D.Rule);
    J.attribute("severity", D.Sev == Severity::Error ? "error" : "warning");
    J.attribute("path", jsonPath(D.Path));
    J.attribute("line", D.Range.Line);
    J.attribute("column", D.Range.Column);
    J.attribute("end_line", D.Range.EndLine);
    J.attribute("end_column", D.Range.EndColumn);
    J.attribute("message", D.Message);
    J.attribute("fix", D.Fix);
    J.attributeArray("related", [&] {
      for (const RelatedLocation &R : D.Related)
        J.object([&] {
          J.attribute("path", jsonPath(R.Path));
          J.attribute("line", R.Line);
          J.attribute("column", R.Column);
          J.attribute("message", R.Message);
        });
    });
    if (D.Result)
      J.attributeObject("verdict", [&] {
        J.attribute("status", D.Result->Status);
        J.attribute("evidence", D.Result->Evidence);
      });
  });
}

void JsonFormatter::write(const ProjectAnalysis &Result,
                          llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const Diagnostic &D : Result.Diagnostics)
        writeFinding(J, D);
    });
    J.attributeArray("errors", [&] {
      for (const FileError &E : Result.Errors)
        J.object([&] {
          J.attribute("path", jsonPath(E.Path));
          J.attribute("message", E.Message);
        });
    });
    J.attributeObject("stats", [&] {
      J.attribute("files", Result.FileCount);
      J.attribute("lines", static_cast<int64_t>(Result.LineCount));
      // Milliseconds are enough; a raw value avoids printing the binary
      // expansion of a double.
      J.attributeBegin("seconds");
      J.rawValue([&](llvm::raw_ostream &Raw) {
        Raw << llvm::format("%.3f", Result.Seconds);
      });
      J.attributeEnd();
    });
  });
  OS << "\n";
}

} // namespace racelint
