// The load benchmark's printout: one table per phase (requests, throughput, latencies, errors by kind, cuts),
// the normal client's loaded/unloaded p99 against the goal, and the server's memory.
#pragma once

#include "load_clients.h"
#include "load_options.h"

#include <ostream>
#include <string>

namespace floorwalk::bench {

inline constexpr double p99_ratio_goal = 2.0;

void print_phase(std::ostream& out, const std::string& title, const PhaseResult& phase);
// The normal client's classes, loaded p99 over unloaded p99, each against p99_ratio_goal.
void print_comparison(std::ostream& out, const PhaseResult& baseline, const PhaseResult& loaded);
// Failures of every class of both phases, and classes that measured nothing: what makes the exit code 1.
// Returns the number of problems written to `out`.
[[nodiscard]] int print_problems(std::ostream& out, const PhaseResult& baseline, const PhaseResult& loaded);

}  // namespace floorwalk::bench
