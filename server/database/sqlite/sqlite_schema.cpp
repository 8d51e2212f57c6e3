// The SQLite schema, as numbered migrations (database/migration.h). The PostgreSQL schema has the same numbers,
// tables and columns (database/postgres/postgres_schema.cpp); the storage layer's SQL runs on both.
//
// Conventions (read this before writing SQL against the schema, e.g. the indicators' naive baseline):
// - Every organisation-owned table starts with `organization_id`; every query filters on it.
// - Times are INTEGER milliseconds since the Unix epoch, UTC. Booleans are INTEGER 0/1.
// - Enumerations are stored as their lower-case names: role 'manager'|'director'|'hq'|'admin'; unit kind
//   'organization'|'business_unit'|'region'|'store'|'team'; activity kind 'one_to_one'|'team_briefing'|'challenge'.
// - `seq` / `*_seq` columns hold values of the organisation's change counter (organizations.change_seq since
//   migration 3; one database-wide sequence before), advanced inside the writing transaction while the
//   organisation's row is locked, so one organisation's commit order is its sequence order; pull cursors point
//   into it.
// - Observations and activities keep every accepted revision (`*_revisions`, the history) plus one current row per
//   record (`observations`, `activities`). A current row with deleted = 1 is a tombstone: it counts nowhere.
//   Ratings and participants are stored per revision; join them on (organization_id, id, revision) of the current
//   row to read what counts now:
//     SELECT o.employee_id, o.observed_at, r.dimension_id, r.level
//     FROM observations o
//     JOIN observation_ratings r ON r.organization_id = o.organization_id AND r.observation_id = o.id
//                               AND r.revision = o.revision
//     WHERE o.organization_id = ? AND o.deleted = 0;
#include "database/sqlite/sqlite_schema.h"

namespace floorwalk::server::db {
namespace {

constexpr std::string_view initial_schema = R"sql(
-- Key/value facts about this database: 'database_id' (a UUID naming the database in pull cursors).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The last value of the change sequence (one row).
CREATE TABLE change_sequence (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);

-- Tenants. Every other table is scoped by organization_id.
CREATE TABLE organizations (
  id             TEXT PRIMARY KEY,              -- UUID
  name           TEXT NOT NULL COLLATE NOCASE UNIQUE,  -- what people type at login
  min_group_size INTEGER NOT NULL DEFAULT 3,    -- OrganizationSettings
  due_after_days INTEGER NOT NULL DEFAULT 30,
  settings_seq   INTEGER NOT NULL DEFAULT 0,    -- last change of the settings
  created_at     INTEGER NOT NULL
);

-- The unit tree: one root (parent_id NULL) per organisation, no cycles (enforced by the import).
CREATE TABLE units (
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  id              TEXT NOT NULL,                -- the customer's id
  parent_id       TEXT,                         -- NULL for the root
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  changed_seq     INTEGER NOT NULL,             -- last change of any column
  moved_seq       INTEGER NOT NULL DEFAULT 0,   -- last change of parent_id of an existing unit
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, parent_id) REFERENCES units (organization_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX units_by_parent ON units (organization_id, parent_id);

-- Employees and their current unit (an employee counts in his current unit).
CREATE TABLE employees (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,                -- the customer's HR id
  unit_id         TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  job_title       TEXT NOT NULL,
  active          INTEGER NOT NULL,
  changed_seq     INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, unit_id) REFERENCES units (organization_id, id)
);
CREATE INDEX employees_by_unit ON employees (organization_id, unit_id);

-- Every change of an existing employee's unit: a scoped pull whose cursor predates a move into or out of its scope
-- restarts from scratch, because the records it holds no longer match what it may see.
CREATE TABLE employee_moves (
  organization_id TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  employee_id     TEXT NOT NULL,
  from_unit_id    TEXT NOT NULL,
  to_unit_id      TEXT NOT NULL,
  PRIMARY KEY (organization_id, seq)
);

-- People who sign in. Matched by username within the organisation.
CREATE TABLE users (
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  id              TEXT NOT NULL,                -- UUID assigned by the server
  username        TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL,
  password_hash   TEXT NOT NULL,                -- argon2id string; '' cannot log in
  scope_seq       INTEGER NOT NULL,             -- last change of role or units: the user's pull cursors restart
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, username)
);

-- The units a user is assigned to (a manager's stores, a director's regions), in the order given.
CREATE TABLE user_units (
  organization_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  position        INTEGER NOT NULL,
  PRIMARY KEY (organization_id, user_id, unit_id),
  FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, unit_id) REFERENCES units (organization_id, id)
) WITHOUT ROWID;
CREATE INDEX user_units_by_unit ON user_units (organization_id, unit_id);

-- The experience model, versioned: an import adds version max + 1; records name the version they were rated in.
CREATE TABLE models (
  organization_id   TEXT NOT NULL REFERENCES organizations (id),
  version           INTEGER NOT NULL,
  model_id          TEXT NOT NULL,
  name              TEXT NOT NULL,
  mastery_threshold INTEGER NOT NULL,
  created_seq       INTEGER NOT NULL,
  PRIMARY KEY (organization_id, version)
);
CREATE TABLE model_levels (
  organization_id TEXT NOT NULL,
  version         INTEGER NOT NULL,
  level           INTEGER NOT NULL,
  label           TEXT NOT NULL,
  PRIMARY KEY (organization_id, version, level),
  FOREIGN KEY (organization_id, version) REFERENCES models (organization_id, version)
) WITHOUT ROWID;
CREATE TABLE model_dimensions (
  organization_id TEXT NOT NULL,
  version         INTEGER NOT NULL,
  position        INTEGER NOT NULL,             -- model order, 0-based
  id              TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  PRIMARY KEY (organization_id, version, id),
  UNIQUE (organization_id, version, position),
  FOREIGN KEY (organization_id, version) REFERENCES models (organization_id, version)
) WITHOUT ROWID;
CREATE TABLE model_behaviours (
  organization_id TEXT NOT NULL,
  version         INTEGER NOT NULL,
  dimension_id    TEXT NOT NULL,
  position        INTEGER NOT NULL,
  text            TEXT NOT NULL,
  PRIMARY KEY (organization_id, version, dimension_id, position),
  FOREIGN KEY (organization_id, version, dimension_id) REFERENCES model_dimensions (organization_id, version, id)
) WITHOUT ROWID;

-- Observations: every accepted revision, as the client sent it (observer_id is the caller who pushed it).
CREATE TABLE observation_revisions (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,                -- UUID made on the phone
  revision        INTEGER NOT NULL,
  base_revision   INTEGER NOT NULL,
  employee_id     TEXT NOT NULL,
  observer_id     TEXT NOT NULL,                -- users.id
  observed_at     INTEGER NOT NULL,
  model_version   INTEGER NOT NULL,
  comment         TEXT NOT NULL,
  coaching_action TEXT NOT NULL,
  deleted         INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id, revision),
  FOREIGN KEY (organization_id, employee_id) REFERENCES employees (organization_id, id),
  FOREIGN KEY (organization_id, observer_id) REFERENCES users (organization_id, id)
) WITHOUT ROWID;
CREATE TABLE observation_ratings (
  organization_id TEXT NOT NULL,
  observation_id  TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  position        INTEGER NOT NULL,             -- the order the client sent, 0-based
  dimension_id    TEXT NOT NULL,
  level           INTEGER NOT NULL,
  PRIMARY KEY (organization_id, observation_id, revision, position),
  FOREIGN KEY (organization_id, observation_id, revision)
    REFERENCES observation_revisions (organization_id, id, revision)
) WITHOUT ROWID;
-- The current revision of each observation; seq is the change that made it current (pulls page on it).
CREATE TABLE observations (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  employee_id     TEXT NOT NULL,
  observer_id     TEXT NOT NULL,
  observed_at     INTEGER NOT NULL,
  model_version   INTEGER NOT NULL,
  comment         TEXT NOT NULL,
  coaching_action TEXT NOT NULL,
  deleted         INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, id, revision) REFERENCES observation_revisions (organization_id, id, revision)
) WITHOUT ROWID;
CREATE INDEX observations_by_seq ON observations (organization_id, seq);

-- Coaching activities, organised like observations.
CREATE TABLE activity_revisions (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  base_revision   INTEGER NOT NULL,
  manager_id      TEXT NOT NULL,                -- users.id of the author
  kind            TEXT NOT NULL,
  occurred_at     INTEGER NOT NULL,
  note            TEXT NOT NULL,
  deleted         INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id, revision),
  FOREIGN KEY (organization_id, manager_id) REFERENCES users (organization_id, id)
) WITHOUT ROWID;
CREATE TABLE activity_participants (
  organization_id TEXT NOT NULL,
  activity_id     TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  employee_id     TEXT NOT NULL,
  PRIMARY KEY (organization_id, activity_id, revision, position),
  FOREIGN KEY (organization_id, activity_id, revision) REFERENCES activity_revisions (organization_id, id, revision),
  FOREIGN KEY (organization_id, employee_id) REFERENCES employees (organization_id, id)
) WITHOUT ROWID;
CREATE TABLE activities (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  manager_id      TEXT NOT NULL,
  kind            TEXT NOT NULL,
  occurred_at     INTEGER NOT NULL,
  note            TEXT NOT NULL,
  deleted         INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, id, revision) REFERENCES activity_revisions (organization_id, id, revision)
) WITHOUT ROWID;
CREATE INDEX activities_by_seq ON activities (organization_id, seq);

-- Business KPIs, one value per (unit, period, metric); period is 'YYYY-MM' or 'YYYY-Www'.
CREATE TABLE kpis (
  organization_id TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  period          TEXT NOT NULL,
  metric          TEXT NOT NULL,
  value           REAL NOT NULL,
  changed_seq     INTEGER NOT NULL,
  PRIMARY KEY (organization_id, unit_id, period, metric),
  FOREIGN KEY (organization_id, unit_id) REFERENCES units (organization_id, id)
) WITHOUT ROWID;

-- Devices that signed in. A revoked device stays revoked: tokens issued to it are never valid again.
CREATE TABLE devices (
  organization_id TEXT NOT NULL,
  id              TEXT NOT NULL,                -- chosen by the phone
  user_id         TEXT NOT NULL,                -- the last user who signed in on it
  name            TEXT NOT NULL,
  last_seen       INTEGER NOT NULL,
  revoked         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
) WITHOUT ROWID;

-- Bearer tokens, by the hex SHA-256 of the token (the token itself is never stored).
CREATE TABLE tokens (
  token_hash      TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  issued_at       INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  FOREIGN KEY (organization_id, device_id) REFERENCES devices (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id)
) WITHOUT ROWID;
CREATE INDEX tokens_by_device ON tokens (organization_id, device_id);
CREATE INDEX tokens_by_expiry ON tokens (expires_at);
)sql";

constexpr std::string_view users_active_and_login_attempts = R"sql(
-- A deactivated user cannot sign in; deactivating deletes the user's tokens in the same transaction.
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- When an employee was made inactive (ms; NULL while active): observations dated after it are refused, those
-- made before it (offline, sent late) are still accepted. Employees already inactive get the migration's time,
-- which refuses nothing that could have been recorded while they were active.
ALTER TABLE employees ADD COLUMN inactive_since INTEGER;
UPDATE employees SET inactive_since = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE active = 0;

-- Sign-in attempts per throttling key (an account: organisation id + username; an address, IPv6 by /64), counted
-- before the password is checked, in windows that start at a key's first attempt. Kept in the database so that
-- every server process counts the same attempts. Rows whose window ended are deleted as attempts come.
CREATE TABLE login_attempts (
  key          TEXT PRIMARY KEY,
  attempts     INTEGER NOT NULL,
  window_start INTEGER NOT NULL
);
CREATE INDEX login_attempts_by_window ON login_attempts (window_start);
)sql";

constexpr std::string_view per_organization_counters = R"sql(
-- Each organisation counts its own changes: writers of different organisations never wait for each other, and a
-- pull cursor is a position in its organisation's counter. The counters start at the old database-wide value,
-- so every cursor handed out before stays valid.
ALTER TABLE organizations ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE organizations SET change_seq = (SELECT last_seq FROM change_sequence WHERE id = 1);
DROP TABLE change_sequence;
-- The last change of the organisation's data (units, employees, users, model, settings, KPIs) rather than of its
-- records: a reader that keeps a copy of that data (the indicators) reads it again when this moves.
ALTER TABLE organizations ADD COLUMN data_seq INTEGER NOT NULL DEFAULT 0;
UPDATE organizations SET data_seq = change_seq;

-- Organisation names are matched without regard to ASCII case, by a key the server computes (the same on every
-- engine): "demo", "Demo" and "DEMO" are one organisation.
ALTER TABLE organizations ADD COLUMN name_key TEXT;
UPDATE organizations SET name_key = lower(name);
CREATE UNIQUE INDEX organizations_by_name_key ON organizations (name_key);

-- The revisions of a range of changes, for readers that follow an organisation's changes from a position
-- (the indicators of every server): what changed after it, and what each record was then.
CREATE INDEX observation_revisions_by_seq ON observation_revisions (organization_id, seq);
CREATE INDEX activity_revisions_by_seq ON activity_revisions (organization_id, seq);
)sql";

constexpr std::string_view indicator_snapshots = R"sql(
-- Saved copies of an organisation's indicator state (server/indicators), so that a server that starts or takes an
-- organisation back answers in seconds at any size. Written by any server, in parts of a few MiB, each part in a
-- transaction of its own; used once `complete`. Every server reads the newest complete one.
CREATE TABLE indicator_snapshots (
  organization_id TEXT NOT NULL,
  snapshot_id     TEXT NOT NULL,
  change_seq      INTEGER NOT NULL,
  parts           INTEGER NOT NULL,
  complete        INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (organization_id, snapshot_id)
);
CREATE INDEX indicator_snapshots_newest ON indicator_snapshots (organization_id, complete, change_seq);
CREATE TABLE indicator_snapshot_parts (
  organization_id TEXT NOT NULL,
  snapshot_id     TEXT NOT NULL,
  part            INTEGER NOT NULL,
  bytes           BLOB NOT NULL,
  PRIMARY KEY (organization_id, snapshot_id, part)
);
)sql";

constexpr std::string_view device_push_positions = R"sql(
-- Where each device's pushes stand: the organisation's change counter as the device's last push left it, written
-- in the push's own transaction. A read that must show a device its own pushes (a pull served by a hot standby)
-- is served by a copy only once the copy's counter reached it; any server can tell, whichever took the push.
-- Devices that pushed before this migration get their organisation's counter as it stands now: it covers every
-- push they made.
ALTER TABLE devices ADD COLUMN last_push_seq INTEGER NOT NULL DEFAULT 0;
UPDATE devices SET last_push_seq =
  coalesce((SELECT o.change_seq FROM organizations o WHERE o.id = devices.organization_id), 0);
)sql";

constexpr std::string_view device_record_times = R"sql(
-- The time the phone sent for each revision (ms), before the server put it on its own clock (docs/indicators.md,
-- "Record times and phone clocks"); observed_at / occurred_at hold the corrected time that pulls and indicators
-- use. The time as sent is the revision's identity: a resend is compared on it. Revisions stored before this
-- migration were never corrected: their time as sent is their time.
ALTER TABLE observation_revisions ADD COLUMN device_observed_at INTEGER;
UPDATE observation_revisions SET device_observed_at = observed_at;
ALTER TABLE activity_revisions ADD COLUMN device_occurred_at INTEGER;
UPDATE activity_revisions SET device_occurred_at = occurred_at;
)sql";

constexpr std::string_view observations_by_employee = R"sql(
-- A manager's or director's first pull reads the current observations of the employees in scope by employee
-- (sync/pull.cpp), instead of walking every observation of the organisation in change order.
CREATE INDEX observations_by_employee ON observations (organization_id, employee_id, seq);
)sql";

}  // namespace

const std::vector<Migration>& sqlite_migrations() {
    static const std::vector<Migration> all = {
        {1, "initial schema", initial_schema},
        {2, "users can be deactivated; employees remember since when they are inactive; login attempts are counted",
         users_active_and_login_attempts},
        {3, "per-organisation change counters; organisation name keys; revisions by change", per_organization_counters},
        {4, "indicator snapshots", indicator_snapshots},
        {5, "devices remember the change position of their last push", device_push_positions},
        {6, "revisions keep the record time their phone sent", device_record_times},
        {7, "current observations by employee, for a scoped first pull", observations_by_employee},
    };
    return all;
}

}  // namespace floorwalk::server::db
