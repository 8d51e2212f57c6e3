#include "bench_database.h"

#include "database/postgres/postgres_engine.h"
#include "database/sqlite/sqlite_engine.h"
#include "postgres_server.h"

#include <cstdio>

namespace floorwalk::bench {

std::unique_ptr<BenchDatabase> BenchDatabase::sqlite(std::filesystem::path dir) {
    std::unique_ptr<BenchDatabase> database(new BenchDatabase);
    database->backend_ = BackendKind::sqlite;
    database->dir_ = std::move(dir);
    std::filesystem::create_directories(database->dir_);
    return database;
}

std::unique_ptr<BenchDatabase> BenchDatabase::postgresql(const PostgresServer& server, std::string name, bool keep) {
    server.create_database(name);
    std::unique_ptr<BenchDatabase> database(new BenchDatabase);
    database->backend_ = BackendKind::postgresql;
    database->url_ = server.url_of(name);
    database->name_ = std::move(name);
    database->server_ = &server;
    database->keep_ = keep;
    return database;
}

BenchDatabase::~BenchDatabase() {
    if (!server_ || keep_) return;
    try {
        server_->drop_database(name_);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "floorwalk-bench-indicators: warning: database %s not dropped: %s\n", name_.c_str(),
                     error.what());
    }
}

std::vector<std::string> BenchDatabase::server_arguments() const {
    if (backend_ == BackendKind::sqlite) return {"--data", dir_.string()};
    return {"--database", url_};
}

server::StoreLocation BenchDatabase::location() const {
    server::StoreLocation location;
    if (backend_ == BackendKind::sqlite) location.data_dir = dir_;
    else location.database_url = url_;
    return location;
}

std::unique_ptr<server::db::Engine> BenchDatabase::open_engine() const {
    if (backend_ == BackendKind::sqlite) return server::db::open_sqlite_engine(dir_);
    return server::db::open_postgres_engine(url_);
}

void BenchDatabase::delete_indicator_snapshots(const std::string& organization_id) const {
    const auto engine = open_engine();
    const auto session = engine->begin(server::db::SessionKind::write);
    auto& db = session->db();
    db.prepare("DELETE FROM indicator_snapshot_parts WHERE organization_id = ?1").bind_all(organization_id).run();
    db.prepare("DELETE FROM indicator_snapshots WHERE organization_id = ?1").bind_all(organization_id).run();
    session->commit();
}

long long BenchDatabase::indicator_snapshot_bytes(const std::string& organization_id) const {
    const auto engine = open_engine();
    const auto session = engine->begin(server::db::SessionKind::snapshot);
    auto statement = session->db().prepare(
        "SELECT coalesce(sum(length(p.bytes)), 0) FROM indicator_snapshot_parts p"
        " JOIN indicator_snapshots s ON s.organization_id = p.organization_id AND s.snapshot_id = p.snapshot_id"
        " WHERE p.organization_id = ?1 AND s.complete = 1");
    statement.bind_all(organization_id);
    return statement.step() ? statement.int64(0) : 0;
}

}  // namespace floorwalk::bench
