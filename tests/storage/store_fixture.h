// A small organisation in a fresh SQLite store, for the storage tests:
//
//   hq (organization)
//   ├── north (region)          director "dir.north"
//   │   ├── paris (store)       manager "mgr.paris"   employees e-paris-1..3
//   │   └── lille (store)       manager "mgr.lille"   employees e-lille-1..2
//   └── south (region)
//       └── lyon (store)        manager "mgr.lyon"    employees e-lyon-1..2
//   plus "hq" (HQ) and "admin" (ADMIN); model version 1: welcome, advice, closing on a 1..4 scale, threshold 3.
#pragma once

#include "test_database.h"

#include "floorwalk/domain.h"
#include "sync/sql_store.h"
#include "storage/store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace floorwalk::test {

// A temporary folder removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

[[nodiscard]] Timestamp at(const std::string& rfc3339);
// "00000000-0000-7000-8000-<n in 12 digits>": a valid, readable UUID.
[[nodiscard]] std::string uuid(int n);

[[nodiscard]] Observation observation(const std::string& id, const std::string& employee_id,
                                      std::vector<Rating> ratings = {{"welcome", 3}},
                                      const std::string& when = "2026-03-02T10:00:00Z");
// The next revision of `previous`: revision + 1, based on it.
[[nodiscard]] Observation edited(Observation previous);
[[nodiscard]] Observation deleted(Observation previous);
[[nodiscard]] CoachingActivity activity(const std::string& id, std::vector<std::string> participants,
                                        ActivityKind kind = ActivityKind::one_to_one,
                                        const std::string& when = "2026-03-02T11:00:00Z");

[[nodiscard]] ExperienceModel sample_model();

// The time pushes happen at: after every record's time in these tests.
inline const Timestamp push_time = Timestamp(std::chrono::milliseconds(1772668800000));  // 2026-03-05T00:00:00Z

struct StoreFixture {
    StoreFixture();

    // Adds the organisation described above under `name` (used twice for tenant tests).
    std::string add_organization(const std::string& name);
    [[nodiscard]] server::Caller caller(const std::string& username) { return caller_in(org, username); }
    [[nodiscard]] server::Caller caller_in(const std::string& organization_id, const std::string& username);

    // Pushes as `username` at push_time.
    std::vector<server::PushOutcome> push(const std::string& username, const std::vector<Observation>& observations,
                                          const std::vector<CoachingActivity>& activities = {});
    server::PushOutcome push_one(const std::string& username, const Observation& observation);
    server::PushOutcome push_one(const std::string& username, const CoachingActivity& activity);

    [[nodiscard]] std::vector<Observation> observations();
    [[nodiscard]] std::vector<CoachingActivity> activities();

    // Reopens the store on the same folder (closing the current one first).
    void reopen();

    TempDir dir;
    TestDatabase database;  // SQLite in `dir`, or a fresh PostgreSQL database in the PostgreSQL run
    std::unique_ptr<server::Store> store;
    std::string org;
};

// Pulls from `cursor` until has_more is false; every observation id, activity id and deleted id seen, in order.
struct Drained {
    std::vector<std::string> observation_ids;
    std::vector<std::string> activity_ids;
    std::vector<std::string> deleted_ids;
    std::string cursor;
    int pages = 0;
};
[[nodiscard]] Drained drain(server::Store& store, const server::Caller& caller, std::string cursor, int limit);

}  // namespace floorwalk::test
