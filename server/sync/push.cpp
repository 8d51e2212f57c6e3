// Push decisions, in this order for each record:
//   0. the record's time is put on the server's clock when the push carried the phone's sentAt
//      (floorwalk/clock_skew.h; docs/indicators.md, "Record times and phone clocks"); every rule below sees the
//      corrected time, except the duplicate test of 4, which compares the time as the phone sent it (the
//      revision's identity, stored beside the corrected one);
//   1. the model version exists (observations) and the record passes the shared validation rules → else REJECTED;
//   2. the id is used by a record of the other kind in the organisation, deleted or not → REJECTED
//      id_used_by_other_kind (pull's deletedIds does not say which kind an id was: deleting one of two records
//      sharing an id would make every phone delete both);
//   3. a stored record by another author → REJECTED not_author;
//   4. this id and revision already stored → DUPLICATE when the content is the same, else CONFLICT
//      revision_conflict (checked before scope, so the retry of a lost answer always gets the first answer back);
//   5. base_revision is not the stored latest revision (0 when none) → CONFLICT stale_base_revision;
//   6. the employee (every participant) exists → else REJECTED unknown_employee, is currently in one of the
//      caller's subtrees unless the caller is HQ or ADMIN → else REJECTED employee_out_of_scope, and was not yet
//      inactive at the record's time → else REJECTED employee_inactive (a record made offline before the
//      employee left is accepted);
//   7. ACCEPTED: appended to the history and made current, with the next change sequence number.
// Ids are compared and stored in their canonical form (lower-case UUID): the case of a resend does not matter.
// A batch reads the stored state it needs in three queries and writes its accepted records at the end in multi-row
// statements (RecordWriter); between the two, the heads are kept in memory as records are accepted, so a later
// record of the batch is decided against the earlier ones exactly as if each had been written at once.
#include "sync/push.h"

#include "floorwalk/clock_skew.h"
#include "floorwalk/time.h"
#include "floorwalk/uuid.h"
#include "floorwalk/validation.h"
#include "storage/org_rows.h"
#include "storage/record_rows.h"
#include "storage/record_writer.h"
#include "sync/scope.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace floorwalk::server {
namespace {

std::string in_quotes(const std::string& text) { return "\"" + text + "\""; }

// Content as the client sent it: the author and reception time are the server's, and the order of ratings or
// participants carries no meaning.
bool same_content(const Observation& a, const Observation& b) {
    auto sorted = [](std::vector<Rating> ratings) {
        std::sort(ratings.begin(), ratings.end(), [](const Rating& x, const Rating& y) {
            return std::tie(x.dimension_id, x.level) < std::tie(y.dimension_id, y.level);
        });
        return ratings;
    };
    return a.employee_id == b.employee_id && a.observed_at == b.observed_at && a.model_version == b.model_version &&
           a.comment == b.comment && a.coaching_action == b.coaching_action && a.revision == b.revision &&
           a.base_revision == b.base_revision && a.deleted == b.deleted && sorted(a.ratings) == sorted(b.ratings);
}

bool same_content(const CoachingActivity& a, const CoachingActivity& b) {
    auto sorted = [](std::vector<std::string> ids) {
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    return a.kind == b.kind && a.occurred_at == b.occurred_at && a.note == b.note && a.revision == b.revision &&
           a.base_revision == b.base_revision && a.deleted == b.deleted &&
           sorted(a.participant_ids) == sorted(b.participant_ids);
}

PushOutcome make_outcome(const std::string& id, PushStatus status, int stored_revision, std::string code = {},
                         std::string message = {}) {
    return PushOutcome{id, status, std::move(code), std::move(message), stored_revision};
}

PushOutcome rejected(const std::string& id, const ValidationErrors& errors, int stored_revision) {
    std::string message;
    for (const auto& error : errors) {
        if (!message.empty()) message += "; ";
        message += error.message;
    }
    return make_outcome(id, PushStatus::rejected, stored_revision, errors.front().code, std::move(message));
}

class PushContext {
public:
    PushContext(db::Connection& db, ChangeSequence& sequence, ModelCache& models, const Caller& caller,
                Timestamp now, std::optional<std::chrono::milliseconds> clock_offset)
        : db_(db),
          sequence_(sequence),
          models_(models),
          caller_(caller),
          now_(now),
          clock_offset_(clock_offset),
          writer_(db, caller.organization_id) {}

    // Reads what the decisions need for the whole batch in three queries (the stored heads of both kinds and the
    // employees named), instead of two to four per record. Employees are looked up only for records that pass
    // validation: an invalid id is refused by the rules, never sent to the database.
    void load_stored_state(const std::vector<Observation>& observations,
                           const std::vector<CoachingActivity>& activities) {
        std::vector<std::string> ids;
        std::vector<std::string> employee_ids;
        for (const auto& observation : observations) {
            if (!validate_record_id(observation.id).empty()) continue;
            ids.push_back(observation.id);
            const auto model = models_.get(db_, caller_.organization_id, observation.model_version);
            auto corrected = observation;  // as push() will see it, unless an edit keeps its stored time
            corrected.observed_at = corrected_record_time(observation.observed_at, clock_offset_, std::nullopt, now_);
            if (model && validate_observation(corrected, *model, now_).empty()) {
                employee_ids.push_back(observation.employee_id);
            }
        }
        for (const auto& activity : activities) {
            if (!validate_record_id(activity.id).empty()) continue;
            ids.push_back(activity.id);
            auto corrected = activity;
            corrected.occurred_at = corrected_record_time(activity.occurred_at, clock_offset_, std::nullopt, now_);
            if (validate_activity(corrected, now_).empty()) {
                employee_ids.insert(employee_ids.end(), activity.participant_ids.begin(),
                                    activity.participant_ids.end());
            }
        }
        ids = sorted_unique(std::move(ids));
        observation_heads_ = observation_heads(db_, caller_.organization_id, ids);
        activity_heads_ = activity_heads(db_, caller_.organization_id, ids);
        load_employees(sorted_unique(std::move(employee_ids)));
    }

    // Writes the accepted records; call once, after the last push() and before the session commits.
    void finish() { writer_.flush(); }

    PushOutcome push(const Observation& input) {
        // An id that is no UUID names no stored record: refused before it reaches a query.
        if (auto errors = validate_record_id(input.id); !errors.empty()) return rejected(input.id, errors, 0);
        const auto head = stored_head(observation_heads_, input.id);
        const int stored = head ? head->revision : 0;

        Observation record = input;
        std::optional<StoredRecordTime> earlier;
        if (const int revision = repeated_or_replaced(input.revision, input.base_revision, stored)) {
            writer_.flush();  // that revision may be one this batch accepted
            earlier = stored_observation_time(db_, caller_.organization_id, input.id, revision);
        }
        record.observed_at = corrected_record_time(input.observed_at, clock_offset_, earlier, now_);

        const auto model = models_.get(db_, caller_.organization_id, input.model_version);
        if (!model) return unknown_model_version(input, stored);
        if (auto errors = validate_observation(record, *model, now_); !errors.empty()) {
            return rejected(input.id, errors, stored);
        }
        if (activity_heads_.contains(input.id)) {
            return id_used_by_other_kind(input.id, "an observation", "a coaching activity", stored);
        }
        if (head && head->author_id != caller_.user_id) return not_author(input.id, "observation", stored);

        if (input.revision <= stored) {
            writer_.flush();  // the stored revision may be one this batch accepted
            const auto existing = load_observation_revision(db_, caller_.organization_id, input.id, input.revision);
            if (existing && same_content(*existing, input)) {
                return make_outcome(input.id, PushStatus::duplicate, stored);
            }
            return revision_conflict(input.id, "observation", input.revision, stored);
        }
        if (input.base_revision != stored) return stale_base(input.id, input.base_revision, stored);

        if (!input.deleted) {
            if (auto refusal = check_employee(input.id, "employeeId", input.employee_id, stored, record.observed_at)) {
                return *refusal;
            }
        } else if (auto refusal = check_employee(input.id, "employeeId", input.employee_id, stored, std::nullopt)) {
            return *refusal;
        }

        record.observer_id = caller_.user_id;
        writer_.add(record, input.observed_at, now_, sequence_.next());
        observation_heads_[input.id] = RecordHead{input.revision, caller_.user_id, input.deleted};
        return make_outcome(input.id, PushStatus::accepted, input.revision);
    }

    PushOutcome push(const CoachingActivity& input) {
        if (auto errors = validate_record_id(input.id); !errors.empty()) return rejected(input.id, errors, 0);
        const auto head = stored_head(activity_heads_, input.id);
        const int stored = head ? head->revision : 0;

        CoachingActivity record = input;
        std::optional<StoredRecordTime> earlier;
        if (const int revision = repeated_or_replaced(input.revision, input.base_revision, stored)) {
            writer_.flush();
            earlier = stored_activity_time(db_, caller_.organization_id, input.id, revision);
        }
        record.occurred_at = corrected_record_time(input.occurred_at, clock_offset_, earlier, now_);

        if (auto errors = validate_activity(record, now_); !errors.empty()) return rejected(input.id, errors, stored);
        if (observation_heads_.contains(input.id)) {
            return id_used_by_other_kind(input.id, "a coaching activity", "an observation", stored);
        }
        if (head && head->author_id != caller_.user_id) return not_author(input.id, "coaching activity", stored);

        if (input.revision <= stored) {
            writer_.flush();
            const auto existing = load_activity_revision(db_, caller_.organization_id, input.id, input.revision);
            if (existing && same_content(*existing, input)) {
                return make_outcome(input.id, PushStatus::duplicate, stored);
            }
            return revision_conflict(input.id, "coaching activity", input.revision, stored);
        }
        if (input.base_revision != stored) return stale_base(input.id, input.base_revision, stored);

        std::optional<Timestamp> at;
        if (!input.deleted) at = record.occurred_at;
        for (std::size_t i = 0; i < input.participant_ids.size(); ++i) {
            const std::string field = "participantIds[" + std::to_string(i) + "]";
            if (auto refusal = check_employee(input.id, field, input.participant_ids[i], stored, at)) return *refusal;
        }

        record.manager_id = caller_.user_id;
        writer_.add(record, input.occurred_at, now_, sequence_.next());
        activity_heads_[input.id] = RecordHead{input.revision, caller_.user_id, input.deleted};
        return make_outcome(input.id, PushStatus::accepted, input.revision);
    }

private:
    // The stored revision whose time a pushed revision keeps when it carries the same time: itself when already
    // stored (a resend, perhaps after the phone's clock was fixed), else the one it replaces (an edit); 0: none.
    static int repeated_or_replaced(int revision, int base_revision, int stored) {
        if (revision >= 1 && revision <= stored) return revision;
        if (base_revision >= 1 && base_revision <= stored) return base_revision;
        return 0;
    }

    PushOutcome unknown_model_version(const Observation& input, int stored) {
        const auto latest = latest_model_version(db_, caller_.organization_id);
        std::string message = "modelVersion is " + std::to_string(input.model_version) +
                              ", not a version of the organisation's experience model";
        message += latest ? " (the latest is " + std::to_string(*latest) + ")"
                          : " (no model has been imported yet: an administrator must import one first)";
        return make_outcome(input.id, PushStatus::rejected, stored, "unknown_model_version", std::move(message));
    }

    static PushOutcome id_used_by_other_kind(const std::string& id, std::string_view what, std::string_view other,
                                             int stored) {
        return make_outcome(id, PushStatus::rejected, stored, "id_used_by_other_kind",
                            "id " + id + " is already the id of " + std::string(other) + " in this organisation: " +
                                std::string(what) + " needs an id of its own (a new UUID)");
    }

    static PushOutcome not_author(const std::string& id, std::string_view what, int stored) {
        return make_outcome(
            id, PushStatus::rejected, stored, "not_author",
            std::string(what) + " " + id + " was recorded by another user: only its author can edit or delete it");
    }

    static PushOutcome revision_conflict(const std::string& id, std::string_view what, int revision, int stored) {
        return make_outcome(id, PushStatus::conflict, stored, "revision_conflict",
                            "revision " + std::to_string(revision) + " of " + std::string(what) + " " + id +
                                " is already stored with different content: pull the stored revision " +
                                std::to_string(stored) + ", then edit it");
    }

    static PushOutcome stale_base(const std::string& id, int base, int stored) {
        return make_outcome(id, PushStatus::conflict, stored, "stale_base_revision",
                            "baseRevision is " + std::to_string(base) + " but the latest stored revision is " +
                                std::to_string(stored) + ": pull the latest revision, then edit it");
    }

    // nullopt when the employee exists, the caller may write about him, and (for a record made at `at`) he was
    // still active then. A tombstone passes `at` = nullopt: deleting a record is always allowed in scope.
    std::optional<PushOutcome> check_employee(const std::string& id, const std::string& field,
                                              const std::string& employee_id, int stored,
                                              const std::optional<Timestamp>& at) {
        if (!employees_.contains(employee_id)) load_employees({employee_id});
        const auto& employee = employees_.at(employee_id);
        if (!employee) {
            return make_outcome(id, PushStatus::rejected, stored, "unknown_employee",
                                field + " is " + in_quotes(employee_id) + ", not an employee of this organisation");
        }
        if (!scope().contains_unit(employee->unit_id)) {
            return make_outcome(id, PushStatus::rejected, stored, "employee_out_of_scope",
                                field + " is " + in_quotes(employee_id) + ", who works in unit " +
                                    in_quotes(employee->unit_id) +
                                    ", outside your units: you can only record about the employees of your units");
        }
        // Made offline before the employee left, a record is still theirs to keep; after, it cannot be.
        if (at && employee->inactive_since && *at > *employee->inactive_since) {
            return make_outcome(id, PushStatus::rejected, stored, "employee_inactive",
                                field + " is " + in_quotes(employee_id) + ", who was made inactive on " +
                                    format_rfc3339(*employee->inactive_since) +
                                    ": records dated after that are refused (check the date, or ask an "
                                    "administrator to reactivate the employee)");
        }
        return std::nullopt;
    }

    static std::vector<std::string> sorted_unique(std::vector<std::string> values) {
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return values;
    }

    static std::optional<RecordHead> stored_head(const std::unordered_map<std::string, RecordHead>& heads,
                                                 const std::string& id) {
        const auto it = heads.find(id);
        if (it == heads.end()) return std::nullopt;
        return it->second;
    }

    // Remembers each of `ids` as found or absent, so no employee is looked up twice.
    void load_employees(const std::vector<std::string>& ids) {
        auto found = load_employee_statuses(db_, caller_.organization_id, ids);
        for (const auto& id : ids) {
            const auto it = found.find(id);
            employees_[id] = it == found.end() ? std::nullopt : std::optional(std::move(it->second));
        }
    }

    const Scope& scope() {
        if (!scope_) scope_ = resolve_scope(db_, caller_);
        return *scope_;
    }

    db::Connection& db_;
    ChangeSequence& sequence_;
    ModelCache& models_;
    const Caller& caller_;
    Timestamp now_;
    std::optional<std::chrono::milliseconds> clock_offset_;  // what puts the phone's times on the server's clock
    RecordWriter writer_;
    std::optional<Scope> scope_;  // resolved on first need: a batch of duplicates never computes it
    // The stored state as this batch changes it: heads by record id (absent: not stored), employees by id (nullopt:
    // no such employee).
    std::unordered_map<std::string, RecordHead> observation_heads_;
    std::unordered_map<std::string, RecordHead> activity_heads_;
    std::unordered_map<std::string, std::optional<EmployeeStatus>> employees_;
};

}  // namespace

std::vector<PushOutcome> apply_push(db::Connection& db, ChangeSequence& sequence, ModelCache& models, const Caller& caller,
                       const std::vector<Observation>& observations, const std::vector<CoachingActivity>& activities,
                       Timestamp now, std::optional<Timestamp> sent_at) {
    if (!load_user(db, caller.organization_id, caller.user_id)) {
        throw std::invalid_argument("push by user " + caller.user_id + ", who is not a user of organisation " +
                                    caller.organization_id);
    }
    std::vector<PushOutcome> outcomes;
    outcomes.reserve(observations.size() + activities.size());
    // Records are decided and stored under their canonical id (lower-case UUID), so that a resend in another case
    // is the same record; each outcome names the id as the client sent it, so the client can match it.
    std::vector<Observation> canonical_observations = observations;
    for (auto& observation : canonical_observations) observation.id = canonical_uuid(observation.id);
    std::vector<CoachingActivity> canonical_activities = activities;
    for (auto& activity : canonical_activities) activity.id = canonical_uuid(activity.id);

    PushContext context(db, sequence, models, caller, now, clock_offset(sent_at, now));
    context.load_stored_state(canonical_observations, canonical_activities);
    for (std::size_t i = 0; i < observations.size(); ++i) {
        outcomes.push_back(context.push(canonical_observations[i]));
        outcomes.back().id = observations[i].id;
    }
    for (std::size_t i = 0; i < activities.size(); ++i) {
        outcomes.push_back(context.push(canonical_activities[i]));
        outcomes.back().id = activities[i].id;
    }
    context.finish();
    return outcomes;
}

}  // namespace floorwalk::server
