#include "storage/change_sequence.h"

namespace floorwalk::server {

std::optional<ChangeSequence> ChangeSequence::lock(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare("SELECT change_seq FROM organizations WHERE id = ?1" + std::string(db.for_update()));
    statement.bind_all(organization_id);
    if (!statement.step()) return std::nullopt;
    return ChangeSequence(organization_id, statement.int64(0));
}

void ChangeSequence::save(db::Connection& db) const {
    if (last_ == first_) return;
    db.prepare("UPDATE organizations SET change_seq = ?2 WHERE id = ?1").bind_all(organization_id_, last_).run();
}

std::int64_t read_change_seq(db::Connection& db, const std::string& organization_id) {
    auto statement = db.prepare("SELECT change_seq FROM organizations WHERE id = ?1");
    statement.bind_all(organization_id);
    return statement.step() ? statement.int64(0) : 0;
}

}  // namespace floorwalk::server
