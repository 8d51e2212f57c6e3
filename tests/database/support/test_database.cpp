#include "test_database.h"

#include <map>
#include <mutex>

namespace floorwalk::test {

TestDatabase::TestDatabase(std::filesystem::path sqlite_dir) {
    if (const auto cluster = postgres_cluster_url(); !cluster.empty()) {
        postgres_.emplace(cluster);
        location_.database_url = postgres_->url();
        location_.pool_size = 8;  // tests open several stores at once; the cluster's max_connections is shared
    } else {
        location_.data_dir = std::move(sqlite_dir);
    }
}

std::vector<std::string> TestDatabase::server_arguments() const {
    if (is_postgresql()) return {"--database", location_.database_url};
    return {"--data", location_.data_dir.string()};
}

std::string TestDatabase::standby_url() const {
    if (!is_postgresql()) return {};
    const auto standby = postgres_standby_url();
    return standby.empty() ? std::string() : postgres_->url_on(standby);
}

TestDatabase& test_database(const std::filesystem::path& dir) {
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::unique_ptr<TestDatabase>> databases;
    std::lock_guard lock(mutex);
    auto& database = databases[dir];
    if (!database) database = std::make_unique<TestDatabase>(dir);
    return *database;
}

}  // namespace floorwalk::test
