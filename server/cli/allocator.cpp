#include "cli/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace floorwalk::server::cli {

void return_large_blocks_to_the_system() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(large_block_bytes));
#endif
}

}  // namespace floorwalk::server::cli
