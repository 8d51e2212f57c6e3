#include "employeelistmodel.h"
#include "localstore.h"
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
    EmployeeListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Fatal};

    Fixture()
    {
        QString error;
        REQUIRE(store.open(&error));
        REQUIRE(TestData::seed(store));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        PullPage page;
        page.cursor = QStringLiteral("c");
        page.observations = {
            TestData::serverObservation(QStringLiteral("o-e1"), QStringLiteral("e1"), now.addDays(-3),
                                        {{QStringLiteral("welcome"), 4}, {QStringLiteral("advice"), 2}}),
            // Within the 90-day window but not within the 30 days that make someone "due".
            TestData::serverObservation(QStringLiteral("o-e2"), QStringLiteral("e2"), now.addDays(-40),
                                        {{QStringLiteral("closing"), 3}}),
        };
        ActivityRecord briefing;
        briefing.id = QStringLiteral("a-1");
        briefing.kind = ActivityKind::TeamBriefing;
        briefing.occurredAt = now.addDays(-5);
        briefing.participantIds = {QStringLiteral("e3")};
        page.activities = {briefing};
        REQUIRE(store.cache().applyPullPage(page, &error));
        model.setStore(&store);
    }

    QVariant value(const QString &employeeId, EmployeeListModel::Role role)
    {
        const int row = model.rowOf(employeeId);
        REQUIRE(row >= 0);
        return model.data(model.index(row), role);
    }
};

}  // namespace

TEST_CASE("home lists the active employees by team and name")
{
    Fixture f;
    REQUIRE(f.model.count() == 6);  // e6 is inactive
    QStringList names;
    QStringList teams;
    for (int row = 0; row < f.model.rowCount(); ++row) {
        names.append(f.model.data(f.model.index(row), EmployeeListModel::NameRole).toString());
        teams.append(f.model.data(f.model.index(row), EmployeeListModel::TeamRole).toString());
    }
    CHECK(names == QStringList{QStringLiteral("Éric Martin"), QStringLiteral("Hélène Dubois"),
                               QStringLiteral("Julie Petit"), QStringLiteral("Karim Haddad"),
                               QStringLiteral("Sophie Bernard"), QStringLiteral("Paul Girard")});
    CHECK(teams.constFirst() == QStringLiteral("Lille Centre"));
    CHECK(teams.constLast() == QStringLiteral("Rouen Gros-Horloge"));
    CHECK(f.model.dimensionNames().size() == 4);
    CHECK(f.model.masteryThreshold() == 3);
    CHECK(f.model.roleNames().value(EmployeeListModel::LevelsRole) == QByteArray("levels"));
}

TEST_CASE("each row carries its mastery marks, last observation and due flag")
{
    Fixture f;
    CHECK(f.value(QStringLiteral("e1"), EmployeeListModel::LevelsRole).value<QList<int>>() == QList<int>{4, 0, 2, 0});
    CHECK(f.value(QStringLiteral("e2"), EmployeeListModel::LevelsRole).value<QList<int>>() == QList<int>{0, 0, 0, 3});
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::LevelsRole).value<QList<int>>() == QList<int>{0, 0, 0, 0});
    CHECK_FALSE(f.value(QStringLiteral("e1"), EmployeeListModel::DueRole).toBool());
    CHECK(f.value(QStringLiteral("e2"), EmployeeListModel::DueRole).toBool());   // 40 days ago
    CHECK_FALSE(f.value(QStringLiteral("e3"), EmployeeListModel::DueRole).toBool());  // coached 5 days ago
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::DueRole).toBool());   // never
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::DaysSinceAccompaniedRole).toInt() == -1);
    CHECK(f.value(QStringLiteral("e2"), EmployeeListModel::DaysSinceAccompaniedRole).toInt() == 40);
    CHECK(f.value(QStringLiteral("e1"), EmployeeListModel::LastObservedAtRole).toDateTime().isValid());
    CHECK_FALSE(f.value(QStringLiteral("e4"), EmployeeListModel::LastObservedAtRole).toDateTime().isValid());
    CHECK(f.value(QStringLiteral("e1"), EmployeeListModel::InitialsRole).toString() == QStringLiteral("HD"));
    CHECK(f.model.dueCount() == 4);  // e2, e4, e5, x1
}

TEST_CASE("searching by name ignores accents and case, and due-only narrows further")
{
    Fixture f;
    f.model.setFilterText(QStringLiteral("hel"));
    REQUIRE(f.model.count() == 1);
    CHECK(f.model.employeeIdAt(0) == QStringLiteral("e1"));
    f.model.setFilterText(QStringLiteral("ERIC"));
    REQUIRE(f.model.count() == 1);
    CHECK(f.model.employeeIdAt(0) == QStringLiteral("e2"));
    f.model.setFilterText(QStringLiteral("zzz"));
    CHECK(f.model.count() == 0);
    CHECK(f.model.totalCount() == 6);
    f.model.setFilterText(QString());
    f.model.setDueOnly(true);
    CHECK(f.model.count() == 4);
    CHECK(f.model.rowOf(QStringLiteral("e1")) == -1);
}

TEST_CASE("a local save shows at once: pending, observed today, no longer due")
{
    Fixture f;
    QString error;
    REQUIRE(f.store.outbox().saveObservation(makeObservation(QStringLiteral("e4"), 3, 0), &error));
    TestWait::settle();
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::PendingCountRole).toInt() == 1);
    CHECK_FALSE(f.value(QStringLiteral("e4"), EmployeeListModel::DueRole).toBool());
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::LevelsRole).value<QList<int>>() == QList<int>{3, 0, 0, 0});
    CHECK(f.value(QStringLiteral("e4"), EmployeeListModel::DaysSinceAccompaniedRole).toInt() == 0);
    CHECK(f.model.dueCount() == 3);
}
