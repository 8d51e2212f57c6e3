// The server as `floorwalk-server serve` wires it (SQLite store, indicator index as its observer, auth, API,
// Beast HTTP), in this process on 127.0.0.1 and a free port. Opening it reads the store and builds the index, as
// a server start does; destroying it stops it.
#pragma once

#include <filesystem>
#include <memory>

namespace floorwalk::server {
class Store;
}

namespace floorwalk::bench {

class BenchServer {
public:
    BenchServer(const std::filesystem::path& data_dir, int threads);
    ~BenchServer();
    BenchServer(const BenchServer&) = delete;
    BenchServer& operator=(const BenchServer&) = delete;

    [[nodiscard]] unsigned short port() const;
    [[nodiscard]] server::Store& store();
    // Seconds it took to build the indicator index from the store.
    [[nodiscard]] double index_seconds() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace floorwalk::bench
