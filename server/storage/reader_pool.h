// Read connections, opened on demand and kept for reuse, so concurrent reads never wait for the writer or for
// each other (WAL lets readers work beside the one writer).
//
// Threading: acquire() from any thread; a lease is used by one thread and returns its connection on destruction.
#pragma once

#include "storage/sqlite.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace floorwalk::server {

class ReaderPool {
public:
    // Up to `max_idle` connections are kept between uses; more are opened when more threads read at once.
    ReaderPool(std::filesystem::path database, std::size_t max_idle);

    class Lease {
    public:
        Lease(ReaderPool& pool, std::unique_ptr<sqlite::Connection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { pool_->release(std::move(connection_)); }
        [[nodiscard]] sqlite::Connection& operator*() const { return *connection_; }
        [[nodiscard]] sqlite::Connection* operator->() const { return connection_.get(); }

    private:
        ReaderPool* pool_;
        std::unique_ptr<sqlite::Connection> connection_;
    };

    [[nodiscard]] Lease acquire();

private:
    [[nodiscard]] std::unique_ptr<sqlite::Connection> open() const;
    void release(std::unique_ptr<sqlite::Connection> connection);

    std::filesystem::path database_;
    std::size_t max_idle_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<sqlite::Connection>> idle_;
};

}  // namespace floorwalk::server
