#include "sync/sql_store.h"

#include "database/postgres/postgres_engine.h"
#include "database/postgres/postgres_schema.h"
#include "database/sqlite/sqlite_engine.h"
#include "database/sqlite/sqlite_schema.h"
#include "floorwalk/uuid.h"
#include "floorwalk/validation.h"
#include "storage/change_sequence.h"
#include "storage/cursor.h"
#include "storage/org_rows.h"
#include "storage/record_rows.h"
#include "sync/imports.h"
#include "sync/pull.h"
#include "sync/push.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace floorwalk::server {
namespace {

using db::SessionKind;

Timestamp wall_clock() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string joined_messages(const ValidationErrors& errors) {
    std::string text;
    for (const auto& error : errors) {
        if (!text.empty()) text += "; ";
        text += error.message;
    }
    return text;
}

// How organisation names are compared: ASCII case folded, as people type them at sign-in.
std::string name_key(std::string_view name) {
    std::string key(name);
    std::ranges::transform(key, key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

TokenRecord read_token(const db::Statement& row) {
    return TokenRecord{
        row.text(0), row.text(1), row.text(2), row.text(3), from_millis(row.int64(4)), from_millis(row.int64(5))};
}

constexpr const char* device_query =
    "SELECT d.id, d.organization_id, d.user_id, coalesce(u.username, ''), d.name, d.last_seen, d.revoked"
    " FROM devices d LEFT JOIN users u ON u.organization_id = d.organization_id AND u.id = d.user_id";

DeviceRecord read_device(const db::Statement& row) {
    return DeviceRecord{row.text(0),        row.text(1), row.text(2),
                        row.text(3),        row.text(4), from_millis(row.int64(5)),
                        row.integer(6) != 0};
}

// The database's id for pull cursors, made once by whoever opens it first.
std::string load_database_id(db::Engine& engine) {
    try {
        {
            auto session = engine.begin(SessionKind::write);
            session->db()
                .prepare("INSERT INTO meta (key, value) VALUES ('database_id', ?1) ON CONFLICT (key) DO NOTHING")
                .bind_all(make_uuid_v7(wall_clock()))
                .run();
            session->commit();
        }
        auto session = engine.begin(SessionKind::single);
        auto statement = session->db().prepare("SELECT value FROM meta WHERE key = 'database_id'");
        if (!statement.step()) throw std::runtime_error("the database has no id (table meta)");
        return statement.text(0);
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot open the Floorwalk database " + engine.describe() + ": " + e.what());
    }
}

// Records, in the push's own transaction, where the device's pushes stand: the counter as this push leaves it,
// which covers the push and everything committed before it. Pulls served by a read replica wait for it.
void record_device_push(db::Connection& db, const Caller& caller, std::int64_t position) {
    db.prepare("UPDATE devices SET last_push_seq = ?3 WHERE organization_id = ?1 AND id = ?2 AND last_push_seq < ?3")
        .bind_all(caller.organization_id, caller.device_id, position)
        .run();
}

}  // namespace

std::string StoreLocation::describe() const {
    if (!is_postgresql()) return data_dir.string();
    // postgresql://user:secret@host/db -> postgresql://user@host/db: a password never reaches a log or a message.
    const auto scheme = database_url.find("://");
    const auto at = database_url.find('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) return database_url;
    const auto colon = database_url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return database_url;
    return database_url.substr(0, colon) + database_url.substr(at);
}

std::filesystem::path database_path(const std::filesystem::path& data_dir) {
    return db::sqlite_database_path(data_dir);
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir) {
    return std::make_unique<SqlStore>(db::open_sqlite_engine(data_dir));
}

std::unique_ptr<Store> open_store(const StoreLocation& location) {
    if (!location.is_postgresql()) {
        if (!location.read_replica_url.empty())
            throw std::invalid_argument(
                "a read replica needs the PostgreSQL engine: SQLite has no standby to read from");
        return open_sqlite_store(location.data_dir);
    }
    db::PostgresOptions options;
    options.pool_size = static_cast<std::size_t>(std::max(1, location.pool_size));
    auto primary = db::open_postgres_engine(location.database_url, options);
    if (location.read_replica_url.empty()) return std::make_unique<SqlStore>(std::move(primary));
    // A replica that does not answer at once is passed over for the primary rather than waited for: libpq's
    // shortest connect timeout (2 s), and no wait for a pooled connection beyond the read's own bound.
    db::PostgresOptions replica_options = options;
    replica_options.connect_timeout = std::chrono::seconds(2);
    replica_options.acquire_timeout = std::max(location.replica_policy.wait, std::chrono::milliseconds(100));
    return std::make_unique<SqlStore>(std::move(primary),
                                      db::open_postgres_standby_engine(location.read_replica_url, replica_options),
                                      location.replica_policy);
}

SqlStore::SqlStore(std::unique_ptr<db::Engine> engine, std::unique_ptr<db::Engine> replica, ReplicaPolicy policy)
    : engine_(std::move(engine)),
      database_id_(load_database_id(*engine_)),
      reads_(*engine_, std::move(replica), database_id_, policy) {}

SqlStore::~SqlStore() = default;

// ---------------------------------------------------------------------------------------------------------------
// Writing

// A write session about one organisation: its change counter is locked from the start (the writers of one
// organisation wait for each other; others go on) and saved when the session commits.
class SqlStore::OrganizationWrite {
public:
    OrganizationWrite(SqlStore& store, const std::string& organization_id)
        : session_(store.engine_->begin(SessionKind::write)), organization_id_(organization_id) {
        auto counter = ChangeSequence::lock(session_->db(), organization_id);
        if (!counter) throw std::invalid_argument("organisation " + organization_id + " does not exist");
        sequence_.emplace(std::move(*counter));
    }

    [[nodiscard]] db::Connection& db() { return session_->db(); }
    [[nodiscard]] ChangeSequence& sequence() { return *sequence_; }

    // Records that the organisation's data changed (units, employees, users, model, settings, KPIs), not only
    // its records: readers that keep a copy of that data read it again.
    void mark_organization_data_changed() { data_changed_ = true; }

    void commit() {
        if (data_changed_) {
            db().prepare("UPDATE organizations SET data_seq = ?2 WHERE id = ?1")
                .bind_all(organization_id_, sequence_->next())
                .run();
        }
        sequence_->save(db());
        session_->commit();
    }

private:
    std::unique_ptr<db::Session> session_;
    std::string organization_id_;
    std::optional<ChangeSequence> sequence_;
    bool data_changed_ = false;
};

Organization SqlStore::create_organization(std::string_view name) {
    if (name.empty() || !utf8_length(name) || *utf8_length(name) > max_name_length) {
        throw std::invalid_argument("an organisation name is 1 to " + std::to_string(max_name_length) +
                                    " characters of UTF-8 text");
    }
    const auto key = name_key(name);
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    Organization organization{make_uuid_v7(wall_clock()), std::string(name)};
    // Two servers creating the same name at once: the unique key keeps one, and both answer with it.
    db.prepare(
          "INSERT INTO organizations (id, name, name_key, settings_seq, change_seq, data_seq, created_at)"
          " VALUES (?1, ?2, ?3, 1, 1, 1, ?4) ON CONFLICT (name_key) DO NOTHING")
        .bind_all(organization.id, organization.name, key, to_millis(wall_clock()))
        .run();
    auto existing = db.prepare("SELECT id, name FROM organizations WHERE name_key = ?1");
    existing.bind_all(key);
    if (!existing.step()) throw std::runtime_error("the organisation " + key + " vanished while being created");
    organization = Organization{existing.text(0), existing.text(1)};
    existing.reset();
    session->commit();
    return organization;
}

void SqlStore::set_settings(const std::string& organization_id, const OrganizationSettings& settings) {
    if (const auto errors = validate_settings(settings); !errors.empty()) {
        throw std::invalid_argument(joined_messages(errors));
    }
    OrganizationWrite write(*this, organization_id);
    if (load_settings(write.db(), organization_id) == settings) return;
    write.db()
        .prepare("UPDATE organizations SET min_group_size = ?2, due_after_days = ?3, settings_seq = ?4 WHERE id = ?1")
        .bind_all(organization_id, settings.min_group_size, settings.due_after_days, write.sequence().next())
        .run();
    write.mark_organization_data_changed();
    write.commit();
}

template <typename Apply>
ImportResult SqlStore::import(const std::string& organization_id, Apply&& apply) {
    OrganizationWrite write(*this, organization_id);
    ImportResult result = apply(write.db(), write.sequence());
    // Nothing to keep when a row failed (nothing was written) or when every row was already stored as given.
    if (!result.errors.empty() || result.applied == 0) return result;
    write.mark_organization_data_changed();
    write.commit();
    return result;
}

ImportResult SqlStore::import_users(const std::string& organization_id, const std::vector<UserImportRow>& rows) {
    return import(organization_id, [&](db::Connection& db, ChangeSequence& sequence) {
        return apply_user_import(db, sequence, organization_id, rows, wall_clock());
    });
}

ImportResult SqlStore::import_units(const std::string& organization_id, const std::vector<Unit>& units) {
    return import(organization_id, [&](db::Connection& db, ChangeSequence& sequence) {
        return apply_unit_import(db, sequence, organization_id, units);
    });
}

ImportResult SqlStore::import_employees(const std::string& organization_id, const std::vector<Employee>& employees) {
    return import(organization_id, [&](db::Connection& db, ChangeSequence& sequence) {
        return apply_employee_import(db, sequence, organization_id, employees, wall_clock());
    });
}

ImportResult SqlStore::import_model(const std::string& organization_id, const ExperienceModel& model) {
    return import(organization_id, [&](db::Connection& db, ChangeSequence& sequence) {
        return apply_model_import(db, sequence, organization_id, model);
    });
}

ImportResult SqlStore::import_kpis(const std::string& organization_id, const std::vector<KpiValue>& kpis) {
    return import(organization_id, [&](db::Connection& db, ChangeSequence& sequence) {
        return apply_kpi_import(db, sequence, organization_id, kpis);
    });
}

bool SqlStore::set_password_hash(const std::string& organization_id, const std::string& user_id,
                                 const std::string& password_hash) {
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    db.prepare("UPDATE users SET password_hash = ?3 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, user_id, password_hash)
        .run();
    const bool found = db.changes() > 0;
    if (found) delete_user_tokens(db, organization_id, user_id);
    session->commit();
    return found;
}

bool SqlStore::set_user_active(const std::string& organization_id, const std::string& user_id, bool active) {
    if (!find_organization(organization_id)) return false;
    OrganizationWrite write(*this, organization_id);
    const auto user = load_user(write.db(), organization_id, user_id);
    if (!user) return false;
    if (user->user.active == active) return true;
    write.db()
        .prepare("UPDATE users SET active = ?3 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, user_id, active)
        .run();
    if (!active) delete_user_tokens(write.db(), organization_id, user_id);
    write.mark_organization_data_changed();
    write.commit();
    return true;
}

bool SqlStore::sign_out_user(const std::string& organization_id, const std::string& user_id) {
    auto session = engine_->begin(SessionKind::write);
    if (!load_user(session->db(), organization_id, user_id)) return false;
    delete_user_tokens(session->db(), organization_id, user_id);
    session->commit();
    return true;
}

LoginAttemptWindow SqlStore::count_login_attempt(const std::string& key, Timestamp now,
                                                 std::chrono::milliseconds window) {
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    // Windows that ended hold nothing worth keeping: a spray of made-up names leaves no lasting rows.
    db.prepare("DELETE FROM login_attempts WHERE window_start <= ?1").bind_all(to_millis(now) - window.count()).run();
    auto statement = db.prepare(
        "INSERT INTO login_attempts (key, attempts, window_start) VALUES (?1, 1, ?2)"
        " ON CONFLICT (key) DO UPDATE SET"
        " attempts = CASE WHEN login_attempts.window_start + ?3 <= ?2 THEN 1 ELSE login_attempts.attempts + 1 END,"
        " window_start = CASE WHEN login_attempts.window_start + ?3 <= ?2 THEN ?2 ELSE login_attempts.window_start END"
        " RETURNING attempts, window_start");
    statement.bind_all(key, to_millis(now), static_cast<std::int64_t>(window.count()));
    if (!statement.step()) throw std::runtime_error("counting a login attempt returned no row");
    const LoginAttemptWindow counted{statement.integer(0), from_millis(statement.int64(1))};
    statement.reset();
    session->commit();
    return counted;
}

void SqlStore::discount_login_attempt(const std::string& key, bool all) {
    auto session = engine_->begin(SessionKind::write);
    if (all) {
        session->db().prepare("DELETE FROM login_attempts WHERE key = ?1").bind_all(key).run();
    } else {
        session->db()
            .prepare("UPDATE login_attempts SET attempts = attempts - 1 WHERE key = ?1 AND attempts > 0")
            .bind_all(key)
            .run();
    }
    session->commit();
}

void SqlStore::save_token(const TokenRecord& token, std::string_view device_name) {
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    // The device follows whoever signed in last on it; `revoked` is left as it is.
    db.prepare(
          "INSERT INTO devices (organization_id, id, user_id, name, last_seen, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)"
          " ON CONFLICT (organization_id, id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name,"
          " last_seen = CASE WHEN excluded.last_seen > devices.last_seen THEN excluded.last_seen"
          " ELSE devices.last_seen END")
        .bind(1, token.organization_id)
        .bind(2, token.device_id)
        .bind(3, token.user_id)
        .bind(4, device_name)
        .bind(5, to_millis(token.issued_at))
        .run();
    db.prepare(
          "INSERT INTO tokens (token_hash, organization_id, user_id, device_id, issued_at, expires_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind_all(token.token_hash, token.organization_id, token.user_id, token.device_id, to_millis(token.issued_at),
                  to_millis(token.expires_at))
        .run();
    // Housekeeping: tokens that expired are useless, drop them while a writer is here anyway.
    db.prepare("DELETE FROM tokens WHERE expires_at <= ?1").bind_all(to_millis(token.issued_at)).run();
    session->commit();
}

void SqlStore::delete_token(const std::string& token_hash) {
    auto session = engine_->begin(SessionKind::write);
    session->db().prepare("DELETE FROM tokens WHERE token_hash = ?1").bind_all(token_hash).run();
    session->commit();
}

bool SqlStore::revoke_device(const std::string& organization_id, const std::string& device_id) {
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    db.prepare("UPDATE devices SET revoked = 1 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, device_id)
        .run();
    if (db.changes() == 0) return false;
    db.prepare("DELETE FROM tokens WHERE organization_id = ?1 AND device_id = ?2")
        .bind_all(organization_id, device_id)
        .run();
    session->commit();
    return true;
}

void SqlStore::touch_device(const std::string& organization_id, const std::string& device_id, Timestamp now) {
    auto session = engine_->begin(SessionKind::write);
    session->db()
        .prepare("UPDATE devices SET last_seen = ?3 WHERE organization_id = ?1 AND id = ?2 AND last_seen < ?3")
        .bind_all(organization_id, device_id, to_millis(now))
        .run();
    session->commit();
}

std::vector<PushOutcome> SqlStore::push(const Caller& caller, const std::vector<Observation>& observations,
                                        const std::vector<CoachingActivity>& activities, Timestamp now,
                                        std::optional<Timestamp> sent_at) {
    OrganizationWrite write(*this, caller.organization_id);
    auto outcomes = apply_push(write.db(), write.sequence(), models_, caller, observations, activities, now, sent_at);
    record_device_push(write.db(), caller, write.sequence().last());
    write.commit();
    return outcomes;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

std::vector<Organization> SqlStore::organizations() {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare("SELECT id, name FROM organizations ORDER BY name_key");
    std::vector<Organization> result;
    while (statement.step()) result.push_back({statement.text(0), statement.text(1)});
    return result;
}

std::optional<Organization> SqlStore::find_organization(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    return load_organization(session->db(), organization_id);
}

std::optional<Organization> SqlStore::find_organization_by_name(std::string_view name) {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare("SELECT id, name FROM organizations WHERE name_key = ?1");
    statement.bind_all(name_key(name));
    if (!statement.step()) return std::nullopt;
    return Organization{statement.text(0), statement.text(1)};
}

OrganizationSettings SqlStore::settings(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    return load_settings(session->db(), organization_id).value_or(OrganizationSettings{});
}

std::optional<StoredUser> SqlStore::find_user_by_username(const std::string& organization_id,
                                                          std::string_view username) {
    auto session = engine_->begin(SessionKind::snapshot);  // the user and his units agree
    return load_user_by_username(session->db(), organization_id, username);
}

std::optional<StoredUser> SqlStore::find_user(const std::string& organization_id, const std::string& user_id) {
    auto session = engine_->begin(SessionKind::snapshot);
    return load_user(session->db(), organization_id, user_id);
}

std::vector<User> SqlStore::users(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::snapshot);
    return load_users(session->db(), organization_id);
}

std::optional<TokenRecord> SqlStore::find_valid_token(const std::string& token_hash, Timestamp now) {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare(
        "SELECT t.token_hash, t.organization_id, t.user_id, t.device_id, t.issued_at, t.expires_at"
        " FROM tokens t JOIN devices d ON d.organization_id = t.organization_id AND d.id = t.device_id"
        " JOIN users u ON u.organization_id = t.organization_id AND u.id = t.user_id"
        " WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND d.revoked = 0 AND u.active = 1");
    statement.bind_all(token_hash, to_millis(now));
    if (!statement.step()) return std::nullopt;
    return read_token(statement);
}

std::vector<DeviceRecord> SqlStore::devices(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare(std::string(device_query) +
                                           " WHERE d.organization_id = ?1 ORDER BY d.last_seen DESC, d.id");
    statement.bind_all(organization_id);
    std::vector<DeviceRecord> result;
    while (statement.step()) result.push_back(read_device(statement));
    return result;
}

std::optional<DeviceRecord> SqlStore::find_device(const std::string& organization_id, const std::string& device_id) {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare(std::string(device_query) + " WHERE d.organization_id = ?1 AND d.id = ?2");
    statement.bind_all(organization_id, device_id);
    if (!statement.step()) return std::nullopt;
    return read_device(statement);
}

std::vector<Unit> SqlStore::units(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    return load_units(session->db(), organization_id);
}

std::vector<Employee> SqlStore::employees(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    return load_employees(session->db(), organization_id);
}

std::optional<ExperienceModel> SqlStore::model(const std::string& organization_id, std::optional<int> version) {
    auto session = engine_->begin(SessionKind::snapshot);
    auto& db = session->db();
    if (!version) version = latest_model_version(db, organization_id);
    if (!version) return std::nullopt;
    auto model = models_.get(db, organization_id, *version);
    if (!model) return std::nullopt;
    return *model;
}

std::vector<KpiValue> SqlStore::kpis(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    return load_kpis(session->db(), organization_id);
}

std::int64_t SqlStore::pull_position(const Caller& caller, std::string_view cursor) {
    std::int64_t position = 0;
    // Behind its cursor, a copy would answer "a cursor from the future" and send the phone back to the start.
    if (const auto decoded = decode_cursor(cursor); decoded && decoded->database_id == database_id_) {
        position = decoded->seq;
    }
    // The device's own pushes, as recorded by whichever server took them: read on the primary.
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare("SELECT last_push_seq FROM devices WHERE organization_id = ?1 AND id = ?2");
    statement.bind_all(caller.organization_id, caller.device_id);
    if (statement.step()) position = std::max(position, statement.int64(0));
    return position;
}

PullPage SqlStore::pull(const Caller& caller, std::string_view cursor, int limit) {
    // Without a replica the primary serves every pull, and no position is needed.
    const std::int64_t position = reads_.has_standby() ? pull_position(caller, cursor) : 0;
    return reads_.read(SessionKind::snapshot, caller.organization_id, position, [&](db::Connection& db) {
        return read_pull(db, database_id_, caller, cursor, limit);
    });
}

void SqlStore::for_each_observation(const std::string& organization_id,
                                    const std::function<void(const Observation&)>& visit) {
    auto session = engine_->begin(SessionKind::snapshot);
    for_each_current_observation(session->db(), organization_id, visit);
}

void SqlStore::for_each_activity(const std::string& organization_id,
                                 const std::function<void(const CoachingActivity&)>& visit) {
    auto session = engine_->begin(SessionKind::snapshot);
    for_each_current_activity(session->db(), organization_id, visit);
}

ChangePosition SqlStore::change_position(const std::string& organization_id) {
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare("SELECT change_seq, data_seq FROM organizations WHERE id = ?1");
    statement.bind_all(organization_id);
    if (!statement.step()) return {};
    return {statement.int64(0), statement.int64(1)};
}

namespace {

// The changes in (from, to] with what counted before and after each (Store::record_changes).
AppliedChanges read_record_changes(db::Connection& db, const std::string& organization_id, std::int64_t from,
                                   std::int64_t to) {
    AppliedChanges changes;
    changes.organization_id = organization_id;
    const auto observation_ids = observations_changed_between(db, organization_id, from, to);
    if (!observation_ids.empty()) {
        auto before = observations_at(db, organization_id, observation_ids, from);
        auto after = observations_at(db, organization_id, observation_ids, to);
        for (const auto& id : observation_ids) {
            AppliedChanges::ObservationChange change;
            if (auto it = before.find(id); it != before.end()) change.before = std::move(it->second);
            if (auto it = after.find(id); it != after.end()) change.after = std::move(it->second);
            if (change.before || change.after) changes.observations.push_back(std::move(change));
        }
    }
    const auto activity_ids = activities_changed_between(db, organization_id, from, to);
    if (!activity_ids.empty()) {
        auto before = activities_at(db, organization_id, activity_ids, from);
        auto after = activities_at(db, organization_id, activity_ids, to);
        for (const auto& id : activity_ids) {
            AppliedChanges::ActivityChange change;
            if (auto it = before.find(id); it != before.end()) change.before = std::move(it->second);
            if (auto it = after.find(id); it != after.end()) change.after = std::move(it->second);
            if (change.before || change.after) changes.activities.push_back(std::move(change));
        }
    }
    return changes;
}

}  // namespace

// Any copy will do: the answer names the position its snapshot stands at, and the caller catches up from there.
ChangePosition SqlStore::load_current_records(const std::string& organization_id,
                                              const std::function<void(const Observation&)>& observation,
                                              const std::function<void(const CoachingActivity&)>& activity) {
    bool handed_over = false;
    const auto observe = [&](const Observation& record) {
        handed_over = true;
        observation(record);
    };
    const auto act = [&](const CoachingActivity& record) {
        handed_over = true;
        activity(record);
    };
    // A snapshot session: the position and the rows agree.
    return reads_.read(SessionKind::snapshot, organization_id, 0, [&](db::Connection& db) {
        ChangePosition position;
        {
            auto statement = db.prepare("SELECT change_seq, data_seq FROM organizations WHERE id = ?1");
            statement.bind_all(organization_id);
            if (statement.step()) position = {statement.int64(0), statement.int64(1)};
        }
        for_each_current_observation_fact(db, organization_id, observe);
        for_each_current_activity_fact(db, organization_id, act);
        return position;
    }, &handed_over);
}

// A copy serves it once it shows `to`: every change numbered up to `to` is then there.
AppliedChanges SqlStore::record_changes(const std::string& organization_id, std::int64_t from, std::int64_t to) {
    if (to <= from) return AppliedChanges{organization_id, {}, {}};
    // A single session: the history below `to` no longer changes.
    return reads_.read(SessionKind::single, organization_id, to, [&](db::Connection& db) {
        return read_record_changes(db, organization_id, from, to);
    });
}

// Snapshots name the position they are valid at, and a complete one never changes: any copy will do.
std::optional<IndicatorSnapshotInfo> SqlStore::indicator_snapshot(const std::string& organization_id) {
    return reads_.read(SessionKind::single, organization_id, 0,
                       [&](db::Connection& db) -> std::optional<IndicatorSnapshotInfo> {
                           auto statement = db.prepare(
                               "SELECT snapshot_id, change_seq, parts FROM indicator_snapshots"
                               " WHERE organization_id = ?1 AND complete = 1"
                               " ORDER BY change_seq DESC, created_at DESC LIMIT 1");
                           statement.bind_all(organization_id);
                           if (!statement.step()) return std::nullopt;
                           return IndicatorSnapshotInfo{statement.text(0), statement.int64(1), statement.integer(2)};
                       });
}

std::string SqlStore::indicator_snapshot_part(const std::string& organization_id, const std::string& snapshot_id,
                                              int part) {
    return reads_.read(SessionKind::single, organization_id, 0, [&](db::Connection& db) {
        auto statement = db.prepare(
            "SELECT bytes FROM indicator_snapshot_parts WHERE organization_id = ?1 AND snapshot_id = ?2 AND part = ?3");
        statement.bind_all(organization_id, snapshot_id, part);
        if (!statement.step())
            throw std::runtime_error("indicator snapshot " + snapshot_id + " has no part " + std::to_string(part));
        return statement.blob(0);
    });
}

void SqlStore::save_indicator_snapshot(const std::string& organization_id, std::int64_t change_seq,
                                       const std::function<std::optional<std::string>()>& next_part) {
    const auto snapshot_id = make_uuid_v7(wall_clock());
    const auto now = to_millis(wall_clock());
    {
        auto session = engine_->begin(SessionKind::write);
        session->db()
            .prepare(
                "INSERT INTO indicator_snapshots (organization_id, snapshot_id, change_seq, parts, complete, created_at)"
                " VALUES (?1, ?2, ?3, 0, 0, ?4)")
            .bind_all(organization_id, snapshot_id, change_seq, now)
            .run();
        session->commit();
    }
    int parts = 0;
    while (auto bytes = next_part()) {
        auto session = engine_->begin(SessionKind::write);
        session->db()
            .prepare(
                "INSERT INTO indicator_snapshot_parts (organization_id, snapshot_id, part, bytes) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, organization_id)
            .bind(2, snapshot_id)
            .bind(3, parts++)
            .bind_blob(4, *bytes)
            .run();
        session->commit();
    }
    auto session = engine_->begin(SessionKind::write);
    auto& db = session->db();
    db.prepare("UPDATE indicator_snapshots SET parts = ?3, complete = 1 WHERE organization_id = ?1 AND snapshot_id = ?2")
        .bind_all(organization_id, snapshot_id, parts)
        .run();
    // Older snapshots are of no more use, and unfinished ones an hour old were abandoned by a server that stopped.
    constexpr const char* stale =
        "organization_id = ?1 AND snapshot_id <> ?2"
        " AND ((complete = 1 AND change_seq <= ?3) OR (complete = 0 AND created_at < ?4))";
    db.prepare(std::string("DELETE FROM indicator_snapshot_parts WHERE organization_id = ?1 AND snapshot_id IN"
                           " (SELECT snapshot_id FROM indicator_snapshots WHERE ") +
               stale + ")")
        .bind_all(organization_id, snapshot_id, change_seq, now - 3'600'000)
        .run();
    db.prepare(std::string("DELETE FROM indicator_snapshots WHERE ") + stale)
        .bind_all(organization_id, snapshot_id, change_seq, now - 3'600'000)
        .run();
    session->commit();
}

long long SqlStore::database_bytes() { return engine_->database_bytes(); }

SchemaVersion SqlStore::schema_version() {
    const auto& migrations =
        engine_->backend() == db::Backend::postgresql ? db::postgres_migrations() : db::sqlite_migrations();
    SchemaVersion version;
    version.known = migrations.empty() ? 0 : migrations.back().version;
    auto session = engine_->begin(SessionKind::single);
    auto statement = session->db().prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (statement.step()) version.found = statement.integer(0);
    return version;
}

}  // namespace floorwalk::server
