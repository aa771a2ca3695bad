#include "semantic/NamePool.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Allocator.h"

#include <cstring>
#include <mutex>

namespace racelint {
namespace {

/// One lock per shard keeps the workers of pass 1 from waiting on each
/// other. The set hashes a name a word at a time (a StringSet hashes each
/// byte); the texts live in the shard's arena.
struct Shard {
  std::mutex M;
  llvm::DenseSet<llvm::StringRef, NameInfo> Set;
  llvm::BumpPtrAllocator Texts;
};
constexpr unsigned ShardCount = 64;

Shard *shards() {
  // Never destroyed: a summary freed during static destruction may still
  // point into it.
  static Shard *All = new Shard[ShardCount];
  return All;
}

} // namespace

llvm::StringRef internName(llvm::StringRef S) {
  if (S.empty())
    return {};
  // The set hashes the whole text; the shard needs only spread, not quality.
  unsigned Pick = static_cast<unsigned>(S.size()) * 131u +
                  static_cast<unsigned char>(S.front()) * 31u +
                  static_cast<unsigned char>(S.back());
  Shard &Sh = shards()[Pick % ShardCount];
  std::lock_guard<std::mutex> Lock(Sh.M);
  auto It = Sh.Set.find(S);
  if (It != Sh.Set.end())
    return *It;
  char *Copy = Sh.Texts.Allocate<char>(S.size() + 1);
  std::memcpy(Copy, S.data(), S.size());
  Copy[S.size()] = '\0';
  llvm::StringRef Kept(Copy, S.size());
  Sh.Set.insert(Kept);
  return Kept;
}

} // namespace racelint
