// The server's allocator policy (cli/allocator.h): a large block freed goes back to the system, the second time too.
#include "cli/allocator.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <malloc.h>

namespace {

// Allocates `bytes`, writes every page and reads one back (so that the compiler keeps the block); returns the bytes
// glibc had mapped for blocks of their own meanwhile.
std::size_t mapped_while_holding(std::size_t bytes) {
    auto* block = static_cast<char*>(std::malloc(bytes));
    REQUIRE(block != nullptr);
    std::memset(block, 1, bytes);
    [[maybe_unused]] volatile char kept = block[bytes - 1];
    const auto mapped = mallinfo2().hblkhd;
    std::free(block);
    return mapped;
}

}  // namespace

TEST_CASE("after return_large_blocks_to_the_system, every large block is mapped for itself and given back",
          "[allocator]") {
    floorwalk::server::cli::return_large_blocks_to_the_system();
    constexpr std::size_t large = 8 * floorwalk::server::cli::large_block_bytes;
    const auto before = mallinfo2();
    // glibc's default would map the first block, then raise its threshold above 8 MiB when it is freed, and serve
    // the second one from the heap, which keeps it.
    for (int round = 1; round <= 3; ++round) {
        INFO("round " << round);
        CHECK(mapped_while_holding(large) >= before.hblkhd + large);
        const auto after = mallinfo2();
        CHECK(after.hblkhd == before.hblkhd);   // unmapped when freed
        CHECK(after.arena <= before.arena + floorwalk::server::cli::large_block_bytes);  // never on the heap
    }
}
