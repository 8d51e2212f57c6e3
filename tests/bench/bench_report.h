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
// Memory of a process from /proc/PID/status, in MiB (0 when unknown): resident now (VmRSS) and its peak (VmHWM).
struct ProcessMemory {
    double rss_mib = 0;
    double hwm_mib = 0;
};
[[nodiscard]] ProcessMemory process_memory(int pid);
// CPU seconds (user + system) a process has used so far, from /proc/PID/stat (0 when unknown).
[[nodiscard]] double process_cpu_seconds(int pid);

}  // namespace floorwalk::bench
