// Latency samples, percentiles and the machine description the benchmark prints.
#pragma once

#include <string>
#include <vector>

namespace floorwalk::bench {

// Nearest-rank percentile (p in [0, 100]) of the samples, in their unit; 0 when empty.
[[nodiscard]] double percentile(std::vector<double> samples, double p);

// "AMD EPYC, 2 CPUs, 23.4 GiB RAM" from /proc/cpuinfo, the CPU count and /proc/meminfo.
[[nodiscard]] std::string machine_description();
// The 1-minute load average (/proc/loadavg), to tell a busy machine's figures apart; empty when unknown.
[[nodiscard]] std::string load_average();
// Resident memory of this process in MiB (VmRSS), 0 when unknown.
[[nodiscard]] double resident_mib();

}  // namespace floorwalk::bench
