// floorwalk-bench-indicators: the indicators issue's benchmark (see bench_run.h and --help).
#include "bench_options.h"
#include "bench_run.h"
#include "interruption.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    using namespace floorwalk::bench;
    BenchOptions options;
    try {
        bool help = false;
        options = parse_options(argc, argv, &help);
        if (help) {
            std::cout << usage();
            return 0;
        }
    } catch (const std::exception& error) {
        std::cerr << "floorwalk-bench-indicators: " << error.what() << "\n";
        return 2;
    }
    catch_interruptions();
    try {
        return run_benchmark(options, std::cout, std::cerr);
    } catch (const std::exception& error) {
        std::cerr << "floorwalk-bench-indicators: " << error.what() << "\n";
        return 1;
    }
}
