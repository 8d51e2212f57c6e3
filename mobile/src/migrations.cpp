#include "migrations.h"

// Two layers of records: `observations`/`activities` hold what the server holds (pulled, or acknowledged pushes);
// `outbox` holds the phone's own changes, each a full copy of one revision, until the server answers. What the
// screens show is the newest open outbox entry of a record, else the server copy. A reset therefore only wipes the
// server layer and can never touch an unsent change.
const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations = {
        {1,
         {
             QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"),
             QStringLiteral("CREATE TABLE units (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL, name TEXT NOT NULL, "
                            "kind INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE employees (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, "
                            "display_name TEXT NOT NULL, job_title TEXT NOT NULL, active INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX employees_unit ON employees(unit_id)"),
             QStringLiteral("CREATE TABLE model (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), "
                            "id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, "
                            "mastery_threshold INTEGER NOT NULL)"),
             QStringLiteral("CREATE TABLE model_levels (level INTEGER PRIMARY KEY, label TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE model_dimensions (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                            "name TEXT NOT NULL, description TEXT NOT NULL, behaviours TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE observations (id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, "
                            "observer_id TEXT NOT NULL, observed_at INTEGER NOT NULL, model_version INTEGER NOT NULL, "
                            "ratings TEXT NOT NULL, comment TEXT NOT NULL, coaching_action TEXT NOT NULL, "
                            "revision INTEGER NOT NULL, base_revision INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX observations_employee ON observations(employee_id, observed_at)"),
             QStringLiteral("CREATE TABLE activities (id TEXT PRIMARY KEY, manager_id TEXT NOT NULL, "
                            "kind INTEGER NOT NULL, occurred_at INTEGER NOT NULL, participant_ids TEXT NOT NULL, "
                            "note TEXT NOT NULL, revision INTEGER NOT NULL, base_revision INTEGER NOT NULL)"),
             QStringLiteral(
                 "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL, "
                 "record_id TEXT NOT NULL, revision INTEGER NOT NULL, base_revision INTEGER NOT NULL, "
                 "deleted INTEGER NOT NULL, at INTEGER NOT NULL, "
                 "employee_id TEXT NOT NULL DEFAULT '', model_version INTEGER NOT NULL DEFAULT 0, "
                 "ratings TEXT NOT NULL DEFAULT '[]', comment TEXT NOT NULL DEFAULT '', "
                 "coaching_action TEXT NOT NULL DEFAULT '', activity_kind INTEGER NOT NULL DEFAULT 0, "
                 "participant_ids TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT '', "
                 "state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, error_code TEXT NOT NULL DEFAULT '', "
                 "error_message TEXT NOT NULL DEFAULT '', stored_revision INTEGER NOT NULL DEFAULT 0, "
                 "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
                 "UNIQUE (kind, record_id, revision))"),
             QStringLiteral("CREATE INDEX outbox_state ON outbox(state, seq)"),
             QStringLiteral("CREATE INDEX outbox_record ON outbox(record_id, kind, state)"),
         }},
    };
    return migrations;
}
