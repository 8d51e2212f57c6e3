// The server's storage interface: everything the HTTP layer, the CLI and the indicator index need from the
// database, whatever engine holds it (sync/sql_store.h runs it on SQLite or PostgreSQL).
//
// Threading: every method may be called from any thread concurrently.
// Scoping: every method takes the organisation id; no method reads or writes across organisations.
#pragma once

#include "floorwalk/domain.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floorwalk::server {

// Who is calling, as established from a bearer token.
struct Caller {
    std::string organization_id;
    std::string user_id;
    std::string username;
    std::string display_name;
    Role role = Role::unspecified;
    std::vector<std::string> unit_ids;  // units the user is assigned to (subtrees count for reads)
    std::string device_id;
};

struct StoredUser {
    User user;
    std::string organization_id;
    std::string password_hash;  // argon2id string from libsodium; empty = cannot log in
};

struct Organization {
    std::string id;
    std::string name;
};

struct TokenRecord {
    std::string token_hash;  // hex SHA-256 of the token; the token itself is never stored
    std::string organization_id;
    std::string user_id;
    std::string device_id;
    Timestamp issued_at{};
    Timestamp expires_at{};
};

struct DeviceRecord {
    std::string id;
    std::string organization_id;
    std::string user_id;
    std::string username;
    std::string name;
    Timestamp last_seen{};
    bool revoked = false;
};

enum class PushStatus { accepted, duplicate, conflict, rejected };

struct PushOutcome {
    std::string id;
    PushStatus status = PushStatus::rejected;
    std::string error_code;  // for rejected and conflict
    std::string error_message;
    int stored_revision = 0;  // the stored latest revision after the push (0 when none)
};

// One page of changes in the caller's scope since a cursor.
struct PullPage {
    std::string cursor;
    bool has_more = false;
    bool reset = false;  // the given cursor was unknown or too old; nothing else is filled
    std::optional<ExperienceModel> model;
    std::vector<Unit> units;
    std::vector<Employee> employees;
    std::vector<Observation> observations;  // latest revisions, not deleted
    std::vector<CoachingActivity> activities;
    std::vector<std::string> deleted_ids;
    OrganizationSettings settings;
};

// A row-level import error; row is 1-based over the data rows.
struct RowError {
    int row = 0;
    std::string field;
    std::string message;
};

// An import answers at most this many row errors, then one that counts the others.
inline constexpr std::size_t max_import_errors = 1000;

// All or nothing: when `errors` is not empty nothing was written.
struct ImportResult {
    int applied = 0;  // rows inserted or changed (a row identical to the stored one is not rewritten)
    std::vector<RowError> errors;
};

struct UserImportRow {
    User user;                                 // id and active are ignored; users are matched by username
    std::optional<std::string> password_hash;  // required for a new user; nullopt keeps the existing hash
    std::optional<bool> active;                // nullopt keeps the stored state (a new user is active)
};

// One throttling key's attempts in its current window (see Store::count_login_attempt).
struct LoginAttemptWindow {
    int attempts = 0;
    Timestamp window_start{};
};

// What changed in a range of an organisation's changes (Store::record_changes), for state kept beside the store
// (the indicators): for each record whose current revision changed, what counted before (nullopt: nothing, or a
// tombstone) and what counts now (nullopt: deleted).
struct AppliedChanges {
    std::string organization_id;
    struct ObservationChange {
        std::optional<Observation> before;
        std::optional<Observation> after;
    };
    struct ActivityChange {
        std::optional<CoachingActivity> before;
        std::optional<CoachingActivity> after;
    };
    std::vector<ObservationChange> observations;
    std::vector<ActivityChange> activities;
};

// Where an organisation stands: its change counter (every change to it is numbered from it) and the number of
// the last change to its organisation data (units, employees, users, model, settings, KPIs).
struct ChangePosition {
    std::int64_t change_seq = 0;
    std::int64_t data_seq = 0;
};

// The database's schema version (the highest migration recorded in it) beside the highest this build's migrations
// reach: a server is fit to serve only when they are equal (a newer build may have migrated the database further).
struct SchemaVersion {
    int found = 0;
    int known = 0;
};

// A saved copy of an organisation's indicator state (indicators/organization_index.h: save), valid at change_seq.
struct IndicatorSnapshotInfo {
    std::string snapshot_id;  // a UUID: two servers saving at once never mix their parts
    std::int64_t change_seq = 0;
    int parts = 0;
};

// Where the reads a hot standby may serve went (sync/replica_reads.h), for /metrics and tests. All zero and
// `configured` false when the store has no standby.
struct ReplicaReadStatus {
    bool configured = false;
    bool available = false;                   // the standby answered when it was last asked
    std::uint64_t standby = 0;                // reads the standby served
    std::uint64_t primary_behind = 0;         // it had not reached the read's position within the wait
    std::uint64_t primary_unavailable = 0;    // it could not be reached, was refused, or failed during the read
    std::uint64_t waited = 0;                 // reads that waited for it (then served by either)
    std::chrono::microseconds wait_time{0};   // their waits added up
};

class Store {
public:
    virtual ~Store() = default;

    // Organisations
    [[nodiscard]] virtual std::vector<Organization> organizations() = 0;
    [[nodiscard]] virtual std::optional<Organization> find_organization(const std::string& organization_id) = 0;
    // Names match without regard to ASCII case ("demo", "Demo" and "DEMO" are one organisation).
    [[nodiscard]] virtual std::optional<Organization> find_organization_by_name(std::string_view name) = 0;
    // Returns the existing one when the name is taken.
    virtual Organization create_organization(std::string_view name) = 0;
    [[nodiscard]] virtual OrganizationSettings settings(const std::string& organization_id) = 0;
    virtual void set_settings(const std::string& organization_id, const OrganizationSettings& settings) = 0;

    // Users
    [[nodiscard]] virtual std::optional<StoredUser> find_user_by_username(const std::string& organization_id,
                                                                        std::string_view username) = 0;
    [[nodiscard]] virtual std::optional<StoredUser> find_user(const std::string& organization_id,
                                                            const std::string& user_id) = 0;
    [[nodiscard]] virtual std::vector<User> users(const std::string& organization_id) = 0;
    virtual ImportResult import_users(const std::string& organization_id, const std::vector<UserImportRow>& rows) = 0;
    // Also deletes the user's tokens, so the new password signs him out everywhere (as does a user import that
    // changes a password). false when the user does not exist.
    virtual bool set_password_hash(const std::string& organization_id, const std::string& user_id,
                                   const std::string& password_hash) = 0;
    // Deactivating also deletes the user's tokens in the same transaction, so access ends at once (as does a user
    // import that deactivates). false when the user does not exist.
    virtual bool set_user_active(const std::string& organization_id, const std::string& user_id, bool active) = 0;
    // Deletes every token of the user: signed out on every device. false when the user does not exist.
    virtual bool sign_out_user(const std::string& organization_id, const std::string& user_id) = 0;

    // Login throttling, shared by every server process on the database. Counts one attempt against `key`, in one
    // atomic statement, and answers the attempts of its current window: the window starts at the key's first
    // attempt and a new one starts once `window` has passed. Attempts are counted before the password is checked,
    // so parallel attempts cannot overshoot a limit.
    virtual LoginAttemptWindow count_login_attempt(const std::string& key, Timestamp now,
                                                   std::chrono::milliseconds window) = 0;
    // Takes back one counted attempt of `key` (a sign-in that succeeded), or every attempt (`all`).
    virtual void discount_login_attempt(const std::string& key, bool all) = 0;

    // Tokens and devices
    // Records the token and its device (created, or renamed and given to token.user_id). A revoked device stays
    // revoked: a token saved for it is never valid, so login should refuse it first (see find_device).
    virtual void save_token(const TokenRecord& token, std::string_view device_name) = 0;
    // nullopt when unknown, expired before `now`, its device is revoked or its user deactivated.
    [[nodiscard]] virtual std::optional<TokenRecord> find_valid_token(const std::string& token_hash,
                                                                    Timestamp now) = 0;
    virtual void delete_token(const std::string& token_hash) = 0;
    // Revokes the device and every token issued to it; false when the device is unknown in the organisation.
    virtual bool revoke_device(const std::string& organization_id, const std::string& device_id) = 0;
    [[nodiscard]] virtual std::vector<DeviceRecord> devices(const std::string& organization_id) = 0;
    virtual void touch_device(const std::string& organization_id, const std::string& device_id, Timestamp now) = 0;
    // One device, or nullopt when unknown in the organisation. The default scans devices(); stores override it.
    [[nodiscard]] virtual std::optional<DeviceRecord> find_device(const std::string& organization_id,
                                                                const std::string& device_id) {
        for (auto& device : devices(organization_id)) {
            if (device.id == device_id) return device;
        }
        return std::nullopt;
    }

    // Organisation data
    [[nodiscard]] virtual std::vector<Unit> units(const std::string& organization_id) = 0;
    [[nodiscard]] virtual std::vector<Employee> employees(const std::string& organization_id) = 0;
    // The latest version when `version` is nullopt.
    [[nodiscard]] virtual std::optional<ExperienceModel> model(const std::string& organization_id,
                                                             std::optional<int> version = std::nullopt) = 0;
    virtual ImportResult import_units(const std::string& organization_id, const std::vector<Unit>& units) = 0;
    virtual ImportResult import_employees(const std::string& organization_id,
                                          const std::vector<Employee>& employees) = 0;
    // Adds the model as a new version (model.version is ignored and assigned); applied = the new version.
    virtual ImportResult import_model(const std::string& organization_id, const ExperienceModel& model) = 0;
    virtual ImportResult import_kpis(const std::string& organization_id, const std::vector<KpiValue>& kpis) = 0;
    [[nodiscard]] virtual std::vector<KpiValue> kpis(const std::string& organization_id) = 0;

    // Sync. `caller` is the author of the records: observer_id / manager_id are set from it.
    // One outcome per record, observations first then activities, in input order; one transaction per call.
    // `sent_at`: the phone's clock when it sent the push, which puts the records' times on the server's clock
    // (floorwalk/clock_skew.h); nullopt corrects nothing.
    virtual std::vector<PushOutcome> push(const Caller& caller, const std::vector<Observation>& observations,
                                          const std::vector<CoachingActivity>& activities, Timestamp now,
                                          std::optional<Timestamp> sent_at = std::nullopt) = 0;
    // A page shows every push of the caller's device and at least what the cursor reflects, whichever copy of the
    // database serves it (sync/replica_reads.h).
    [[nodiscard]] virtual PullPage pull(const Caller& caller, std::string_view cursor, int limit) = 0;

    // Current revisions (tombstones excluded), with all their fields.
    virtual void for_each_observation(const std::string& organization_id,
                                      const std::function<void(const Observation&)>& visit) = 0;
    virtual void for_each_activity(const std::string& organization_id,
                                   const std::function<void(const CoachingActivity&)>& visit) = 0;

    // Following an organisation from any server (the indicators): where it stands now, as committed.
    [[nodiscard]] virtual ChangePosition change_position(const std::string& organization_id) = 0;
    // Every current record with what the indicators need (no free text), read in one snapshot; answers the
    // position that snapshot stands at.
    virtual ChangePosition load_current_records(const std::string& organization_id,
                                                const std::function<void(const Observation&)>& observation,
                                                const std::function<void(const CoachingActivity&)>& activity) = 0;
    // The records changed in (from, to] with what counted for each at `from` and what counts at `to` (nullopt:
    // nothing, or a tombstone); `to` must be a committed position (change_position). The history is
    // append-only, so the answer is exact whatever was committed meanwhile.
    [[nodiscard]] virtual AppliedChanges record_changes(const std::string& organization_id, std::int64_t from,
                                                        std::int64_t to) = 0;

    // Indicator snapshots, shared by every server: the newest complete one, read part by part.
    [[nodiscard]] virtual std::optional<IndicatorSnapshotInfo> indicator_snapshot(
        const std::string& organization_id) = 0;
    [[nodiscard]] virtual std::string indicator_snapshot_part(const std::string& organization_id,
                                                              const std::string& snapshot_id, int part) = 0;
    // Saves a snapshot valid at change_seq from `next_part` (called until it answers nullopt), each part in a
    // transaction of its own so that no writer waits long; the snapshot is used only once complete, and older
    // ones are then deleted.
    virtual void save_indicator_snapshot(const std::string& organization_id, std::int64_t change_seq,
                                         const std::function<std::optional<std::string>()>& next_part) = 0;

    // Size of the database files in bytes, for /metrics.
    [[nodiscard]] virtual long long database_bytes() = 0;
    // Where reads went between the primary and a hot standby, for /metrics.
    [[nodiscard]] virtual ReplicaReadStatus replica_reads() const = 0;
    // One short read of the schema version, for readiness checks (GET /readyz); throws when the database cannot
    // be reached.
    [[nodiscard]] virtual SchemaVersion schema_version() = 0;
};

}  // namespace floorwalk::server
