// The C library allocator's policy for the long-running server.
//
// glibc maps a large block (128 KiB by default) for itself and unmaps it when it is freed, but after the first
// such free it raises that threshold to the block's size (up to 32 MiB), and the threshold for giving the heap's
// free top back to the system to twice that: from then on, large transient buffers come from the heaps of the
// threads that used them and stay there. At 10,000 employees the 52-week series allocates about 20 MiB per
// query, and a server that answered a few of them held about 60 MiB more than its indexes for good (measured at
// 1,000,000 observations: 163 MiB resident instead of 102). A fixed threshold turns that adjustment off.
#pragma once

#include <cstddef>

namespace floorwalk::server::cli {

// Blocks of this size and more are mapped for themselves and given back to the system when freed.
inline constexpr std::size_t large_block_bytes = std::size_t{1} << 20;

// Sets that threshold (glibc's M_MMAP_THRESHOLD, which also stops its adjustment); nothing with another C library.
// Call once at start, before the threads.
void return_large_blocks_to_the_system();

}  // namespace floorwalk::server::cli
