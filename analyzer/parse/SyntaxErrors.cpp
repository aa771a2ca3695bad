#include "parse/SyntaxErrors.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <optional>

namespace racelint {

namespace {

/// The first leaf at or below \p N.
TSNode firstLeaf(TSNode N) {
  while (ts_node_child_count(N) > 0)
    N = ts_node_child(N, 0);
  return N;
}

/// Where the error really is: an ERROR node often starts with statements
/// that parsed fine before the offending token, so skip its leading complete
/// children.
TSNode errorAnchor(TSNode Err) {
  uint32_t Count = ts_node_child_count(Err);
  for (uint32_t I = 0; I < Count; ++I) {
    TSNode C = ts_node_child(Err, I);
    if (ts_node_is_error(C) || ts_node_is_missing(C) || !ts_node_is_named(C) ||
        ts_node_has_error(C))
      return C;
  }
  return Count ? ts_node_child(Err, Count - 1) : Err;
}

std::string describeToken(llvm::StringRef Text) {
  Text = Text.take_until([](char C) { return C == '\n' || C == '\r'; });
  if (Text.size() > 30)
    return "`" + Text.take_front(27).str() + "...`";
  if (Text.empty())
    return "end of line";
  return "`" + Text.str() + "`";
}

/// A syntax error found by the token scan, and the first line of the
/// logical line that holds it.
struct TokenError {
  SyntaxErrorFact Fact;
  unsigned LogicalStart = 0;
};

/// The mistakes tree-sitter recovers from silently or reports far from
/// where CPython does: indentation, unclosed and mismatched brackets, a
/// missing `:` after a compound statement's header, and two operators in a
/// row. A single pass over the text in the manner of CPython's tokenizer
/// (no recursion); it stops at the first error.
class TokenScan {
public:
  TokenScan(const SourceFile &Src) : Src(Src), Text(Src.parseText()) {}

  std::optional<TokenError> run();

private:
  enum class Kind { Name, Number, String, Op, Newline, End };
  struct Token {
    Kind K;
    llvm::StringRef Text;
    uint32_t Offset;
  };

  bool scanToken(Token &T);
  void fail(uint32_t Offset, uint32_t End, const std::string &Message) {
    if (Error)
      return;
    TokenError E;
    E.Fact.Pos = Src.position(Offset);
    E.Fact.End = Src.position(std::max(End, Offset + 1));
    if (E.Fact.End.Line != E.Fact.Pos.Line)
      E.Fact.End = {E.Fact.Pos.Line, E.Fact.Pos.Column + 1};
    E.Fact.Message = "syntax error: " + Message;
    E.LogicalStart = LogicalStartLine;
    Error = std::move(E);
  }

  const SourceFile &Src;
  llvm::StringRef Text;
  size_t I = 0;
  std::optional<TokenError> Error;
  unsigned LogicalStartLine = 1;
  /// Open brackets: the character and its offset.
  std::vector<std::pair<char, uint32_t>> Brackets;
};

bool isIdentStart(char C) {
  return llvm::isAlpha(C) || C == '_' || static_cast<unsigned char>(C) >= 0x80;
}
bool isIdentChar(char C) { return isIdentStart(C) || llvm::isDigit(C); }

bool isStringPrefix(llvm::StringRef S) {
  if (S.size() > 2)
    return false;
  for (char C : S)
    if (!llvm::StringRef("rRbBuUfF").contains(C))
      return false;
  return true;
}

/// Operators that need a left operand (so cannot follow another operator).
bool isBinaryOnly(llvm::StringRef Op) {
  return llvm::StringSwitch<bool>(Op)
      .Cases("/", "//", "%", "@", "==", "!=", "<", ">", "<=", ">=", true)
      .Cases("|", "&", "^", "<<", ">>", true)
      .Default(false);
}
/// Operators after which an operand must come.
bool expectsOperand(llvm::StringRef Op) {
  return isBinaryOnly(Op) || Op == "+" || Op == "-" || Op == "*" ||
         Op == "**" || Op == "~";
}

const char *closerOf(char Open) {
  return Open == '(' ? ")" : Open == '[' ? "]" : "}";
}

bool TokenScan::scanToken(Token &T) {
  // Blanks, comments and line continuations between tokens.
  for (;;) {
    while (I < Text.size() &&
           (Text[I] == ' ' || Text[I] == '\t' || Text[I] == '\f'))
      ++I;
    if (I < Text.size() && Text[I] == '#') {
      size_t NL = Text.find('\n', I);
      I = NL == llvm::StringRef::npos ? Text.size() : NL;
      continue;
    }
    if (I + 1 < Text.size() && Text[I] == '\\' &&
        (Text[I + 1] == '\n' || Text[I + 1] == '\r')) {
      I += Text[I + 1] == '\r' && I + 2 < Text.size() && Text[I + 2] == '\n'
               ? 3
               : 2;
      continue;
    }
    break;
  }
  T.Offset = static_cast<uint32_t>(I);
  if (I >= Text.size()) {
    T.K = Kind::End;
    return true;
  }
  char C = Text[I];
  if (C == '\n' || C == '\r') {
    I += (C == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n') ? 2 : 1;
    T.K = Kind::Newline;
    T.Text = Text.slice(T.Offset, I);
    return true;
  }
  if (isIdentStart(C)) {
    size_t Start = I;
    while (I < Text.size() && isIdentChar(Text[I]))
      ++I;
    llvm::StringRef Word = Text.slice(Start, I);
    if (I < Text.size() && (Text[I] == '\'' || Text[I] == '"') &&
        isStringPrefix(Word)) {
      C = Text[I];
    } else {
      T.K = Kind::Name;
      T.Text = Word;
      return true;
    }
  }
  if (C == '\'' || C == '"') {
    const char Three[] = {C, C, C};
    llvm::StringRef Quotes(Three, 3);
    bool Triple = Text.substr(I, 3) == Quotes;
    size_t Open = I;
    I += Triple ? 3 : 1;
    for (;;) {
      if (I >= Text.size() || (!Triple && Text[I] == '\n')) {
        fail(static_cast<uint32_t>(Open), static_cast<uint32_t>(Open + 1),
             Triple ? "unterminated triple-quoted string literal"
                    : "unterminated string literal");
        return false;
      }
      if (Text[I] == '\\') {
        I += 2;
        continue;
      }
      if (Text[I] == C && (!Triple || Text.substr(I, 3) == Quotes)) {
        I += Triple ? 3 : 1;
        break;
      }
      ++I;
    }
    T.K = Kind::String;
    T.Text = Text.slice(T.Offset, I);
    return true;
  }
  if (llvm::isDigit(C) ||
      (C == '.' && I + 1 < Text.size() && llvm::isDigit(Text[I + 1]))) {
    while (I < Text.size() &&
           (llvm::isAlnum(Text[I]) || Text[I] == '.' || Text[I] == '_' ||
            ((Text[I] == '+' || Text[I] == '-') &&
             (Text[I - 1] == 'e' || Text[I - 1] == 'E'))))
      ++I;
    T.K = Kind::Number;
    T.Text = Text.slice(T.Offset, I);
    return true;
  }
  static const llvm::StringLiteral Ops[] = {
      "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**",
      "//",  "<<",  ">>",  "<=",  ">=",  "==", "!=", "+=",
      "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@="};
  // Each longer operator's second character is `=`, `>` or its first.
  char Next = I + 1 < Text.size() ? Text[I + 1] : '\0';
  if (Next == '=' || Next == '>' || Next == C)
    for (llvm::StringRef Op : Ops)
      if (Op[0] == C && Text.substr(I).startswith(Op)) {
        T.K = Kind::Op;
        T.Text = Text.substr(I, Op.size());
        I += T.Text.size();
        return true;
      }
  T.K = Kind::Op;
  T.Text = Text.substr(I, 1);
  ++I;
  return true;
}

std::optional<TokenError> TokenScan::run() {
  std::vector<unsigned> Indents{0};
  bool AtLineStart = true;
  bool ExpectIndent = false;
  unsigned ColonLine = 0;
  // The logical line so far.
  llvm::StringRef FirstWord;
  Token Last{Kind::Newline, "", 0};
  bool SawColon = false;
  bool Empty = true;

  for (;;) {
    if (AtLineStart && Brackets.empty()) {
      // Measure the indentation of the next line that holds code.
      unsigned Col = 0;
      size_t J = I;
      while (J < Text.size() &&
             (Text[J] == ' ' || Text[J] == '\t' || Text[J] == '\f')) {
        // As CPython's tokenizer: a tab goes to the next multiple of 8, a
        // form feed resets the column.
        Col = Text[J] == '\t'   ? (Col / 8 + 1) * 8
              : Text[J] == '\f' ? 0
                                : Col + 1;
        ++J;
      }
      bool Blank = J >= Text.size() || Text[J] == '\n' || Text[J] == '\r' ||
                   Text[J] == '#' ||
                   (Text[J] == '\\' && J + 1 < Text.size() &&
                    (Text[J + 1] == '\n' || Text[J + 1] == '\r'));
      if (!Blank) {
        LogicalStartLine = Src.line(static_cast<uint32_t>(J));
        uint32_t At = static_cast<uint32_t>(J);
        if (ExpectIndent) {
          if (Col <= Indents.back()) {
            fail(At, At + 1,
                 "expected an indented block after the `:` on line " +
                     std::to_string(ColonLine));
            return Error;
          }
          Indents.push_back(Col);
        } else if (Col > Indents.back()) {
          fail(At, At + 1, "unexpected indent");
          return Error;
        } else {
          while (Col < Indents.back())
            Indents.pop_back();
          if (Col != Indents.back()) {
            fail(At, At + 1,
                 "unindent does not match any outer indentation level");
            return Error;
          }
        }
        ExpectIndent = false;
      }
      AtLineStart = false;
    }

    Token T;
    if (!scanToken(T))
      return Error;
    if (T.K == Kind::End || (T.K == Kind::Newline && Brackets.empty())) {
      if (!Empty) {
        // End of a logical line.
        bool Compound =
            llvm::StringSwitch<bool>(FirstWord)
                .Cases("if", "elif", "else", "for", "while", true)
                .Cases("def", "class", "try", "except", "finally", true)
                .Case("with", true)
                .Default(false);
        if (Compound && !SawColon) {
          uint32_t After = Last.Offset + Last.Text.size();
          fail(After, After + 1, "expected `:`");
          return Error;
        }
        if (Last.K == Kind::Op && Last.Text == ":") {
          ExpectIndent = true;
          ColonLine = Src.line(Last.Offset);
        }
      }
      if (T.K == Kind::End) {
        if (!Brackets.empty()) {
          auto [Open, At] = Brackets.back();
          fail(At, At + 1, "`" + std::string(1, Open) + "` was never closed");
          return Error;
        }
        if (ExpectIndent) {
          fail(T.Offset, T.Offset + 1,
               "expected an indented block after the `:` on line " +
                   std::to_string(ColonLine));
          return Error;
        }
        return std::nullopt;
      }
      AtLineStart = true;
      Empty = true;
      SawColon = false;
      FirstWord = "";
      Last = T;
      continue;
    }
    if (T.K == Kind::Newline)
      continue; // inside brackets

    // A statement inside brackets opened on an earlier line means the
    // bracket was never closed (CPython reports it so): a keyword that only
    // starts statements, or a compound header (`if x:`) that starts a line.
    if (T.K == Kind::Name && !Brackets.empty() &&
        Src.line(Brackets.back().second) < Src.line(T.Offset)) {
      bool StatementOnly =
          llvm::StringSwitch<bool>(T.Text)
              .Cases("def", "class", "return", "import", "try", true)
              .Cases("except", "finally", "elif", "while", "with", true)
              .Default(false);
      bool Header = false;
      if (llvm::StringSwitch<bool>(T.Text)
              .Cases("if", "for", "else", "while", "with", true)
              .Default(false)) {
        Position P = Src.position(T.Offset);
        llvm::StringRef Line = Src.lineText(P.Line);
        bool StartsLine = Line.ltrim().startswith(T.Text);
        llvm::StringRef Code =
            Line.take_until([](char C) { return C == '#'; }).rtrim();
        // `for p in xs):` closes the bracket: the end of a header that
        // started above, not a new statement.
        int Depth = 0, Lowest = 0;
        for (char C : Code) {
          Depth += (C == '(' || C == '[' || C == '{')   ? 1
                   : (C == ')' || C == ']' || C == '}') ? -1
                                                        : 0;
          Lowest = std::min(Lowest, Depth);
        }
        Header = StartsLine && Code.endswith(":") && Lowest >= 0;
      }
      if (StatementOnly || Header) {
        auto [Open, At] = Brackets.back();
        fail(At, At + 1, "`" + std::string(1, Open) + "` was never closed");
        return Error;
      }
    }

    if (Empty && T.K == Kind::Name)
      FirstWord = T.Text;
    Empty = false;
    if (T.K == Kind::Op) {
      llvm::StringRef Op = T.Text;
      if (Op == "(" || Op == "[" || Op == "{") {
        Brackets.push_back({Op[0], T.Offset});
      } else if (Op == ")" || Op == "]" || Op == "}") {
        if (Brackets.empty()) {
          fail(T.Offset, T.Offset + 1, "unmatched `" + Op.str() + "`");
          return Error;
        }
        if (closerOf(Brackets.back().first) != Op) {
          fail(T.Offset, T.Offset + 1,
               "closing `" + Op.str() + "` does not match opening `" +
                   std::string(1, Brackets.back().first) + "`");
          return Error;
        }
        Brackets.pop_back();
      } else if (Op == ":" && Brackets.empty()) {
        SawColon = true;
      }
      // Two operators in a row where the second needs a left operand.
      bool AfterOperand =
          Last.K == Kind::Name || Last.K == Kind::Number ||
          Last.K == Kind::String ||
          (Last.K == Kind::Op && (Last.Text == ")" || Last.Text == "]" ||
                                  Last.Text == "}" || Last.Text == "..."));
      bool LastIsKeyword =
          Last.K == Kind::Name &&
          llvm::StringSwitch<bool>(Last.Text)
              .Cases("and", "or", "not", "in", "is", "if", "else", true)
              .Cases("return", "yield", "lambda", "await", "assert", true)
              .Default(false);
      // `/` after `(` or `,` marks positional-only parameters.
      bool ParameterSlash = Op == "/" && Last.K == Kind::Op &&
                            (Last.Text == "," || Last.Text == "(");
      if ((isBinaryOnly(Op) && !ParameterSlash &&
           (!AfterOperand || LastIsKeyword) &&
           !(Last.K == Kind::Newline || Empty)) ||
          ((Op == "*" || Op == "**") && Last.K == Kind::Op &&
           expectsOperand(Last.Text))) {
        fail(T.Offset, T.Offset + static_cast<uint32_t>(Op.size()),
             "`" + Op.str() + "` needs an operand before it");
        return Error;
      }
      if (Op == ":" && Last.K == Kind::Op &&
          (Last.Text == "(" || Last.Text == "{")) {
        fail(T.Offset, T.Offset + 1, "unexpected `:`");
        return Error;
      }
    }
    Last = T;
  }
}

} // namespace

void collectTreeErrors(const SyntaxTree &Tree, const SourceFile &Src,
                       std::vector<SyntaxErrorFact> &FromTree) {
  TSNode Root = Tree.root();
  if (ts_node_has_error(Root))
    walkTree(
        Root,
        [&](TSNode N) {
          if (FromTree.size() >= 100)
            return false;
          if (ts_node_is_missing(N)) {
            SyntaxErrorFact E;
            E.Pos = Src.position(ts_node_start_byte(N));
            E.End = {E.Pos.Line, E.Pos.Column + 1};
            E.Message =
                std::string("syntax error: expected `") + ts_node_type(N) + "`";
            FromTree.push_back(std::move(E));
            return false;
          }
          if (ts_node_is_error(N)) {
            TSNode At = firstLeaf(errorAnchor(N));
            SyntaxErrorFact E;
            E.Pos = Src.position(ts_node_start_byte(At));
            E.End = Src.position(ts_node_end_byte(At));
            if (E.End.Line != E.Pos.Line || E.End.Column <= E.Pos.Column)
              E.End = {E.Pos.Line, E.Pos.Column + 1};
            E.Message =
                "syntax error: unexpected " + describeToken(Tree.text(At));
            FromTree.push_back(std::move(E));
            return false;
          }
          return ts_node_has_error(N);
        },
        [](TSNode) {});
}

void addTokenScanErrors(const SourceFile &Src,
                        std::vector<SyntaxErrorFact> &Errors) {
  // The token scan places the common mistakes where CPython does; the tree's
  // errors start at or before the statement that failed, so one on an
  // earlier logical line is a different, earlier error.
  std::optional<TokenError> Tok = TokenScan(Src).run();
  if (!Tok)
    return;
  std::vector<SyntaxErrorFact> FromTree = std::move(Errors);
  std::vector<SyntaxErrorFact> &Out = Errors;
  Out.clear();
  size_t Next = 0;
  while (Next < FromTree.size() && FromTree[Next].Pos.Line < Tok->LogicalStart)
    Out.push_back(FromTree[Next++]);
  Out.push_back(Tok->Fact);
  for (; Next < FromTree.size() && Out.size() < 100; ++Next)
    if (FromTree[Next].Pos.Line < Tok->LogicalStart ||
        FromTree[Next].Pos.Line > Tok->Fact.Pos.Line)
      Out.push_back(FromTree[Next]);
}

} // namespace racelint
