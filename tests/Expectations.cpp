#include "Expectations.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <tuple>

namespace racelint {
namespace test {

namespace {

/// The comment of one line (after `#`), or empty; quotes are tracked on the
/// line only, which is enough for test files.
llvm::StringRef commentOf(llvm::StringRef Line) {
  char Quote = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (Quote) {
      if (C == '\\')
        ++I;
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '\'' || C == '"')
      Quote = C;
    else if (C == '#')
      return Line.drop_front(I);
  }
  return {};
}

bool isRuleChar(char C) { return llvm::isAlnum(C) || C == '-' || C == '_'; }

const struct {
  llvm::StringLiteral Keyword;
  Expectation::Kind Kind;
} Keywords[] = {{"expect:", Expectation::Expect},
                {"expect-note:", Expectation::ExpectNote},
                {"known-fp:", Expectation::KnownFp},
                {"known-fn:", Expectation::KnownFn}};

std::string relative(llvm::StringRef Path, llvm::StringRef Base) {
  if (!Base.empty() && Path.consume_front(Base))
    Path.consume_front("/");
  return Path.str();
}

} // namespace

std::vector<std::string> parseArgsLine(llvm::StringRef Text) {
  llvm::StringRef First = Text.take_until([](char C) { return C == '\n'; });
  First = First.trim();
  if (!First.consume_front("#"))
    return {};
  First = First.ltrim();
  if (!First.consume_front("args:"))
    return {};
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  First.split(Parts, ' ', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    Out.push_back(P.trim().str());
  return Out;
}

std::vector<Expectation> parseExpectations(llvm::StringRef Path,
                                           llvm::StringRef Text,
                                           std::vector<std::string> &Problems) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  std::vector<Expectation> Out;
  std::vector<Expectation> Pending; // from comment-only lines
  for (size_t I = 0; I < Lines.size(); ++I) {
    unsigned LineNo = I + 1;
    llvm::StringRef Line = Lines[I].rtrim("\r");
    llvm::StringRef Comment = commentOf(Line);
    bool CommentOnly = Line.ltrim().startswith("#");
    bool Blank = Line.trim().empty();
    if (!Blank && !CommentOnly) {
      for (Expectation &E : Pending) {
        E.Line = LineNo;
        Out.push_back(std::move(E));
      }
      Pending.clear();
    }
    if (Comment.empty() || (LineNo == 1 && Comment.contains("args:")))
      continue;
    // Find every clause keyword; each clause runs to the next one.
    std::vector<std::pair<size_t, size_t>> Found; // position, keyword index
    for (size_t K = 0; K < std::size(Keywords); ++K) {
      size_t At = 0;
      while ((At = Comment.find(Keywords[K].Keyword, At)) !=
             llvm::StringRef::npos) {
        // `expect:` must not be the tail of `known-...` or another word.
        if (At == 0 || !isRuleChar(Comment[At - 1]))
          Found.push_back({At, K});
        At += Keywords[K].Keyword.size();
      }
    }
    std::sort(Found.begin(), Found.end());
    for (size_t F = 0; F < Found.size(); ++F) {
      const auto &KW = Keywords[Found[F].second];
      size_t Start = Found[F].first + KW.Keyword.size();
      size_t End =
          F + 1 < Found.size() ? Found[F + 1].first : llvm::StringRef::npos;
      llvm::StringRef Clause = Comment.slice(Start, End).trim();
      Clause = Clause.rtrim(" \t#;,");
      Expectation E;
      E.What = KW.Kind;
      E.Path = Path.str();
      E.Line = LineNo;
      E.Rule = Clause.take_while(isRuleChar).str();
      llvm::StringRef Rest = Clause.drop_front(E.Rule.size()).trim();
      std::string Where = Path.str() + ":" + std::to_string(LineNo) + ": ";
      if (E.Rule.empty()) {
        Problems.push_back(Where + "`" + KW.Keyword.str() +
                           "` without a rule id");
        continue;
      }
      if (E.What == Expectation::KnownFp || E.What == Expectation::KnownFn) {
        if (!Rest.consume_front("--") || Rest.trim().empty())
          Problems.push_back(Where + "`" + KW.Keyword.str() +
                             "` needs a reason: `-- why`");
      } else if (Rest.consume_front("\"")) {
        size_t Close = Rest.find('"');
        if (Close == llvm::StringRef::npos)
          Problems.push_back(Where + "unterminated message fragment");
        else
          E.Fragment = Rest.take_front(Close).str();
      }
      if (CommentOnly)
        Pending.push_back(std::move(E));
      else
        Out.push_back(std::move(E));
    }
  }
  for (const Expectation &E : Pending)
    Problems.push_back(E.Path + ":" + std::to_string(E.Line) +
                       ": expectation comment with no code line after it");
  return Out;
}

std::vector<std::string>
compareExpectations(llvm::ArrayRef<Diagnostic> Diags,
                    llvm::ArrayRef<Expectation> Expected,
                    llvm::StringRef Base) {
  std::vector<bool> Used(Diags.size(), false);
  // Sorted by path and line, then text.
  std::vector<std::tuple<std::string, unsigned, std::string>> Diff;
  auto At = [&](const Diagnostic &D, const Expectation &E) {
    return D.Path == E.Path && D.Range.Line == E.Line && D.Rule == E.Rule;
  };
  // Expectations with a fragment first, so that a bare one does not take the
  // finding a fragment needs.
  std::vector<const Expectation *> Order;
  for (const Expectation &E : Expected)
    Order.push_back(&E);
  std::stable_sort(Order.begin(), Order.end(),
                   [](const Expectation *A, const Expectation *B) {
                     return !A->Fragment.empty() && B->Fragment.empty();
                   });
  for (const Expectation *E : Order) {
    std::string Where =
        relative(E->Path, Base) + ":" + std::to_string(E->Line) + " " + E->Rule;
    switch (E->What) {
    case Expectation::Expect:
    case Expectation::KnownFp: {
      bool Found = false;
      for (size_t I = 0; I < Diags.size() && !Found; ++I)
        if (!Used[I] && At(Diags[I], *E) &&
            llvm::StringRef(Diags[I].Message).contains(E->Fragment))
          Used[I] = Found = true;
      if (!Found)
        Diff.push_back(
            {E->Path, E->Line,
             "- missing " + Where +
                 (E->Fragment.empty() ? "" : " \"" + E->Fragment + "\"") +
                 (E->What == Expectation::KnownFp ? " (known-fp)" : "")});
      break;
    }
    case Expectation::KnownFn:
      for (size_t I = 0; I < Diags.size(); ++I)
        if (At(Diags[I], *E) && !Used[I]) {
          Used[I] = true;
          Diff.push_back({E->Path, E->Line,
                          "! fires " + Where + " " + Diags[I].Message +
                              " (a known-fn now found: promote it to "
                              "expect)"});
        }
      break;
    case Expectation::ExpectNote: {
      bool Found = llvm::any_of(Diags, [&](const Diagnostic &D) {
        return D.Rule == E->Rule &&
               llvm::any_of(D.Related, [&](const RelatedLocation &R) {
                 return R.Path == E->Path && R.Line == E->Line;
               });
      });
      if (!Found)
        Diff.push_back({E->Path, E->Line, "- missing note " + Where});
      break;
    }
    }
  }
  for (size_t I = 0; I < Diags.size(); ++I)
    if (!Used[I])
      Diff.push_back({Diags[I].Path, Diags[I].Range.Line,
                      "+ unexpected " + relative(Diags[I].Path, Base) + ":" +
                          std::to_string(Diags[I].Range.Line) + " " +
                          Diags[I].Rule + " " + Diags[I].Message});
  std::sort(Diff.begin(), Diff.end());
  std::vector<std::string> Out;
  for (auto &D : Diff)
    Out.push_back(std::move(std::get<2>(D)));
  return Out;
}

} // namespace test
} // namespace racelint
