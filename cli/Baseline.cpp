#include "Baseline.h"

#include "Fingerprint.h"
#include "JsonFormatter.h"
#include "ProjectAnalysis.h"
#include "WriteFile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace racelint {

namespace {

llvm::Error fail(llvm::StringRef Path, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": " + Msg);
}

} // namespace

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return fail(Path, "cannot read baseline: " + Buf.getError().message());
  auto Doc = llvm::json::parse((*Buf)->getBuffer());
  if (!Doc)
    return fail(Path,
                "not a racelint baseline: " + llvm::toString(Doc.takeError()));
  const llvm::json::Object *Root = Doc->getAsObject();
  const llvm::json::Array *Findings =
      Root ? Root->getArray("findings") : nullptr;
  if (!Root || Root->getInteger("version").getValueOr(0) != 1 || !Findings)
    return fail(Path, "not a racelint baseline (expected "
                      "{\"version\": 1, \"findings\": [...]})");
  Baseline B;
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O || !O->getString("fingerprint"))
      return fail(Path, "a baseline entry has no fingerprint");
    auto Str = [&](llvm::StringRef Key) {
      return O->getString(Key).getValueOr("").str();
    };
    B.Entries.push_back({Str("fingerprint"), Str("rule"), Str("path"),
                         Str("shared_state"), Str("text"), Str("message")});
  }
  return B;
}

Baseline Baseline::fromResult(const ProjectAnalysis &Result) {
  Baseline B;
  for (const Diagnostic &D : Result.Diagnostics) {
    llvm::StringRef Line = Result.lineText(D.Path, D.Range.Line);
    B.Entries.push_back({fingerprint(D, Line), D.Rule, D.Path, D.SharedState,
                         normalizeLine(Line), D.Message});
  }
  return B;
}

llvm::Error Baseline::save(llvm::StringRef Path) const {
  llvm::json::Array Findings;
  for (const Entry &E : Entries)
    Findings.push_back(llvm::json::Object{{"fingerprint", E.Fingerprint},
                                          {"rule", E.Rule},
                                          {"path", jsonPath(E.Path)},
                                          {"shared_state", E.SharedState},
                                          {"text", E.Text},
                                          {"message", E.Message}});
  // A regular file (or a new one) is written beside and renamed over, so
  // that a full disk leaves the old baseline whole; anything else (a link,
  // a device) is written in place.
  llvm::json::Value Doc(
      llvm::json::Object{{"version", 1}, {"findings", std::move(Findings)}});
  auto Write = [&](llvm::raw_ostream &OS) {
    OS << llvm::formatv("{0:2}", Doc) << "\n";
  };
  llvm::sys::fs::file_status St;
  std::error_code EC = llvm::sys::fs::status(Path, St, /*Follow=*/false);
  if (EC == std::errc::no_such_file_or_directory ||
      (!EC && llvm::sys::fs::is_regular_file(St))) {
    EC = writeFileAtomically(Path, Write, llvm::sys::fs::OF_Text);
  } else {
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
    if (!EC) {
      Write(OS);
      EC = closeStream(OS);
    }
  }
  if (EC)
    return fail(Path, "cannot write baseline: " + EC.message());
  return llvm::Error::success();
}

std::vector<Baseline::Entry> Baseline::apply(ProjectAnalysis &Result) const {
  // Counts, so that two identical findings need two entries.
  llvm::StringMap<unsigned> Remaining;
  for (const Entry &E : Entries)
    ++Remaining[E.Fingerprint];
  std::vector<Diagnostic> Kept;
  for (Diagnostic &D : Result.Diagnostics) {
    auto It =
        Remaining.find(fingerprint(D, Result.lineText(D.Path, D.Range.Line)));
    if (It != Remaining.end() && It->second > 0) {
      --It->second;
      continue;
    }
    Kept.push_back(std::move(D));
  }
  Result.Diagnostics = std::move(Kept);
  std::vector<Entry> Gone;
  for (const Entry &E : Entries) {
    auto It = Remaining.find(E.Fingerprint);
    if (It->second > 0) {
      --It->second;
      Gone.push_back(E);
    }
  }
  return Gone;
}

} // namespace racelint
