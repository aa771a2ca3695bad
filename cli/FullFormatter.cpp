#include "FullFormatter.h"

#include "ProjectAnalysis.h"

namespace racelint {

namespace {

/// Sets a colour when \p On; the stream ignores it when colours are off.
void colour(llvm::raw_ostream &OS, bool On, llvm::raw_ostream::Colors C,
            bool Bold = true) {
  if (On)
    OS.changeColor(C, Bold);
}

void reset(llvm::raw_ostream &OS, bool On) {
  if (On)
    OS.resetColor();
}

} // namespace

void FullFormatter::writeHeader(const Diagnostic &D, llvm::raw_ostream &OS,
                                bool Color) {
  colour(OS, Color, llvm::raw_ostream::SAVEDCOLOR);
  OS << D.Path << ":" << D.Range.Line << ":" << D.Range.Column << ": ";
  if (D.Sev == Severity::Error) {
    colour(OS, Color, llvm::raw_ostream::RED);
    OS << "error: ";
  } else {
    colour(OS, Color, llvm::raw_ostream::MAGENTA);
    OS << "warning: ";
  }
  colour(OS, Color, llvm::raw_ostream::SAVEDCOLOR);
  OS << D.Message;
  reset(OS, Color);
  OS << " [";
  colour(OS, Color, llvm::raw_ostream::YELLOW, /*Bold=*/false);
  OS << D.Rule;
  reset(OS, Color);
  OS << "]\n";
}

std::string FullFormatter::caretLine(llvm::StringRef Line, unsigned Column,
                                     unsigned EndColumn) {
  std::string Out;
  unsigned Col = 1;
  size_t I = 0;
  for (; I < Line.size() && Col < Column; ++I) {
    unsigned char C = static_cast<unsigned char>(Line[I]);
    if ((C & 0xC0) == 0x80)
      continue; // a continuation byte: same column
    Out += C == '\t' ? '\t' : ' ';
    ++Col;
  }
  // A column past the end of the line (an error at end of line) still gets
  // its caret just after the last character.
  while (Col < Column) {
    Out += ' ';
    ++Col;
  }
  Out += '^';
  for (unsigned C = Column + 1; C < EndColumn; ++C)
    Out += '~';
  return Out;
}

void FullFormatter::write(const ProjectAnalysis &Result,
                          llvm::raw_ostream &OS) {
  for (const Diagnostic &D : Result.Diagnostics) {
    writeHeader(D, OS, Color);
    llvm::StringRef Line = Result.lineText(D.Path, D.Range.Line);
    if (!Line.empty() || Result.source(D.Path)) {
      unsigned End = D.Range.EndColumn;
      if (D.Range.EndLine != D.Range.Line) {
        // A range over several lines is marked to the end of the first.
        End = 1;
        for (char C : Line)
          if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
            ++End;
      }
      OS << Line << "\n";
      colour(OS, Color, llvm::raw_ostream::GREEN);
      OS << caretLine(Line, D.Range.Column, End);
      reset(OS, Color);
      OS << "\n";
    }
    for (const RelatedLocation &R : D.Related) {
      colour(OS, Color, llvm::raw_ostream::SAVEDCOLOR);
      OS << R.Path << ":" << R.Line << ":" << R.Column << ": ";
      colour(OS, Color, llvm::raw_ostream::CYAN);
      OS << "note: ";
      reset(OS, Color);
      OS << R.Message << "\n";
    }
    if (!D.Fix.empty())
      OS << "  fix: " << D.Fix << "\n";
    if (D.Result) {
      OS << "  verdict: " << D.Result->Status;
      if (!D.Result->Evidence.empty())
        OS << ": " << D.Result->Evidence;
      OS << "\n";
    }
  }
}

} // namespace racelint
