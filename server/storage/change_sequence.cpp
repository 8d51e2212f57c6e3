#include "storage/change_sequence.h"

namespace floorwalk::server {

void ChangeSequence::load(sqlite::Connection& db) { last_ = read_last_seq(db); }

void ChangeSequence::save(sqlite::Connection& db) {
    db.prepare("UPDATE change_sequence SET last_seq = ?1 WHERE id = 1").bind_all(last_).run();
}

std::int64_t read_last_seq(sqlite::Connection& db) {
    auto statement = db.prepare("SELECT last_seq FROM change_sequence WHERE id = 1");
    return statement.step() ? statement.int64(0) : 0;
}

}  // namespace floorwalk::server
