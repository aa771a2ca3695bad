#include "parse/TreeHeap.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RACELINT_TREE_HEAP_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
#define RACELINT_TREE_HEAP_OFF 1
#endif
#endif

namespace racelint {
namespace tree_heap {

namespace {

constexpr size_t Step = 16;
constexpr size_t MaxSmall = 1024;
constexpr uint32_t NumClasses = MaxSmall / Step + 1;
constexpr uint32_t Big = UINT32_MAX;
constexpr size_t SlabBytes = 256 << 10;

struct Pool;

/// Sits in front of every chunk; keeps the payload 16-byte aligned.
struct alignas(16) ChunkHeader {
  uint64_t Owner; ///< Pool::Id of the thread whose slab holds it (0: Big)
  uint32_t Class; ///< payload is Class * Step bytes, or Big
};
static_assert(sizeof(ChunkHeader) == 16, "payloads stay 16-byte aligned");

ChunkHeader *headerOf(void *Ptr) {
  return reinterpret_cast<ChunkHeader *>(static_cast<char *>(Ptr) -
                                         sizeof(ChunkHeader));
}

/// Every slab of every thread, so that a leak checker sees them as reachable
/// after their thread has exited.
std::mutex SlabsMutex;
std::vector<void *> &allSlabs() {
  static auto *S = new std::vector<void *>;
  return *S;
}

std::atomic<uint64_t> NextPoolId{1};

struct Pool {
  /// Never reused, unlike the address of a thread's pool.
  const uint64_t Id = NextPoolId++;
  void *Free[NumClasses] = {};
  char *Cur = nullptr, *End = nullptr;
  std::vector<char *> Slabs;
  /// Chunks this thread handed out and has not freed itself. A chunk freed
  /// by another thread is never counted back, so this pool then keeps its
  /// slabs for good: releasing them is safe only when it reaches 0.
  size_t Live = 0;

  void *take(uint32_t C) {
    ++Live;
    if (void *F = Free[C]) {
      Free[C] = *static_cast<void **>(F);
      // A chunk of another thread's slab (freed here) now counts here; its
      // own pool never counted it back, so that slab stays.
      headerOf(F)->Owner = Id;
      return F;
    }
    size_t Chunk = sizeof(ChunkHeader) + C * Step;
    if (static_cast<size_t>(End - Cur) < Chunk && !grow()) {
      --Live;
      return nullptr;
    }
    auto *H = reinterpret_cast<ChunkHeader *>(Cur);
    Cur += Chunk;
    H->Owner = Id;
    H->Class = C;
    return H + 1;
  }

  bool grow() {
    char *S = static_cast<char *>(std::malloc(SlabBytes));
    if (!S)
      return false;
    Slabs.push_back(S);
    {
      std::lock_guard<std::mutex> L(SlabsMutex);
      allSlabs().push_back(S);
    }
    Cur = S;
    End = S + SlabBytes;
    return true;
  }

  void give(void *Ptr, ChunkHeader *H) {
    if (H->Owner == Id)
      --Live;
    *static_cast<void **>(Ptr) = Free[H->Class];
    Free[H->Class] = Ptr;
    if (Live == 0 && Slabs.size() > 1)
      trim();
  }

  /// A thread that ends with every chunk back gives all its slabs back.
  ~Pool() {
    if (Live != 0 || Slabs.empty())
      return;
    std::lock_guard<std::mutex> L(SlabsMutex);
    auto &All = allSlabs();
    for (char *S : Slabs) {
      All.erase(std::find(All.begin(), All.end(), S));
      std::free(S);
    }
  }

  /// Nothing handed out is live: forget the free lists and keep one slab.
  void trim() {
    std::fill(std::begin(Free), std::end(Free), nullptr);
    {
      std::lock_guard<std::mutex> L(SlabsMutex);
      auto &All = allSlabs();
      for (size_t I = 1; I < Slabs.size(); ++I)
        All.erase(std::find(All.begin(), All.end(), Slabs[I]));
    }
    for (size_t I = 1; I < Slabs.size(); ++I)
      std::free(Slabs[I]);
    Slabs.resize(1);
    Cur = Slabs[0];
    End = Cur + SlabBytes;
  }
};

thread_local Pool Local;
bool Active = false;

} // namespace

void *allocate(size_t Size) {
  if (Size > MaxSmall) {
    auto *H =
        static_cast<ChunkHeader *>(std::malloc(sizeof(ChunkHeader) + Size));
    if (!H)
      return nullptr;
    H->Owner = 0;
    H->Class = Big;
    return H + 1;
  }
  uint32_t C = Size ? static_cast<uint32_t>((Size + Step - 1) / Step) : 1;
  return Local.take(C);
}

void *allocateZeroed(size_t Count, size_t Size) {
  if (Size && Count > SIZE_MAX / Size)
    return nullptr;
  void *P = allocate(Count * Size);
  if (P)
    std::memset(P, 0, Count * Size);
  return P;
}

void release(void *Ptr) {
  if (!Ptr)
    return;
  ChunkHeader *H = headerOf(Ptr);
  if (H->Class == Big) {
    std::free(H);
    return;
  }
  Local.give(Ptr, H);
}

void *reallocate(void *Ptr, size_t Size) {
  if (!Ptr)
    return allocate(Size);
  ChunkHeader *H = headerOf(Ptr);
  if (H->Class == Big && Size > MaxSmall) {
    auto *N =
        static_cast<ChunkHeader *>(std::realloc(H, sizeof(ChunkHeader) + Size));
    return N ? N + 1 : nullptr;
  }
  if (H->Class != Big && Size <= H->Class * Step && Size > 0)
    return Ptr;
  size_t Old = H->Class == Big ? Size : H->Class * Step;
  void *N = allocate(Size);
  if (!N)
    return nullptr;
  std::memcpy(N, Ptr, std::min(Old, Size));
  release(Ptr);
  return N;
}

void install() {
#ifndef RACELINT_TREE_HEAP_OFF
  static bool Done = [] {
    ts_set_allocator(allocate, allocateZeroed, reallocate, release);
    Active = true;
    return true;
  }();
  (void)Done;
#endif
}

bool active() { return Active; }

size_t liveChunks() { return Local.Live; }
size_t slabCount() { return Local.Slabs.size(); }
size_t slabsHeld() {
  std::lock_guard<std::mutex> L(SlabsMutex);
  return allSlabs().size();
}

} // namespace tree_heap
} // namespace racelint
