#include "server_process.h"

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

namespace floorwalk::bench {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

// Fine enough for "time to first answer" (targets in seconds), coarse enough to cost nothing.
constexpr auto poll_interval = std::chrono::milliseconds(2);

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string describe(int status) {
    if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
    return "ended";
}

// Reaps `pid` when it has ended: its wait status, or nullopt while it runs.
std::optional<int> try_reap(pid_t pid) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    return std::nullopt;
}

std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = SteadyClock::now() + limit;
    for (;;) {
        if (auto status = try_reap(pid)) return status;
        if (SteadyClock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(poll_interval);
    }
}

}  // namespace

ServerProcess::ServerProcess(const fs::path& binary, const std::vector<std::string>& store_arguments, int threads,
                             const fs::path& log_stem, std::chrono::seconds limit)
    : out_path_(log_stem.string() + ".out"), err_path_(log_stem.string() + ".err") {
    std::vector<std::string> words{binary.string(), "serve"};
    words.insert(words.end(), store_arguments.begin(), store_arguments.end());
    words.insert(words.end(), {"--listen", "127.0.0.1:0"});
    if (threads > 0) words.insert(words.end(), {"--threads", std::to_string(threads)});
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    // Appended: a restart of the same server keeps the log of the run before.
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    started_ = SteadyClock::now();
    const int rc = posix_spawn(&pid_, binary.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) throw std::runtime_error("cannot start " + binary.string() + ": " + std::strerror(rc));
    running_ = true;

    static const std::regex listening(R"(floorwalk-server listening on http://127\.0\.0\.1:(\d+))");
    const auto deadline = started_ + limit;
    while (SteadyClock::now() < deadline) {
        std::smatch match;
        const auto out = read_file(out_path_);
        if (std::regex_search(out, match, listening)) {
            listening_seconds_ = std::chrono::duration<double>(SteadyClock::now() - started_).count();
            port_ = static_cast<unsigned short>(std::stoi(match[1].str()));
            return;
        }
        if (const auto status = try_reap(pid_)) {
            running_ = false;
            throw std::runtime_error("floorwalk-server " + describe(*status) + " before listening: " + error_tail());
        }
        std::this_thread::sleep_for(poll_interval);
    }
    const auto tail = error_tail();
    ::kill(pid_, SIGKILL);
    static_cast<void>(wait_for(pid_, std::chrono::seconds(30)));
    running_ = false;
    throw std::runtime_error("floorwalk-server did not say it was listening within " +
                             std::to_string(limit.count()) + " s: " + tail);
}

ServerProcess::~ServerProcess() {
    if (!running_) return;
    ::kill(pid_, SIGKILL);
    static_cast<void>(wait_for(pid_, std::chrono::seconds(30)));
}

double ServerProcess::stop(std::chrono::seconds limit) {
    if (!running_) throw std::logic_error("the server was already stopped");
    const auto start = SteadyClock::now();
    ::kill(pid_, SIGTERM);
    const auto status = wait_for(pid_, limit);
    if (!status) {
        ::kill(pid_, SIGKILL);
        static_cast<void>(wait_for(pid_, std::chrono::seconds(30)));
        running_ = false;
        throw std::runtime_error("floorwalk-server did not stop within " + std::to_string(limit.count()) +
                                 " s of SIGTERM: " + error_tail());
    }
    running_ = false;
    if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0)
        throw std::runtime_error("floorwalk-server " + describe(*status) + " on SIGTERM: " + error_tail());
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::optional<IndexLoad> ServerProcess::last_index_load() const {
    static const std::regex loaded(R"(loaded from (a snapshot|its records) in (\d+) ms \((\d+) observations\))");
    std::ifstream in(err_path_);
    std::optional<IndexLoad> last;
    std::string line;
    std::smatch match;
    while (std::getline(in, line)) {
        if (line.find("loaded from") == std::string::npos || !std::regex_search(line, match, loaded)) continue;
        last = IndexLoad{.from_snapshot = match[1] == "a snapshot",
                         .seconds = std::stod(match[2].str()) / 1000,
                         .observations = std::stoll(match[3].str())};
    }
    return last;
}

std::string ServerProcess::error_tail(std::size_t bytes) const {
    auto text = read_file(err_path_);
    if (text.size() > bytes) text = "..." + text.substr(text.size() - bytes);
    return text;
}

}  // namespace floorwalk::bench
