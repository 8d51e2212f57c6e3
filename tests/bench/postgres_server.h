// The PostgreSQL server the benchmark makes its databases on: one given by URL (--postgres), or a throw-away
// cluster of scripts/postgres-cluster.sh in the work folder, stopped and removed when this object goes (so also
// when the benchmark fails or is interrupted).
//
// Threading: one thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace floorwalk::bench {

class PostgresServer {
public:
    // Uses the server of `url` as it is (its database is only used to connect).
    static std::unique_ptr<PostgresServer> existing(std::string url);
    // `script start dir auto`; its output goes to dir/../postgres-cluster.log. Throws when it fails.
    static std::unique_ptr<PostgresServer> throwaway(const std::filesystem::path& script,
                                                     const std::filesystem::path& dir);
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // "PostgreSQL 15.8 (...), throw-away cluster of scripts/postgres-cluster.sh (...)" for the printout.
    [[nodiscard]] std::string description() const;
    // The URL of database `name` on this server.
    [[nodiscard]] std::string url_of(const std::string& name) const;
    // CREATE DATABASE (UTF8, from template0); DROP DATABASE ... WITH (FORCE).
    void create_database(const std::string& name) const;
    void drop_database(const std::string& name) const;
    [[nodiscard]] bool is_throwaway() const { return !script_.empty(); }

private:
    PostgresServer() = default;

    std::string url_;
    std::filesystem::path script_;  // set for a throw-away cluster
    std::filesystem::path dir_;
};

// Runs `argv` to its end with its output appended to `log`; throws with the log's end when it fails.
void run_command(const std::vector<std::string>& argv, const std::filesystem::path& log);

}  // namespace floorwalk::bench
