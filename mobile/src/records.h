// The records the app's C++ layers exchange. Qt-typed on purpose: models, store and sync engine talk in these, and
// only the few translation units that call shared/ (indicators, validation, wire) convert to floorwalk:: types.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct ScaleLevel {
    int level = 0;
    QString label;
    friend bool operator==(const ScaleLevel &, const ScaleLevel &) = default;
};

struct DimensionInfo {
    QString id;
    QString name;
    QString description;
    QStringList behaviours;
    friend bool operator==(const DimensionInfo &, const DimensionInfo &) = default;
};

// The experience model the manager observes with (the latest version pulled from the server).
struct ModelInfo {
    QString id;
    int version = 0;
    QString name;
    QList<ScaleLevel> levels;  // strictly increasing
    int masteryThreshold = 3;
    QList<DimensionInfo> dimensions;

    [[nodiscard]] bool isValid() const { return !id.isEmpty() && !dimensions.isEmpty() && !levels.isEmpty(); }
    [[nodiscard]] QString levelLabel(int level) const;
    [[nodiscard]] int dimensionIndex(const QString &dimensionId) const;  // -1 when unknown
    [[nodiscard]] int maxLevel() const { return levels.isEmpty() ? 0 : levels.constLast().level; }
    [[nodiscard]] int minLevel() const { return levels.isEmpty() ? 0 : levels.constFirst().level; }
    friend bool operator==(const ModelInfo &, const ModelInfo &) = default;
};

// Mirrors floorwalk.v1.UnitKind's numbering.
enum class UnitKind { Unspecified = 0, Organization = 1, BusinessUnit = 2, Region = 3, Store = 4, Team = 5 };

struct UnitRecord {
    QString id;
    QString parentId;
    QString name;
    UnitKind kind = UnitKind::Unspecified;
    friend bool operator==(const UnitRecord &, const UnitRecord &) = default;
};

struct EmployeeRecord {
    QString id;
    QString unitId;
    QString displayName;
    QString jobTitle;
    bool active = true;
    friend bool operator==(const EmployeeRecord &, const EmployeeRecord &) = default;
};

// Mirrors floorwalk.v1.Role's numbering.
enum class UserRole { Unspecified = 0, Manager = 1, Director = 2, Hq = 3, Admin = 4 };

struct UserInfo {
    QString id;
    QString username;
    QString displayName;
    UserRole role = UserRole::Unspecified;
    QStringList unitIds;
    friend bool operator==(const UserInfo &, const UserInfo &) = default;
};

struct OrgSettings {
    int minGroupSize = 3;
    int dueAfterDays = 30;
    friend bool operator==(const OrgSettings &, const OrgSettings &) = default;
};

struct RatingValue {
    QString dimensionId;
    int level = 0;
    friend bool operator==(const RatingValue &, const RatingValue &) = default;
};

// Where a record stands between the phone and the server, as the screens show it.
enum class LocalState {
    Synced,         // the server holds this revision
    Pending,        // waiting in the outbox (or being sent)
    NeedsAttention  // the server rejected it or reported a conflict
};

struct ObservationRecord {
    QString id;  // UUIDv7 made on the phone
    QString employeeId;
    QString observerId;
    QDateTime observedAt;
    int modelVersion = 0;
    QList<RatingValue> ratings;
    QString comment;
    QString coachingAction;
    int revision = 1;
    int baseRevision = 0;
    bool deleted = false;
    LocalState localState = LocalState::Synced;

    [[nodiscard]] std::optional<int> levelFor(const QString &dimensionId) const;
};

// Mirrors floorwalk.v1.ActivityKind's numbering.
enum class ActivityKind { Unspecified = 0, OneToOne = 1, TeamBriefing = 2, Challenge = 3 };

struct ActivityRecord {
    QString id;
    QString managerId;
    ActivityKind kind = ActivityKind::Unspecified;
    QDateTime occurredAt;
    QStringList participantIds;
    QString note;
    int revision = 1;
    int baseRevision = 0;
    bool deleted = false;
    LocalState localState = LocalState::Synced;
};

enum class RecordKind { Observation = 0, Activity = 1 };

// Outbox states, persisted as these integers.
enum class OutboxState { Pending = 0, Sending = 1, Acknowledged = 2, Rejected = 3, Conflict = 4 };

// One local change waiting for (or answered by) the server. Exactly one of observation/activity is meaningful,
// according to kind.
struct OutboxEntry {
    qint64 seq = 0;  // insertion order: the push order
    RecordKind kind = RecordKind::Observation;
    QString recordId;
    int revision = 1;
    int baseRevision = 0;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;  // pushes whose answer never named this entry
    QString errorCode;
    QString errorMessage;  // the server's reason for Rejected and Conflict
    int storedRevision = 0;  // for Conflict: the server's latest revision of the record
    QDateTime createdAt;
    QDateTime updatedAt;
    ObservationRecord observation;
    ActivityRecord activity;
};

// One page of GET /sync/pull, decoded.
struct PullPage {
    QString cursor;
    bool hasMore = false;
    bool reset = false;
    std::optional<ModelInfo> model;
    QList<UnitRecord> units;
    QList<EmployeeRecord> employees;
    QList<ObservationRecord> observations;
    QList<ActivityRecord> activities;
    QStringList deletedIds;
    std::optional<OrgSettings> settings;
    std::optional<UserInfo> user;
    QDateTime serverTime;
};

enum class PushStatus { Accepted, Duplicate, Conflict, Rejected, Unspecified };

// The server's verdict on one pushed record.
struct PushResultItem {
    QString id;
    PushStatus status = PushStatus::Unspecified;
    QString errorCode;
    QString errorMessage;
    int storedRevision = 0;
};

struct LoginResult {
    QString token;
    QDateTime expiresAt;
    UserInfo user;
    QString organizationId;
    QString organizationName;
};
