// Push: every status for observations and activities, revisions, authorship, scope, tenants, and what a reader
// that follows the organisation's changes (record_changes) sees of them.
#include "store_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>

using namespace floorwalk;
using namespace floorwalk::test;
using server::PushStatus;

TEST_CASE("a new observation is accepted, with the caller as observer", "[push]") {
    StoreFixture f;
    auto sent = observation(uuid(1), "e-paris-1", {{"welcome", 3}, {"advice", 2}});
    sent.observer_id = "someone-else";  // never taken from the body
    const auto outcome = f.push_one("mgr.paris", sent);
    CHECK(outcome.id == uuid(1));
    CHECK(outcome.status == PushStatus::accepted);
    CHECK(outcome.stored_revision == 1);
    CHECK(outcome.error_code.empty());

    const auto stored = f.observations();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].observer_id == f.caller("mgr.paris").user_id);
    CHECK(stored[0].employee_id == "e-paris-1");
    CHECK(stored[0].ratings == std::vector<Rating>{{"welcome", 3}, {"advice", 2}});
    CHECK(stored[0].comment == "Warm welcome");
    CHECK(stored[0].observed_at == sent.observed_at);
    CHECK(stored[0].revision == 1);
}

TEST_CASE("retrying a push whose answer was lost answers duplicate and changes nothing", "[push]") {
    StoreFixture f;
    const auto sent = observation(uuid(1), "e-paris-1");
    const auto a = activity(uuid(2), {"e-paris-1"});
    const auto first = f.push("mgr.paris", {sent}, {a});
    REQUIRE(first[0].status == PushStatus::accepted);
    REQUIRE(first[1].status == PushStatus::accepted);
    const auto position = f.store->change_position(f.org);

    // The same records, ratings in another order: the same content.
    auto again = sent;
    again.ratings = {{"welcome", 3}};
    const auto retry = f.push("mgr.paris", {again}, {a});
    CHECK(retry[0].status == PushStatus::duplicate);
    CHECK(retry[0].stored_revision == 1);
    CHECK(retry[1].status == PushStatus::duplicate);
    CHECK(f.store->change_position(f.org).change_seq == position.change_seq);  // nothing changed, nothing numbered
    CHECK(f.observations().size() == 1);
    CHECK(f.activities().size() == 1);

    // The pull cursor does not move for a duplicate.
    const auto before = f.store->pull(f.caller("hq"), "", 100);
    f.push("mgr.paris", {sent}, {a});
    const auto after = f.store->pull(f.caller("hq"), before.cursor, 100);
    CHECK(after.observations.empty());
    CHECK(after.activities.empty());
}

TEST_CASE("duplicates are recognised whatever the rating order and regardless of reception data", "[push]") {
    StoreFixture f;
    const auto sent = observation(uuid(1), "e-paris-1", {{"welcome", 3}, {"advice", 2}});
    REQUIRE(f.push_one("mgr.paris", sent).status == PushStatus::accepted);
    auto reordered = sent;
    std::reverse(reordered.ratings.begin(), reordered.ratings.end());
    CHECK(f.push_one("mgr.paris", reordered).status == PushStatus::duplicate);
    // Pushed later: received_at differs, the content does not.
    CHECK(f.store->push(f.caller("mgr.paris"), {sent}, {}, push_time + std::chrono::hours(5))[0].status ==
          PushStatus::duplicate);
}

TEST_CASE("the same id and revision with other content is a revision conflict", "[push]") {
    StoreFixture f;
    const auto sent = observation(uuid(1), "e-paris-1", {{"welcome", 3}});
    REQUIRE(f.push_one("mgr.paris", sent).status == PushStatus::accepted);
    auto other = sent;
    other.ratings = {{"welcome", 4}};
    const auto outcome = f.push_one("mgr.paris", other);
    CHECK(outcome.status == PushStatus::conflict);
    CHECK(outcome.error_code == "revision_conflict");
    CHECK(outcome.stored_revision == 1);
    CHECK_FALSE(outcome.error_message.empty());
    CHECK(f.observations()[0].ratings == std::vector<Rating>{{"welcome", 3}});
}

TEST_CASE("an edit is a new revision and the history keeps every revision", "[push]") {
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1", {{"welcome", 2}});
    REQUIRE(f.push_one("mgr.paris", v1).status == PushStatus::accepted);
    auto v2 = edited(v1);
    v2.ratings = {{"welcome", 3}, {"closing", 4}};
    const auto outcome = f.push_one("mgr.paris", v2);
    CHECK(outcome.status == PushStatus::accepted);
    CHECK(outcome.stored_revision == 2);

    const auto stored = f.observations();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].revision == 2);
    CHECK(stored[0].ratings == v2.ratings);
    CHECK(stored[0].comment == "Warm welcome (edited)");

    // Both revisions stay in the history: retries of either are duplicates, and tell the latest revision.
    const auto retry_v1 = f.push_one("mgr.paris", v1);
    CHECK(retry_v1.status == PushStatus::duplicate);
    CHECK(retry_v1.stored_revision == 2);
    CHECK(f.push_one("mgr.paris", v2).status == PushStatus::duplicate);

    // Another device edited revision 1 too: its revision 2 differs from the stored one.
    auto concurrent = edited(v1);
    concurrent.comment = "Another point of view";
    const auto conflict = f.push_one("mgr.paris", concurrent);
    CHECK(conflict.status == PushStatus::conflict);
    CHECK(conflict.error_code == "revision_conflict");
    CHECK(conflict.stored_revision == 2);
}

TEST_CASE("a base revision the server does not hold is a stale base conflict", "[push]") {
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1");
    // Revision 1 never arrived: revision 2 has nothing to replace.
    const auto orphan = f.push_one("mgr.paris", edited(v1));
    CHECK(orphan.status == PushStatus::conflict);
    CHECK(orphan.error_code == "stale_base_revision");
    CHECK(orphan.stored_revision == 0);
    CHECK(f.observations().empty());

    REQUIRE(f.push_one("mgr.paris", v1).status == PushStatus::accepted);
    const auto skipped = f.push_one("mgr.paris", edited(edited(v1)));  // revision 3 based on 2
    CHECK(skipped.status == PushStatus::conflict);
    CHECK(skipped.error_code == "stale_base_revision");
    CHECK(skipped.stored_revision == 1);
}

TEST_CASE("a deletion is a tombstone that counts nowhere", "[push]") {
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1");
    const auto keep = observation(uuid(2), "e-paris-2");
    REQUIRE(f.push("mgr.paris", {v1, keep})[0].status == PushStatus::accepted);
    auto tombstone = deleted(v1);
    tombstone.ratings.clear();  // a tombstone needs no ratings
    const auto outcome = f.push_one("mgr.paris", tombstone);
    CHECK(outcome.status == PushStatus::accepted);
    CHECK(outcome.stored_revision == 2);
    const auto stored = f.observations();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].id == uuid(2));
    CHECK(f.push_one("mgr.paris", tombstone).status == PushStatus::duplicate);
}

TEST_CASE("invalid observations are rejected with the rule they break", "[push]") {
    StoreFixture f;
    auto unknown_version = observation(uuid(1), "e-paris-1");
    unknown_version.model_version = 7;
    auto no_ratings = observation(uuid(2), "e-paris-1", {});
    auto out_of_scale = observation(uuid(3), "e-paris-1", {{"welcome", 9}});
    auto unknown_dimension = observation(uuid(4), "e-paris-1", {{"smile", 3}});
    auto twice = observation(uuid(5), "e-paris-1", {{"welcome", 3}, {"welcome", 2}});
    auto future = observation(uuid(6), "e-paris-1", {{"welcome", 3}}, "2026-03-06T00:00:01Z");
    auto bad_id = observation("not-a-uuid", "e-paris-1");
    auto long_comment = observation(uuid(8), "e-paris-1");
    long_comment.comment = std::string(2001, 'x');
    auto unknown_employee = observation(uuid(9), "e-nobody");

    const auto outcomes = f.push("mgr.paris", {unknown_version, no_ratings, out_of_scale, unknown_dimension, twice,
                                               future, bad_id, long_comment, unknown_employee});
    const std::vector<std::string> expected = {"unknown_model_version",
                                               "ratings_required",
                                               "rating_level_out_of_scale",
                                               "rating_dimension_unknown",
                                               "rating_dimension_duplicate",
                                               "time_in_future",
                                               "not_uuid",
                                               "text_too_long",
                                               "unknown_employee"};
    REQUIRE(outcomes.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("record " << i);
        CHECK(outcomes[i].status == PushStatus::rejected);
        CHECK(outcomes[i].error_code == expected[i]);
        CHECK_FALSE(outcomes[i].error_message.empty());
    }
    CHECK(f.observations().empty());
}

TEST_CASE("a manager records only about the employees of his units", "[push][scope]") {
    StoreFixture f;
    const auto outside = f.push_one("mgr.paris", observation(uuid(1), "e-lyon-1"));
    CHECK(outside.status == PushStatus::rejected);
    CHECK(outside.error_code == "employee_out_of_scope");
    CHECK(outside.error_message.find("lyon") != std::string::npos);

    // A director's scope is his region's subtree; HQ and ADMIN see the whole organisation.
    CHECK(f.push_one("dir.north", observation(uuid(2), "e-lille-1")).status == PushStatus::accepted);
    CHECK(f.push_one("dir.north", observation(uuid(3), "e-lyon-1")).error_code == "employee_out_of_scope");
    CHECK(f.push_one("hq", observation(uuid(4), "e-lyon-1")).status == PushStatus::accepted);
    CHECK(f.push_one("admin", observation(uuid(5), "e-lille-2")).status == PushStatus::accepted);
}

TEST_CASE("only the author edits or deletes a record", "[push]") {
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1");
    REQUIRE(f.push_one("mgr.paris", v1).status == PushStatus::accepted);
    const auto by_director = f.push_one("dir.north", edited(v1));
    CHECK(by_director.status == PushStatus::rejected);
    CHECK(by_director.error_code == "not_author");
    CHECK(by_director.stored_revision == 1);
    CHECK(f.push_one("hq", deleted(v1)).error_code == "not_author");
    // Even the same content under the same id is another user's record.
    CHECK(f.push_one("dir.north", v1).error_code == "not_author");

    const auto a = activity(uuid(2), {"e-paris-1"});
    REQUIRE(f.push_one("mgr.paris", a).status == PushStatus::accepted);
    auto a2 = a;
    a2.revision = 2;
    a2.base_revision = 1;
    a2.deleted = true;
    CHECK(f.push_one("dir.north", a2).error_code == "not_author");
    CHECK(f.activities().size() == 1);
}

TEST_CASE("one bad record never blocks the others, and outcomes keep the input order", "[push]") {
    StoreFixture f;
    const auto outcomes =
        f.push("mgr.paris",
               {observation(uuid(1), "e-paris-1"), observation(uuid(2), "e-lyon-1"), observation(uuid(3), "e-paris-2")},
               {activity(uuid(4), {"e-paris-1", "e-lyon-1"}), activity(uuid(5), {"e-paris-3"})});
    REQUIRE(outcomes.size() == 5);
    CHECK(outcomes[0].id == uuid(1));
    CHECK(outcomes[0].status == PushStatus::accepted);
    CHECK(outcomes[1].id == uuid(2));
    CHECK(outcomes[1].status == PushStatus::rejected);
    CHECK(outcomes[2].status == PushStatus::accepted);
    CHECK(outcomes[3].id == uuid(4));
    CHECK(outcomes[3].error_code == "employee_out_of_scope");
    CHECK(outcomes[4].status == PushStatus::accepted);
    CHECK(f.observations().size() == 2);
    CHECK(f.activities().size() == 1);
}

TEST_CASE("a record and its edit in the same batch are applied in order", "[push]") {
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1");
    const auto outcomes = f.push("mgr.paris", {v1, edited(v1), deleted(edited(v1))});
    CHECK(outcomes[0].status == PushStatus::accepted);
    CHECK(outcomes[1].status == PushStatus::accepted);
    CHECK(outcomes[2].status == PushStatus::accepted);
    CHECK(outcomes[2].stored_revision == 3);
    CHECK(f.observations().empty());
}

TEST_CASE("decisions in a batch see the records accepted before them in the same batch", "[push]") {
    // The stored state is read once per batch and written at its end: each decision must still see what the
    // records before it in the batch did.
    StoreFixture f;
    const auto v1 = observation(uuid(1), "e-paris-1", {{"welcome", 3}, {"advice", 2}});
    auto v1_other_content = v1;
    v1_other_content.comment = "Another text";
    auto v1_reordered = v1;
    v1_reordered.ratings = {{"advice", 2}, {"welcome", 3}};
    const auto outcomes = f.push("mgr.paris", {v1, v1_reordered, v1_other_content, edited(v1), observation(uuid(2), "e-paris-2")},
                                 {activity(uuid(2), {"e-paris-1"}), activity(uuid(3), {"e-paris-3"})});
    REQUIRE(outcomes.size() == 7);
    CHECK(outcomes[0].status == PushStatus::accepted);
    CHECK(outcomes[1].status == PushStatus::duplicate);
    CHECK(outcomes[1].stored_revision == 1);
    CHECK(outcomes[2].status == PushStatus::conflict);
    CHECK(outcomes[2].error_code == "revision_conflict");
    CHECK(outcomes[3].status == PushStatus::accepted);
    CHECK(outcomes[3].stored_revision == 2);
    CHECK(outcomes[4].status == PushStatus::accepted);
    CHECK(outcomes[5].error_code == "id_used_by_other_kind");  // uuid(2) became an observation two records before
    CHECK(outcomes[6].status == PushStatus::accepted);

    const auto stored = f.observations();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].revision == 2);
    CHECK(stored[0].ratings == std::vector<Rating>{{"welcome", 3}, {"advice", 2}});
    REQUIRE(f.activities().size() == 1);
    CHECK(f.activities()[0].id == uuid(3));
}

TEST_CASE("a large batch is stored whole, in order, with every rating and participant", "[push]") {
    // 150 observations and 75 activities cross every chunk size of the multi-row writer (64, 8, 1).
    StoreFixture f;
    const std::vector<std::string> employees{"e-paris-1", "e-paris-2", "e-paris-3"};
    std::vector<Observation> sent;
    for (int i = 0; i < 150; ++i) {
        auto o = observation(uuid(1000 + i), employees[i % 3], {{"welcome", 1 + i % 4}, {"closing", 1 + (i / 4) % 4}});
        o.comment = "Comment " + std::to_string(i);
        sent.push_back(o);
    }
    std::vector<CoachingActivity> activities_sent;
    for (int i = 0; i < 75; ++i) {
        activities_sent.push_back(activity(uuid(5000 + i), {employees[i % 3], employees[(i + 1) % 3]}));
    }
    const auto outcomes = f.push("mgr.paris", sent, activities_sent);
    REQUIRE(outcomes.size() == 225);
    for (const auto& outcome : outcomes) CHECK(outcome.status == PushStatus::accepted);

    const auto stored = f.observations();
    REQUIRE(stored.size() == 150);
    for (std::size_t i = 0; i < stored.size(); ++i) {
        CHECK(stored[i].id == sent[i].id);  // both in id order
        CHECK(stored[i].ratings == sent[i].ratings);
        CHECK(stored[i].comment == sent[i].comment);
        CHECK(stored[i].employee_id == sent[i].employee_id);
    }
    const auto stored_activities = f.activities();
    REQUIRE(stored_activities.size() == 75);
    for (std::size_t i = 0; i < stored_activities.size(); ++i) {
        CHECK(stored_activities[i].participant_ids == activities_sent[i].participant_ids);
    }

    // Numbered in the order sent: a pull lists them so.
    const auto drained = drain(*f.store, f.caller("hq"), "", 1000);
    REQUIRE(drained.observation_ids.size() == 150);
    for (std::size_t i = 0; i < sent.size(); ++i) CHECK(drained.observation_ids[i] == sent[i].id);
    CHECK(f.store->change_position(f.org).change_seq >= 225);

    // Sent again: every record a duplicate, nothing numbered.
    const auto position = f.store->change_position(f.org).change_seq;
    for (const auto& outcome : f.push("mgr.paris", sent, activities_sent)) {
        CHECK(outcome.status == PushStatus::duplicate);
    }
    CHECK(f.store->change_position(f.org).change_seq == position);
}

TEST_CASE("an employee id that breaks the rules is refused by them and never reaches the database", "[push]") {
    // The batch looks employees up in one query: a refused record's employee id must not be part of it (on
    // PostgreSQL, a NUL in a JSON id list fails the whole statement).
    StoreFixture f;
    const auto outcomes = f.push("mgr.paris",
                                 {observation(uuid(1), std::string("e-paris-1\0x", 11)), observation(uuid(2), "e-nobody"),
                                  observation(uuid(3), "e-paris-1")},
                                 {activity(uuid(4), {std::string("e-paris-2\0", 10)})});
    REQUIRE(outcomes.size() == 4);
    CHECK(outcomes[0].status == PushStatus::rejected);
    CHECK(outcomes[0].error_code == "text_nul");
    CHECK(outcomes[1].error_code == "unknown_employee");
    CHECK(outcomes[2].status == PushStatus::accepted);
    CHECK(outcomes[3].error_code == "text_nul");
    CHECK(f.observations().size() == 1);
}

TEST_CASE("coaching activities follow the same rules", "[push][activities]") {
    StoreFixture f;
    const auto a = activity(uuid(1), {"e-paris-1", "e-paris-2"}, ActivityKind::team_briefing);
    const auto accepted = f.push_one("mgr.paris", a);
    CHECK(accepted.status == PushStatus::accepted);
    CHECK(accepted.stored_revision == 1);
    const auto stored = f.activities();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].manager_id == f.caller("mgr.paris").user_id);
    CHECK(stored[0].kind == ActivityKind::team_briefing);
    CHECK(stored[0].participant_ids == a.participant_ids);
    CHECK(stored[0].note == "Debrief");

    auto reordered = a;
    std::reverse(reordered.participant_ids.begin(), reordered.participant_ids.end());
    CHECK(f.push_one("mgr.paris", reordered).status == PushStatus::duplicate);

    auto other = a;
    other.note = "Another note";
    const auto conflict = f.push_one("mgr.paris", other);
    CHECK(conflict.status == PushStatus::conflict);
    CHECK(conflict.error_code == "revision_conflict");

    auto v2 = a;
    v2.revision = 2;
    v2.base_revision = 1;
    v2.participant_ids = {"e-paris-3"};
    CHECK(f.push_one("mgr.paris", v2).status == PushStatus::accepted);
    CHECK(f.activities()[0].participant_ids == std::vector<std::string>{"e-paris-3"});

    auto stale = v2;
    stale.revision = 4;
    stale.base_revision = 3;
    CHECK(f.push_one("mgr.paris", stale).error_code == "stale_base_revision");

    auto tombstone = v2;
    tombstone.revision = 3;
    tombstone.base_revision = 2;
    tombstone.deleted = true;
    tombstone.participant_ids.clear();
    CHECK(f.push_one("mgr.paris", tombstone).status == PushStatus::accepted);
    CHECK(f.activities().empty());

    CHECK(f.push_one("mgr.paris", activity(uuid(2), {"e-ghost"})).error_code == "unknown_employee");
    CHECK(f.push_one("mgr.paris", activity(uuid(3), {"e-paris-1", "e-lille-1"})).error_code == "employee_out_of_scope");
    CHECK(f.push_one("mgr.paris", activity(uuid(4), {})).error_code == "participants_required");
    CHECK(f.push_one("mgr.paris", activity(uuid(5), {"e-paris-1"}, ActivityKind::unspecified)).error_code ==
          "required");
    CHECK(f.push_one("mgr.paris", activity(uuid(6), {"e-paris-1"}, ActivityKind::challenge, "2026-03-07T00:00:00Z"))
              .error_code == "time_in_future");
}

TEST_CASE("an id already used by the other kind of record is rejected, whoever wrote it", "[push][activities]") {
    // deletedIds does not say which kind a record was: deleting one of two records sharing an id would make the
    // phones delete the other as well.
    StoreFixture f;
    const auto a = activity(uuid(1), {"e-paris-1"});
    REQUIRE(f.push_one("mgr.paris", a).status == PushStatus::accepted);
    const auto o = observation(uuid(2), "e-paris-1");
    REQUIRE(f.push_one("mgr.paris", o).status == PushStatus::accepted);

    const auto as_observation = f.push_one("mgr.paris", observation(uuid(1), "e-paris-1"));
    CHECK(as_observation.status == PushStatus::rejected);
    CHECK(as_observation.error_code == "id_used_by_other_kind");
    CHECK(as_observation.error_message.find("coaching activity") != std::string::npos);
    CHECK(as_observation.stored_revision == 0);

    const auto as_activity = f.push_one("mgr.paris", activity(uuid(2), {"e-paris-1"}));
    CHECK(as_activity.status == PushStatus::rejected);
    CHECK(as_activity.error_code == "id_used_by_other_kind");
    CHECK(as_activity.error_message.find("observation") != std::string::npos);

    // Another author, and a deleted record, still hold their id.
    CHECK(f.push_one("dir.north", observation(uuid(1), "e-paris-1")).error_code == "id_used_by_other_kind");
    auto tombstone = a;
    tombstone.revision = 2;
    tombstone.base_revision = 1;
    tombstone.deleted = true;
    tombstone.participant_ids.clear();
    CHECK(f.push_one("mgr.paris", tombstone).status == PushStatus::accepted);
    CHECK(f.push_one("mgr.paris", observation(uuid(1), "e-paris-1")).error_code == "id_used_by_other_kind");

    CHECK(f.observations().size() == 1);
    CHECK(f.activities().empty());

    // Ids are an organisation's own: another organisation may use the id for the other kind.
    const std::string other = f.add_organization("globex");
    CHECK(f.store->push(f.caller_in(other, "mgr.paris"), {observation(uuid(1), "e-paris-1")}, {}, push_time)[0]
              .status == PushStatus::accepted);
}

TEST_CASE("record_changes answers what counted before and what counts now over a range of changes",
          "[push][changes]") {
    StoreFixture f;
    const auto start = f.store->change_position(f.org);
    const auto v1 = observation(uuid(1), "e-paris-1", {{"welcome", 2}});
    const auto a1 = activity(uuid(2), {"e-paris-1"});
    REQUIRE(f.push("mgr.paris", {v1, observation(uuid(3), "e-lyon-1")}, {a1}).size() == 3);
    const auto created_at = f.store->change_position(f.org);
    CHECK(created_at.change_seq > start.change_seq);
    CHECK(created_at.data_seq == start.data_seq);  // records, not organisation data

    const auto created = f.store->record_changes(f.org, start.change_seq, created_at.change_seq);
    CHECK(created.organization_id == f.org);
    REQUIRE(created.observations.size() == 1);  // the rejected one is not a change
    CHECK_FALSE(created.observations[0].before);
    REQUIRE(created.observations[0].after);
    CHECK(created.observations[0].after->id == uuid(1));
    CHECK(created.observations[0].after->observer_id == f.caller("mgr.paris").user_id);
    CHECK(created.observations[0].after->ratings == std::vector<Rating>{{"welcome", 2}});
    REQUIRE(created.activities.size() == 1);
    CHECK_FALSE(created.activities[0].before);
    CHECK(created.activities[0].after->manager_id == f.caller("mgr.paris").user_id);
    CHECK(created.activities[0].after->participant_ids == std::vector<std::string>{"e-paris-1"});

    auto v2 = edited(v1);
    v2.ratings = {{"welcome", 4}};
    f.push_one("mgr.paris", v2);
    const auto edited_at = f.store->change_position(f.org);
    const auto edit = f.store->record_changes(f.org, created_at.change_seq, edited_at.change_seq).observations.at(0);
    REQUIRE(edit.before);
    REQUIRE(edit.after);
    CHECK(edit.before->revision == 1);
    CHECK(edit.before->ratings == std::vector<Rating>{{"welcome", 2}});
    CHECK(edit.after->revision == 2);
    CHECK(edit.after->ratings == std::vector<Rating>{{"welcome", 4}});

    f.push_one("mgr.paris", deleted(v2));
    const auto deleted_at = f.store->change_position(f.org);
    const auto removal = f.store->record_changes(f.org, edited_at.change_seq, deleted_at.change_seq).observations.at(0);
    REQUIRE(removal.before);
    CHECK(removal.before->revision == 2);
    CHECK_FALSE(removal.after);

    // Over the whole range, an observation created and deleted inside it is no change at all; later changes
    // never leak into an earlier range.
    const auto whole = f.store->record_changes(f.org, start.change_seq, deleted_at.change_seq);
    CHECK(std::none_of(whole.observations.begin(), whole.observations.end(),
                       [](const auto& c) { return (c.before && c.before->id == uuid(1)) || (c.after && c.after->id == uuid(1)); }));
    f.push_one("mgr.paris", observation(uuid(9), "e-paris-2"));
    CHECK(f.store->record_changes(f.org, start.change_seq, deleted_at.change_seq).observations.size() ==
          whole.observations.size());

    // Organisation data moves data_seq, so that readers read it again.
    f.store->import_employees(f.org, {{"e-paris-4", "paris", "Hugo Blanc", "Advisor", true}});
    CHECK(f.store->change_position(f.org).data_seq > deleted_at.data_seq);
}

TEST_CASE("organisations are isolated from each other", "[push][tenants]") {
    StoreFixture f;
    const std::string other = f.add_organization("globex");
    const auto caller_a = f.caller_in(f.org, "mgr.paris");
    const auto caller_b = f.caller_in(other, "mgr.paris");
    CHECK(caller_a.user_id != caller_b.user_id);

    // The same record id in two organisations: two independent records.
    const auto o = observation(uuid(1), "e-paris-1");
    CHECK(f.store->push(caller_a, {o}, {}, push_time)[0].status == PushStatus::accepted);
    auto different = o;
    different.ratings = {{"welcome", 1}};
    CHECK(f.store->push(caller_b, {different}, {}, push_time)[0].status == PushStatus::accepted);

    // An employee that exists only in the other organisation is unknown here.
    f.store->import_employees(other, {{"e-only-b", "paris", "Iris Noir", "Advisor", true}});
    CHECK(f.store->push(caller_a, {observation(uuid(2), "e-only-b")}, {}, push_time)[0].error_code ==
          "unknown_employee");

    std::vector<Observation> in_a;
    f.store->for_each_observation(f.org, [&](const Observation& x) { in_a.push_back(x); });
    std::vector<Observation> in_b;
    f.store->for_each_observation(other, [&](const Observation& x) { in_b.push_back(x); });
    REQUIRE(in_a.size() == 1);
    REQUIRE(in_b.size() == 1);
    CHECK(in_a[0].ratings == o.ratings);
    CHECK(in_b[0].ratings == different.ratings);
    CHECK(in_a[0].observer_id == caller_a.user_id);

    const auto page_b = f.store->pull(f.caller_in(other, "hq"), "", 100);
    REQUIRE(page_b.observations.size() == 1);
    CHECK(page_b.observations[0].ratings == different.ratings);
    const auto in_b_list = [](const std::vector<Employee>& employees) {
        return std::any_of(employees.begin(), employees.end(), [](const Employee& e) { return e.id == "e-only-b"; });
    };
    CHECK(in_b_list(page_b.employees));
    CHECK_FALSE(in_b_list(f.store->pull(f.caller_in(f.org, "hq"), "", 100).employees));
}

TEST_CASE("a push by a caller who is not a user of the organisation is a programming error", "[push]") {
    StoreFixture f;
    auto stranger = f.caller("mgr.paris");
    stranger.user_id = "no-such-user";
    CHECK_THROWS_AS(f.store->push(stranger, {observation(uuid(1), "e-paris-1")}, {}, push_time), std::invalid_argument);
    CHECK(f.observations().empty());
}

TEST_CASE("a record rated against an older model version stays valid after a new version", "[push]") {
    StoreFixture f;
    auto model = sample_model();
    model.dimensions.push_back({"farewell", "Farewell", "Says goodbye", {}});
    REQUIRE(f.store->import_model(f.org, model).applied == 2);
    auto old = observation(uuid(1), "e-paris-1", {{"welcome", 3}});
    CHECK(f.push_one("mgr.paris", old).status == PushStatus::accepted);
    CHECK(f.push_one("mgr.paris", observation(uuid(2), "e-paris-1", {{"farewell", 3}})).error_code ==
          "rating_dimension_unknown");
    auto current = observation(uuid(3), "e-paris-1", {{"farewell", 3}});
    current.model_version = 2;
    CHECK(f.push_one("mgr.paris", current).status == PushStatus::accepted);
}

TEST_CASE("a record id in upper case is the same record as in lower case", "[push]") {
    StoreFixture f;
    auto upper = [](std::string id) {
        for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return id;
    };
    const std::string id = "0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0d";
    REQUIRE(upper(id) != id);

    const auto first = f.push_one("mgr.paris", observation(upper(id), "e-paris-1"));
    CHECK(first.status == PushStatus::accepted);
    CHECK(first.id == upper(id));  // the outcome names the id as sent, so the client can match it
    const auto resent = f.push_one("mgr.paris", observation(id, "e-paris-1"));
    CHECK(resent.status == PushStatus::duplicate);
    CHECK(resent.id == id);
    const auto stored = f.observations();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].id == id);  // stored in the canonical, lower-case form

    const auto a = f.push("mgr.paris", {}, {activity(upper("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0e"), {"e-paris-1"})});
    CHECK(a[0].status == PushStatus::accepted);
    const auto b = f.push("mgr.paris", {}, {activity("0190b6a2-4c1e-7d3f-9a2b-5e6f7a8b9c0e", {"e-paris-1"})});
    CHECK(b[0].status == PushStatus::duplicate);
}

TEST_CASE("a record dated after its employee was made inactive is refused, one made before is kept", "[push]") {
    StoreFixture f;
    // Switched off now (imports stamp the wall clock), so the phone's clock decides on which side a record falls.
    auto employees = f.store->employees(f.org);
    const auto it = std::find_if(employees.begin(), employees.end(), [](const Employee& e) { return e.id == "e-paris-1"; });
    REQUIRE(it != employees.end());
    Employee leaver = *it;
    leaver.active = false;
    REQUIRE(f.store->import_employees(f.org, {leaver}).errors.empty());
    const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());

    auto before = observation(uuid(1), "e-paris-1");
    before.observed_at = now - std::chrono::hours(2);  // made offline while he was still there
    auto after = observation(uuid(2), "e-paris-1");
    after.observed_at = now + std::chrono::hours(2);
    const auto outcomes = f.store->push(f.caller("mgr.paris"), {before, after}, {}, now + std::chrono::hours(3));
    CHECK(outcomes[0].status == PushStatus::accepted);
    CHECK(outcomes[1].status == PushStatus::rejected);
    CHECK(outcomes[1].error_code == "employee_inactive");
    CHECK(outcomes[1].error_message.find("made inactive on") != std::string::npos);

    // An activity naming him after he left is refused the same way; deleting the kept observation is allowed.
    auto coaching = activity(uuid(3), {"e-paris-1"});
    coaching.occurred_at = now + std::chrono::hours(1);
    CHECK(f.store->push(f.caller("mgr.paris"), {}, {coaching}, now + std::chrono::hours(3))[0].error_code ==
          "employee_inactive");
    CHECK(f.store->push(f.caller("mgr.paris"), {deleted(before)}, {}, now + std::chrono::hours(3))[0].status ==
          PushStatus::accepted);

    // Reactivated: records are welcome again.
    leaver.active = true;
    REQUIRE(f.store->import_employees(f.org, {leaver}).errors.empty());
    CHECK(f.store->push(f.caller("mgr.paris"), {after}, {}, now + std::chrono::hours(3))[0].status ==
          PushStatus::accepted);
}
