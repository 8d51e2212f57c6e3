#include "employeedetail.h"
#include "localstore.h"
#include "testapp.h"
#include "testdata.h"
#include "testwait.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QTemporaryDir>

#include <cmath>

namespace {

struct Fixture {
    QTemporaryDir dir;
    LocalStore store{QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"))};
    EmployeeDetail detail;

    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        PullPage page;
        page.cursor = QStringLiteral("c");
        page.observations = {
            TestData::serverObservation(QStringLiteral("old"), QStringLiteral("e1"), now.addDays(-20),
                                        {{QStringLiteral("welcome"), 2}, {QStringLiteral("closing"), 4}}),
            TestData::serverObservation(QStringLiteral("new"), QStringLiteral("e1"), now.addDays(-3),
                                        {{QStringLiteral("welcome"), 4}, {QStringLiteral("advice"), 2}},
                                        QStringLiteral("u-alice")),
        };
        REQUIRE(store.cache().applyPullPage(page, &error));
        detail.setStore(&store);
        detail.setEmployeeId(QStringLiteral("e1"));
    }
};

}  // namespace

TEST_CASE("the employee page shows the current level per dimension and where it moved")
{
    Fixture f;
    QAbstractItemModelTester tester(f.detail.levels(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(f.detail.name() == QStringLiteral("Hélène Dubois"));
    CHECK(f.detail.team() == QStringLiteral("Lille Centre"));
    CHECK_FALSE(f.detail.due());
    CHECK(f.detail.daysSinceAccompanied() == 3);
    DimensionLevelModel *levels = f.detail.levels();
    REQUIRE(levels->rowCount() == 4);
    auto at = [&](int row, DimensionLevelModel::Role role) { return levels->data(levels->index(row), role); };
    // welcome: 4 now, 2 before: up, mastered.
    CHECK(at(0, DimensionLevelModel::LevelRole).toInt() == 4);
    CHECK(at(0, DimensionLevelModel::PreviousLevelRole).toInt() == 2);
    CHECK(at(0, DimensionLevelModel::TrendRole).toInt() == 1);
    CHECK(at(0, DimensionLevelModel::LabelRole).toString() == QStringLiteral("Expert"));
    CHECK(at(0, DimensionLevelModel::MasteredRole).toBool());
    // discovery: never assessed.
    CHECK(at(1, DimensionLevelModel::LevelRole).toInt() == 0);
    CHECK(at(1, DimensionLevelModel::TrendRole).toInt() == 0);
    // advice: 2, first rating: no trend.
    CHECK(at(2, DimensionLevelModel::LevelRole).toInt() == 2);
    CHECK(at(2, DimensionLevelModel::TrendRole).toInt() == 0);
    // closing: still assessed from the older observation (within the window).
    CHECK(at(3, DimensionLevelModel::LevelRole).toInt() == 4);
    CHECK(f.detail.assessedCount() == 3);
    CHECK(f.detail.masteredCount() == 2);
}

TEST_CASE("the history is newest first and says which observations are the manager's")
{
    Fixture f;
    QAbstractItemModelTester tester(f.detail.history(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ObservationHistoryModel *history = f.detail.history();
    REQUIRE(history->rowCount() == 2);
    CHECK(history->data(history->index(0), ObservationHistoryModel::ObservationIdRole).toString() == QStringLiteral("new"));
    CHECK(history->data(history->index(0), ObservationHistoryModel::OwnRole).toBool());
    CHECK_FALSE(history->data(history->index(1), ObservationHistoryModel::OwnRole).toBool());
    CHECK(history->data(history->index(0), ObservationHistoryModel::LevelsRole).value<QList<int>>()
          == QList<int>{4, 0, 2, 0});
    CHECK(history->data(history->index(0), ObservationHistoryModel::AverageLevelRole).toDouble() == Approx(3.0));

    QString error;
    REQUIRE(f.store.outbox().saveObservation(makeObservation(QStringLiteral("e1"), 1, 0), &error));
    TestWait::settle();
    REQUIRE(history->rowCount() == 3);
    CHECK(history->data(history->index(0), ObservationHistoryModel::SyncStateRole).toInt()
          == ObservationHistoryModel::Pending);
}

TEST_CASE("the personal learning curve is undefined before the first assessment")
{
    Fixture f;
    const QList<qreal> values = f.detail.trendValues();
    REQUIRE(values.size() == f.detail.trendLabels().size());
    REQUIRE(values.size() >= EmployeeDetail::trendWeeks - 1);
    CHECK(std::isnan(values.constFirst()));  // twelve weeks ago nothing was assessed
    CHECK(values.constLast() == Approx(2.0 / 3.0));
}
