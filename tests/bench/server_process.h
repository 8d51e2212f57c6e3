// One `floorwalk-server serve` child process on 127.0.0.1 and a free port, as an operator starts it: in a process
// group of its own (so that Ctrl+C reaches the benchmark, which then stops it), output in files, stopped with
// SIGTERM (the server saves its indicator snapshots then) and killed if it is still running when this object goes.
//
// Threading: one thread owns a ServerProcess.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace floorwalk::bench {

// What the server wrote about its last indicator load ("... loaded from a snapshot in 812 ms (1000000
// observations)").
struct IndexLoad {
    bool from_snapshot = false;
    double seconds = 0;
    long long observations = 0;
};

class ServerProcess {
public:
    // Starts `binary serve <store_arguments> --listen 127.0.0.1:0 [--threads N]` (threads 0: the server's default)
    // and waits up to `limit` for its "listening on" line. Throws std::runtime_error with the end of its error
    // output when it exits or does not listen in time. `log_stem`.out and .err receive its output.
    ServerProcess(const std::filesystem::path& binary, const std::vector<std::string>& store_arguments, int threads,
                  const std::filesystem::path& log_stem, std::chrono::seconds limit = std::chrono::seconds(120));
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] pid_t pid() const { return pid_; }
    // The instant just before exec, and how long after it the server was listening.
    [[nodiscard]] std::chrono::steady_clock::time_point started() const { return started_; }
    [[nodiscard]] double listening_seconds() const { return listening_seconds_; }

    // SIGTERM, then waits up to `limit` for a clean exit; returns the seconds that took. Throws when it does not
    // exit in time (it is then killed) or exits with an error.
    double stop(std::chrono::seconds limit = std::chrono::seconds(900));
    // The newest indicator load the server reported on its error output, if any.
    [[nodiscard]] std::optional<IndexLoad> last_index_load() const;
    // The last `bytes` of its error output, for messages.
    [[nodiscard]] std::string error_tail(std::size_t bytes = 2000) const;

private:
    std::filesystem::path out_path_;
    std::filesystem::path err_path_;
    pid_t pid_ = -1;
    bool running_ = false;
    unsigned short port_ = 0;
    std::chrono::steady_clock::time_point started_;
    double listening_seconds_ = 0;
};

}  // namespace floorwalk::bench
