#pragma once

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace racelint {

/// A 1-based line and column; the column counts Unicode code points.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// One Python source file: its text, its line table and its suppression
/// comments.
class SourceFile {
public:
  /// The largest file racelint analyzes; larger files get a clear error.
  static constexpr uint64_t MaxBytes = 64ull << 20;

  /// Reads \p Path; fails with a one-line reason for unreadable, binary
  /// (NUL bytes), non-UTF-8 and oversized files.
  static llvm::Expected<std::unique_ptr<SourceFile>> load(llvm::StringRef Path);
  /// Wraps text already in memory; fails as load() does for bad content.
  static llvm::Expected<std::unique_ptr<SourceFile>>
  fromText(llvm::StringRef Path, llvm::StringRef Text);
  /// fromText, keeping \p Text itself.
  static llvm::Expected<std::unique_ptr<SourceFile>>
  fromString(llvm::StringRef Path, std::string Text);

  llvm::StringRef path() const { return Path; }
  /// The text without a UTF-8 byte order mark; lone CR line ends are kept.
  llvm::StringRef text() const { return Text; }
  /// The text handed to the parser: lone CR line ends become LF (same length).
  llvm::StringRef parseText() const {
    return ParseText.empty() ? llvm::StringRef(Text) : ParseText;
  }

  unsigned lineCount() const { return LineStarts.size(); }
  /// Line and column of byte \p Offset of text().
  Position position(uint32_t Offset) const;
  /// position(Offset).Line, without counting the column.
  unsigned line(uint32_t Offset) const;
  /// The text of 1-based line \p Line without its line end.
  llvm::StringRef lineText(unsigned Line) const;
  /// The byte offset where 1-based line \p Line starts.
  uint32_t lineStart(unsigned Line) const { return LineStarts[Line - 1]; }

private:
  SourceFile() = default;
  std::string Path;
  std::string Text;
  /// Empty when the text has no lone CR, so parseText() is text().
  std::string ParseText;
  std::vector<uint32_t> LineStarts;
  /// Lines holding a byte >= 0x80; on the others a column is an offset.
  std::vector<bool> NonAsciiLines;
};

} // namespace racelint
