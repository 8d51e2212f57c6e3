#include "localstore.h"
#include "needsattentionmodel.h"
#include "testapp.h"
#include "testdata.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QTemporaryDir>

namespace {

struct Fixture {
    QTemporaryDir dir;
    LocalStore store{QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"))};
    NeedsAttentionModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};
    ObservationRecord rejected = makeObservation(QStringLiteral("e1"), 2, 2);
    ObservationRecord conflicting = makeObservation(QStringLiteral("e2"), 3, 3);
    ObservationRecord accepted = makeObservation(QStringLiteral("e3"), 1, 1);

    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
        model.setStore(&store);
        for (const auto &o : {rejected, conflicting, accepted})
            REQUIRE(store.outbox().saveObservation(o, &error));
        const QList<OutboxEntry> batch = store.outbox().takeBatch(10);
        REQUIRE(store.outbox().applyResults(
            batch,
            {{rejected.id, PushStatus::Rejected, QStringLiteral("employee_out_of_scope"),
              QStringLiteral("Employee e1 is not in your units."), 0},
             {conflicting.id, PushStatus::Conflict, QStringLiteral("conflict"),
              QStringLiteral("Revision 1 already exists with other content."), 1},
             {accepted.id, PushStatus::Accepted, {}, {}, 1}},
            &error));
        TestWait::settle();
    }

    int rowOf(const QString &recordId)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.data(model.index(row), NeedsAttentionModel::RecordIdRole).toString() == recordId)
                return row;
        }
        return -1;
    }
};

}  // namespace

TEST_CASE("needs attention lists refused and conflicting records with the server's reason")
{
    Fixture f;
    REQUIRE(f.model.count() == 2);
    const int row = f.rowOf(f.rejected.id);
    REQUIRE(row >= 0);
    const QModelIndex i = f.model.index(row);
    CHECK(f.model.data(i, NeedsAttentionModel::TitleRole).toString() == QStringLiteral("Hélène Dubois"));
    CHECK(f.model.data(i, NeedsAttentionModel::ReasonRole).toString() == QStringLiteral("Employee e1 is not in your units."));
    CHECK(f.model.data(i, NeedsAttentionModel::CodeRole).toString() == QStringLiteral("employee_out_of_scope"));
    CHECK(f.model.data(i, NeedsAttentionModel::StateRole).toInt() == NeedsAttentionModel::Rejected);
    CHECK(f.model.data(i, NeedsAttentionModel::KindRole).toInt() == NeedsAttentionModel::Observation);
    CHECK(f.model.data(f.model.index(f.rowOf(f.conflicting.id)), NeedsAttentionModel::StateRole).toInt()
          == NeedsAttentionModel::Conflict);
}

TEST_CASE("retry, keep mine and discard empty the list, each its own way")
{
    Fixture f;
    const qint64 rejectedSeq = f.model.data(f.model.index(f.rowOf(f.rejected.id)), NeedsAttentionModel::SeqRole).toLongLong();
    const qint64 conflictSeq = f.model.data(f.model.index(f.rowOf(f.conflicting.id)), NeedsAttentionModel::SeqRole).toLongLong();
    REQUIRE(f.model.retry(rejectedSeq));
    TestWait::settle();
    CHECK(f.model.count() == 1);
    CHECK(f.store.outbox().entry(rejectedSeq)->state == OutboxState::Pending);
    REQUIRE(f.model.keepMine(conflictSeq));
    TestWait::settle();
    CHECK(f.model.count() == 0);
    CHECK(f.store.outbox().latestOpenEntry(RecordKind::Observation, f.conflicting.id)->revision == 2);
    // Nothing left to act on: the model says why instead of failing silently.
    CHECK_FALSE(f.model.retry(conflictSeq));
    CHECK_FALSE(f.model.errorText().isEmpty());
}

TEST_CASE("discarding is deliberate and final")
{
    Fixture f;
    const qint64 seq = f.model.data(f.model.index(f.rowOf(f.rejected.id)), NeedsAttentionModel::SeqRole).toLongLong();
    REQUIRE(f.model.discard(seq));
    TestWait::settle();
    CHECK(f.model.count() == 1);
    CHECK_FALSE(f.store.records().observation(f.rejected.id));
    CHECK(f.model.errorText().isEmpty());
}
