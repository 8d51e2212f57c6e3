// A Store that hands every call to another one: tests derive from it to watch, delay or fail the few calls they are
// about (a failing record_changes, a load that waits on a latch) while the rest runs on the real database.
//
// Threading: as the store it forwards to (any thread).
#pragma once

#include "storage/store.h"

namespace floorwalk::test {

class ForwardingStore : public server::Store {
public:
    explicit ForwardingStore(server::Store& inner) : inner_(inner) {}

    [[nodiscard]] server::Store& inner() { return inner_; }

    std::vector<server::Organization> organizations() override { return inner_.organizations(); }
    std::optional<server::Organization> find_organization(const std::string& organization_id) override {
        return inner_.find_organization(organization_id);
    }
    std::optional<server::Organization> find_organization_by_name(std::string_view name) override {
        return inner_.find_organization_by_name(name);
    }
    server::Organization create_organization(std::string_view name) override { return inner_.create_organization(name); }
    OrganizationSettings settings(const std::string& organization_id) override { return inner_.settings(organization_id); }
    void set_settings(const std::string& organization_id, const OrganizationSettings& settings) override {
        inner_.set_settings(organization_id, settings);
    }

    std::optional<server::StoredUser> find_user_by_username(const std::string& organization_id,
                                                            std::string_view username) override {
        return inner_.find_user_by_username(organization_id, username);
    }
    std::optional<server::StoredUser> find_user(const std::string& organization_id,
                                                const std::string& user_id) override {
        return inner_.find_user(organization_id, user_id);
    }
    std::vector<User> users(const std::string& organization_id) override { return inner_.users(organization_id); }
    server::ImportResult import_users(const std::string& organization_id,
                                      const std::vector<server::UserImportRow>& rows) override {
        return inner_.import_users(organization_id, rows);
    }
    bool set_password_hash(const std::string& organization_id, const std::string& user_id,
                           const std::string& password_hash) override {
        return inner_.set_password_hash(organization_id, user_id, password_hash);
    }
    bool set_user_active(const std::string& organization_id, const std::string& user_id, bool active) override {
        return inner_.set_user_active(organization_id, user_id, active);
    }
    bool sign_out_user(const std::string& organization_id, const std::string& user_id) override {
        return inner_.sign_out_user(organization_id, user_id);
    }
    server::LoginAttemptWindow count_login_attempt(const std::string& key, Timestamp now,
                                                   std::chrono::milliseconds window) override {
        return inner_.count_login_attempt(key, now, window);
    }
    void discount_login_attempt(const std::string& key, bool all) override { inner_.discount_login_attempt(key, all); }

    void save_token(const server::TokenRecord& token, std::string_view device_name) override {
        inner_.save_token(token, device_name);
    }
    std::optional<server::TokenRecord> find_valid_token(const std::string& token_hash, Timestamp now) override {
        return inner_.find_valid_token(token_hash, now);
    }
    void delete_token(const std::string& token_hash) override { inner_.delete_token(token_hash); }
    bool revoke_device(const std::string& organization_id, const std::string& device_id) override {
        return inner_.revoke_device(organization_id, device_id);
    }
    std::vector<server::DeviceRecord> devices(const std::string& organization_id) override {
        return inner_.devices(organization_id);
    }
    void touch_device(const std::string& organization_id, const std::string& device_id, Timestamp now) override {
        inner_.touch_device(organization_id, device_id, now);
    }
    std::optional<server::DeviceRecord> find_device(const std::string& organization_id,
                                                    const std::string& device_id) override {
        return inner_.find_device(organization_id, device_id);
    }

    std::vector<Unit> units(const std::string& organization_id) override { return inner_.units(organization_id); }
    std::vector<Employee> employees(const std::string& organization_id) override {
        return inner_.employees(organization_id);
    }
    std::optional<ExperienceModel> model(const std::string& organization_id, std::optional<int> version) override {
        return inner_.model(organization_id, version);
    }
    server::ImportResult import_units(const std::string& organization_id, const std::vector<Unit>& units) override {
        return inner_.import_units(organization_id, units);
    }
    server::ImportResult import_employees(const std::string& organization_id,
                                          const std::vector<Employee>& employees) override {
        return inner_.import_employees(organization_id, employees);
    }
    server::ImportResult import_model(const std::string& organization_id, const ExperienceModel& model) override {
        return inner_.import_model(organization_id, model);
    }
    server::ImportResult import_kpis(const std::string& organization_id, const std::vector<KpiValue>& kpis) override {
        return inner_.import_kpis(organization_id, kpis);
    }
    std::vector<KpiValue> kpis(const std::string& organization_id) override { return inner_.kpis(organization_id); }

    std::vector<server::PushOutcome> push(const server::Caller& caller, const std::vector<Observation>& observations,
                                          const std::vector<CoachingActivity>& activities, Timestamp now,
                                          std::optional<Timestamp> sent_at = std::nullopt) override {
        return inner_.push(caller, observations, activities, now, sent_at);
    }
    server::PullPage pull(const server::Caller& caller, std::string_view cursor, int limit) override {
        return inner_.pull(caller, cursor, limit);
    }
    void for_each_observation(const std::string& organization_id,
                              const std::function<void(const Observation&)>& visit) override {
        inner_.for_each_observation(organization_id, visit);
    }
    void for_each_activity(const std::string& organization_id,
                           const std::function<void(const CoachingActivity&)>& visit) override {
        inner_.for_each_activity(organization_id, visit);
    }

    server::ChangePosition change_position(const std::string& organization_id) override {
        return inner_.change_position(organization_id);
    }
    server::ChangePosition load_current_records(const std::string& organization_id,
                                                const std::function<void(const Observation&)>& observation,
                                                const std::function<void(const CoachingActivity&)>& activity) override {
        return inner_.load_current_records(organization_id, observation, activity);
    }
    server::AppliedChanges record_changes(const std::string& organization_id, std::int64_t from,
                                          std::int64_t to) override {
        return inner_.record_changes(organization_id, from, to);
    }

    std::optional<server::IndicatorSnapshotInfo> indicator_snapshot(const std::string& organization_id) override {
        return inner_.indicator_snapshot(organization_id);
    }
    std::string indicator_snapshot_part(const std::string& organization_id, const std::string& snapshot_id,
                                        int part) override {
        return inner_.indicator_snapshot_part(organization_id, snapshot_id, part);
    }
    void save_indicator_snapshot(const std::string& organization_id, std::int64_t change_seq,
                                 const std::function<std::optional<std::string>()>& next_part) override {
        inner_.save_indicator_snapshot(organization_id, change_seq, next_part);
    }

    long long database_bytes() override { return inner_.database_bytes(); }
    server::ReplicaReadStatus replica_reads() const override { return inner_.replica_reads(); }
    server::SchemaVersion schema_version() override { return inner_.schema_version(); }

private:
    server::Store& inner_;
};

}  // namespace floorwalk::test
