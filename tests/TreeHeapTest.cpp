#include "parse/TreeHeap.h"
#include "parse/SyntaxTree.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace racelint;

namespace {

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

std::string bigModule(int Functions) {
  std::string S;
  for (int I = 0; I < Functions; ++I)
    S += "def f" + std::to_string(I) + "(a, b):\n    x = [a, b, {'k': a}]\n" +
         "    return x[0] + b * (a - 1)\n\n";
  return S;
}

TEST(TreeHeap, ActiveExactlyWhenNotSanitized) {
  auto Tree = SyntaxTree::parse("x = 1\n");
  ASSERT_TRUE(Tree);
  EXPECT_EQ(tree_heap::active(), !sanitized());
}

TEST(TreeHeap, EveryChunkComesBackWhenTheTreeIsGone) {
  std::string Text = bigModule(3000);
  size_t Before = tree_heap::liveChunks();
  {
    auto Tree = SyntaxTree::parse(Text);
    ASSERT_FALSE(ts_node_has_error(Tree->root()));
    if (!tree_heap::active()) {
      // Sanitizer builds: tree-sitter stays on malloc.
      EXPECT_EQ(tree_heap::liveChunks(), Before);
      return;
    }
    EXPECT_GT(tree_heap::liveChunks(), Before + 10000);
    EXPECT_GT(tree_heap::slabCount(), 1u);
  }
  EXPECT_EQ(tree_heap::liveChunks(), Before);
  // A big tree's slabs go back to malloc; one stays for the next parse.
  if (Before == 0) {
    EXPECT_EQ(tree_heap::slabCount(), 1u);
  }
  // The next parse gives the same tree.
  auto Again = SyntaxTree::parse(Text);
  EXPECT_EQ(ts_node_child_count(Again->root()), 3000u);
}

TEST(TreeHeap, AThreadThatEndsGivesItsSlabsBack) {
  size_t Before = tree_heap::slabsHeld();
  size_t During = 0;
  std::thread([&] {
    auto Tree = SyntaxTree::parse(bigModule(2000));
    ASSERT_FALSE(ts_node_has_error(Tree->root()));
    During = tree_heap::slabsHeld();
  }).join();
  if (tree_heap::active()) {
    EXPECT_GT(During, Before);
  }
  EXPECT_EQ(tree_heap::slabsHeld(), Before);
}

TEST(TreeHeap, ReallocateKeepsTheBytesAcrossSizeClasses) {
  // Small -> small (same and next class), small -> big, big -> big,
  // big -> small, and back.
  const size_t Sizes[] = {1,    16,    17,  100, 1024, 1025,
                          5000, 70000, 300, 8,   2000};
  auto *P = static_cast<unsigned char *>(tree_heap::allocate(Sizes[0]));
  ASSERT_NE(P, nullptr);
  P[0] = 1;
  size_t Prev = Sizes[0];
  for (size_t Size : Sizes) {
    P = static_cast<unsigned char *>(tree_heap::reallocate(P, Size));
    ASSERT_NE(P, nullptr);
    for (size_t I = 0; I < std::min(Prev, Size); ++I)
      ASSERT_EQ(P[I], static_cast<unsigned char>(I * 7 + 1))
          << Size << " " << I;
    for (size_t I = 0; I < Size; ++I)
      P[I] = static_cast<unsigned char>(I * 7 + 1);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(P) % 16, 0u);
    Prev = Size;
  }
  tree_heap::release(P);
  auto *Z = static_cast<unsigned char *>(tree_heap::allocateZeroed(33, 9));
  ASSERT_NE(Z, nullptr);
  for (size_t I = 0; I < 33 * 9; ++I)
    ASSERT_EQ(Z[I], 0);
  tree_heap::release(Z);
  EXPECT_EQ(tree_heap::allocateZeroed(SIZE_MAX / 2, 4), nullptr);
}

TEST(TreeHeap, AChunkFreedElsewhereKeepsItsSlabs) {
  size_t Before = tree_heap::liveChunks();
  std::vector<void *> Chunks;
  for (int I = 0; I < 20000; ++I) {
    Chunks.push_back(tree_heap::allocate(64));
    std::memset(Chunks.back(), 0xAB, 64);
  }
  size_t Slabs = tree_heap::slabCount();
  ASSERT_GT(Slabs, 1u);
  // Another thread frees one of this thread's chunks: this thread can no
  // longer tell when all its chunks are back, so it keeps its slabs.
  std::thread([&] { tree_heap::release(Chunks.back()); }).join();
  Chunks.pop_back();
  for (void *C : Chunks)
    tree_heap::release(C);
  EXPECT_EQ(tree_heap::liveChunks(), Before + 1);
  EXPECT_EQ(tree_heap::slabCount(), Slabs);
  // Its chunks are still good to hand out again.
  void *Again = tree_heap::allocate(64);
  std::memset(Again, 0xCD, 64);
  tree_heap::release(Again);
}

} // namespace
