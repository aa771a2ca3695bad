#include "parse/SyntaxErrors.h"

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

} // namespace

void collectSyntaxErrors(const SyntaxTree &Tree, const SourceFile &Src,
                         std::vector<SyntaxErrorFact> &Out) {
  TSNode Root = Tree.root();
  if (!ts_node_has_error(Root))
    return;
  walkTree(
      Root,
      [&](TSNode N) {
        if (Out.size() >= 100)
          return false;
        if (ts_node_is_missing(N)) {
          SyntaxErrorFact E;
          E.Pos = Src.position(ts_node_start_byte(N));
          E.End = {E.Pos.Line, E.Pos.Column + 1};
          E.Message = std::string("syntax error: expected `") +
                      ts_node_type(N) + "`";
          Out.push_back(std::move(E));
          return false;
        }
        if (ts_node_is_error(N)) {
          TSNode At = firstLeaf(errorAnchor(N));
          SyntaxErrorFact E;
          E.Pos = Src.position(ts_node_start_byte(At));
          E.End = Src.position(ts_node_end_byte(At));
          if (E.End.Line != E.Pos.Line || E.End.Column <= E.Pos.Column)
            E.End = {E.Pos.Line, E.Pos.Column + 1};
          E.Message = "syntax error: unexpected " +
                      describeToken(Tree.text(At));
          Out.push_back(std::move(E));
          return false;
        }
        return ts_node_has_error(N);
      },
      [](TSNode) {});
}

} // namespace racelint
