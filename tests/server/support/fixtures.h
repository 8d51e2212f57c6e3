// Test fixtures for the server: temporary data folders, a seeded organisation, record builders, a settable clock.
#pragma once

#include "floorwalk/domain.h"
#include "storage/store.h"

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

namespace floorwalk::server::test {

// A fresh folder under the system's temporary directory, removed with everything in it.
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

// The password of every seeded user.
inline constexpr const char* test_password = "correct-horse-battery";

// A clock tests move by hand (token expiry) — thread-safe.
class ManualClock {
public:
    explicit ManualClock(Timestamp start);
    [[nodiscard]] Timestamp now() const;
    void advance(std::chrono::milliseconds by);

private:
    std::atomic<long long> millis_;
};

// Seeds `name` with the same ids in every organisation (so that tenant isolation is tested on colliding ids):
//   units      hq (ORGANIZATION) > north, south (REGION); north > n1, n2 (STORE); south > s1 (STORE)
//   employees  e1, e2 in n1; e3 in n2; e4 in s1
//   users      admin (ADMIN), analyst (HQ), director (DIRECTOR of north), manager (MANAGER of n1),
//              manager2 (MANAGER of s1)
//   model      "cx" with dimensions greet, listen, advise on a 1..4 scale, mastery at 3 (version 1)
Organization seed_organization(Store& store, const std::string& name);

// A revision-1 observation of `employee_id`, rating `greet` at `level`, made an hour before `now`.
[[nodiscard]] Observation make_observation(const std::string& employee_id, int level, Timestamp now);
[[nodiscard]] CoachingActivity make_activity(const std::vector<std::string>& participants, Timestamp now);
// A random UUIDv7.
[[nodiscard]] std::string new_id();

// Reads a fixture under tests/data/server.
[[nodiscard]] std::string read_fixture(const std::string& name);
[[nodiscard]] std::filesystem::path fixture_path(const std::string& name);

}  // namespace floorwalk::server::test
