// Ctrl+C and SIGTERM: the benchmark notes them and stops at the next batch or sample by throwing, so that its
// destructors stop the server processes and the throw-away PostgreSQL cluster instead of leaving them running.
#pragma once

namespace floorwalk::bench {

// Installs the SIGINT and SIGTERM handlers (once, from main).
void catch_interruptions();
[[nodiscard]] bool interrupted();
// Throws std::runtime_error("interrupted") once a signal came.
void throw_if_interrupted();

}  // namespace floorwalk::bench
