#include "support/server_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <regex>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace floorwalk::faults {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto poll_interval = 10ms;

ExitStatus decode(int status) {
    ExitStatus result;
    if (WIFEXITED(status)) {
        result.exited = true;
        result.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

// Starts `binary args...` with its standard output and error in files; returns its pid.
pid_t spawn(const fs::path& binary, const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> words{binary.string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + binary.string() + ": " + std::strerror(rc));
    return pid;
}

// Reaps `pid` if it has ended; nullopt while it runs.
std::optional<ExitStatus> try_reap(pid_t pid) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return decode(status);
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    return std::nullopt;
}

std::optional<ExitStatus> wait_for(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        if (auto status = try_reap(pid)) return status;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(poll_interval);
    }
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string ExitStatus::describe() const {
    if (exited) return "exited with code " + std::to_string(code);
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
}

std::optional<ExitStatus> run_to_completion(const fs::path& binary, const std::vector<std::string>& args,
                                            const fs::path& log, std::chrono::milliseconds limit) {
    const pid_t pid = spawn(binary, args, log, fs::path(log.string() + ".err"));
    if (auto status = wait_for(pid, limit)) return status;
    ::kill(pid, SIGKILL);
    static_cast<void>(wait_for(pid, 10s));
    return std::nullopt;
}

ServerProcess::ServerProcess(const fs::path& binary, const std::vector<std::string>& store, const fs::path& log_stem,
                             std::chrono::milliseconds limit)
    : err_path_(log_stem.string() + ".err") {
    const fs::path out_path = log_stem.string() + ".out";
    std::vector<std::string> arguments{"serve"};
    arguments.insert(arguments.end(), store.begin(), store.end());
    arguments.insert(arguments.end(), {"--listen", "127.0.0.1:0", "--threads", "2"});
    pid_ = spawn(binary, arguments, out_path, err_path_);
    static const std::regex listening(R"(floorwalk-server listening on http://127\.0\.0\.1:(\d+))");
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        std::smatch match;
        const auto out = read_file(out_path);
        if (std::regex_search(out, match, listening)) {
            port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
            return;
        }
        if (auto status = try_reap(pid_)) {
            status_ = status;
            throw std::runtime_error("floorwalk-server " + status->describe() + " before listening: " + error_tail());
        }
        std::this_thread::sleep_for(poll_interval);
    }
    kill();
    throw std::runtime_error("floorwalk-server did not print its listening line in time: " + error_tail());
}

ServerProcess::~ServerProcess() {
    if (!status_) static_cast<void>(kill());
}

void ServerProcess::signal(int number) const {
    if (!status_) ::kill(pid_, number);
}

std::optional<ExitStatus> ServerProcess::wait(std::chrono::milliseconds limit) {
    if (!status_) status_ = wait_for(pid_, limit);
    return status_;
}

ExitStatus ServerProcess::kill() {
    if (status_) return *status_;
    ::kill(pid_, SIGKILL);
    status_ = wait_for(pid_, 30s);
    if (!status_) throw std::runtime_error("floorwalk-server survived SIGKILL for 30 s");
    return *status_;
}

std::string ServerProcess::error_tail(std::size_t bytes) const {
    auto text = read_file(err_path_);
    if (text.size() > bytes) text = "..." + text.substr(text.size() - bytes);
    return text;
}

}  // namespace floorwalk::faults
