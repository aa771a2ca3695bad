#pragma once

#include "parse/Grammar.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace racelint {

/// Owns one tree-sitter syntax tree and the text it was parsed from.
class SyntaxTree {
public:
  /// Parses \p Text (Python source, UTF-8) with tree-sitter-python.
  static std::unique_ptr<SyntaxTree> parse(llvm::StringRef Text);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree &) = delete;
  SyntaxTree &operator=(const SyntaxTree &) = delete;

  TSNode root() const;
  /// The source text of \p N.
  llvm::StringRef text(TSNode N) const {
    return Text.substr(ts_node_start_byte(N),
                       ts_node_end_byte(N) - ts_node_start_byte(N));
  }
  llvm::StringRef source() const { return Text; }

  /// Byte offsets of every ERROR and MISSING node, the first (outermost, in
  /// document order) ones only; bounded to \p Limit entries.
  std::vector<std::pair<uint32_t, bool>> syntaxErrors(size_t Limit) const;

private:
  explicit SyntaxTree(llvm::StringRef Text) : Text(Text) {}
  llvm::StringRef Text;
  TSTree *Tree = nullptr;
};

inline TSNode childByField(TSNode N, TSFieldId F) {
  return ts_node_child_by_field_id(N, F);
}
inline bool isNull(TSNode N) { return ts_node_is_null(N); }
inline TSSymbol kind(TSNode N) { return ts_node_symbol(N); }

/// Visits every node below \p Root in document order without recursion on the
/// C++ stack. \p Enter returns false to skip a node's children; \p Leave runs
/// after its children.
template <typename EnterFn, typename LeaveFn>
void walkTree(TSNode Root, EnterFn &&Enter, LeaveFn &&Leave) {
  TSTreeCursor C = ts_tree_cursor_new(Root);
  bool Descend = Enter(Root);
  for (;;) {
    if (Descend && ts_tree_cursor_goto_first_child(&C)) {
      Descend = Enter(ts_tree_cursor_current_node(&C));
      continue;
    }
    // Leave the current node, then move to its next sibling or climb.
    for (;;) {
      TSNode Cur = ts_tree_cursor_current_node(&C);
      Leave(Cur);
      if (ts_tree_cursor_goto_next_sibling(&C)) {
        Descend = Enter(ts_tree_cursor_current_node(&C));
        break;
      }
      if (!ts_tree_cursor_goto_parent(&C)) {
        ts_tree_cursor_delete(&C);
        return;
      }
    }
  }
}

} // namespace racelint
