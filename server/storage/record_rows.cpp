#include "storage/record_rows.h"

#include "storage/org_rows.h"

namespace floorwalk::server {

// ---------------------------------------------------------------------------------------------------------------
// Observations

std::optional<RecordHead> observation_head(db::Connection& db, const std::string& organization_id,
                                           const std::string& id) {
    auto statement =
        db.prepare("SELECT revision, observer_id, deleted FROM observations WHERE organization_id = ?1 AND id = ?2");
    statement.bind_all(organization_id, id);
    if (!statement.step()) return std::nullopt;
    return RecordHead{statement.integer(0), statement.text(1), statement.integer(2) != 0};
}

std::vector<Rating> load_ratings(db::Connection& db, const std::string& organization_id, const std::string& id,
                                 int revision) {
    auto statement = db.prepare(
        "SELECT dimension_id, level FROM observation_ratings"
        " WHERE organization_id = ?1 AND observation_id = ?2 AND revision = ?3 ORDER BY position");
    statement.bind_all(organization_id, id, revision);
    std::vector<Rating> ratings;
    while (statement.step()) ratings.push_back({statement.text(0), statement.integer(1)});
    return ratings;
}

std::optional<Observation> load_observation_revision(db::Connection& db, const std::string& organization_id,
                                                     const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT employee_id, observer_id, observed_at, model_version, comment, coaching_action, base_revision, deleted"
        " FROM observation_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    Observation observation;
    observation.id = id;
    observation.employee_id = statement.text(0);
    observation.observer_id = statement.text(1);
    observation.observed_at = from_millis(statement.int64(2));
    observation.model_version = statement.integer(3);
    observation.comment = statement.text(4);
    observation.coaching_action = statement.text(5);
    observation.revision = revision;
    observation.base_revision = statement.integer(6);
    observation.deleted = statement.integer(7) != 0;
    observation.ratings = load_ratings(db, organization_id, id, revision);
    return observation;
}

void write_observation(db::Connection& db, const std::string& organization_id, const Observation& observation,
                       Timestamp received_at, std::int64_t seq) {
    db.prepare(
          "INSERT INTO observation_revisions (organization_id, id, revision, base_revision, employee_id, observer_id,"
          " observed_at, model_version, comment, coaching_action, deleted, received_at, seq)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        .bind_all(organization_id, observation.id, observation.revision, observation.base_revision,
                  observation.employee_id, observation.observer_id, to_millis(observation.observed_at),
                  observation.model_version, observation.comment, observation.coaching_action, observation.deleted,
                  to_millis(received_at), seq)
        .run();

    auto rating = db.prepare(
        "INSERT INTO observation_ratings (organization_id, observation_id, revision, position, dimension_id, level)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t i = 0; i < observation.ratings.size(); ++i) {
        rating.bind_all(organization_id, observation.id, observation.revision, static_cast<int>(i),
                        observation.ratings[i].dimension_id, observation.ratings[i].level);
        rating.run();
        rating.reset();
    }

    db.prepare(
          "INSERT INTO observations (organization_id, id, revision, employee_id, observer_id, observed_at,"
          " model_version, comment, coaching_action, deleted, received_at, seq)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
          " ON CONFLICT (organization_id, id) DO UPDATE SET revision = excluded.revision,"
          " employee_id = excluded.employee_id, observer_id = excluded.observer_id,"
          " observed_at = excluded.observed_at, model_version = excluded.model_version, comment = excluded.comment,"
          " coaching_action = excluded.coaching_action, deleted = excluded.deleted,"
          " received_at = excluded.received_at, seq = excluded.seq")
        .bind_all(organization_id, observation.id, observation.revision, observation.employee_id,
                  observation.observer_id, to_millis(observation.observed_at), observation.model_version,
                  observation.comment, observation.coaching_action, observation.deleted, to_millis(received_at), seq)
        .run();
}

void for_each_current_observation(db::Connection& db, const std::string& organization_id,
                                  const std::function<void(const Observation&)>& visit) {
    // One pass over current rows joined with their ratings, in id order; rows of one observation are adjacent.
    auto statement = db.prepare(
        "SELECT o.id, o.revision, o.employee_id, o.observer_id, o.observed_at, o.model_version, o.comment,"
        " o.coaching_action, r.dimension_id, r.level"
        " FROM observations o"
        " LEFT JOIN observation_ratings r ON r.organization_id = o.organization_id AND r.observation_id = o.id"
        "  AND r.revision = o.revision"
        " WHERE o.organization_id = ?1 AND o.deleted = 0"
        " ORDER BY o.id, r.position");
    statement.bind_all(organization_id);
    std::optional<Observation> current;
    while (statement.step()) {
        std::string id = statement.text(0);
        if (!current || current->id != id) {
            if (current) visit(*current);
            current.emplace();
            current->id = std::move(id);
            current->revision = statement.integer(1);
            current->base_revision = current->revision - 1;
            current->employee_id = statement.text(2);
            current->observer_id = statement.text(3);
            current->observed_at = from_millis(statement.int64(4));
            current->model_version = statement.integer(5);
            current->comment = statement.text(6);
            current->coaching_action = statement.text(7);
        }
        if (!statement.is_null(8)) current->ratings.push_back({statement.text(8), statement.integer(9)});
    }
    if (current) visit(*current);
}

// ---------------------------------------------------------------------------------------------------------------
// Coaching activities

std::optional<RecordHead> activity_head(db::Connection& db, const std::string& organization_id,
                                        const std::string& id) {
    auto statement =
        db.prepare("SELECT revision, manager_id, deleted FROM activities WHERE organization_id = ?1 AND id = ?2");
    statement.bind_all(organization_id, id);
    if (!statement.step()) return std::nullopt;
    return RecordHead{statement.integer(0), statement.text(1), statement.integer(2) != 0};
}

std::vector<std::string> load_participants(db::Connection& db, const std::string& organization_id,
                                           const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT employee_id FROM activity_participants"
        " WHERE organization_id = ?1 AND activity_id = ?2 AND revision = ?3 ORDER BY position");
    statement.bind_all(organization_id, id, revision);
    std::vector<std::string> participants;
    while (statement.step()) participants.push_back(statement.text(0));
    return participants;
}

std::optional<CoachingActivity> load_activity_revision(db::Connection& db, const std::string& organization_id,
                                                       const std::string& id, int revision) {
    auto statement = db.prepare(
        "SELECT manager_id, kind, occurred_at, note, base_revision, deleted"
        " FROM activity_revisions WHERE organization_id = ?1 AND id = ?2 AND revision = ?3");
    statement.bind_all(organization_id, id, revision);
    if (!statement.step()) return std::nullopt;
    CoachingActivity activity;
    activity.id = id;
    activity.manager_id = statement.text(0);
    activity.kind = activity_kind_from_column(statement.text(1));
    activity.occurred_at = from_millis(statement.int64(2));
    activity.note = statement.text(3);
    activity.revision = revision;
    activity.base_revision = statement.integer(4);
    activity.deleted = statement.integer(5) != 0;
    activity.participant_ids = load_participants(db, organization_id, id, revision);
    return activity;
}

void write_activity(db::Connection& db, const std::string& organization_id, const CoachingActivity& activity,
                    Timestamp received_at, std::int64_t seq) {
    const std::string kind(to_string(activity.kind));
    db.prepare(
          "INSERT INTO activity_revisions (organization_id, id, revision, base_revision, manager_id, kind,"
          " occurred_at, note, deleted, received_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .bind_all(organization_id, activity.id, activity.revision, activity.base_revision, activity.manager_id, kind,
                  to_millis(activity.occurred_at), activity.note, activity.deleted, to_millis(received_at), seq)
        .run();

    auto participant = db.prepare(
        "INSERT INTO activity_participants (organization_id, activity_id, revision, position, employee_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < activity.participant_ids.size(); ++i) {
        participant.bind_all(organization_id, activity.id, activity.revision, static_cast<int>(i),
                             activity.participant_ids[i]);
        participant.run();
        participant.reset();
    }

    db.prepare(
          "INSERT INTO activities (organization_id, id, revision, manager_id, kind, occurred_at, note, deleted,"
          " received_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
          " ON CONFLICT (organization_id, id) DO UPDATE SET revision = excluded.revision,"
          " manager_id = excluded.manager_id, kind = excluded.kind, occurred_at = excluded.occurred_at,"
          " note = excluded.note, deleted = excluded.deleted, received_at = excluded.received_at, seq = excluded.seq")
        .bind_all(organization_id, activity.id, activity.revision, activity.manager_id, kind,
                  to_millis(activity.occurred_at), activity.note, activity.deleted, to_millis(received_at), seq)
        .run();
}

void for_each_current_activity(db::Connection& db, const std::string& organization_id,
                               const std::function<void(const CoachingActivity&)>& visit) {
    auto statement = db.prepare(
        "SELECT a.id, a.revision, a.manager_id, a.kind, a.occurred_at, a.note, p.employee_id"
        " FROM activities a"
        " LEFT JOIN activity_participants p ON p.organization_id = a.organization_id AND p.activity_id = a.id"
        "  AND p.revision = a.revision"
        " WHERE a.organization_id = ?1 AND a.deleted = 0"
        " ORDER BY a.id, p.position");
    statement.bind_all(organization_id);
    std::optional<CoachingActivity> current;
    while (statement.step()) {
        std::string id = statement.text(0);
        if (!current || current->id != id) {
            if (current) visit(*current);
            current.emplace();
            current->id = std::move(id);
            current->revision = statement.integer(1);
            current->base_revision = current->revision - 1;
            current->manager_id = statement.text(2);
            current->kind = activity_kind_from_column(statement.text(3));
            current->occurred_at = from_millis(statement.int64(4));
            current->note = statement.text(5);
        }
        if (!statement.is_null(6)) current->participant_ids.push_back(statement.text(6));
    }
    if (current) visit(*current);
}

}  // namespace floorwalk::server
