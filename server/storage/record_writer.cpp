#include "storage/record_writer.h"

#include "storage/org_rows.h"

namespace floorwalk::server {

RecordWriter::RecordWriter(db::Connection& db, std::string organization_id)
    : db_(db),
      organization_id_(std::move(organization_id)),
      observation_revisions_("INSERT INTO observation_revisions (organization_id, id, revision, base_revision,"
                             " employee_id, observer_id, observed_at, model_version, comment, coaching_action,"
                             " deleted, received_at, seq, device_observed_at)",
                             14),
      observation_ratings_("INSERT INTO observation_ratings (organization_id, observation_id, revision, position,"
                           " dimension_id, level)",
                           6),
      observations_("INSERT INTO observations (organization_id, id, revision, employee_id, observer_id, observed_at,"
                    " model_version, comment, coaching_action, deleted, received_at, seq)",
                    12,
                    "ON CONFLICT (organization_id, id) DO UPDATE SET revision = excluded.revision,"
                    " employee_id = excluded.employee_id, observer_id = excluded.observer_id,"
                    " observed_at = excluded.observed_at, model_version = excluded.model_version,"
                    " comment = excluded.comment, coaching_action = excluded.coaching_action,"
                    " deleted = excluded.deleted, received_at = excluded.received_at, seq = excluded.seq"),
      activity_revisions_("INSERT INTO activity_revisions (organization_id, id, revision, base_revision, manager_id,"
                          " kind, occurred_at, note, deleted, received_at, seq, device_occurred_at)",
                          12),
      activity_participants_("INSERT INTO activity_participants (organization_id, activity_id, revision, position,"
                             " employee_id)",
                             5),
      activities_("INSERT INTO activities (organization_id, id, revision, manager_id, kind, occurred_at, note,"
                  " deleted, received_at, seq)",
                  10,
                  "ON CONFLICT (organization_id, id) DO UPDATE SET revision = excluded.revision,"
                  " manager_id = excluded.manager_id, kind = excluded.kind, occurred_at = excluded.occurred_at,"
                  " note = excluded.note, deleted = excluded.deleted, received_at = excluded.received_at,"
                  " seq = excluded.seq") {}

void RecordWriter::add(const Observation& observation, Timestamp device_time, Timestamp received_at,
                       std::int64_t seq) {
    if (observation_ids_.contains(observation.id)) flush();
    observation_ids_.insert(observation.id);
    const std::int64_t deleted = observation.deleted ? 1 : 0;
    observation_revisions_.add({organization_id_, observation.id, observation.revision, observation.base_revision,
                                observation.employee_id, observation.observer_id, to_millis(observation.observed_at),
                                observation.model_version, observation.comment, observation.coaching_action, deleted,
                                to_millis(received_at), seq, to_millis(device_time)});
    for (std::size_t i = 0; i < observation.ratings.size(); ++i) {
        observation_ratings_.add({organization_id_, observation.id, observation.revision,
                                  static_cast<std::int64_t>(i), observation.ratings[i].dimension_id,
                                  observation.ratings[i].level});
    }
    observations_.add({organization_id_, observation.id, observation.revision, observation.employee_id,
                       observation.observer_id, to_millis(observation.observed_at), observation.model_version,
                       observation.comment, observation.coaching_action, deleted, to_millis(received_at), seq});
}

void RecordWriter::add(const CoachingActivity& activity, Timestamp device_time, Timestamp received_at,
                       std::int64_t seq) {
    if (activity_ids_.contains(activity.id)) flush();
    activity_ids_.insert(activity.id);
    const std::string kind(to_string(activity.kind));
    const std::int64_t deleted = activity.deleted ? 1 : 0;
    activity_revisions_.add({organization_id_, activity.id, activity.revision, activity.base_revision,
                             activity.manager_id, kind, to_millis(activity.occurred_at), activity.note, deleted,
                             to_millis(received_at), seq, to_millis(device_time)});
    for (std::size_t i = 0; i < activity.participant_ids.size(); ++i) {
        activity_participants_.add({organization_id_, activity.id, activity.revision, static_cast<std::int64_t>(i),
                                    activity.participant_ids[i]});
    }
    activities_.add({organization_id_, activity.id, activity.revision, activity.manager_id, kind,
                     to_millis(activity.occurred_at), activity.note, deleted, to_millis(received_at), seq});
}

void RecordWriter::flush() {
    // Parents before children: ratings and current rows refer to their history row.
    observation_revisions_.flush(db_);
    observation_ratings_.flush(db_);
    observations_.flush(db_);
    activity_revisions_.flush(db_);
    activity_participants_.flush(db_);
    activities_.flush(db_);
    observation_ids_.clear();
    activity_ids_.clear();
}

}  // namespace floorwalk::server
