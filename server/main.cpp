// floorwalk-server: a thin entry point; the commands live in floorwalk_cli.
#include "cli/cli.h"

#include <iostream>
#include <string_view>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    return floorwalk::server::cli::run_cli(args, {std::cin, std::cout, std::cerr});
}
