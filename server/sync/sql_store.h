// The Store on a SQL engine: every call is one session of the engine (database/engine.h) in which the rules of
// this folder run, the same on SQLite and on PostgreSQL. Writes about an organisation lock its change counter
// first (storage/change_sequence.h), so one organisation's writers are serialised and number their changes in
// commit order, while other organisations' writers go on.
//
// Threading: every method may be called from any thread.
#pragma once

#include "database/engine.h"
#include "storage/model_cache.h"
#include "storage/store.h"
#include "sync/replica_reads.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace floorwalk::server {

// Where the data is: a data folder (SQLite, the embedded default) or a PostgreSQL URL.
struct StoreLocation {
    std::filesystem::path data_dir;  // SQLite: data_dir/floorwalk.db
    std::string database_url;        // PostgreSQL: postgresql://user@host:port/database (wins when set)
    int pool_size = 16;              // PostgreSQL connections per process (and as many to the read replica)
    // PostgreSQL only: a streaming hot standby of database_url that serves pulls and indicator reads under
    // `replica_policy` (sync/replica_reads.h). Empty: the primary serves everything.
    std::string read_replica_url;
    ReplicaPolicy replica_policy;

    [[nodiscard]] bool is_postgresql() const { return !database_url.empty(); }
    // For messages: the folder, or the URL without its password.
    [[nodiscard]] std::string describe() const;
};

// Opens the store and brings its schema up to date (numbered migrations). Throws std::runtime_error naming the
// place and the cause when that fails, and std::invalid_argument for a read replica without PostgreSQL. The read
// replica is connected on first use: one that cannot be reached leaves the primary serving every read.
[[nodiscard]] std::unique_ptr<Store> open_store(const StoreLocation& location);
// The embedded store in a data folder (created when missing).
[[nodiscard]] std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir);
// The SQLite database file inside a data folder.
[[nodiscard]] std::filesystem::path database_path(const std::filesystem::path& data_dir);

class SqlStore final : public Store {
public:
    // `replica` (optional): a read-only copy of `engine`'s database, used for the reads `policy` allows.
    explicit SqlStore(std::unique_ptr<db::Engine> engine, std::unique_ptr<db::Engine> replica = nullptr,
                      ReplicaPolicy policy = {});
    ~SqlStore() override;
    SqlStore(const SqlStore&) = delete;
    SqlStore& operator=(const SqlStore&) = delete;

    [[nodiscard]] std::vector<Organization> organizations() override;
    [[nodiscard]] std::optional<Organization> find_organization(const std::string& organization_id) override;
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
                                  const std::vector<CoachingActivity>& activities, Timestamp now,
                                  std::optional<Timestamp> sent_at = std::nullopt) override;
    [[nodiscard]] PullPage pull(const Caller& caller, std::string_view cursor, int limit) override;

    void for_each_observation(const std::string& organization_id,
                              const std::function<void(const Observation&)>& visit) override;
    void for_each_activity(const std::string& organization_id,
                           const std::function<void(const CoachingActivity&)>& visit) override;

    [[nodiscard]] ChangePosition change_position(const std::string& organization_id) override;
    ChangePosition load_current_records(const std::string& organization_id,
                                        const std::function<void(const Observation&)>& observation,
                                        const std::function<void(const CoachingActivity&)>& activity) override;
    [[nodiscard]] AppliedChanges record_changes(const std::string& organization_id, std::int64_t from,
                                                std::int64_t to) override;
    [[nodiscard]] std::optional<IndicatorSnapshotInfo> indicator_snapshot(const std::string& organization_id) override;
    [[nodiscard]] std::string indicator_snapshot_part(const std::string& organization_id,
                                                      const std::string& snapshot_id, int part) override;
    void save_indicator_snapshot(const std::string& organization_id, std::int64_t change_seq,
                                 const std::function<std::optional<std::string>()>& next_part) override;

    [[nodiscard]] long long database_bytes() override;
    [[nodiscard]] ReplicaReadStatus replica_reads() const override { return reads_.status(); }
    [[nodiscard]] SchemaVersion schema_version() override;

    // The UUID naming this database in pull cursors.
    [[nodiscard]] const std::string& database_id() const { return database_id_; }
    [[nodiscard]] db::Engine& engine() { return *engine_; }

private:
    class OrganizationWrite;

    // Runs an import in an organisation write; commits and tells the observer only when it applied rows.
    template <typename Apply>
    ImportResult import(const std::string& organization_id, Apply&& apply);
    // The position a pull must reflect: its cursor's, and the last push of the caller's device.
    [[nodiscard]] std::int64_t pull_position(const Caller& caller, std::string_view cursor);

    std::unique_ptr<db::Engine> engine_;
    ModelCache models_;
    std::string database_id_;
    ReplicaReads reads_;  // the reads a read replica may serve; the primary (engine_) serves all others
};

}  // namespace floorwalk::server
