// The store a test works on, on the engine its registration asks for: SQLite in the test's temporary folder, or,
// in the PostgreSQL registration (floorwalk_postgres_test), a fresh database on the test cluster. Fixtures open
// stores through this, so every storage, server, indicator and fault test runs on both engines unchanged.
#pragma once

#include "postgres_test_database.h"
#include "sync/sql_store.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace floorwalk::test {

class TestDatabase {
public:
    // `sqlite_dir`: the folder the SQLite run keeps its database in (created when missing).
    explicit TestDatabase(std::filesystem::path sqlite_dir);

    [[nodiscard]] bool is_postgresql() const { return postgres_.has_value(); }
    [[nodiscard]] const server::StoreLocation& location() const { return location_; }
    // A new store on the database (several stores on one database are several servers).
    [[nodiscard]] std::unique_ptr<server::Store> open() const { return server::open_store(location_); }
    // The options that give floorwalk-server this database: {"--data", DIR} or {"--database", URL}.
    [[nodiscard]] std::vector<std::string> server_arguments() const;
    // The same database through the cluster's streaming standby (PostgreSQL only; "" otherwise).
    [[nodiscard]] std::string standby_url() const;

private:
    std::optional<PostgresTestDatabase> postgres_;
    server::StoreLocation location_;
};

// The test database that belongs to a folder, for the life of the process: every store or server a test opens on
// `dir` (a server restarted on the same folder, say) works on the same database, on either engine.
[[nodiscard]] TestDatabase& test_database(const std::filesystem::path& dir);

}  // namespace floorwalk::test
