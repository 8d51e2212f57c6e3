#include "storage/reader_pool.h"

namespace floorwalk::server {

ReaderPool::ReaderPool(std::filesystem::path database, std::size_t max_idle)
    : database_(std::move(database)), max_idle_(max_idle) {}

ReaderPool::Lease ReaderPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    return Lease(*this, open());
}

std::unique_ptr<sqlite::Connection> ReaderPool::open() const {
    // Read-write at the file level so that SQLite may create the WAL index if needed; query_only makes any write
    // through this connection an error.
    auto connection = std::make_unique<sqlite::Connection>(database_, sqlite::Connection::Mode::read_write);
    connection->execute("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;");
    return connection;
}

void ReaderPool::release(std::unique_ptr<sqlite::Connection> connection) {
    if (!connection) return;
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
}

}  // namespace floorwalk::server
