#include "bench_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace floorwalk::bench {
namespace {

// The value after "key:" on the first line of `file` that starts with `key`.
std::string proc_value(const char* file, const std::string& key) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) != 0) continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        return value;
    }
    return {};
}

}  // namespace

double percentile(std::vector<double> samples, double p) {
    if (samples.empty()) return 0;
    std::ranges::sort(samples);
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
    return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

std::string machine_description() {
    auto cpu = proc_value("/proc/cpuinfo", "model name");
    if (cpu.empty()) cpu = "unknown CPU";
    std::ostringstream out;
    out << cpu << ", nproc " << std::thread::hardware_concurrency();
    const auto memory = proc_value("/proc/meminfo", "MemTotal");  // "24000000 kB"
    if (!memory.empty()) out << ", " << std::fixed << std::setprecision(1) << std::stod(memory) / 1024 / 1024 << " GiB RAM";
    return out.str();
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string first;
    in >> first;
    return first;
}

ProcessMemory process_memory(int pid) {
    const auto status = "/proc/" + std::to_string(pid) + "/status";
    const auto mib = [&](const char* key) {
        const auto value = proc_value(status.c_str(), key);  // "123456 kB"
        return value.empty() ? 0.0 : std::stod(value) / 1024;
    };
    return {.rss_mib = mib("VmRSS"), .hwm_mib = mib("VmHWM")};
}

double process_cpu_seconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    std::getline(in, stat);
    // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis, where
    // field 3 (state) starts; utime and stime are fields 14 and 15, in clock ticks.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(stat.substr(close + 1));
    std::string field;
    double ticks = 0;
    for (int number = 3; number <= 15 && fields >> field; ++number)
        if (number >= 14) ticks += std::stod(field);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace floorwalk::bench
