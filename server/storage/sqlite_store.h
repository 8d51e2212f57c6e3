// The SQLite implementation of Store: one database file per data folder, in WAL mode with synchronous=FULL, so an
// acknowledged write survives a crash or a power loss.
//
// Threading: every method may be called from any thread. Writes are serialised through one writer connection
// behind a mutex (one transaction per call); reads run on pooled connections of their own, each in one snapshot,
// and never wait for the writer. The observer is called on the writing thread, after the commit, with the writer
// still held, so it sees changes in commit order.
#pragma once

#include "storage/change_sequence.h"
#include "storage/model_cache.h"
#include "storage/reader_pool.h"
#include "storage/sqlite.h"
#include "storage/store.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace floorwalk::server {

// Creates `data_dir` when missing, opens data_dir/floorwalk.db and brings its schema up to date. Throws
// std::runtime_error naming the path and the cause when that fails.
[[nodiscard]] std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir);

// The database file inside a data folder.
[[nodiscard]] std::filesystem::path database_path(const std::filesystem::path& data_dir);

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::filesystem::path& data_dir);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    void set_observer(std::shared_ptr<StoreObserver> observer) override;

    [[nodiscard]] std::vector<Organization> organizations() override;
    [[nodiscard]] std::optional<Organization> find_organization_by_name(std::string_view name) override;
    Organization create_organization(std::string_view name) override;
    [[nodiscard]] OrganizationSettings settings(const std::string& organization_id) override;
    void set_settings(const std::string& organization_id, const OrganizationSettings& settings) override;

    [[nodiscard]] std::optional<StoredUser> find_user_by_username(const std::string& organization_id,
                                                                  std::string_view username) override;
    [[nodiscard]] std::optional<StoredUser> find_user(const std::string& organization_id,
                                                      const std::string& user_id) override;
    [[nodiscard]] std::vector<User> users(const std::string& organization_id) override;
    ImportResult import_users(const std::string& organization_id, const std::vector<UserImportRow>& rows) override;
    bool set_password_hash(const std::string& organization_id, const std::string& user_id,
                           const std::string& password_hash) override;
    bool set_user_active(const std::string& organization_id, const std::string& user_id, bool active) override;
    bool sign_out_user(const std::string& organization_id, const std::string& user_id) override;
    LoginAttemptWindow count_login_attempt(const std::string& key, Timestamp now,
                                           std::chrono::milliseconds window) override;
    void discount_login_attempt(const std::string& key, bool all) override;

    void save_token(const TokenRecord& token, std::string_view device_name) override;
    [[nodiscard]] std::optional<TokenRecord> find_valid_token(const std::string& token_hash, Timestamp now) override;
    void delete_token(const std::string& token_hash) override;
    bool revoke_device(const std::string& organization_id, const std::string& device_id) override;
    [[nodiscard]] std::vector<DeviceRecord> devices(const std::string& organization_id) override;
    void touch_device(const std::string& organization_id, const std::string& device_id, Timestamp now) override;
    [[nodiscard]] std::optional<DeviceRecord> find_device(const std::string& organization_id,
                                                          const std::string& device_id) override;

    [[nodiscard]] std::vector<Unit> units(const std::string& organization_id) override;
    [[nodiscard]] std::vector<Employee> employees(const std::string& organization_id) override;
    [[nodiscard]] std::optional<ExperienceModel> model(const std::string& organization_id,
                                                       std::optional<int> version = std::nullopt) override;
    ImportResult import_units(const std::string& organization_id, const std::vector<Unit>& units) override;
    ImportResult import_employees(const std::string& organization_id, const std::vector<Employee>& employees) override;
    ImportResult import_model(const std::string& organization_id, const ExperienceModel& model) override;
    ImportResult import_kpis(const std::string& organization_id, const std::vector<KpiValue>& kpis) override;
    [[nodiscard]] std::vector<KpiValue> kpis(const std::string& organization_id) override;

    std::vector<PushOutcome> push(const Caller& caller, const std::vector<Observation>& observations,
                                  const std::vector<CoachingActivity>& activities, Timestamp now) override;
    [[nodiscard]] PullPage pull(const Caller& caller, std::string_view cursor, int limit) override;

    void for_each_observation(const std::string& organization_id,
                              const std::function<void(const Observation&)>& visit) override;
    void for_each_activity(const std::string& organization_id,
                           const std::function<void(const CoachingActivity&)>& visit) override;

    [[nodiscard]] long long database_bytes() override;

    // The UUID naming this database in pull cursors.
    [[nodiscard]] const std::string& database_id() const { return database_id_; }
    // The schema version after the migrations ran.
    [[nodiscard]] int schema_version() const { return schema_version_; }

private:
    class WriteScope;

    // Runs an import in a write transaction; commits and tells the observer only when it applied rows.
    template <typename Apply>
    ImportResult import(const std::string& organization_id, Apply&& apply);
    void notify(const AppliedChanges& changes);

    std::filesystem::path database_path_;
    std::mutex write_mutex_;  // held for the whole of every write transaction
    std::unique_ptr<sqlite::Connection> writer_;
    ChangeSequence sequence_;
    std::unique_ptr<ReaderPool> readers_;
    ModelCache models_;
    std::string database_id_;
    int schema_version_ = 0;
    std::shared_ptr<StoreObserver> observer_;  // guarded by write_mutex_
};

}  // namespace floorwalk::server
