#include "postgres_server.h"

#include "postgres_test_database.h"

#include <libpq-fe.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

extern char** environ;

namespace floorwalk::bench {
namespace {

namespace fs = std::filesystem;

std::string tail_of(const fs::path& file, std::size_t bytes = 2000) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto all = text.str();
    return all.size() > bytes ? "..." + all.substr(all.size() - bytes) : all;
}

// A short-lived connection for one administrative statement or query.
class Connection {
public:
    explicit Connection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
        if (PQstatus(connection_) != CONNECTION_OK)
            throw std::runtime_error("cannot connect to PostgreSQL: " + std::string(PQerrorMessage(connection_)));
    }
    ~Connection() { PQfinish(connection_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs `sql`; the first column of the first row, or "" when there is none.
    std::string run(const std::string& sql) {
        PGresult* result = PQexec(connection_, sql.c_str());
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            const std::string reason = PQresultErrorMessage(result);
            PQclear(result);
            throw std::runtime_error("\"" + sql + "\" failed: " + reason);
        }
        std::string value = status == PGRES_TUPLES_OK && PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
        PQclear(result);
        return value;
    }

private:
    PGconn* connection_;
};

}  // namespace

void run_command(const std::vector<std::string>& argv, const fs::path& log) {
    std::vector<std::string> words = argv;
    std::vector<char*> pointers;
    for (auto& word : words) pointers.push_back(word.data());
    pointers.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, pointers[0], &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot run " + argv.front() + ": " + std::strerror(rc));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string command;
        for (const auto& word : argv) command += (command.empty() ? "" : " ") + word;
        throw std::runtime_error("'" + command + "' failed: " + tail_of(log));
    }
}

std::unique_ptr<PostgresServer> PostgresServer::existing(std::string url) {
    std::unique_ptr<PostgresServer> server(new PostgresServer);
    server->url_ = std::move(url);
    Connection check(server->url_);  // a wrong URL is reported before anything else runs
    return server;
}

std::unique_ptr<PostgresServer> PostgresServer::throwaway(const fs::path& script, const fs::path& dir) {
    const auto log = dir.parent_path() / "postgres-cluster.log";
    std::unique_ptr<PostgresServer> server(new PostgresServer);
    server->script_ = script;  // from here on, the destructor stops whatever part of the cluster started
    server->dir_ = dir;
    run_command({"bash", script.string(), "start", dir.string(), "auto"}, log);
    std::ifstream url_file(dir / "primary.url");
    if (!std::getline(url_file, server->url_) || server->url_.empty())
        throw std::runtime_error(script.string() + " wrote no " + (dir / "primary.url").string());
    return server;
}

PostgresServer::~PostgresServer() {
    if (script_.empty()) return;
    try {
        run_command({"bash", script_.string(), "stop", dir_.string()}, dir_.parent_path() / "postgres-cluster.log");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "floorwalk-bench-indicators: warning: the throw-away PostgreSQL cluster in %s was not "
                             "stopped: %s\n", dir_.c_str(), error.what());
    }
}

std::string PostgresServer::description() const {
    Connection connection(url_);
    auto version = connection.run("SHOW server_version");
    const auto buffers = connection.run("SHOW shared_buffers");
    const auto fsync = connection.run("SHOW fsync");
    const auto commit = connection.run("SHOW synchronous_commit");
    const auto standbys = connection.run("SELECT count(*) FROM pg_stat_replication");
    std::string text = "PostgreSQL " + version + " (shared_buffers " + buffers + ", fsync " + fsync +
                       ", synchronous_commit " + commit + ", " + standbys + " streaming standby(s))";
    if (is_throwaway()) text += ", the throw-away cluster of scripts/postgres-cluster.sh on 127.0.0.1";
    else text += ", the server given by --postgres";
    return text;
}

std::string PostgresServer::url_of(const std::string& name) const { return test::with_database(url_, name); }

void PostgresServer::create_database(const std::string& name) const {
    Connection(url_).run("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'");
}

void PostgresServer::drop_database(const std::string& name) const {
    Connection(url_).run("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
}

}  // namespace floorwalk::bench
