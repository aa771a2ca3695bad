#pragma once

#include <cstddef>

namespace racelint {

/// tree-sitter's own heap: per-thread free lists of 16-byte size classes
/// carved from 256 KiB slabs. A parse allocates and frees millions of small
/// nodes; with the C library's malloc those chunks interleave with the
/// summaries that outlive the tree, and every large allocation after a tree
/// is freed pays to consolidate them. Here they stay apart: when the last
/// chunk a thread handed out comes back (the tree and its parser are gone),
/// the thread's slabs beyond the first go back to malloc.
///
/// Sanitizer builds keep tree-sitter on malloc so that they check its memory.
namespace tree_heap {

/// Points tree-sitter at this heap; idempotent, thread-safe. Must run before
/// tree-sitter allocates anything (SyntaxTree::parse calls it first).
void install();
/// Whether install() switched tree-sitter to this heap.
bool active();

void *allocate(size_t Size);
void *allocateZeroed(size_t Count, size_t Size);
void *reallocate(void *Ptr, size_t Size);
void release(void *Ptr);

/// Chunks the calling thread handed out and has not had back.
size_t liveChunks();
/// Slabs the calling thread holds.
size_t slabCount();
/// Slabs all threads hold (a thread that ends with its chunks all back
/// returns its slabs).
size_t slabsHeld();

} // namespace tree_heap
} // namespace racelint
