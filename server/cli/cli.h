// floorwalk-server's command line: `serve`, `demo` and the `admin` subcommands. main() only forwards to run_cli,
// so that tests drive every command in-process.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace floorwalk::server::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;  // the command ran and failed (bad rows, unknown user, busy port...)
inline constexpr int exit_usage = 2;    // the command line itself is wrong

struct Console {
    std::istream& in;  // passwords given as "--password-file -"
    std::ostream& out;
    std::ostream& err;
};

// Runs the command in `args` (argv without the program name) and returns the process exit code.
[[nodiscard]] int run_cli(std::span<const std::string_view> args, Console console);

}  // namespace floorwalk::server::cli
