// The benchmark itself: serves the generated organisation in-process, ingests through HTTP, writes the same rows
// raw, and times the indicator queries against naive SQL at each size. Returns the process exit code.
#pragma once

#include "bench_options.h"

#include <ostream>

namespace floorwalk::bench {

// Prints progress to `log` and the final table to `out`; 0 when every push was stored and every figure of the
// service equals the naive SQL's, 1 otherwise.
int run_benchmark(const BenchOptions& options, std::ostream& out, std::ostream& log);

}  // namespace floorwalk::bench
