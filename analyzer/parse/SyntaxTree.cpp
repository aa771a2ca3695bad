#include "parse/SyntaxTree.h"

#include "parse/TreeHeap.h"

namespace racelint {

namespace {
struct ParserDeleter {
  void operator()(TSParser *P) const { ts_parser_delete(P); }
};
} // namespace

std::unique_ptr<SyntaxTree> SyntaxTree::parse(llvm::StringRef Text) {
  tree_heap::install();
  std::unique_ptr<TSParser, ParserDeleter> Parser(ts_parser_new());
  ts_parser_set_language(Parser.get(), Grammar::get().Language);
  std::unique_ptr<SyntaxTree> T(new SyntaxTree(Text));
  T->Tree = ts_parser_parse_string(Parser.get(), nullptr, Text.data(),
                                   static_cast<uint32_t>(Text.size()));
  return T;
}

SyntaxTree::~SyntaxTree() {
  if (Tree)
    ts_tree_delete(Tree);
}

TSNode SyntaxTree::root() const { return ts_tree_root_node(Tree); }

std::vector<std::pair<uint32_t, bool>>
SyntaxTree::syntaxErrors(size_t Limit) const {
  std::vector<std::pair<uint32_t, bool>> Out;
  TSNode Root = root();
  if (!ts_node_has_error(Root))
    return Out;
  walkTree(
      Root,
      [&](TSNode N) {
        if (Out.size() >= Limit)
          return false;
        if (ts_node_is_missing(N)) {
          Out.push_back({ts_node_start_byte(N), true});
          return false;
        }
        if (ts_node_is_error(N)) {
          Out.push_back({ts_node_start_byte(N), false});
          return false;
        }
        return ts_node_has_error(N);
      },
      [](TSNode) {});
  return Out;
}

} // namespace racelint
