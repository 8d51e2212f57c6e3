#include "load_report.h"

#include <cstdio>
#include <string_view>
#include <thread>

namespace floorwalk::bench {
namespace {

std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

const ClassSummary* find(const PhaseResult& phase, std::string_view name) {
    for (const auto& summary : phase.classes)
        if (summary.name == name) return &summary;
    return nullptr;
}

}  // namespace

void print_phase(std::ostream& out, const std::string& title, const PhaseResult& phase) {
    out << "\n" << title << " (" << format("%.1f", phase.seconds) << " s)\n";
    char line[256];
    std::snprintf(line, sizeof line, "  %-27s %9s %8s %9s %9s %9s %9s %6s %6s %8s %8s %10s %7s\n", "class",
                  "requests", "req/s", "obs/s", "p50 ms", "p99 ms", "max ms", "5xx", "503", "ref/rst", "timeout",
                  "unexpected", "cuts");
    out << line;
    for (const auto& c : phase.classes) {
        const double seconds = phase.seconds > 0 ? phase.seconds : 1;
        std::snprintf(line, sizeof line,
                      "  %-27s %9lld %8.1f %9.1f %9.1f %9.1f %9.1f %6lld %6lld %8lld %8lld %10lld %7lld\n",
                      c.name.c_str(), c.requests, static_cast<double>(c.requests) / seconds,
                      static_cast<double>(c.observations) / seconds, c.p50_ms, c.p99_ms, c.max_ms, c.errors[0],
                      c.errors[1], c.errors[2], c.errors[3], c.errors[4], c.cuts);
        out << line;
    }
    out << "  (slow connections: requests are connections opened, latencies their connects; cuts are the server\n"
           "  closing them at its header deadline, which is no error)\n";
    out << "  server memory: VmRSS " << format("%.0f", phase.rss_end_mib) << " MiB at the end, peak "
        << format("%.0f", phase.rss_peak_mib) << " MiB (sampled every 250 ms)\n";
    out << "  server CPU: " << format("%.1f", phase.server_cpu_seconds) << " s in " << format("%.1f", phase.seconds)
        << " s, " << format("%.2f", phase.seconds > 0 ? phase.server_cpu_seconds / phase.seconds : 0)
        << " of the machine's " << std::thread::hardware_concurrency() << " cores\n";
}

void print_comparison(std::ostream& out, const PhaseResult& baseline, const PhaseResult& loaded) {
    out << "\nnormal client, loaded p99 / unloaded p99 (goal: at most " << format("%.0f", p99_ratio_goal) << "x)\n";
    for (const char* name : {normal_phone_class, normal_reader_class}) {
        const auto* before = find(baseline, name);
        const auto* after = find(loaded, name);
        if (!before || !after || before->requests == 0 || after->requests == 0 || before->p99_ms <= 0) {
            out << "  " << name << ": not measured\n";
            continue;
        }
        const double ratio = after->p99_ms / before->p99_ms;
        out << "  " << name << ": " << format("%.1f", after->p99_ms) << " ms / " << format("%.1f", before->p99_ms)
            << " ms = " << format("%.2f", ratio) << "x " << (ratio <= p99_ratio_goal ? "(within the goal)" : "(ABOVE the goal)")
            << "\n";
    }
}

int print_problems(std::ostream& out, const PhaseResult& baseline, const PhaseResult& loaded) {
    int problems = 0;
    for (const auto* phase : {&baseline, &loaded}) {
        const char* label = phase == &baseline ? "baseline" : "loaded";
        for (const auto& c : phase->classes) {
            if (c.error_total() > 0) {
                out << "ERROR " << label << ", " << c.name << ": " << c.error_total() << " failed, first: "
                    << c.first_error << "\n";
                ++problems;
            }
            if (c.requests == 0) {
                out << "ERROR " << label << ", " << c.name << ": no request answered: nothing was measured\n";
                ++problems;
            }
        }
    }
    return problems;
}

}  // namespace floorwalk::bench
