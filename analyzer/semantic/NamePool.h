#pragma once

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <cstring>

namespace racelint {

/// Folds the word \p W into the hash \p H: a multiply and a shift, enough
/// spread for DenseMap's power-of-two tables. The DenseMap traits keyed by
/// names or by pooled addresses hash with it.
inline uint64_t mixHash(uint64_t H, uint64_t W) {
  H = (H ^ W) * 0xBF58476D1CE4E5B9ull;
  return H ^ (H >> 31);
}
/// A DenseMap hash from what mixHash built.
inline unsigned foldHash(uint64_t H) {
  return static_cast<unsigned>(H) ^ static_cast<unsigned>(H >> 32);
}

/// DenseMap traits for names: hashes eight bytes per step (LLVM's string
/// hash does a fixed amount of work first, and StringMap hashes byte by
/// byte), compares as StringRef does.
struct NameInfo : llvm::DenseMapInfo<llvm::StringRef> {
  static unsigned getHashValue(llvm::StringRef S) {
    uint64_t H = S.size() * 0x9E3779B97F4A7C15ull;
    size_t I = 0;
    for (; I + 8 <= S.size(); I += 8) {
      uint64_t W;
      std::memcpy(&W, S.data() + I, 8);
      H = mixHash(H, W);
    }
    uint64_t Tail = 0;
    if (I < S.size())
      std::memcpy(&Tail, S.data() + I, S.size() - I);
    return foldHash(mixHash(H, Tail));
  }
};

/// The text of the summaries' names (references, attributes, methods,
/// keyword arguments), each distinct string stored once for the whole
/// process: the modules of a project share most of their names. Returns
/// a NUL-terminated copy that lives until the process ends; equal texts get
/// the same pointer, so callers may key caches by it (a string literal that
/// was not interned has another address). Thread-safe.
llvm::StringRef internName(llvm::StringRef S);

} // namespace racelint
