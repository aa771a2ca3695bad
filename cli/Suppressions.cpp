#include "Suppressions.h"

#include "RuleCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

namespace racelint {

namespace {

bool isWordChar(char C) { return llvm::isAlnum(C) || C == '-' || C == '_'; }

/// Code points in \p S (the text is valid UTF-8).
unsigned width(llvm::StringRef S) {
  unsigned N = 0;
  for (char C : S)
    if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
      ++N;
  return N;
}

} // namespace

Suppressions::Suppressions(llvm::ArrayRef<DirectiveComment> Directives) {
  for (const DirectiveComment &D : Directives) {
    llvm::StringRef Text = llvm::StringRef(D.Text).trim();
    llvm::StringRef Word = Text.take_while(isWordChar);
    if (Word != "ignore" && Word != "ignore-file")
      continue;
    Comment C;
    C.Line = D.Line;
    C.Column = D.Column;
    C.FileWide = Word == "ignore-file";
    llvm::StringRef Rest = Text.drop_front(Word.size()).ltrim();
    if (Rest.consume_front("[")) {
      llvm::StringRef List = Rest.take_until([](char Ch) { return Ch == ']'; });
      llvm::SmallVector<llvm::StringRef, 4> Ids;
      List.split(Ids, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef Id : Ids)
        if (!Id.trim().empty())
          C.Rules.push_back(Id.trim().str());
    }
    C.Used.assign(C.Rules.size(), false);
    Comments.push_back(std::move(C));
  }
}

bool Suppressions::suppress(const Diagnostic &D) {
  bool Suppressed = false;
  for (Comment &C : Comments) {
    if (!C.FileWide && C.Line != D.Range.Line && C.Line != D.StatementLine)
      continue;
    if (C.Rules.empty()) {
      C.UsedAll = true;
      Suppressed = true;
      continue;
    }
    for (size_t I = 0; I < C.Rules.size(); ++I)
      if (C.Rules[I] == D.Rule) {
        C.Used[I] = true;
        Suppressed = true;
      }
  }
  return Suppressed;
}

void Suppressions::diagnoseUnused(
    const SourceFile &Source, llvm::function_ref<bool(llvm::StringRef)> Judged,
    std::vector<Diagnostic> &Out) const {
  if (!Judged(UnusedSuppressionId))
    return;
  for (const Comment &C : Comments) {
    llvm::StringRef What = C.FileWide ? "in this file" : "on this line";
    llvm::StringRef Keyword = C.FileWide ? "ignore-file" : "ignore";
    auto Report = [&](std::string Message, std::string Fix) {
      Diagnostic D;
      D.Rule = UnusedSuppressionId.str();
      D.Path = Source.path().str();
      unsigned LineEnd = width(Source.lineText(C.Line)) + 1;
      D.Range = {C.Line, C.Column, C.Line, std::max(LineEnd, C.Column + 1)};
      D.StatementLine = C.Line;
      D.Message = std::move(Message);
      D.Fix = std::move(Fix);
      Out.push_back(std::move(D));
    };
    if (C.Rules.empty()) {
      // A bare comment is judged only when every rule ran.
      if (!C.UsedAll && llvm::all_of(ruleCatalog(), [&](const CatalogEntry &E) {
            return E.Id == UnusedSuppressionId || Judged(E.Id) || !E.DefaultOn;
          }))
        Report("unused suppression: no finding " + What.str() + " to ignore",
               "remove the `# racelint: " + Keyword.str() + "` comment");
      continue;
    }
    for (size_t I = 0; I < C.Rules.size(); ++I) {
      const std::string &Id = C.Rules[I];
      if (!findCatalogEntry(Id)) {
        Report("unknown rule `" + Id + "` in suppression comment",
               "use a rule id that `racelint rules` lists");
        continue;
      }
      if (C.Used[I] || Id == UnusedSuppressionId || !Judged(Id))
        continue;
      Report("unused suppression of `" + Id + "`: no `" + Id + "` finding " +
                 What.str(),
             "remove `" + Id + "` from the comment");
    }
  }
}

} // namespace racelint
