#include "semantic/NamePool.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/DJB.h"

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
  Shard &Sh = shards()[llvm::djbHash(S) % ShardCount];
  std::lock_guard<std::mutex> Lock(Sh.M);
  return Sh.Set.insert(S).first->getKey();
}

} // namespace racelint
