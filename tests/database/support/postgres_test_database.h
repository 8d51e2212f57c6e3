// PostgreSQL for tests: the throw-away cluster that ctest's "postgres" fixture starts (scripts/postgres-cluster.sh,
// registered in tests/database/CMakeLists.txt), and a fresh empty database per test on it.
//
// A test binary registered with floorwalk_postgres_test() finds the cluster's URLs in the files named by
// FLOORWALK_TEST_POSTGRES_URL_FILE (the primary) and FLOORWALK_TEST_POSTGRES_STANDBY_URL_FILE (its streaming
// standby); the same binary registered normally has neither and runs on SQLite:
//
//   if (const auto cluster = floorwalk::test::postgres_cluster_url(); !cluster.empty()) {
//       floorwalk::test::PostgresTestDatabase database(cluster);    // CREATE DATABASE floorwalk_test_<random>
//       auto engine = floorwalk::server::db::open_postgres_engine(database.url());
//       ...
//   }                                                               // DROP DATABASE ... WITH (FORCE)
#pragma once

#include <string>

namespace floorwalk::test {

// The primary's URL, or "" when FLOORWALK_TEST_POSTGRES_URL_FILE is unset or empty (the test runs on SQLite).
// Throws std::runtime_error when the variable names a file that cannot be read.
[[nodiscard]] std::string postgres_cluster_url();
// The standby's URL, or "" when FLOORWALK_TEST_POSTGRES_STANDBY_URL_FILE is unset or empty.
[[nodiscard]] std::string postgres_standby_url();

// `url` (a postgresql:// URI or a key=value string) naming `database` instead of its own.
[[nodiscard]] std::string with_database(const std::string& url, const std::string& database);

// A new, empty UTF-8 database with a random name on the cluster, dropped (with FORCE, so that connections a
// failed test left open do not keep it) when this object goes.
class PostgresTestDatabase {
public:
    explicit PostgresTestDatabase(std::string cluster_url);
    ~PostgresTestDatabase();
    PostgresTestDatabase(const PostgresTestDatabase&) = delete;
    PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

    [[nodiscard]] const std::string& name() const { return name_; }
    // Drops the database now, terminating the connections to it (a server that loses its database); the
    // destructor then has nothing left to drop.
    void drop();
    // The database on the primary.
    [[nodiscard]] const std::string& url() const { return url_; }
    // The same database through another server of the cluster (the standby, once it has replayed the creation).
    [[nodiscard]] std::string url_on(const std::string& server_url) const { return with_database(server_url, name_); }

private:
    std::string cluster_url_;
    std::string name_;
    std::string url_;
};

}  // namespace floorwalk::test
