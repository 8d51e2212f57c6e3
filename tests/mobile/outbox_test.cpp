#include "localstore.h"
#include "recordid.h"
#include "testapp.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

struct Fixture {
    QTemporaryDir dir;
    LocalStore store{QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"))};
    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
    }
    Outbox &outbox() { return store.outbox(); }
    QList<PushResultItem> verdicts(const QList<OutboxEntry> &batch, PushStatus status, int stored = 0)
    {
        QList<PushResultItem> out;
        for (const OutboxEntry &e : batch)
            out.append({e.recordId, status, QStringLiteral("code"), QStringLiteral("reason for ") + e.recordId, stored});
        return out;
    }
};

}  // namespace

TEST_CASE("a saved observation is on disk, pending, at revision 1, before save returns")
{
    Fixture f;
    const ObservationRecord o = makeObservation(QStringLiteral("e1"), 3, 2, QStringLiteral("good"));
    QString error;
    REQUIRE(f.outbox().saveObservation(o, &error));

    // Another connection to the same file sees it: the commit happened.
    QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
    other.setDatabaseName(f.store.database().path());
    REQUIRE(other.open());
    {
        QSqlQuery q(other);
        REQUIRE(q.exec(QStringLiteral("SELECT record_id, revision, base_revision, state FROM outbox")));
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == o.id);
        CHECK(q.value(1).toInt() == 1);
        CHECK(q.value(2).toInt() == 0);
        CHECK(q.value(3).toInt() == int(OutboxState::Pending));
    }
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("other"));

    CHECK(f.outbox().pendingCount() == 1);
    const auto current = f.store.records().observation(o.id);
    REQUIRE(current);
    CHECK(current->localState == LocalState::Pending);
    CHECK(current->ratings == o.ratings);
    CHECK(current->observerId == QStringLiteral("u-alice"));
}

TEST_CASE("editing before the server saw an observation rewrites it, after it becomes a new revision")
{
    Fixture f;
    ObservationRecord o = makeObservation(QStringLiteral("e1"), 3, 2);
    QString error;
    REQUIRE(f.outbox().saveObservation(o, &error));
    o.comment = QStringLiteral("edited before sending");
    REQUIRE(f.outbox().saveObservation(o, &error));
    REQUIRE(f.outbox().entries().size() == 1);
    CHECK(f.outbox().entries().constFirst().revision == 1);
    CHECK(f.outbox().entries().constFirst().observation.comment == QStringLiteral("edited before sending"));

    // An attempt whose answer never came: the server may hold revision 1 now, so it is frozen.
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    REQUIRE(batch.size() == 1);
    REQUIRE(f.outbox().requeue(batch));
    o.comment = QStringLiteral("edited after an attempt");
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> entries = f.outbox().entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries.at(0).revision == 1);
    CHECK(entries.at(0).observation.comment == QStringLiteral("edited before sending"));
    CHECK(entries.at(0).attempts == 1);
    CHECK(entries.at(1).revision == 2);
    CHECK(entries.at(1).baseRevision == 1);
    CHECK(f.store.records().observation(o.id)->comment == QStringLiteral("edited after an attempt"));
}

TEST_CASE("deleting an observation the server never saw removes it entirely")
{
    Fixture f;
    const ObservationRecord o = makeObservation(QStringLiteral("e2"), 4, 0);
    QString error;
    REQUIRE(f.outbox().saveObservation(o, &error));
    REQUIRE(f.outbox().deleteObservation(o.id, &error));
    CHECK(f.outbox().entries().isEmpty());
    CHECK_FALSE(f.store.records().observation(o.id));
}

TEST_CASE("an acknowledged observation becomes the server copy, and deleting it queues a tombstone")
{
    Fixture f;
    const ObservationRecord o = makeObservation(QStringLiteral("e2"), 4, 1);
    QString error;
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(500);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Accepted, 1), &error));
    CHECK(f.outbox().pendingCount() == 0);
    CHECK(f.store.cache().serverRevision(RecordKind::Observation, o.id) == 1);
    CHECK(f.store.records().observation(o.id)->localState == LocalState::Synced);

    REQUIRE(f.outbox().deleteObservation(o.id, &error));
    const auto tombstone = f.outbox().latestOpenEntry(RecordKind::Observation, o.id);
    REQUIRE(tombstone);
    CHECK(tombstone->revision == 2);
    CHECK(tombstone->baseRevision == 1);
    CHECK(tombstone->observation.deleted);
    CHECK(tombstone->observation.ratings == o.ratings);  // a tombstone keeps the last content
    CHECK_FALSE(f.store.records().observation(o.id));

    const QList<OutboxEntry> again = f.outbox().takeBatch(500);
    REQUIRE(f.outbox().applyResults(again, f.verdicts(again, PushStatus::Accepted, 2), &error));
    CHECK(f.store.cache().serverRevision(RecordKind::Observation, o.id) == 0);
}

TEST_CASE("deleting a never-sent edit after a reset wiped the server copy still sends a tombstone")
{
    Fixture f;
    QString error;
    ObservationRecord o = makeObservation(QStringLiteral("e2"), 4, 1);
    REQUIRE(f.outbox().saveObservation(o, &error));
    QList<OutboxEntry> batch = f.outbox().takeBatch(500);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Accepted, 1), &error));
    REQUIRE(f.store.cache().serverRevision(RecordKind::Observation, o.id) == 1);

    // An edit the server has not seen yet: revision 2 on the server's revision 1.
    o.comment = QStringLiteral("edited offline");
    REQUIRE(f.outbox().saveObservation(o, &error));
    // The server answers a pull with reset: the server copies are gone until the full pull brings them back.
    REQUIRE(f.store.cache().resetServerData(&error));
    REQUIRE(f.store.cache().serverRevision(RecordKind::Observation, o.id) == 0);

    // The server still holds revision 1: deleting must reach it, whatever the wiped cache says.
    REQUIRE(f.outbox().deleteObservation(o.id, &error));
    const auto tombstone = f.outbox().latestOpenEntry(RecordKind::Observation, o.id);
    REQUIRE(tombstone);
    CHECK(tombstone->observation.deleted);
    CHECK(tombstone->revision == 2);
    CHECK(tombstone->baseRevision == 1);
    CHECK_FALSE(f.store.records().observation(o.id));
    batch = f.outbox().takeBatch(500);
    REQUIRE(batch.size() == 1);
    CHECK(batch.constFirst().observation.deleted);
}

TEST_CASE("deleting a never-sent edit of an activity after a reset still sends a tombstone")
{
    Fixture f;
    QString error;
    ActivityRecord a;
    a.id = RecordId::create();
    a.kind = ActivityKind::OneToOne;
    a.occurredAt = QDateTime::currentDateTimeUtc();
    a.participantIds = {QStringLiteral("e1")};
    a.note = QStringLiteral("first");
    REQUIRE(f.outbox().saveActivity(a, &error));
    QList<OutboxEntry> batch = f.outbox().takeBatch(500);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Accepted, 1), &error));
    a.note = QStringLiteral("edited offline");
    REQUIRE(f.outbox().saveActivity(a, &error));
    REQUIRE(f.store.cache().resetServerData(&error));

    REQUIRE(f.outbox().deleteActivity(a.id, &error));
    const auto tombstone = f.outbox().latestOpenEntry(RecordKind::Activity, a.id);
    REQUIRE(tombstone);
    CHECK(tombstone->activity.deleted);
    CHECK(tombstone->baseRevision == 1);
}

TEST_CASE("batches go oldest first, at most the limit, and are marked sending")
{
    Fixture f;
    QString error;
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const ObservationRecord o = makeObservation(QStringLiteral("e3"), 1 + i % 4, 0);
        ids.append(o.id);
        REQUIRE(f.outbox().saveObservation(o, &error));
    }
    const QList<OutboxEntry> first = f.outbox().takeBatch(3);
    REQUIRE(first.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(first.at(i).recordId == ids.at(i));
        CHECK(first.at(i).state == OutboxState::Sending);
    }
    const QList<OutboxEntry> second = f.outbox().takeBatch(3);
    REQUIRE(second.size() == 2);
    CHECK(second.at(0).recordId == ids.at(3));
    CHECK(f.outbox().takeBatch(3).isEmpty());

    // A crash with batches in flight: they come back as pending, counted as attempted.
    REQUIRE(f.outbox().recoverInterrupted());
    const QList<OutboxEntry> all = f.outbox().entries();
    for (const OutboxEntry &e : all) {
        CHECK(e.state == OutboxState::Pending);
        CHECK(e.attempts == 1);
    }
}

TEST_CASE("the server's verdicts are applied per record, in the answer's order")
{
    Fixture f;
    QString error;
    const ObservationRecord a = makeObservation(QStringLiteral("e1"), 3, 3);
    const ObservationRecord b = makeObservation(QStringLiteral("e2"), 2, 0);
    const ObservationRecord c = makeObservation(QStringLiteral("e3"), 4, 0);
    const ObservationRecord d = makeObservation(QStringLiteral("e4"), 1, 0);
    for (const auto &o : {a, b, c, d})
        REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    const QList<PushResultItem> results = {
        {a.id, PushStatus::Duplicate, {}, {}, 1},
        {b.id, PushStatus::Rejected, QStringLiteral("rating_level_out_of_scale"), QStringLiteral("level 9 is off the scale"), 0},
        {c.id, PushStatus::Conflict, QStringLiteral("conflict"), QStringLiteral("another revision exists"), 3},
        // d is not named: the answer is short of one record.
    };
    int unanswered = 0;
    REQUIRE(f.outbox().applyResults(batch, results, &error, &unanswered));
    CHECK(unanswered == 1);
    const QList<OutboxEntry> entries = f.outbox().entries();
    REQUIRE(entries.size() == 4);
    CHECK(entries.at(0).state == OutboxState::Acknowledged);
    CHECK(entries.at(1).state == OutboxState::Rejected);
    CHECK(entries.at(1).errorMessage == QStringLiteral("level 9 is off the scale"));
    CHECK(entries.at(1).errorCode == QStringLiteral("rating_level_out_of_scale"));
    CHECK(entries.at(2).state == OutboxState::Conflict);
    CHECK(entries.at(2).storedRevision == 3);
    CHECK(entries.at(3).state == OutboxState::Pending);
    CHECK(entries.at(3).attempts == 1);
    CHECK(f.outbox().attentionCount() == 2);
    CHECK(f.outbox().pendingCount() == 1);
    CHECK(f.outbox().unsentCount() == 3);
    CHECK(f.store.records().observation(b.id)->localState == LocalState::NeedsAttention);
}

TEST_CASE("an answer naming another record does not acknowledge this one")
{
    Fixture f;
    QString error;
    const ObservationRecord a = makeObservation(QStringLiteral("e1"), 3, 3);
    REQUIRE(f.outbox().saveObservation(a, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    int unanswered = 0;
    REQUIRE(f.outbox().applyResults(batch, {{QStringLiteral("someone-else"), PushStatus::Accepted, {}, {}, 1}},
                                    &error, &unanswered));
    CHECK(unanswered == 1);
    CHECK(f.outbox().entries().constFirst().state == OutboxState::Pending);
}

TEST_CASE("editing a conflicting observation rebases it on the server's revision")
{
    Fixture f;
    QString error;
    ObservationRecord o = makeObservation(QStringLiteral("e1"), 3, 3);
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Conflict, 2), &error));
    o.comment = QStringLiteral("mine, on top of theirs");
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> entries = f.outbox().entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries.constFirst().revision == 3);
    CHECK(entries.constFirst().baseRevision == 2);
    CHECK(entries.constFirst().state == OutboxState::Pending);
}

TEST_CASE("an edit queued behind a rejected revision waits for the manager")
{
    Fixture f;
    QString error;
    ObservationRecord r = makeObservation(QStringLiteral("x1"), 2, 0);
    REQUIRE(f.outbox().saveObservation(r, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);  // revision 1 is on its way...
    r.comment = QStringLiteral("edited while sending");
    REQUIRE(f.outbox().saveObservation(r, &error));              // ...so this becomes revision 2
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Rejected), &error));
    REQUIRE(f.outbox().entries().size() == 2);
    CHECK(f.outbox().takeBatch(10).isEmpty());  // revision 2 would only conflict: it is held
    CHECK(f.store.records().observation(r.id)->localState == LocalState::NeedsAttention);

    // Fixing collapses both into one corrected revision 1.
    r.employeeId = QStringLiteral("e2");
    REQUIRE(f.outbox().saveObservation(r, &error));
    const QList<OutboxEntry> entries = f.outbox().entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries.constFirst().revision == 1);
    CHECK(entries.constFirst().observation.comment == QStringLiteral("edited while sending"));
    CHECK(f.outbox().takeBatch(10).size() == 1);
}

TEST_CASE("fixing a rejected observation sends the same revision again with the new content")
{
    Fixture f;
    QString error;
    ObservationRecord o = makeObservation(QStringLiteral("x1"), 3, 0);
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Rejected), &error));
    o.employeeId = QStringLiteral("e1");
    REQUIRE(f.outbox().saveObservation(o, &error));
    const QList<OutboxEntry> entries = f.outbox().entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries.constFirst().revision == 1);
    CHECK(entries.constFirst().state == OutboxState::Pending);
    CHECK(entries.constFirst().observation.employeeId == QStringLiteral("e1"));
    CHECK(f.outbox().attentionCount() == 0);
}

TEST_CASE("retry, keep mine and discard resolve attention deliberately")
{
    Fixture f;
    QString error;
    // The server holds revision 1 of this record (pulled).
    PullPage page;
    page.cursor = QStringLiteral("c2");
    page.observations = {TestData::serverObservation(QStringLiteral("0190a000-0000-7000-8000-000000000001"),
                                                     QStringLiteral("e1"), QDateTime::currentDateTimeUtc().addDays(-2),
                                                     {{QStringLiteral("welcome"), 2}}, QStringLiteral("u-alice"))};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    const QString id = page.observations.constFirst().id;
    ObservationRecord mine = *f.store.records().observation(id);
    mine.ratings = {{QStringLiteral("welcome"), 4}};
    REQUIRE(f.outbox().saveObservation(mine, &error));
    QList<OutboxEntry> batch = f.outbox().takeBatch(10);
    REQUIRE(batch.constFirst().revision == 2);
    REQUIRE(f.outbox().applyResults(batch, f.verdicts(batch, PushStatus::Conflict, 5), &error));
    const qint64 seq = batch.constFirst().seq;

    SECTION("retry sends the same revision again")
    {
        REQUIRE(f.outbox().retry(seq, &error));
        CHECK(f.outbox().entry(seq)->state == OutboxState::Pending);
        CHECK(f.outbox().entry(seq)->revision == 2);
    }
    SECTION("keep mine rebases on the server's latest revision")
    {
        REQUIRE(f.outbox().keepMine(seq, &error));
        const auto latest = f.outbox().latestOpenEntry(RecordKind::Observation, id);
        REQUIRE(latest);
        CHECK(latest->revision == 6);
        CHECK(latest->baseRevision == 5);
        CHECK(latest->observation.ratings == mine.ratings);
    }
    SECTION("discard drops the change and shows the server's copy again")
    {
        REQUIRE(f.outbox().discard(seq, &error));
        CHECK(f.outbox().unsentCount() == 0);
        const auto current = f.store.records().observation(id);
        REQUIRE(current);
        CHECK(current->ratings == QList<RatingValue>{{QStringLiteral("welcome"), 2}});
        CHECK(current->localState == LocalState::Synced);
    }
}
