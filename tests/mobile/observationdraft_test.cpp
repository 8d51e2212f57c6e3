#include "localstore.h"
#include "observationdraft.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QRegularExpression>
#include <QSignalSpy>
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
};

int rowOf(DimensionRatingModel *model, const QString &dimensionId)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->data(model->index(row), DimensionRatingModel::DimensionIdRole).toString() == dimensionId)
            return row;
    }
    return -1;
}

}  // namespace

TEST_CASE("a new observation lists every dimension and saves the tapped levels to the outbox")
{
    Fixture f;
    ObservationDraft draft;
    draft.setEmployeeId(QStringLiteral("e1"));
    draft.setStore(&f.store);
    QAbstractItemModelTester tester(draft.dimensions(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester scaleTester(draft.scale(), QAbstractItemModelTester::FailureReportingMode::Fatal);

    CHECK(draft.employeeName() == QStringLiteral("Hélène Dubois"));
    CHECK(draft.teamName() == QStringLiteral("Lille Centre"));
    CHECK(draft.dimensions()->rowCount() == 4);
    CHECK(draft.scale()->rowCount() == 4);
    CHECK(draft.scale()->data(draft.scale()->index(2), ScaleLevelModel::LabelRole).toString() == QStringLiteral("Mastering"));
    CHECK(draft.scale()->data(draft.scale()->index(2), ScaleLevelModel::MasteredRole).toBool());
    CHECK(draft.dimensions()->data(draft.dimensions()->index(0), DimensionRatingModel::BehavioursRole).toStringList()
          == QStringList{QStringLiteral("Greets within 30 seconds")});
    // UUIDv7: version 7, RFC variant.
    CHECK(QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
              .match(draft.pendingId())
              .hasMatch());
    CHECK_FALSE(draft.canSave());  // "not observed" everywhere: nothing to save
    CHECK_FALSE(draft.save());
    CHECK(draft.errorText() == QStringLiteral("Rate at least one dimension."));

    const int welcome = rowOf(draft.dimensions(), QStringLiteral("welcome"));
    const int closing = rowOf(draft.dimensions(), QStringLiteral("closing"));
    draft.toggleLevel(welcome, 3);
    draft.toggleLevel(closing, 2);
    draft.toggleLevel(closing, 2);  // tapped again: not observed after all
    draft.toggleLevel(closing, 4);
    CHECK(draft.ratedCount() == 2);
    CHECK(draft.dimensions()->data(draft.dimensions()->index(welcome), DimensionRatingModel::LevelLabelRole).toString()
          == QStringLiteral("Mastering"));
    CHECK_FALSE(draft.dimensions()->setLevel(welcome, 9));  // off the scale
    draft.setComment(QStringLiteral("Warm welcome"));
    draft.setCoachingAction(QStringLiteral("Try the closing script"));
    REQUIRE(draft.canSave());

    QSignalSpy saved(&draft, &ObservationDraft::saved);
    const QString id = draft.pendingId();
    REQUIRE(draft.save());
    REQUIRE(saved.count() == 1);
    CHECK(saved.constFirst().at(0).toString() == id);
    const auto entry = f.store.outbox().latestOpenEntry(RecordKind::Observation, id);
    REQUIRE(entry);
    CHECK(entry->state == OutboxState::Pending);
    CHECK(entry->observation.employeeId == QStringLiteral("e1"));
    CHECK(entry->observation.modelVersion == 1);
    CHECK(entry->observation.ratings
          == QList<RatingValue>{{QStringLiteral("welcome"), 3}, {QStringLiteral("closing"), 4}});
    CHECK(entry->observation.comment == QStringLiteral("Warm welcome"));
    CHECK(entry->observation.coachingAction == QStringLiteral("Try the closing script"));
    CHECK(entry->observation.observedAt.secsTo(QDateTime::currentDateTimeUtc()) < 60);
    // The form is ready for the next observation, with a new id.
    CHECK(draft.pendingId() != id);
    CHECK(draft.ratedCount() == 0);
    CHECK(draft.comment().isEmpty());
}

TEST_CASE("the manager edits and deletes his own observations")
{
    Fixture f;
    ObservationDraft first;
    first.setStore(&f.store);
    first.setEmployeeId(QStringLiteral("e2"));
    first.toggleLevel(0, 2);
    const QString id = first.pendingId();
    REQUIRE(first.save());

    ObservationDraft edit;
    edit.setObservationId(id);  // before the store, as QML may assign it
    edit.setStore(&f.store);
    REQUIRE(edit.isEdit());
    CHECK(edit.editable());
    CHECK(edit.employeeName() == QStringLiteral("Éric Martin"));
    CHECK(edit.ratedCount() == 1);
    edit.toggleLevel(0, 4);
    REQUIRE(edit.save());
    REQUIRE(f.store.outbox().entries().size() == 1);  // never sent: rewritten in place
    CHECK(f.store.records().observation(id)->levelFor(QStringLiteral("welcome")) == 4);
    CHECK(edit.observationId() == id);

    QSignalSpy removed(&edit, &ObservationDraft::removed);
    REQUIRE(edit.remove());
    CHECK(removed.count() == 1);
    CHECK_FALSE(f.store.records().observation(id));
}

TEST_CASE("another manager's observation can be read, not changed")
{
    Fixture f;
    QString error;
    PullPage page;
    page.cursor = QStringLiteral("c");
    page.observations = {TestData::serverObservation(QStringLiteral("theirs"), QStringLiteral("e3"),
                                                     QDateTime::currentDateTimeUtc().addDays(-1),
                                                     {{QStringLiteral("advice"), 3}}, QStringLiteral("u-bob"))};
    REQUIRE(f.store.cache().applyPullPage(page, &error));
    ObservationDraft draft;
    draft.setStore(&f.store);
    draft.setObservationId(QStringLiteral("theirs"));
    CHECK(draft.isEdit());
    CHECK_FALSE(draft.editable());
    CHECK_FALSE(draft.canSave());
    CHECK_FALSE(draft.save());
    CHECK_FALSE(draft.remove());
    CHECK(f.store.outbox().entries().isEmpty());
}

TEST_CASE("the form says what is missing before anything is written")
{
    Fixture f;
    ObservationDraft draft;
    draft.setStore(&f.store);
    draft.toggleLevel(0, 3);
    CHECK_FALSE(draft.save());
    CHECK(draft.errorText() == QStringLiteral("Choose the employee you observed."));
    draft.setEmployeeId(QStringLiteral("e1"));
    draft.setComment(QString(2001, QLatin1Char('x')));
    CHECK_FALSE(draft.save());
    CHECK(draft.errorText().contains(QStringLiteral("2000")));
    CHECK(f.store.outbox().entries().isEmpty());
}

TEST_CASE("without a model on the phone the form explains instead of saving")
{
    QTemporaryDir dir;
    LocalStore empty(QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    REQUIRE(empty.open(&error));
    ObservationDraft draft;
    draft.setStore(&empty);
    draft.setEmployeeId(QStringLiteral("e1"));
    CHECK_FALSE(draft.hasModel());
    CHECK(draft.dimensions()->rowCount() == 0);
    CHECK_FALSE(draft.save());
    CHECK(draft.errorText().contains(QStringLiteral("sync")));
}
