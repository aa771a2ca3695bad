#include "semantic/NamePool.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"

#include <mutex>

namespace racelint {
namespace {

/// One lock per shard keeps the workers of pass 1 from waiting on each
/// other.
struct Shard {
  std::mutex M;
  llvm::StringSet<llvm::BumpPtrAllocator> Set;
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
  return Sh.Set.insert(S).first->getKey();
}

} // namespace racelint
