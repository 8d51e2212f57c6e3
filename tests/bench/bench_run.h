// The benchmark itself (see --help): ingest through server processes on each backend, then reads, starts and
// memory at each size on the database of the 1-server ingest, filled in bulk. Returns the process exit code.
#pragma once

#include "bench_options.h"

#include <ostream>

namespace floorwalk::bench {

// Prints progress to `log` and the final table to `out`; 0 when every push was stored, every request answered
// and every figure of the server equals the naive SQL's, 1 otherwise. Targets missed change nothing here.
int run_benchmark(const BenchOptions& options, std::ostream& out, std::ostream& log);

}  // namespace floorwalk::bench
