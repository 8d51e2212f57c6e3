#include "localstore.h"
#include "teamdashboard.h"
#include "testdata.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QTemporaryDir>

#include <cmath>

namespace {

// Lille Centre (s1): e1..e5 active. Hand-computed figures below.
struct Fixture {
    QTemporaryDir dir;
    LocalStore store{QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite"))};
    TeamDashboard dashboard;

    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        PullPage page;
        page.cursor = QStringLiteral("c");
        page.observations = {
            TestData::serverObservation(QStringLiteral("o1"), QStringLiteral("e1"), now.addDays(-3),
                                        {{QStringLiteral("welcome"), 4}, {QStringLiteral("advice"), 2}}),
            TestData::serverObservation(QStringLiteral("o2"), QStringLiteral("e2"), now.addDays(-40),
                                        {{QStringLiteral("closing"), 3}}),
            TestData::serverObservation(QStringLiteral("o3"), QStringLiteral("e3"), now.addDays(-10),
                                        {{QStringLiteral("welcome"), 1}}),
            // Out of the 90-day window: counts nowhere.
            TestData::serverObservation(QStringLiteral("o4"), QStringLiteral("e5"), now.addDays(-120),
                                        {{QStringLiteral("discovery"), 4}}),
        };
        ActivityRecord oneToOne;
        oneToOne.id = QStringLiteral("a1");
        oneToOne.kind = ActivityKind::OneToOne;
        oneToOne.occurredAt = now.addDays(-5);
        oneToOne.participantIds = {QStringLiteral("e4")};
        page.activities = {oneToOne};
        REQUIRE(store.cache().applyPullPage(page, &error));
        dashboard.setStore(&store);
    }
};

int rowOf(QAbstractItemModel *model, int role, const QString &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->data(model->index(row, 0), role).toString() == value)
            return row;
    }
    return -1;
}

}  // namespace

TEST_CASE("the dashboard opens on the manager's store with the shared indicator figures")
{
    Fixture f;
    QAbstractItemModelTester dimensionsTester(f.dashboard.dimensions(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester dueTester(f.dashboard.due(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    CHECK(f.dashboard.unitNames().size() == 4);
    CHECK(f.dashboard.unitName() == QStringLiteral("Lille Centre"));
    CHECK(f.dashboard.activeEmployees() == 5);
    CHECK(f.dashboard.assessedEmployees() == 3);
    CHECK(f.dashboard.coverage() == Approx(0.6));
    // Mastered pairs (e1 welcome 4, e2 closing 3) over assessed pairs (e1 welcome, e1 advice, e2 closing, e3 welcome).
    CHECK(f.dashboard.transformationRate() == Approx(0.5));
    // Accompanied in the last 30 days: e1 and e3 (observed), e4 (coached) out of 5.
    CHECK(f.dashboard.deploymentRate() == Approx(0.6));
    CHECK(f.dashboard.accompaniedEmployees() == 3);

    DimensionFiguresModel *dims = f.dashboard.dimensions();
    REQUIRE(dims->rowCount() == 4);
    auto rate = [&](const char *id) {
        return dims->data(dims->index(rowOf(dims, DimensionFiguresModel::DimensionIdRole, QLatin1String(id))),
                          DimensionFiguresModel::MasteryRateRole)
            .toDouble();
    };
    CHECK(rate("welcome") == Approx(0.5));
    CHECK(rate("advice") == Approx(0.0));
    CHECK(rate("closing") == Approx(1.0));
    CHECK(std::isnan(rate("discovery")));  // nobody assessed: undefined, never 0

    // Due: e5 (nothing in 30 days) and e2 (40 days ago), the never-accompanied first.
    DueEmployeeModel *due = f.dashboard.due();
    REQUIRE(due->rowCount() == 2);
    CHECK(due->data(due->index(0), DueEmployeeModel::EmployeeIdRole).toString() == QStringLiteral("e5"));
    CHECK(due->data(due->index(0), DueEmployeeModel::DaysSinceAccompaniedRole).toInt() == 120);
    CHECK(due->data(due->index(1), DueEmployeeModel::EmployeeIdRole).toString() == QStringLiteral("e2"));

    // The learning curve ends today, on today's figures.
    REQUIRE_FALSE(f.dashboard.seriesLabels().isEmpty());
    CHECK(f.dashboard.seriesLabels().size() == f.dashboard.seriesTransformation().size());
    CHECK(f.dashboard.seriesTransformation().constLast() == Approx(0.5));
    CHECK(f.dashboard.seriesDeployment().constLast() == Approx(0.6));
}

TEST_CASE("choosing another unit recomputes over that unit's whole subtree")
{
    Fixture f;
    const int north = int(f.dashboard.unitNames().indexOf(QStringLiteral("  North")));
    REQUIRE(north >= 0);
    f.dashboard.setUnitIndex(north);
    CHECK(f.dashboard.unitName() == QStringLiteral("North"));
    CHECK(f.dashboard.activeEmployees() == 6);  // s1's five and x1 in s2
    CHECK(f.dashboard.coverage() == Approx(3.0 / 6.0));
    CHECK(f.dashboard.transformationRate() == Approx(0.5));
}

TEST_CASE("an empty phone shows undefined rates, not zeros")
{
    QTemporaryDir dir;
    LocalStore store(QDir(dir.path()).filePath(QStringLiteral("floorwalk.sqlite")));
    QString error;
    REQUIRE(store.open(&error));
    TeamDashboard dashboard;
    dashboard.setStore(&store);
    CHECK(std::isnan(dashboard.transformationRate()));
    CHECK(std::isnan(dashboard.deploymentRate()));
    CHECK(dashboard.activeEmployees() == 0);
}
