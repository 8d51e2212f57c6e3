// The database-wide change sequence. Only the writer advances it, inside its transaction, so the order of
// sequence numbers is the order of commits, and a reader's snapshot holds every change up to its last_seq.
//
// Threading: owned by the writer; every call happens with the writer's mutex held.
#pragma once

#include "storage/sqlite.h"

#include <cstdint>

namespace floorwalk::server {

class ChangeSequence {
public:
    // Reads the last assigned value.
    void load(sqlite::Connection& db);
    // The next value, for one change in the open write transaction.
    [[nodiscard]] std::int64_t next() { return ++last_; }
    [[nodiscard]] std::int64_t last() const { return last_; }
    // Persists the last value in the open write transaction (once per transaction).
    void save(sqlite::Connection& db);
    // Forgets values handed out by a transaction that rolled back.
    void restore(std::int64_t last) { last_ = last; }

private:
    std::int64_t last_ = 0;
};

// The committed last value as a reader's snapshot sees it.
[[nodiscard]] std::int64_t read_last_seq(sqlite::Connection& db);

}  // namespace floorwalk::server
