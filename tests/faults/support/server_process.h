// `floorwalk-server` as a child process: started on 127.0.0.1 and a free port, signalled, and reaped within
// bounded time, with its standard output and error kept in files for the failure messages.
//
// Threading: one thread owns a ServerProcess; signal() may be called from another thread while it runs.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace floorwalk::faults {

struct ExitStatus {
    bool exited = false;  // returned from main (else killed by a signal)
    int code = -1;        // the exit code when `exited`
    int signal = 0;       // the signal that ended it otherwise
    [[nodiscard]] std::string describe() const;
};

// Runs `binary args...` to completion; nullopt when it is still running after `limit` (it is then killed).
// Its output goes to `log`.
[[nodiscard]] std::optional<ExitStatus> run_to_completion(const std::filesystem::path& binary,
                                                         const std::vector<std::string>& args,
                                                         const std::filesystem::path& log,
                                                         std::chrono::milliseconds limit);

class ServerProcess {
public:
    // Starts `binary serve <store> --listen 127.0.0.1:0` and waits, at most `limit`, for the line
    // "floorwalk-server listening on http://127.0.0.1:PORT". `store` names the data: {"--data", DIR} or
    // {"--database", URL}. Throws std::runtime_error (with the server's output) when the line does not come.
    // `log_stem` names the files the output goes to (stem.out, stem.err).
    ServerProcess(const std::filesystem::path& binary, const std::vector<std::string>& store,
                  const std::filesystem::path& log_stem,
                  std::chrono::milliseconds limit = std::chrono::seconds(30));
    // Kills a process still running (SIGKILL) and reaps it.
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    [[nodiscard]] unsigned short port() const { return port_; }
    [[nodiscard]] pid_t pid() const { return pid_; }

    void signal(int number) const;
    // Waits for the process to end; nullopt when it is still running after `limit`.
    [[nodiscard]] std::optional<ExitStatus> wait(std::chrono::milliseconds limit);
    // SIGKILL, then reaps it.
    ExitStatus kill();
    // The last `bytes` of its standard error (the request log), for failure messages.
    [[nodiscard]] std::string error_tail(std::size_t bytes = 2000) const;

private:
    std::filesystem::path err_path_;
    pid_t pid_ = -1;
    unsigned short port_ = 0;
    std::optional<ExitStatus> status_;
};

}  // namespace floorwalk::faults
