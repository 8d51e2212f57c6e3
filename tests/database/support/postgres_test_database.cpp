#include "postgres_test_database.h"

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <unistd.h>

namespace floorwalk::test {
namespace {

std::string url_from_file_named_by(const char* variable) {
    const char* path = std::getenv(variable);
    if (!path || !*path) return {};
    std::ifstream file(path);
    std::string url;
    if (!file || !std::getline(file, url) || url.empty()) {
        throw std::runtime_error(std::string(variable) + " names " + path +
                                 ", which holds no URL: is the test cluster running? (ctest starts it through the "
                                 "postgres.cluster.start fixture; by hand: scripts/postgres-cluster.sh start DIR)");
    }
    return url;
}

// Runs one statement on a short-lived connection to the cluster's maintenance database.
void run_on_cluster(const std::string& cluster_url, const std::string& sql) {
    PGconn* conn = PQconnectdb(cluster_url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string reason = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to the PostgreSQL test cluster: " + reason);
    }
    PGresult* result = PQexec(conn, sql.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    const std::string reason = ok ? "" : PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    if (!ok) throw std::runtime_error("\"" + sql + "\" failed on the PostgreSQL test cluster: " + reason);
}

std::string random_name() {
    std::random_device device;
    std::uniform_int_distribution<unsigned long long> bits;
    char name[64];
    std::snprintf(name, sizeof name, "floorwalk_test_%d_%016llx", static_cast<int>(getpid()), bits(device));
    return name;
}

}  // namespace

std::string postgres_cluster_url() { return url_from_file_named_by("FLOORWALK_TEST_POSTGRES_URL_FILE"); }
std::string postgres_standby_url() { return url_from_file_named_by("FLOORWALK_TEST_POSTGRES_STANDBY_URL_FILE"); }

std::string with_database(const std::string& url, const std::string& database) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        // scheme://authority[/database][?parameters]
        const auto authority = url.find("://") + 3;
        const auto path = url.find_first_of("/?", authority);
        const auto query = url.find('?', authority);
        const std::string head = url.substr(0, path == std::string::npos ? url.size() : path);
        const std::string tail = query == std::string::npos ? "" : url.substr(query);
        return head + "/" + database + tail;
    }
    // key=value: a later keyword overrides an earlier one.
    return url + " dbname='" + database + "'";
}

PostgresTestDatabase::PostgresTestDatabase(std::string cluster_url)
    : cluster_url_(std::move(cluster_url)), name_(random_name()), url_(with_database(cluster_url_, name_)) {
    if (cluster_url_.empty()) {
        throw std::runtime_error("this test needs PostgreSQL: run it through ctest (ctest -L postgres), which starts "
                                 "the test cluster and sets FLOORWALK_TEST_POSTGRES_URL_FILE");
    }
    run_on_cluster(cluster_url_, "CREATE DATABASE \"" + name_ + "\" TEMPLATE template0 ENCODING 'UTF8'");
}

void PostgresTestDatabase::drop() {
    run_on_cluster(cluster_url_, "DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
}

PostgresTestDatabase::~PostgresTestDatabase() {
    try {
        run_on_cluster(cluster_url_, "DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
    } catch (const std::exception& e) {
        // The cluster is thrown away after the run: a leftover database costs nothing but disk.
        std::cerr << "warning: could not drop the test database " << name_ << ": " << e.what() << '\n';
    }
}

}  // namespace floorwalk::test
