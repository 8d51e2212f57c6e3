#include "storage/sqlite_store.h"

#include "floorwalk/uuid.h"
#include "floorwalk/validation.h"
#include "storage/imports.h"
#include "storage/migrations.h"
#include "storage/org_rows.h"
#include "storage/pull.h"
#include "storage/push.h"
#include "storage/record_rows.h"

#include <chrono>
#include <stdexcept>
#include <system_error>

namespace floorwalk::server {
namespace {

constexpr std::size_t max_idle_readers = 8;

Timestamp wall_clock() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

void require_organization(sqlite::Connection& db, const std::string& organization_id) {
    if (!load_organization(db, organization_id)) {
        throw std::invalid_argument("organisation " + organization_id + " does not exist");
    }
}

std::string joined_messages(const ValidationErrors& errors) {
    std::string text;
    for (const auto& error : errors) {
        if (!text.empty()) text += "; ";
        text += error.message;
    }
    return text;
}

TokenRecord read_token(const sqlite::Statement& row) {
    return TokenRecord{
        row.text(0), row.text(1), row.text(2), row.text(3), from_millis(row.int64(4)), from_millis(row.int64(5))};
}

constexpr const char* device_query =
    "SELECT d.id, d.organization_id, d.user_id, coalesce(u.username, ''), d.name, d.last_seen, d.revoked"
    " FROM devices d LEFT JOIN users u ON u.organization_id = d.organization_id AND u.id = d.user_id";

DeviceRecord read_device(const sqlite::Statement& row) {
    return DeviceRecord{row.text(0),        row.text(1), row.text(2),
                        row.text(3),        row.text(4), from_millis(row.int64(5)),
                        row.integer(6) != 0};
}

}  // namespace

std::filesystem::path database_path(const std::filesystem::path& data_dir) { return data_dir / "floorwalk.db"; }

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir) {
    return std::make_unique<SqliteStore>(data_dir);
}

// ---------------------------------------------------------------------------------------------------------------
// Opening

SqliteStore::SqliteStore(const std::filesystem::path& data_dir) : database_path_(database_path(data_dir)) {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) {
        throw std::runtime_error("cannot create the data folder " + data_dir.string() + ": " + error.message());
    }
    try {
        writer_ = std::make_unique<sqlite::Connection>(database_path_, sqlite::Connection::Mode::read_write);
        // WAL lets readers work beside the writer; FULL syncs the WAL at every commit, which is what makes an
        // acknowledged push survive a power loss.
        if (const auto mode = writer_->pragma("journal_mode = WAL"); mode != "wal") {
            throw std::runtime_error("the database cannot use write-ahead logging (journal mode stays \"" + mode +
                                     "\"); is the folder on a network file system?");
        }
        // A 64 MiB page cache keeps the hot B-tree pages of a large organisation in memory between pushes.
        writer_->execute(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"
            " PRAGMA cache_size = -65536;");
        schema_version_ = run_migrations(*writer_);

        {
            sqlite::Transaction transaction(*writer_, sqlite::Transaction::Kind::immediate);
            writer_->prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('database_id', ?1)")
                .bind_all(make_uuid_v7(wall_clock()))
                .run();
            transaction.commit();
        }
        auto statement = writer_->prepare("SELECT value FROM meta WHERE key = 'database_id'");
        if (!statement.step()) throw std::runtime_error("the database has no id (table meta)");
        database_id_ = statement.text(0);
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot open the Floorwalk database " + database_path_.string() + ": " + e.what());
    }
    readers_ = std::make_unique<ReaderPool>(database_path_, max_idle_readers);
}

SqliteStore::~SqliteStore() {
    // Readers close first, so that closing the writer (the last connection) checkpoints and removes the WAL.
    readers_.reset();
    writer_.reset();
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

// The writer's mutex and an immediate transaction for one write call; the change sequence is read after BEGIN,
// when the write lock is held, so a second process writing the same file (the admin CLI) never reuses a number.
class SqliteStore::WriteScope {
public:
    explicit WriteScope(SqliteStore& store)
        : store_(store), lock_(store.write_mutex_), transaction_(*store.writer_, sqlite::Transaction::Kind::immediate) {
        store_.sequence_.load(*store_.writer_);
        first_seq_ = store_.sequence_.last();
    }

    [[nodiscard]] sqlite::Connection& db() { return *store_.writer_; }
    [[nodiscard]] ChangeSequence& sequence() { return store_.sequence_; }

    void commit() {
        if (store_.sequence_.last() != first_seq_) store_.sequence_.save(*store_.writer_);
        transaction_.commit();
    }

private:
    SqliteStore& store_;
    std::unique_lock<std::mutex> lock_;
    sqlite::Transaction transaction_;
    std::int64_t first_seq_ = 0;
};

void SqliteStore::set_observer(std::shared_ptr<StoreObserver> observer) {
    std::lock_guard lock(write_mutex_);
    observer_ = std::move(observer);
}

void SqliteStore::notify(const AppliedChanges& changes) {
    if (observer_) observer_->on_applied(changes);
}

Organization SqliteStore::create_organization(std::string_view name) {
    if (name.empty() || !utf8_length(name) || *utf8_length(name) > max_name_length) {
        throw std::invalid_argument("an organisation name is 1 to " + std::to_string(max_name_length) +
                                    " characters of UTF-8 text");
    }
    WriteScope write(*this);
    auto existing = write.db().prepare("SELECT id, name FROM organizations WHERE name = ?1");
    existing.bind(1, name);
    if (existing.step()) return Organization{existing.text(0), existing.text(1)};
    Organization organization{make_uuid_v7(wall_clock()), std::string(name)};
    write.db()
        .prepare("INSERT INTO organizations (id, name, settings_seq, created_at) VALUES (?1, ?2, ?3, ?4)")
        .bind_all(organization.id, organization.name, write.sequence().next(), to_millis(wall_clock()))
        .run();
    write.commit();
    return organization;
}

void SqliteStore::set_settings(const std::string& organization_id, const OrganizationSettings& settings) {
    if (const auto errors = validate_settings(settings); !errors.empty()) {
        throw std::invalid_argument(joined_messages(errors));
    }
    WriteScope write(*this);
    require_organization(write.db(), organization_id);
    if (load_settings(write.db(), organization_id) == settings) return;
    write.db()
        .prepare("UPDATE organizations SET min_group_size = ?2, due_after_days = ?3, settings_seq = ?4 WHERE id = ?1")
        .bind_all(organization_id, settings.min_group_size, settings.due_after_days, write.sequence().next())
        .run();
    write.commit();
    AppliedChanges changes;
    changes.organization_id = organization_id;
    changes.organization_changed = true;
    notify(changes);
}

template <typename Apply>
ImportResult SqliteStore::import(const std::string& organization_id, Apply&& apply) {
    WriteScope write(*this);
    require_organization(write.db(), organization_id);
    ImportResult result = apply(write.db(), write.sequence());
    // Nothing to keep when a row failed (nothing was written) or when every row was already stored as given.
    if (!result.errors.empty() || result.applied == 0) return result;
    write.commit();
    AppliedChanges changes;
    changes.organization_id = organization_id;
    changes.organization_changed = true;
    notify(changes);
    return result;
}

ImportResult SqliteStore::import_users(const std::string& organization_id, const std::vector<UserImportRow>& rows) {
    return import(organization_id, [&](sqlite::Connection& db, ChangeSequence& sequence) {
        return apply_user_import(db, sequence, organization_id, rows, wall_clock());
    });
}

ImportResult SqliteStore::import_units(const std::string& organization_id, const std::vector<Unit>& units) {
    return import(organization_id, [&](sqlite::Connection& db, ChangeSequence& sequence) {
        return apply_unit_import(db, sequence, organization_id, units);
    });
}

ImportResult SqliteStore::import_employees(const std::string& organization_id, const std::vector<Employee>& employees) {
    return import(organization_id, [&](sqlite::Connection& db, ChangeSequence& sequence) {
        return apply_employee_import(db, sequence, organization_id, employees, wall_clock());
    });
}

ImportResult SqliteStore::import_model(const std::string& organization_id, const ExperienceModel& model) {
    return import(organization_id, [&](sqlite::Connection& db, ChangeSequence& sequence) {
        return apply_model_import(db, sequence, organization_id, model);
    });
}

ImportResult SqliteStore::import_kpis(const std::string& organization_id, const std::vector<KpiValue>& kpis) {
    return import(organization_id, [&](sqlite::Connection& db, ChangeSequence& sequence) {
        return apply_kpi_import(db, sequence, organization_id, kpis);
    });
}

bool SqliteStore::set_password_hash(const std::string& organization_id, const std::string& user_id,
                                    const std::string& password_hash) {
    WriteScope write(*this);
    write.db()
        .prepare("UPDATE users SET password_hash = ?3 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, user_id, password_hash)
        .run();
    const bool found = write.db().changes() > 0;
    if (found) delete_user_tokens(write.db(), organization_id, user_id);
    write.commit();
    return found;
}

bool SqliteStore::set_user_active(const std::string& organization_id, const std::string& user_id, bool active) {
    WriteScope write(*this);
    const auto user = load_user(write.db(), organization_id, user_id);
    if (!user) return false;
    if (user->user.active == active) return true;
    write.db()
        .prepare("UPDATE users SET active = ?3 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, user_id, active)
        .run();
    if (!active) delete_user_tokens(write.db(), organization_id, user_id);
    write.commit();
    AppliedChanges changes;
    changes.organization_id = organization_id;
    changes.organization_changed = true;
    notify(changes);
    return true;
}

bool SqliteStore::sign_out_user(const std::string& organization_id, const std::string& user_id) {
    WriteScope write(*this);
    if (!load_user(write.db(), organization_id, user_id)) return false;
    delete_user_tokens(write.db(), organization_id, user_id);
    write.commit();
    return true;
}

LoginAttemptWindow SqliteStore::count_login_attempt(const std::string& key, Timestamp now,
                                                    std::chrono::milliseconds window) {
    WriteScope write(*this);
    auto& db = write.db();
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
    write.commit();
    return counted;
}

void SqliteStore::discount_login_attempt(const std::string& key, bool all) {
    WriteScope write(*this);
    if (all) {
        write.db().prepare("DELETE FROM login_attempts WHERE key = ?1").bind_all(key).run();
    } else {
        write.db().prepare("UPDATE login_attempts SET attempts = attempts - 1 WHERE key = ?1 AND attempts > 0").bind_all(key).run();
    }
    write.commit();
}

void SqliteStore::save_token(const TokenRecord& token, std::string_view device_name) {
    WriteScope write(*this);
    auto& db = write.db();
    // The device follows whoever signed in last on it; `revoked` is left as it is.
    db.prepare(
          "INSERT INTO devices (organization_id, id, user_id, name, last_seen, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)"
          " ON CONFLICT (organization_id, id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name,"
          " last_seen = max(last_seen, excluded.last_seen)")
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
    // Housekeeping: tokens that expired are useless, drop them while the writer is here anyway.
    db.prepare("DELETE FROM tokens WHERE expires_at <= ?1").bind_all(to_millis(token.issued_at)).run();
    write.commit();
}

void SqliteStore::delete_token(const std::string& token_hash) {
    WriteScope write(*this);
    write.db().prepare("DELETE FROM tokens WHERE token_hash = ?1").bind_all(token_hash).run();
    write.commit();
}

bool SqliteStore::revoke_device(const std::string& organization_id, const std::string& device_id) {
    WriteScope write(*this);
    write.db()
        .prepare("UPDATE devices SET revoked = 1 WHERE organization_id = ?1 AND id = ?2")
        .bind_all(organization_id, device_id)
        .run();
    if (write.db().changes() == 0) return false;
    write.db()
        .prepare("DELETE FROM tokens WHERE organization_id = ?1 AND device_id = ?2")
        .bind_all(organization_id, device_id)
        .run();
    write.commit();
    return true;
}

void SqliteStore::touch_device(const std::string& organization_id, const std::string& device_id, Timestamp now) {
    WriteScope write(*this);
    write.db()
        .prepare("UPDATE devices SET last_seen = ?3 WHERE organization_id = ?1 AND id = ?2 AND last_seen < ?3")
        .bind_all(organization_id, device_id, to_millis(now))
        .run();
    write.commit();
}

std::vector<PushOutcome> SqliteStore::push(const Caller& caller, const std::vector<Observation>& observations,
                                           const std::vector<CoachingActivity>& activities, Timestamp now) {
    WriteScope write(*this);
    auto applied = apply_push(write.db(), write.sequence(), models_, caller, observations, activities, now);
    write.commit();
    if (!applied.changes.observations.empty() || !applied.changes.activities.empty()) notify(applied.changes);
    return std::move(applied.outcomes);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

std::vector<Organization> SqliteStore::organizations() {
    auto db = readers_->acquire();
    auto statement = db->prepare("SELECT id, name FROM organizations ORDER BY name");
    std::vector<Organization> result;
    while (statement.step()) result.push_back({statement.text(0), statement.text(1)});
    return result;
}

std::optional<Organization> SqliteStore::find_organization_by_name(std::string_view name) {
    auto db = readers_->acquire();
    auto statement = db->prepare("SELECT id, name FROM organizations WHERE name = ?1");
    statement.bind(1, name);
    if (!statement.step()) return std::nullopt;
    return Organization{statement.text(0), statement.text(1)};
}

OrganizationSettings SqliteStore::settings(const std::string& organization_id) {
    auto db = readers_->acquire();
    return load_settings(*db, organization_id).value_or(OrganizationSettings{});
}

std::optional<StoredUser> SqliteStore::find_user_by_username(const std::string& organization_id,
                                                             std::string_view username) {
    auto db = readers_->acquire();
    sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::deferred);  // the user and his units agree
    auto user = load_user_by_username(*db, organization_id, username);
    snapshot.commit();
    return user;
}

std::optional<StoredUser> SqliteStore::find_user(const std::string& organization_id, const std::string& user_id) {
    auto db = readers_->acquire();
    sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::deferred);
    auto user = load_user(*db, organization_id, user_id);
    snapshot.commit();
    return user;
}

std::vector<User> SqliteStore::users(const std::string& organization_id) {
    auto db = readers_->acquire();
    sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::deferred);
    auto users = load_users(*db, organization_id);
    snapshot.commit();
    return users;
}

std::optional<TokenRecord> SqliteStore::find_valid_token(const std::string& token_hash, Timestamp now) {
    auto db = readers_->acquire();
    auto statement = db->prepare(
        "SELECT t.token_hash, t.organization_id, t.user_id, t.device_id, t.issued_at, t.expires_at"
        " FROM tokens t JOIN devices d ON d.organization_id = t.organization_id AND d.id = t.device_id"
        " JOIN users u ON u.organization_id = t.organization_id AND u.id = t.user_id"
        " WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND d.revoked = 0 AND u.active = 1");
    statement.bind_all(token_hash, to_millis(now));
    if (!statement.step()) return std::nullopt;
    return read_token(statement);
}

std::vector<DeviceRecord> SqliteStore::devices(const std::string& organization_id) {
    auto db = readers_->acquire();
    auto statement =
        db->prepare(std::string(device_query) + " WHERE d.organization_id = ?1 ORDER BY d.last_seen DESC, d.id");
    statement.bind_all(organization_id);
    std::vector<DeviceRecord> result;
    while (statement.step()) result.push_back(read_device(statement));
    return result;
}

std::optional<DeviceRecord> SqliteStore::find_device(const std::string& organization_id, const std::string& device_id) {
    auto db = readers_->acquire();
    auto statement = db->prepare(std::string(device_query) + " WHERE d.organization_id = ?1 AND d.id = ?2");
    statement.bind_all(organization_id, device_id);
    if (!statement.step()) return std::nullopt;
    return read_device(statement);
}

std::vector<Unit> SqliteStore::units(const std::string& organization_id) {
    auto db = readers_->acquire();
    return load_units(*db, organization_id);
}

std::vector<Employee> SqliteStore::employees(const std::string& organization_id) {
    auto db = readers_->acquire();
    return load_employees(*db, organization_id);
}

std::optional<ExperienceModel> SqliteStore::model(const std::string& organization_id, std::optional<int> version) {
    auto db = readers_->acquire();
    if (!version) version = latest_model_version(*db, organization_id);
    if (!version) return std::nullopt;
    auto model = models_.get(*db, organization_id, *version);
    if (!model) return std::nullopt;
    return *model;
}

std::vector<KpiValue> SqliteStore::kpis(const std::string& organization_id) {
    auto db = readers_->acquire();
    return load_kpis(*db, organization_id);
}

PullPage SqliteStore::pull(const Caller& caller, std::string_view cursor, int limit) {
    auto db = readers_->acquire();
    return read_pull(*db, database_id_, caller, cursor, limit);
}

void SqliteStore::for_each_observation(const std::string& organization_id,
                                       const std::function<void(const Observation&)>& visit) {
    auto db = readers_->acquire();
    sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::deferred);
    for_each_current_observation(*db, organization_id, visit);
    snapshot.commit();
}

void SqliteStore::for_each_activity(const std::string& organization_id,
                                    const std::function<void(const CoachingActivity&)>& visit) {
    auto db = readers_->acquire();
    sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::deferred);
    for_each_current_activity(*db, organization_id, visit);
    snapshot.commit();
}

long long SqliteStore::database_bytes() {
    long long total = 0;
    for (const auto& path : {database_path_, std::filesystem::path(database_path_.string() + "-wal")}) {
        std::error_code error;
        const auto size = std::filesystem::file_size(path, error);
        if (!error) total += static_cast<long long>(size);
    }
    return total;
}

}  // namespace floorwalk::server
