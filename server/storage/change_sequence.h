// An organisation's change counter. Every change to an organisation's data or records is numbered from it inside
// the writing session, and a pull cursor is a position in it. Writing sessions lock the organisation's row when
// they read the counter (Connection::for_update on PostgreSQL; SQLite has one writer), so one organisation's
// changes commit in counter order: a reader that sees the counter at N sees every change numbered up to N, and
// "seq > cursor" never skips a change that commits late. Different organisations never wait for each other.
//
// Threading: belongs to one write session.
#pragma once

#include "database/database.h"

#include <cstdint>
#include <optional>
#include <string>

namespace floorwalk::server {

class ChangeSequence {
public:
    // Reads the counter and locks the organisation's row until the session ends; nullopt when the organisation
    // does not exist.
    [[nodiscard]] static std::optional<ChangeSequence> lock(db::Connection& db, const std::string& organization_id);

    // The next value, for one change in the session.
    [[nodiscard]] std::int64_t next() { return ++last_; }
    [[nodiscard]] std::int64_t last() const { return last_; }
    // Writes the counter back when the session numbered any change; call once, before committing.
    void save(db::Connection& db) const;

private:
    ChangeSequence(std::string organization_id, std::int64_t last)
        : organization_id_(std::move(organization_id)), first_(last), last_(last) {}

    std::string organization_id_;
    std::int64_t first_ = 0;
    std::int64_t last_ = 0;
};

// The organisation's committed counter as the session sees it; 0 for an unknown organisation.
[[nodiscard]] std::int64_t read_change_seq(db::Connection& db, const std::string& organization_id);

}  // namespace floorwalk::server
