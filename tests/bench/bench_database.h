// One database of the benchmark: a SQLite data folder, or a PostgreSQL database it created (and drops when this
// object goes, unless kept). It tells a server process where the data is and opens the store or a bare engine
// on it for the benchmark's own work (creating the organisation, bulk fills, naive SQL).
//
// Threading: one thread.
#pragma once

#include "bench_options.h"
#include "database/engine.h"
#include "storage/store.h"
#include "sync/sql_store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace floorwalk::bench {

class PostgresServer;

class BenchDatabase {
public:
    // The data folder `dir` (created when missing).
    static std::unique_ptr<BenchDatabase> sqlite(std::filesystem::path dir);
    // A new database `name` on `server`; dropped at the end unless `keep`.
    static std::unique_ptr<BenchDatabase> postgresql(const PostgresServer& server, std::string name, bool keep);
    ~BenchDatabase();
    BenchDatabase(const BenchDatabase&) = delete;
    BenchDatabase& operator=(const BenchDatabase&) = delete;

    [[nodiscard]] BackendKind backend() const { return backend_; }
    // {"--data", DIR} or {"--database", URL}: where `floorwalk-server serve` finds the data.
    [[nodiscard]] std::vector<std::string> server_arguments() const;
    [[nodiscard]] server::StoreLocation location() const;
    [[nodiscard]] std::unique_ptr<server::Store> open_store() const { return server::open_store(location()); }
    [[nodiscard]] std::unique_ptr<server::db::Engine> open_engine() const;
    [[nodiscard]] const std::filesystem::path& sqlite_dir() const { return dir_; }
    [[nodiscard]] const std::string& url() const { return url_; }

    // Deletes the organisation's indicator snapshots: the next server start reads every record.
    void delete_indicator_snapshots(const std::string& organization_id) const;
    // Bytes of the organisation's newest complete snapshot (0: none).
    [[nodiscard]] long long indicator_snapshot_bytes(const std::string& organization_id) const;

private:
    BenchDatabase() = default;

    BackendKind backend_ = BackendKind::sqlite;
    std::filesystem::path dir_;
    std::string url_;
    std::string name_;
    const PostgresServer* server_ = nullptr;
    bool keep_ = false;
};

}  // namespace floorwalk::bench
